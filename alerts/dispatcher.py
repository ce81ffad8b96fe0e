"""The dispatcher: sends each due alert to its target, one target at a time, and records the outcome.

Each target is sent separately, so a failing target neither holds back nor duplicates the others.
Sending happens outside any database transaction; the outcome is recorded right after. A failure
met with one alert (a target refusing it, a template, a bug) is recorded on that alert and the
pass goes on; only the database being unwritable stops a pass.

An alert whose changes no longer exist (a late, earlier quarter or a replaced call recomputed
them before it was delivered) reports the call's current changes, routed again; with none for
its target it is retired with the reason.
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
from alerts.message import Message, compose, compose_daily
from alerts.schedule import DAILY_DIGEST, QUIET_HOURS
from alerts.severity import rank
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
    status: str  # sent | pending (will retry) | failed (gave up) | retired (nothing left to report)
    error: str | None = None
    also: tuple[int, ...] = ()  # the other alerts of the same message (a daily digest)
    daily: bool = False

    @property
    def alerts(self) -> str:
        """"alert 3", or "daily digest (alerts 3, 4)"."""
        if not self.daily:
            return f"alert {self.alert_id}"
        ids = (self.alert_id, *self.also)
        return f"daily digest (alert{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))})"


def digest(db: Any, alert: dict[str, Any], target: Target, *, templates_dir: Path | None) -> Message:
    """An alert's digest for its target."""
    return compose(db, call_id=alert["call_id"], change_ids=json.loads(alert["change_ids"]), target=target,
                   templates_dir=templates_dir, alert_id=alert.get("id"),
                   correction=alert.get("purpose") == outbox.CORRECTION)


# The call's current changes (figures decoded) -> the change ids each target id receives.
Reroute = Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, list[int]]]
RECOMPUTED = ("its changes were recomputed before it was delivered (an earlier quarter arrived late, or the "
              "call was replaced) and none of the current ones is for this target: nothing to send")


def refresh(store: StoreLike, alert: dict[str, Any], *, reroute: Reroute | None) -> dict[str, Any] | None:
    """The alert, pointed at its call's current changes if its own are gone, less what another alert of
    the call already delivered to its target; None when it was retired."""
    db = store.db
    change_ids = json.loads(alert["change_ids"])
    # Recomputed changes are stored not alerted, and may reuse the ids of those they replaced.
    present = db.execute(f"SELECT count(*) FROM changes WHERE call_id = ? AND alerted = 1 AND id IN "
                         f"({','.join('?' * len(change_ids))})", [alert["call_id"], *change_ids]).fetchone()[0]
    current = [{**row, "figures": json.loads(row["figures"] or "{}")}
               for row in db.query("SELECT * FROM changes WHERE call_id = ? ORDER BY id", [alert["call_id"]])]
    if present == len(change_ids) > 0:
        ids = change_ids
    else:
        call = next(db.query("SELECT * FROM calls WHERE id = ?", [alert["call_id"]]))
        ids = (reroute(call, current) if reroute and current else {}).get(alert["target"], [])
    chosen = [change for change in current if change["id"] in ids]
    if alert.get("purpose") == outbox.CORRECTION:  # a follow-up keeps reporting only what is new
        chosen = outbox.news(chosen, outbox.told(db, call_id=alert["call_id"], target=alert["target"]))
    else:  # a first digest sent late (it failed, then `alerts retry`): not what a follow-up delivered since
        sent = outbox.delivered(db, call_id=alert["call_id"], target=alert["target"], besides=alert["id"])
        chosen = [change for change in chosen if tuple(outbox.fingerprint(change)) not in sent]
    if sorted(change["id"] for change in chosen) == sorted(change_ids):
        return alert
    ids = [change["id"] for change in chosen]
    with store.write():
        if ids:
            outbox.repoint(db, alert["id"], changes=chosen)
        else:
            outbox.retire(db, alert["id"], reason=RECOMPUTED)
    if not ids:
        log.warning("alert %s to %s retired: %s", alert["id"], alert["target_label"], RECOMPUTED)
        return None
    log.info("alert %s to %s now reports its call's current changes %s", alert["id"], alert["target_label"], ids)
    return {**alert, "change_ids": json.dumps(ids)}


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


def batches(due: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Due alerts as messages: one alert each, but a target's daily digest (the alerts held for the
    same `daily_at`) is one message."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for alert in due:
        daily = alert.get("held_for") == DAILY_DIGEST
        groups.setdefault((alert["target"], alert["held_until"]) if daily else ("alert", alert["id"]), []).append(alert)
    return list(groups.values())


