"""One alert as its target gets it: the title and body in the target's format, the severity (which
apprise turns into each service's colour) and, for JSON targets, the data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts import digest as digests
from alerts.payload import payload
from alerts.render import render_digest
from alerts.targets import Target


@dataclass(frozen=True)
class Message:
    """What `alerts.delivery.send` hands to apprise for one target."""

    title: str
    body: str
    severity: str  # critical | notable | info
    data: Mapping[str, Any] | None = None  # JSON targets only: the `callwatch` object (docs/alerts.md)


def compose(db: Any, *, call_id: int, change_ids: Sequence[int], target: Target, templates_dir: Path | None,
            alert_id: int | None = None) -> Message:
    """The message of a call's changes for one target.

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    found = digests.load(db, call_id=call_id, change_ids=change_ids, alert_id=alert_id)
    title, body = render_digest(found, body_format=target.body_format, templates_dir=templates_dir)
    return Message(title, body, found.severity, payload(found) if target.takes_data else None)
