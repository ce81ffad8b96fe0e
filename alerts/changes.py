"""The diff engine: what changed between a company's call and its previous one, kind by kind.

Pure functions over stored key items (rows as dicts). Items are matched by kind and normalised
subject (plus filing type); each difference is a `Change` with a rule name, a severity, a one-line
summary, and the before and after evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from alerts.filing_changes import KIND as FILING
from alerts.filing_changes import filing_changes
from alerts.severity import CASH_MOVE_PCT, severity_of
from handlers.extractors.amounts import format_amount
from handlers.extractors.horizons import months_between
from handlers.extractors.model import REPORTABLE_CONFIDENCE
from handlers.extractors.ranks import status_rank

NEW, REMOVED, CHANGED = "new", "removed", "changed"
# Kinds where saying nothing this quarter is itself news (guidance that disappeared).
_SILENCE_MEANS_SOMETHING = {"regulatory_filing"}
# Kinds compared at all; financial metrics change every quarter and are left to queries.
COMPARED_KINDS = ("clinical_hold", "milestone_payment", "cash_position", "cash_runway", "regulatory_filing",
                  "trial_status", "partnership", "financing", "cash_guidance")


@dataclass(frozen=True)
class Change:
    """One difference between two calls of a company."""

    kind: str
    subject: str | None
    change: str  # new | removed | changed
    rule: str  # e.g. cash_fell, hold_placed, filing_guidance_withdrawn
    severity: str  # critical | notable | info
    summary: str
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    figures: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"pct": -15.5, "months": 3}


# A cash move this small (in percent) is info, not notable: cash falls every quarter a biotech
# spends; `alerts.cash_fell_notable_pct` in the config.
CASH_FELL_NOTABLE_PCT = CASH_MOVE_PCT


def compare(previous: list[dict], current: list[dict], *, overrides: Mapping[str, str] | None = None,
            later_text: str | None = None, cash_fell_notable_pct: float = CASH_FELL_NOTABLE_PCT) -> list[Change]:
    """The changes from `previous` call's items to `current` call's items (reportable items only).

    `later_text` is the current call's text: a filing plan not repeated is news only when the call
    names the product nowhere (without it, only when no item names the product). A cash move of
    `cash_fell_notable_pct` percent or less is info, whatever severity its rule has.
    """
    before = _by_identity(previous)
    after = _by_identity(current)
    changes: list[Change] = []
    filings = [[i for i in items if i["kind"] == FILING and i["confidence"] >= REPORTABLE_CONFIDENCE]
               for items in (previous, current)]
    for rule, summary, figures, old, new in filing_changes(*filings, later_text=later_text):
        changes.append(Change(FILING, (new or old)["subject"], NEW if old is None else REMOVED if new is None
                              else CHANGED, rule, severity_of(rule, overrides), summary, old, new, figures))
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], str(k[1]), str(k[2]))):
        old, new = before.get(key), after.get(key)
        rule, summary, figures = _rule(old, new)
        if rule is None:
            continue
        kind = (new or old)["kind"]
        change = NEW if old is None else REMOVED if new is None else CHANGED
        severity = severity_of(rule, overrides, pct=figures.get("pct"), threshold=cash_fell_notable_pct)
        changes.append(Change(kind, (new or old)["subject"], change, rule, severity, summary, old, new, figures))
    return sorted(changes, key=lambda c: (c.kind, str(c.subject)))  # kind by kind, as before filings had their own


def _by_identity(items: list[dict]) -> dict[tuple, dict]:
    found: dict[tuple, dict] = {}
    for item in items:
        if item["kind"] not in COMPARED_KINDS or item["kind"] == FILING or item["confidence"] < REPORTABLE_CONFIDENCE:
            continue
        attributes = _attributes(item)
        key = (item["kind"], item["subject"], attributes.get("filing_type") if item["kind"] == "regulatory_filing" else
               item["status"] if item["kind"] in ("milestone_payment", "financing") else None)
        # Of a subject's statements, the most telling status, whatever order they came in ("enrolling",
        # then "paused": paused); then the most confident; the first among equals.
        kept = found.get(key)
        if kept is None or _rank(item) > _rank(kept):
            found[key] = item
    return found


def _rank(item: Mapping[str, Any]) -> tuple[int, float]:
    return status_rank(item["kind"], item.get("status")), item["confidence"]


def _attributes(item: Mapping[str, Any]) -> dict:
    value = item.get("attributes") or {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def _rule(old: dict | None, new: dict | None) -> tuple[str | None, str, dict]:
    """(rule, summary, figures) for one matched pair; rule None when nothing changed."""
    item = new or old
    assert item is not None
    # Name it as the call spelled it, from whichever statement kept the spelling.
    spelled = next((i for i in (new, old) if i is not None and _attributes(i).get("as_said")), item)
    name = _name({**item, "attributes": _attributes(spelled)})
    handler = _RULES.get(item["kind"])
    if old is not None and new is not None:
        return handler(old, new, name) if handler else (None, "", {})
    if new is not None:
        return _appeared(new, name)
    silence = item["kind"] in _SILENCE_MEANS_SOMETHING
    return (f"{item['kind']}_not_repeated" if silence else "item_removed",
            f"{name}: not mentioned this quarter (was: {_describe(old)})", {})


def _name(item: Mapping[str, Any]) -> str:
    """How a summary names the item: "TALGlobin01 IND", "Cash (excluding Calyxt)", "clinical hold at partner X"."""
    kind = item["kind"]
    attributes = _attributes(item)
    subject = attributes.get("as_said") or item["subject"]  # "TALGlobin01", as the call spelled it
    if kind == "regulatory_filing":
        return f"{subject} {attributes.get('filing_type', 'filing')}"
    if kind in ("cash_position", "cash_guidance"):
        label = "Cash" if kind == "cash_position" else "Cash guidance"
        return label if subject in (None, "consolidated") else f"{label} ({subject})"
    if kind == "cash_runway":
        return "Cash runway"
    if kind == "clinical_hold":
        owner = attributes.get("owner")
        if owner == "partner" and item.get("counterparty"):
            return f"clinical hold at partner {item['counterparty']}"
        return f"{subject or 'unnamed program'} clinical hold"
    readable = kind.replace("_", " ")
    return f"{subject} {readable}" if subject else readable


def _describe(item: Mapping[str, Any] | None) -> str:
    if item is None:
        return "-"
    parts = [p for p in (item.get("status"), item.get("amount_text") or _money(item), item.get("text_value")) if p]
    return ", ".join(parts) or "mentioned"


def _money(item: Mapping[str, Any]) -> str | None:
    return format_amount(item["amount"], item.get("currency")) if item.get("amount") else None


def _appeared(new: dict, name: str) -> tuple[str, str, dict]:
    kind, status = new["kind"], new.get("status")
    if kind == "clinical_hold":
        if status == "lifted":
            return "hold_lifted", f"{name[0].upper() + name[1:]} lifted", {}
        return "hold_placed", f"New {name}" + ("" if status in (None, "placed", "mentioned") else f" ({status})"), {}
    if kind == "regulatory_filing":
        rule = f"filing_{status}" if status in ("submitted", "accepted", "approved", "delayed",
                                                "guidance_withdrawn") else "filing_new_plan"
        timing = f" ({new['text_value']})" if new.get("text_value") else ""
        return rule, f"{name}: {status.replace('_', ' ')}{timing}", {}
    if kind == "milestone_payment":
        rule = "milestone_received" if status in ("received", "earned") else "milestone_news"
        partner = new.get("counterparty") or new["subject"] or "a partner"
        towards = "to" if _attributes(new).get("direction") == "outgoing" else "from"  # money the company pays
        return rule, f"Milestone {status} {towards} {partner}: {_money(new)}", {}
    if kind == "partnership" and status in ("new", "ended"):
        ended = status == "ended"
        if not new.get("counterparty") and ended:  # "terminated partnerships": the call names no partner
            return "partnership_ended", f"Partnerships ended, no partner named: {new['subject'].lower()}", {}
        return ("partnership_new" if not ended else "partnership_ended",
                f"Partnership with {new.get('counterparty') or new['subject']} {'ended' if ended else 'announced'}", {})
    if kind == "partnership":  # an expanded or ongoing deal first heard of: news, but not a new deal
        return "item_new", f"Partnership with {new.get('counterparty') or new['subject']}: {status}", {}
    if kind == "trial_status" and status in _TRIAL_ENDED:
        return "trial_paused", f"{name} {status}", {}
    figures = {"runway_end": new["date_end"]} if kind == "cash_runway" and new.get("date_end") else {}
    return "item_new", f"{name}: {_describe(new)}", figures


def _cash(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if not old.get("amount") or not new.get("amount") or old.get("currency") != new.get("currency"):
        return None, "", {}
    pct = (new["amount"] - old["amount"]) / old["amount"] * 100
    if abs(pct) < 0.5:
        return None, "", {}
    verb, rule = ("fell", "cash_fell") if pct < 0 else ("rose", "cash_rose")
    return rule, f"{name} {verb} {abs(pct):.1f}% to {_money(new)} (from {_money(old)})", {"pct": round(pct, 1)}


def _runway(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if not old.get("date_end") or not new.get("date_end"):
        return None, "", {}
    months = months_between(dt.date.fromisoformat(old["date_end"]), dt.date.fromisoformat(new["date_end"]))
    if months == 0:
        return None, "", {}  # the same horizon, however it was worded
    rule = "runway_extended" if months > 0 else "runway_shortened"
    verb = "extended" if months > 0 else "shortened"
    return rule, (f"{name} {verb} by {abs(months)} months: {new['text_value']} (was: {old['text_value']})"), \
        {"months": months, "runway_end": new["date_end"]}


def _filing(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("status") != new.get("status"):
        status = new["status"]
        rule = f"filing_{status}" if status != "planned" else "filing_new_plan"
        was = old.get("text_value") or old.get("status")
        return rule, f"{name} {status.replace('_', ' ')} (was: {was})", {}
    if old.get("date_end") and new.get("date_end") and old["date_end"] != new["date_end"]:
        months = months_between(dt.date.fromisoformat(old["date_end"]), dt.date.fromisoformat(new["date_end"]))
        rule = "filing_slipped" if months > 0 else "filing_advanced"
        return rule, f"{name} guidance {'slipped' if months > 0 else 'advanced'} to {new['text_value']} " \
                     f"(was: {old['text_value']})", {"months": months}
    return None, "", {}


def _hold(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("status") == new.get("status") or new.get("status") == "mentioned":
        return None, "", {}
    if new["status"] == "lifted":
        return "hold_lifted", f"{name[0].upper() + name[1:]} lifted", {}
    if new["status"] in ("placed", "ongoing") and old.get("status") == "lifted":
        return "hold_placed", f"{name[0].upper() + name[1:]} placed again", {}
    return None, "", {}


# A program paused or ended by the company: one critical rule for both (the gold's `trial_paused`).
_TRIAL_ENDED = ("paused", "stopped")


def _status_change(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("status") == new.get("status"):
        return None, "", {}
    rule = "trial_paused" if new.get("status") in _TRIAL_ENDED and new["kind"] == "trial_status" else "status_changed"
    if new["kind"] == "partnership" and new.get("status") == "ended":
        rule = "partnership_ended"
    return rule, f"{name}: {new.get('status')} (was: {old.get('status')})", {}


def _amount_change(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("amount") == new.get("amount"):
        return None, "", {}
    return "amount_changed", f"{name}: {_money(new)} (was: {_money(old)})", {}


_RULES = {
    "cash_position": _cash,
    "cash_guidance": _cash,
    "cash_runway": _runway,
    "regulatory_filing": _filing,
    "clinical_hold": _hold,
    "trial_status": _status_change,
    "partnership": _status_change,
    "milestone_payment": _amount_change,
    "financing": _amount_change,
}
