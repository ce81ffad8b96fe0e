"""The dispatcher: sends each due alert to its target, one target at a time, and records the outcome.

Each target is sent separately, so a failing target neither holds back nor duplicates the others.
Sending happens outside any database transaction; the outcome is recorded right after.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from alerts import outbox
from alerts.delivery import send
from alerts.errors import DeliveryFailed, TemplateError
from alerts.journal import Journal
from alerts.message import Message, compose
from alerts.targets import Target

log = logging.getLogger(__name__)


class StoreLike(Protocol):
    db: Any

    def write(self) -> Any: ...


@dataclass(frozen=True)
class Delivery:
    """What happened to one alert."""

    alert_id: int
    target: str  # the label, never the URL
    status: str  # sent | pending (will retry) | failed (gave up)
    error: str | None = None


def digest(db: Any, alert: dict[str, Any], target: Target, *, templates_dir: Path | None) -> Message:
    """An alert's digest for its target."""
    return compose(db, call_id=alert["call_id"], change_ids=json.loads(alert["change_ids"]), target=target,
                   templates_dir=templates_dir, alert_id=alert.get("id"))


def reconcile(store: StoreLike, journal: Journal, *, now: dt.datetime) -> int:
    """Mark sent every alert the journal says was delivered; returns how many were still pending."""
    delivered = journal.delivered()
    if not delivered:
        return 0
    with store.write():
        pending = [row["id"] for row in store.db.query(
            f"SELECT id FROM alerts WHERE status != 'sent' AND id IN ({','.join('?' * len(delivered))})",
            sorted(delivered))]
        for alert_id in pending:
            outbox.mark_sent(store.db, alert_id, now=now)
    journal.clear()
    return len(pending)


def dispatch(store: StoreLike, targets: list[Target], *, now: Callable[[], dt.datetime], max_attempts: int,
             backoff_seconds: float, journal: Journal, templates_dir: Path | None = None,
             sender: Callable[..., None] = send) -> list[Delivery]:
    """Send every alert that is due; returns one `Delivery` per alert tried."""
    if recovered := reconcile(store, journal, now=now()):
        log.info("%d alert(s) were delivered before a crash; marked sent, not sent again", recovered)
    by_id = {target.id: target for target in targets}
    deliveries = []
    for alert in outbox.due(store.db, now=now()):
        target = by_id.get(alert["target"])
        try:
            if target is None:
                raise DeliveryFailed(alert["target_label"], "this target is no longer configured")
            message = digest(store.db, alert, target, templates_dir=templates_dir)
            sender(target, title=message.title, body=message.body, severity=message.severity, data=message.data,
                   key=f"{alert['call_id']}-{alert['target']}")
        except (DeliveryFailed, TemplateError) as error:
            reason = error.reason
            with store.write():
                status = outbox.mark_failed(store.db, alert, error=reason, now=now(), max_attempts=max_attempts,
                                            backoff_seconds=backoff_seconds)
            # Callers report each delivery (the service's log, the command line's summary): once.
            deliveries.append(Delivery(alert["id"], alert["target_label"], status, reason))
            continue
        journal.record(alert["id"])  # first, at once: the database may make us wait for its lock
        with store.write():
            outbox.mark_sent(store.db, alert["id"], now=now())
        deliveries.append(Delivery(alert["id"], alert["target_label"], outbox.SENT))
    return deliveries
