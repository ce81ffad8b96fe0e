"""The durable outbox: one `alerts` row per call and target, written with the changes it reports.

A row is `pending` until its target accepts it (`sent`), or until `max_attempts` failures
(`failed`); between attempts it waits with exponential backoff. A row whose changes were
recomputed, with none left for its target, is `retired` (never sent; `last_error` says why). A
row may be held (`held_until`, `held_for`: the target's quiet hours or daily digest): it is not due
before then. Rows survive restarts, so a dispatcher that starts again picks up where the last one
stopped, a held alert is neither lost nor sent early, and a target that accepted a digest is never
sent it again: a corrected transcript brings a follow-up with only what is new (`purpose`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlite_utils import Database

from alerts.severity import rank
from alerts.targets import Target

PENDING, SENT, FAILED, RETIRED = "pending", "sent", "failed", "retired"
CALL, CORRECTION = "call", "correction"  # `alerts.purpose`: a call's digest, a corrected transcript's follow-up
MAX_BACKOFF_SECONDS = 3600.0


def stamp(moment: dt.datetime) -> str:
    """`moment` as stored in the database: ISO 8601 UTC to the second, e.g. 2026-11-24T05:57:21Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def enqueue(db: Database, *, call_id: int, target: str, label: str, change_ids: list[int], now: dt.datetime) -> None:
    """Add a pending digest of this call for this target, due now (no schedule, nothing reported kept).

    If one exists and is still pending, it reports the new changes; one already sent or given up on
    is left alone: never sent twice. `offer` is what the pipeline uses (schedules, corrections).
    """
    db.execute(
        "INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, target) WHERE purpose = 'call' "
        "DO UPDATE SET change_ids = excluded.change_ids WHERE status = 'pending'",
        [call_id, target, label, json.dumps(change_ids), PENDING, stamp(now), stamp(now)],
    )


def fingerprint(change: Mapping[str, Any]) -> list[Any]:
    """What a change told a reader: its kind, subject, change, rule, severity and summary.

    A corrected transcript's changes are recomputed (new ids); one whose fingerprint the target was
    already sent is not news, one with a new summary or severity is.
    """
    return [change["kind"], change["subject"], change["change"], change["rule"], change["severity"],
            change["summary"]]


def told(db: Database, *, call_id: int, target: str) -> set[tuple]:
    """The fingerprints a target was sent (or given up on: `alerts retry` sends the rest) for this call.

    A retired alert told nothing: it was never sent."""
    rows = db.execute("SELECT reported FROM alerts WHERE call_id = ? AND target = ? AND status IN ('sent', 'failed')",
                      [call_id, target]).fetchall()
    return {tuple(item) for (reported,) in rows for item in json.loads(reported or "[]")}


def delivered(db: Database, *, call_id: int, target: str, besides: int) -> set[tuple]:
    """The fingerprints other alerts of this call already delivered to the target (not `besides`).

    A first digest that failed and is retried after its correction's follow-up went out must not
    tell the follow-up's changes again (see `dispatcher.refresh`)."""
    rows = db.execute("SELECT reported FROM alerts WHERE call_id = ? AND target = ? AND status = 'sent' AND id != ?",
                      [call_id, target, besides]).fetchall()
    return {tuple(item) for (reported,) in rows for item in json.loads(reported or "[]")}


def news(changes: Sequence[Mapping[str, Any]], told: set[tuple]) -> list[Mapping[str, Any]]:
    """The critical and notable changes the target was not told: what a correction's follow-up reports."""
    return [change for change in changes
            if change["severity"] in ("critical", "notable") and tuple(fingerprint(change)) not in told]


def offer_all(db: Database, *, call_id: int, targets: Sequence[Target], routed: Mapping[str, list[int]],
              changes: Mapping[int, Mapping[str, Any]], now: dt.datetime) -> dict[str, tuple[str, list[int]]]:
    """`offer` each target its routed changes; target id -> (what was done, the change ids it will get)."""
    by_id = {target.id: target for target in targets}
    return {target_id: offer(db, call_id=call_id, target=by_id[target_id], changes=[changes[i] for i in ids], now=now)
            for target_id, ids in routed.items()}


