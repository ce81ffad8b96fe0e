"""The data a JSON target receives: a versioned, documented object (docs/alerts.md, docs/alerts.schema.json).

Values are the stored ones, exactly: quotes as in `segments.text`, so a consumer can find them;
escaping them for wherever they are shown is the consumer's part (the `message` prose beside them
is already inert, like every digest).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alerts.digest import Digest
from alerts.severity import rank

# Bumped when a field changes meaning or goes away; new fields do not bump it.
PAYLOAD_VERSION = 1
SCHEMA_ID = "https://callwatch.example/schemas/alert-1.json"

_CALL = ("id", "ticker", "company", "fiscal_year", "fiscal_quarter", "period", "call_date", "title", "source_file")
_EVIDENCE = ("item_id", "value", "quote", "speaker", "turn", "show", "source_file", "confidence", "notes")


def payload(digest: Digest) -> dict[str, Any]:
    """The `callwatch` object of a JSON target's POST body."""
    return {
        "payload_version": PAYLOAD_VERSION,
        "alert_id": digest.alert_id,
        "purpose": "correction" if digest.update is not None else "call",
        "update": dict(digest.update) if digest.update is not None else None,
        "severity": digest.severity,
        "call": _call(digest.call),
        "previous_call": _call(digest.previous) if digest.previous else None,
        "changes": [_change(change) for change in digest.changes],
        "info_changes_left_out": digest.info_left_out,
    }


def daily_payload(digests: Sequence[Digest], *, day: str) -> dict[str, Any]:
    """The `callwatch` object of a daily digest: each call's alert as `payload` makes it."""
    return {
        "payload_version": PAYLOAD_VERSION,
        "purpose": "daily",
        "day": day,
        "severity": max((digest.severity for digest in digests), key=rank),
        "alerts": [payload(digest) for digest in digests],
    }


def _call(call: Mapping[str, Any]) -> dict[str, Any]:
    return {key: call.get(key) for key in _CALL}


def _change(change: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": change["id"], "rule": change["rule"], "severity": change["severity"], "kind": change["kind"],
        "subject": change["subject"], "change": change["change"], "summary": change["summary"],
        "figures": dict(change.get("figures") or {}),
        "before": _evidence(change.get("before")), "after": _evidence(change.get("after")),
    }


def _evidence(side: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if side is None else {key: side.get(key) for key in _EVIDENCE}
