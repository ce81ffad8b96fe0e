"""What a digest reports, read from the store: the call, the call it is compared with, and each
change with its evidence on both sides (who said it, their role and firm, the turn, how sure
callwatch is and why), plus how many info changes were left out.

The templates (alerts/render.py) and the JSON payload (alerts/payload.py, docs/alerts.md) both
print this model, so every target reports the same facts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from alerts.severity import rank

# Confidence under this is shown beside the quote; above it the number would only be noise.
SHOW_CONFIDENCE_UNDER = 0.8


@dataclass(frozen=True)
class Digest:
    """One call's digest for one target."""

    call: Mapping[str, Any]  # a `calls` row, plus `period` ("2021Q3") and `source_file` (the file's name)
    previous: Mapping[str, Any] | None  # the same for the call compared with
    changes: Sequence[Mapping[str, Any]]  # `changes` rows, most severe first, each with `before` and `after`
    info_left_out: int = 0  # the call's info changes not in this digest
    alert_id: int | None = None
    # A corrected transcript's follow-up: {"version": 2, "source_file": "..."} of the version now current.
    update: Mapping[str, Any] | None = None
    severity: str = field(init=False)

    def __post_init__(self) -> None:
        top = max((change["severity"] for change in self.changes), key=rank, default="info")
        object.__setattr__(self, "severity", top)


def load(db: Any, *, call_id: int, change_ids: Sequence[int], alert_id: int | None = None,
         correction: bool = False) -> Digest:
    """The digest of these changes of a stored call (with `correction`, a corrected transcript's follow-up)."""
    call = _call(db, call_id)
    ids = list(change_ids)
    rows = list(db.query(f"SELECT * FROM changes WHERE id IN ({','.join('?' * len(ids))})", ids)) if ids else []
    previous_id = rows[0]["previous_call_id"] if rows else None
    previous = _call(db, previous_id) if previous_id else None
    items = _items(db, [row[side] for row in rows for side in ("before_item_id", "after_item_id") if row.get(side)])
    people = {(person["call_id"], person["name"]): person for person in db.query(
        "SELECT * FROM participants WHERE call_id IN (?, ?)", [call_id, previous_id or call_id])}
    changes = []
    for row in rows:
        change = {**row, "figures": json.loads(row["figures"] or "{}") if isinstance(row["figures"], str)
                  else row["figures"]}
        change["before"] = evidence(row, "before", item=items.get(row.get("before_item_id")), call=previous,
                                    people=people, db=db)
        change["after"] = evidence(row, "after", item=items.get(row.get("after_item_id")), call=call,
                                   people=people, db=db)
        changes.append(change)
    left_out = db.execute(
        f"SELECT count(*) FROM changes WHERE call_id = ? AND severity = 'info' AND alerted = 1 "
        f"AND id NOT IN ({','.join('?' * len(ids)) or 'NULL'})", [call_id, *ids]).fetchone()[0]
    return Digest(call, previous, ordered(changes), left_out, alert_id, _update(db, call_id) if correction else None)


def _update(db: Any, call_id: int) -> dict[str, Any]:
    """The version a follow-up reports: its number and file name."""
    row = next(db.query("SELECT version, source_path FROM call_versions WHERE call_id = ? AND current = 1", [call_id]),
               {"version": None, "source_path": None})
    return {"version": row["version"], "source_file": PurePath(row["source_path"]).name if row["source_path"] else None}


def ordered(changes: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Most severe first, then in the order they were found."""
    return sorted(changes, key=lambda change: (-rank(change["severity"]), change["id"]))


def evidence(change: Mapping[str, Any], side: str, *, item: Mapping[str, Any] | None = None,
             call: Mapping[str, Any] | None = None, people: Mapping[tuple, Mapping[str, Any]] | None = None,
             db: Any = None) -> dict[str, Any] | None:
    """One side of a change: the quote, who said it, where, and how sure; None when that side is empty.

    Works from the `changes` row alone (`before_quote`, `before_speaker`) when the key item is not
    known (a change stored before migration 0010, or a test's hand-made row).
    """
    quote = change.get(f"{side}_quote")
    if not quote:
        return None
    name = change.get(f"{side}_speaker")
    turn = item["segment_seq"] if item else None
    speaker = _speaker(db, name, call=call, turn=turn, people=people or {}) if name else None
    confidence = item["confidence"] if item else None
    reference = f"{call['ticker']}:{call['period']}" if call and call.get("ticker") and call.get("period") else None
    return {
        "quote": quote,
        "speaker": speaker,
        "said_by": _label(speaker) if speaker else None,  # "Gena Wang, Barclays, analyst"
        "turn": turn,
        "show": f"callwatch show {reference} --turn {turn}" if reference and turn else None,
        "source_file": call.get("source_file") if call else None,
        "confidence": confidence,
        "low_confidence": confidence is not None and confidence < SHOW_CONFIDENCE_UNDER,
        "notes": item["notes"] if item else None,
        "item_id": item["id"] if item else None,
        "value": _value(item) if item else None,
    }


def _call(db: Any, call_id: int) -> dict[str, Any]:
    call = dict(next(db.query("SELECT * FROM calls WHERE id = ?", [call_id]), {"id": call_id}))
    known = call.get("fiscal_year") and call.get("fiscal_quarter")
    call["period"] = f"{call['fiscal_year']}Q{call['fiscal_quarter']}" if known else None
    call["source_file"] = PurePath(call["source_path"]).name if call.get("source_path") else None
    return call


def _items(db: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    return {row["id"]: row for row in db.query(f"SELECT * FROM key_items WHERE id IN ({','.join('?' * len(ids))})",
                                                 ids)}


def _speaker(db: Any, name: str, *, call: Mapping[str, Any] | None, turn: int | None,
             people: Mapping[tuple, Mapping[str, Any]]) -> dict[str, Any]:
    """Who said it: the role and firm the transcript printed at that turn, else the participants list's."""
    segment = {}
    if db is not None and call and turn:
        segment = next(db.query("SELECT role, affiliation FROM segments WHERE call_id = ? AND seq = ?",
                                [call["id"], turn]), {})
    person = people.get((call["id"], name), {}) if call else {}
    kind = person.get("kind")
    return {"name": name, "role": segment.get("role") or person.get("title"),
            "firm": segment.get("affiliation") or person.get("affiliation"), "kind": kind}


def _label(speaker: Mapping[str, Any]) -> str:
    """"Gena Wang, Barclays, analyst"; "Eric Dutang, Chief Financial Officer".

    For an analyst, "analyst" says more than a title such as "CFA- Manager Director".
    """
    role = "analyst" if speaker["kind"] == "analyst" else speaker["role"]
    return ", ".join(part for part in (speaker["name"], speaker["firm"], role) if part)


def _value(item: Mapping[str, Any]) -> dict[str, Any]:
    """What the item states, as data."""
    attributes = item.get("attributes") or "{}"
    return {
        "status": item.get("status"), "amount": item.get("amount"), "currency": item.get("currency"),
        "amount_text": item.get("amount_text"), "text_value": item.get("text_value"),
        "date_start": item.get("date_start"), "date_end": item.get("date_end"),
        "counterparty": item.get("counterparty"),
        "attributes": json.loads(attributes) if isinstance(attributes, str) else dict(attributes),
    }
