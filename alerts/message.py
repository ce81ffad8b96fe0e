"""One alert as its target gets it: the title and body in the target's format, the severity (which
apprise turns into each service's colour) and, for JSON targets, the data."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts import digest as digests
from alerts import outbox
from alerts.payload import daily_payload, payload
from alerts.render import render_daily, render_digest
from alerts.severity import rank
from alerts.targets import Target


@dataclass(frozen=True)
class Message:
    """What `alerts.delivery.send` hands to apprise for one target."""

    title: str
    body: str
    severity: str  # critical | notable | info
    data: Mapping[str, Any] | None = None  # JSON targets only: the `callwatch` object (docs/alerts.md)


def compose(db: Any, *, call_id: int, change_ids: Sequence[int], target: Target, templates_dir: Path | None,
            alert_id: int | None = None, correction: bool = False) -> Message:
    """The message of a call's changes for one target (with `correction`, a corrected transcript's follow-up).

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    found = digests.load(db, call_id=call_id, change_ids=change_ids, alert_id=alert_id, correction=correction)
    title, body = render_digest(found, body_format=target.body_format, templates_dir=templates_dir)
    return Message(title, body, found.severity, payload(found) if target.takes_data else None)


def compose_daily(db: Any, alerts: Sequence[Mapping[str, Any]], *, day: str, target: Target,
                  templates_dir: Path | None) -> Message:
    """One message for a day's alerts (`alerts` rows) to a target with a daily digest, oldest call first.

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    found = [digests.load(db, call_id=alert["call_id"], change_ids=json.loads(alert["change_ids"]),
                          alert_id=alert["id"], correction=alert.get("purpose") == outbox.CORRECTION)
             for alert in alerts]
    title, body = render_daily(found, day=day, body_format=target.body_format, templates_dir=templates_dir)
    top = max((digest.severity for digest in found), key=rank)
    return Message(title, body, top, daily_payload(found, day=day) if target.takes_data else None)
