"""The diff engine: what changed between a company's call and its previous one, kind by kind.

Pure functions over stored key items (rows as dicts). Items of a kind written as a table are
matched by the kind's identity (the one deduplication uses) and read by the kind's rules
(`alerts/rules/<kind>.py`); the other kinds by kind and normalised subject (plus filing type).
Each difference is a `Change` with a rule name, a severity, a one-line summary, and the before and
after evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from alerts.filing_changes import KIND as FILING
from alerts.filing_changes import filing_changes
from alerts.rules import RULES
from alerts.rules.base import Rules
from alerts.rules.wording import describe as _describe
from alerts.rules.wording import money as _money
from alerts.rules.wording import said as _said
from alerts.severity import CASH_MOVE_PCT, severity_of
from alerts.trial_changes import readout_changes
from handlers.extractors.horizons import months_between
from handlers.extractors.model import REPORTABLE_CONFIDENCE
from handlers.extractors.ranks import status_rank
from handlers.extractors.registry import identity

NEW, REMOVED, CHANGED = "new", "removed", "changed"
# Kinds where saying nothing this quarter is itself news (guidance that disappeared).
_SILENCE_MEANS_SOMETHING = {"regulatory_filing"}
# Kinds compared at all; financial metrics change every quarter and are left to queries.
COMPARED_KINDS = (*RULES, "regulatory_filing", "trial_status", "partnership", "financing")


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
    for rule, summary, figures, old, new in readout_changes(previous, current):
        changes.append(Change(new["kind"], new["subject"], NEW if old is None else CHANGED, rule,
                              severity_of(rule, overrides), summary, old, new, figures))
    for key in sorted(set(before) | set(after), key=lambda k: tuple(map(str, k))):
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
        key = identity(item) if item["kind"] in RULES else (
            item["kind"], item["subject"], attributes.get("filing_type") if item["kind"] == "regulatory_filing" else
            item["status"] if item["kind"] == "financing" else None)
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
    rules = RULES.get(item["kind"]) or _LEGACY[item["kind"]]
    name = rules.name({**item, "attributes": _attributes(spelled)})
    if old is not None and new is not None:
        return rules.changed(old, new, name)
    if new is not None:
        return rules.appeared(new, name)
    silence = item["kind"] in _SILENCE_MEANS_SOMETHING
    return (f"{item['kind']}_not_repeated" if silence else "item_removed",
            f"{name}: not mentioned this quarter (was: {_describe(old)})", {})


def _name(item: Mapping[str, Any]) -> str:
    """How a summary names an item of a kind without rules of its own: "TALGlobin01 IND"."""
    kind = item["kind"]
    attributes = _attributes(item)
    subject = attributes.get("as_said") or item["subject"]  # "TALGlobin01", as the call spelled it
    if kind == "regulatory_filing":
        return f"{subject} {attributes.get('filing_type', 'filing')}"
    readable = kind.replace("_", " ")
    return f"{subject} {readable}" if subject else readable


def _appeared(new: dict, name: str) -> tuple[str, str, dict]:
    kind, status = new["kind"], new.get("status")
    if kind == "regulatory_filing":
        rule = f"filing_{status}" if status in ("submitted", "accepted", "approved", "delayed",
                                                "guidance_withdrawn") else "filing_new_plan"
        timing = f" ({new['text_value']})" if new.get("text_value") else ""
        return rule, f"{name}: {status.replace('_', ' ')}{timing}", {}
    if kind == "partnership" and status in ("new", "ended"):
        ended = status == "ended"
        if not new.get("counterparty") and ended:  # "terminated partnerships": the call names no partner
            return "partnership_ended", f"Partnerships ended, no partner named: {new['subject'].lower()}", {}
        if not new.get("counterparty"):  # "a new alliance to launch Sevoflurane": named by its product
            return "partnership_new", f"Partnership for {new['subject']} announced, no partner named", {}
        return ("partnership_new" if not ended else "partnership_ended",
                f"Partnership with {new.get('counterparty') or new['subject']} {'ended' if ended else 'announced'}", {})
    if kind == "partnership":  # an expanded or ongoing deal first heard of: news, but not a new deal
        return "item_new", f"Partnership with {new.get('counterparty') or new['subject']}: {_said(status)}", {}
    if kind == "trial_status" and status in _TRIAL_ENDED:
        return "trial_paused", f"{name} {status}", {}
    return "item_new", f"{name}: {_describe(new)}", {}


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


# A program paused or ended by the company: one critical rule for both (the gold's `trial_paused`).
_TRIAL_ENDED = ("paused", "stopped")


def _status_change(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("status") == new.get("status"):
        return None, "", {}
    rule = "trial_paused" if new.get("status") in _TRIAL_ENDED and new["kind"] == "trial_status" else "status_changed"
    if new["kind"] == "partnership" and new.get("status") == "ended":
        rule = "partnership_ended"
    elif new["kind"] == "partnership" and new.get("status") == "new" and old.get("status") == "ongoing":
        rule = "partnership_new"  # a new deal with a partner the company already had: news all the same
    return rule, f"{name}: {_said(new.get('status'))} (was: {_said(old.get('status'))})", {}


def _amount_change(old: dict, new: dict, name: str) -> tuple[str | None, str, dict]:
    if old.get("amount") == new.get("amount"):
        return None, "", {}
    return "amount_changed", f"{name}: {_money_said(new)} (was: {_money_said(old)})", {}


def _money_said(item: Mapping[str, Any]) -> str:
    return _money(item) or "amount not said"  # a financing said without its figure


_RULES = {
    "regulatory_filing": _filing,
    "trial_status": _status_change,
    "partnership": _status_change,
    "financing": _amount_change,
}
# The kinds not written as tables yet, read by the differ as `Rules` like the others (`alerts/rules/`):
# their rules stay above (and in `filing_changes.py`) until they move.
_LEGACY = {kind: Rules(kind, name=_name, appeared=_appeared, changed=changed) for kind, changed in _RULES.items()}