def offer(db: Database, *, call_id: int, target: Target, changes: Sequence[Mapping[str, Any]],
          now: dt.datetime) -> tuple[str, list[int]]:
    """Put in the outbox what `target` should get of a call's routed changes (`changes` rows).

    The first time: the call's digest (`purpose` call). After one was sent (or given up on), the
    call was replaced by a corrected transcript: a follow-up (`purpose` correction) with only the
    critical and notable changes the target was not told, or nothing. An alert still pending
    reports the current changes instead. The target's schedule decides `held_until`.

    Returns what was done ("queued", "updated", "follow-up" or "told": nothing new to send) and the
    ids of the changes the target will get.
    """
    rows = list(db.query("SELECT * FROM alerts WHERE call_id = ? AND target = ? ORDER BY id", [call_id, target.id]))
    pending = next((row for row in rows if row["status"] == PENDING), None)
    purpose = CALL
    if any(row["status"] != PENDING for row in rows):
        purpose = CORRECTION
        changes = news(changes, told(db, call_id=call_id, target=target.id))
        if not changes:
            if pending is not None:
                retire(db, pending["id"], reason=TOLD)
            return "told", []
    top = max((change["severity"] for change in changes), key=rank)
    held_until, held_for = target.schedule.hold(top, now)
    ids = json.dumps([change["id"] for change in changes])
    reported = json.dumps([fingerprint(change) for change in changes])
    if pending is not None:
        # Never later than it was already due: a correction does not push a held alert back.
        if held_until is None or pending["held_until"] is None:
            held_until, held_for = None, None
        elif pending["held_until"] < stamp(held_until):
            held_until, held_for = parse(pending["held_until"]), pending["held_for"]
        db.execute("UPDATE alerts SET change_ids = ?, reported = ?, held_until = ?, held_for = ? WHERE id = ?",
                   [ids, reported, stamp(held_until) if held_until else None, held_for, pending["id"]])
        return "updated", [change["id"] for change in changes]
    db.execute("INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, created_at, "
               "purpose, held_until, held_for, reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [call_id, target.id, target.label, ids, PENDING, stamp(now), stamp(now), purpose,
                stamp(held_until) if held_until else None, held_for, reported])
    return ("follow-up" if purpose == CORRECTION else "queued"), [change["id"] for change in changes]


TOLD = "the corrected transcript's changes were all sent to this target before: nothing new to send"


def hold(db: Database, alert_id: int, *, until: dt.datetime, why: str) -> None:
    """Make a pending alert wait until `until` (`why`: the target's quiet hours)."""
    db.execute("UPDATE alerts SET held_until = ?, held_for = ? WHERE id = ? AND status = 'pending'",
               [stamp(until), why, alert_id])


def parse(text: str) -> dt.datetime:
    """A stored timestamp (see `stamp`) as an aware UTC datetime."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def due(db: Database, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Pending alerts whose time has come, oldest first."""
    moment = stamp(now)
    return list(db.query("SELECT * FROM alerts WHERE status = ? AND next_attempt_at <= ? AND "
                         "(held_until IS NULL OR held_until <= ?) ORDER BY next_attempt_at, id",
                         [PENDING, moment, moment]))


def mark_sent(db: Database, alert_id: int, *, now: dt.datetime) -> None:
    db.execute("UPDATE alerts SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
               [SENT, stamp(now), alert_id])


def mark_failed(db: Database, alert: dict[str, Any], *, error: str, now: dt.datetime, max_attempts: int,
                backoff_seconds: float) -> str:
    """Record a failed attempt; the alert stays pending (retried later) until `max_attempts`. Returns the status."""
    attempts = alert["attempts"] + 1
    status = FAILED if attempts >= max_attempts else PENDING
    wait = min(backoff_seconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
    db.execute("UPDATE alerts SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
               [status, attempts, error, stamp(now + dt.timedelta(seconds=wait)), alert["id"]])
    return status


def repoint(db: Database, alert_id: int, *, changes: Sequence[Mapping[str, Any]]) -> None:
    """Make a pending alert report these changes (its own were recomputed), which are now alerted."""
    change_ids = [change["id"] for change in changes]
    db.execute("UPDATE alerts SET change_ids = ?, reported = ? WHERE id = ? AND status = 'pending'",
               [json.dumps(change_ids), json.dumps([fingerprint(change) for change in changes]), alert_id])
    db.execute(f"UPDATE changes SET alerted = 1 WHERE id IN ({','.join('?' * len(change_ids))})", change_ids)


def retire(db: Database, alert_id: int, *, reason: str) -> None:
    """Give up on an alert for good: there is nothing left for it to report."""
    db.execute("UPDATE alerts SET status = ?, last_error = ? WHERE id = ?", [RETIRED, reason, alert_id])


def retry(db: Database, *, now: dt.datetime, alert_ids: list[int] | None = None) -> int:
    """Make failed (or waiting) alerts due now, attempts reset; returns how many.

    An alert held for quiet hours or a daily digest keeps waiting for it: the schedule is the target's.
    """
    where = "status IN ('failed', 'pending')" + (f" AND id IN ({','.join('?' * len(alert_ids))})" if alert_ids else "")
    cursor = db.execute(f"UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE {where}",
                        [stamp(now), *(alert_ids or [])])
    return cursor.rowcount
