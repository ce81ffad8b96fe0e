"""The durable outbox: one `alerts` row per call and target, written with the changes it reports.

A row is `pending` until its target accepts it (`sent`), or until `max_attempts` failures
(`failed`); between attempts it waits with exponential backoff. A row whose changes were
recomputed, with none left for its target, is `retired` (never sent; `last_error` says why). Rows survive restarts, so a
dispatcher that starts again picks up where the last one stopped, and a target that accepted a
digest is never sent it again.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

PENDING, SENT, FAILED, RETIRED = "pending", "sent", "failed", "retired"
MAX_BACKOFF_SECONDS = 3600.0


def stamp(moment: dt.datetime) -> str:
    """`moment` as stored in the database: ISO 8601 UTC to the second, e.g. 2026-11-24T05:57:21Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def enqueue(db: Database, *, call_id: int, target: str, label: str, change_ids: list[int], now: dt.datetime) -> None:
    """Add a pending alert for this call and target.

    If one exists and is still pending (the call's content was replaced before delivery), it
    reports the new changes; one already sent or given up on is left alone: never sent twice.
    """
    db.execute(
        "INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (call_id, target) DO UPDATE SET change_ids = excluded.change_ids WHERE status = 'pending'",
        [call_id, target, label, json.dumps(change_ids), PENDING, stamp(now), stamp(now)],
    )


def due(db: Database, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Pending alerts whose time has come, oldest first."""
    return list(db.query("SELECT * FROM alerts WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id",
                         [PENDING, stamp(now)]))


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


def repoint(db: Database, alert_id: int, *, change_ids: list[int]) -> None:
    """Make a pending alert report these changes (its own were recomputed), which are now alerted."""
    db.execute("UPDATE alerts SET change_ids = ? WHERE id = ? AND status = 'pending'",
               [json.dumps(change_ids), alert_id])
    db.execute(f"UPDATE changes SET alerted = 1 WHERE id IN ({','.join('?' * len(change_ids))})", change_ids)


def retire(db: Database, alert_id: int, *, reason: str) -> None:
    """Give up on an alert for good: there is nothing left for it to report."""
    db.execute("UPDATE alerts SET status = ?, last_error = ? WHERE id = ?", [RETIRED, reason, alert_id])


def retry(db: Database, *, now: dt.datetime, alert_ids: list[int] | None = None) -> int:
    """Make failed (or waiting) alerts due now, attempts reset; returns how many."""
    where = "status IN ('failed', 'pending')" + (f" AND id IN ({','.join('?' * len(alert_ids))})" if alert_ids else "")
    cursor = db.execute(f"UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE {where}",
                        [stamp(now), *(alert_ids or [])])
    return cursor.rowcount