def dispatch(store: StoreLike, targets: list[Target], *, now: Callable[[], dt.datetime], max_attempts: int,
             backoff_seconds: float, journal: Journal, templates_dir: Path | None = None,
             sender: Callable[..., None] = send, reroute: Reroute | None = None) -> list[Delivery]:
    """Send every alert that is due; returns one `Delivery` per message tried (a daily digest is one).

    Args:
        reroute: routes a call's current changes to targets, for alerts whose changes were
            recomputed; without it such alerts are retired.
    """
    if recovered := reconcile(store, journal, now=now()):
        log.info("%d alert(s) were delivered before a crash; marked sent, not sent again", recovered)
    by_id = {target.id: target for target in targets}
    deliveries = []
    for batch in batches(outbox.due(store.db, now=now())):
        current = []
        for alert in batch:
            if _quiet(store, alert, by_id.get(alert["target"]), now=now()):
                continue
            if (refreshed := refresh(store, alert, reroute=reroute)) is None:
                deliveries.append(Delivery(alert["id"], alert["target_label"], outbox.RETIRED, RECOMPUTED))
            else:
                current.append(refreshed)
        if current:
            deliveries.append(_deliver(store, current, by_id.get(current[0]["target"]), now=now,
                                       max_attempts=max_attempts, backoff_seconds=backoff_seconds, journal=journal,
                                       templates_dir=templates_dir, sender=sender))
    return deliveries


def _quiet(store: StoreLike, alert: dict[str, Any], target: Target | None, *, now: dt.datetime) -> bool:
    """Hold an alert that came due (a retry after a failure, say) inside its target's quiet hours, as
    `outbox.offer` holds a new one; True when it now waits. A daily digest keeps its own time."""
    if target is None or alert.get("held_for") == DAILY_DIGEST:
        return False
    severities = [item[4] for item in json.loads(alert.get("reported") or "[]")] or ["info"]
    until, why = target.schedule.hold(max(severities, key=rank), now)
    if why != QUIET_HOURS or until is None:
        return False
    with store.write():
        outbox.hold(store.db, alert["id"], until=until, why=why)
    log.info("alert %s to %s held for quiet hours until %s", alert["id"], alert["target_label"], outbox.stamp(until))
    return True


def _deliver(store: StoreLike, alerts: list[dict[str, Any]], target: Target | None, *, now: Callable[[], dt.datetime],
             max_attempts: int, backoff_seconds: float, journal: Journal, templates_dir: Path | None,
             sender: Callable[..., None]) -> Delivery:
    """Send one message (one alert, or a daily digest's alerts) and record the outcome on each alert."""
    first = alerts[0]
    ids = tuple(alert["id"] for alert in alerts)
    daily = first.get("held_for") == DAILY_DIGEST
    try:
        if target is None:
            raise DeliveryFailed(first["target_label"], "this target is no longer configured")
        if daily:
            day = target.schedule.day_of(outbox.parse(first["held_until"])).isoformat()
            message = compose_daily(store.db, alerts, day=day, target=target, templates_dir=templates_dir)
            key = f"daily-{day}-{first['target']}"
        else:
            message = digest(store.db, first, target, templates_dir=templates_dir)
            key = f"{first['call_id']}-{first['target']}" + (f"-{first['id']}" if first.get("purpose") ==
                                                               outbox.CORRECTION else "")
        sender(target, title=message.title, body=message.body, severity=message.severity, data=message.data,
               key=key)
    except (DeliveryFailed, TemplateError) as error:
        reason = error.reason
    except Exception as error:  # a bug met with this alert: recorded on it, the others go on
        log.exception("internal error while delivering alert %s", first["id"])
        reason = f"internal error ({type(error).__name__}: {error}); please report it"
    else:
        for alert_id in ids:
            journal.record(alert_id)  # first, at once: the database may make us wait for its lock
        with store.write():
            for alert_id in ids:
                outbox.mark_sent(store.db, alert_id, now=now())
        # Callers report each delivery (the service's log, the command line's summary): once.
        return Delivery(first["id"], first["target_label"], outbox.SENT, also=ids[1:], daily=daily)
    with store.write():
        statuses = [outbox.mark_failed(store.db, alert, error=reason, now=now(), max_attempts=max_attempts,
                                       backoff_seconds=backoff_seconds) for alert in alerts]
    return Delivery(first["id"], first["target_label"], statuses[0], reason, also=ids[1:], daily=daily)
