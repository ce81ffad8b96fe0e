"""Targets: a stable id and a printable label for each apprise URL, neither revealing the secret."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from alerts.schedule import Schedule, clock_time, quiet_range

# Chat services get Markdown, email gets HTML, the rest plain text.
_MARKDOWN = {"slack", "discord", "msteams", "mattermost", "rocket", "rockets", "matrix", "matrixs", "tgram", "zulip",
             "gchat", "lark", "feishu", "guilded", "revolt"}
_HTML = {"mailto", "mailtos", "email", "ses", "sendgrid", "mailgun", "sparkpost", "smtp2go", "resend", "brevo"}


@dataclass(frozen=True)
class Target:
    """One configured target."""

    id: str  # derived from the URL: stable across restarts and reordering, not reversible
    label: str  # e.g. "mailto #1 (email)" or the configured name
    url: str  # the secret: only ever handed to apprise
    tags: tuple[str, ...]
    schedule: Schedule = field(default_factory=Schedule)  # quiet hours, daily digest: when it takes alerts

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower()

    @property
    def takes_data(self) -> bool:
        """JSON webhooks get the alert as data (docs/alerts.md) beside the prose."""
        return self.scheme in ("json", "jsons")

    @property
    def body_format(self) -> str:
        """markdown, html or text."""
        if self.scheme in _MARKDOWN:
            return "markdown"
        if self.scheme in _HTML:
            return "html"
        return "text"


def label_of(number: int, url: str, *, tags: Sequence[str] = (), name: str | None = None) -> str:
    """How target `number` (from 1, in config order) is shown: its name, else "mailto #1 (email)"."""
    scheme = urlsplit(url).scheme.lower() or "?"
    return name or f"{scheme} #{number}" + (f" ({', '.join(tags)})" if tags else "")


def targets_from(settings_targets) -> list[Target]:
    """Targets from the `[[alerts.targets]]` settings."""
    targets = []
    for number, target in enumerate(settings_targets, start=1):
        url = target.url.get_secret_value()
        tags = tuple(target.tags)
        label = label_of(number, url, tags=tags, name=target.name)
        targets.append(Target("t" + hashlib.sha256(url.encode()).hexdigest()[:12], label, url, tags,
                              schedule_of(target)))
    return targets


def schedule_of(target) -> Schedule:
    """A target setting's schedule (settings made elsewhere, without these keys, get the default)."""
    quiet = getattr(target, "quiet_hours", None)
    return Schedule(zone=ZoneInfo(getattr(target, "timezone", "UTC")), quiet=quiet_range(quiet) if quiet else None,
                    critical_at_once=getattr(target, "critical_at_once", True),
                    cadence=getattr(target, "cadence", "immediate"),
                    daily_at=clock_time(getattr(target, "daily_at", "18:00")))
