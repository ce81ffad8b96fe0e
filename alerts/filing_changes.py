"""What changed in a company's regulatory filings between two calls, product by product.

Pure functions over stored key items (rows as dicts). A product's items in each call are matched
by product however the calls spell it ("Skyrizi", "SkyRizzy"), not by filing type or place: an
application planned last quarter and approved this quarter is an advance, not a silence and a
new item. Silence is news only for a plan, and only when the later call's text names the product
nowhere; an approval that is not repeated is never an alert.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from handlers.extractors.horizons import months_between
from handlers.extractors.products import same_product
from handlers.extractors.subjects import normalise

KIND = "regulatory_filing"
# Events, in the order a product's changes are reported; each is reported once per product.
_EVENTS = ("rejected", "withdrawn", "guidance_withdrawn", "delayed", "approved", "accepted", "submitted")
_STAGE = {"planned": 1, "submitted": 2, "accepted": 3, "approved": 4}
# A planned or expected date that moves by less than this is the same guidance said another way.
_SLIP_MONTHS = 3

Rule = tuple[str, str, dict, dict | None, dict]  # rule, summary, figures, before, after


def filing_changes(previous: list[dict], current: list[dict], *, later_text: str | None = None) -> list[Rule]:
    """(rule, summary, figures, before item, after item) for each change of the filings' products."""
    before, after = _by_product(previous), _by_product(current)
    rules: list[Rule] = []
    for key, new in after.items():
        old = next((items for seen, items in before.items() if _same(seen, items, key, new)), [])
        rules.extend(_advanced(old, new))
    for key, old in before.items():
        if not any(_same(key, old, seen, new) for seen, new in after.items()):
            rules.extend(_silent(old, later_text))
    return rules


def _names(key: str, items: list[dict]) -> set[str]:
    """A product's key and the other names its call linked to it ("DUPILUMAB" for "DUPIXENT")."""
    return {key, *(alias for item in items for alias in attributes(item).get("aliases") or ())}


def _same(a: str, a_items: list[dict], b: str, b_items: list[dict]) -> bool:
    if same_product(a, b):
        return True
    names = _names(b, b_items)
    return any(same_product(x, y) for x in _names(a, a_items) for y in names if (x, y) != (a, b))


def _by_product(items: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for item in items:
        found.setdefault(item["subject"] or "", []).append(item)
    return found


def attributes(item: Mapping[str, Any]) -> dict:
    value = item.get("attributes") or {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def _name(item: Mapping[str, Any], others: list[dict] = ()) -> str:  # type: ignore[assignment]
    """"TALGlobin01 IND": as the call spelled it (or the earlier call, when this one did not), and its type."""
    said = attributes(item)
    spellings = [s for s in (said.get("as_said"), *(attributes(o).get("as_said") for o in others)) if s]
    # The code as said ("TALGlobin01") before a shorter name for it ("TALGlobin").
    spelled = next((s for s in spellings if normalise(s) == item["subject"]), spellings[0] if spellings else None)
    kind = said.get("filing_type") or next((attributes(o).get("filing_type") for o in others
                                            if attributes(o).get("filing_type")), "filing")
    return f"{spelled or item['subject']} {kind}"


def _was(old: list[dict]) -> str:
    if not old:
        return ""
    best = max(old, key=lambda item: _STAGE.get(item.get("status") or "", 0))
    return f" (was: {best.get('text_value') or best.get('status')})"


def _advanced(old: list[dict], new: list[dict]) -> list[Rule]:
    """The changes of one product named in both calls (or first named in the later one)."""
    rules: list[Rule] = []
    old_statuses = {item.get("status") for item in old}
    old_stage = max((_STAGE.get(s or "", 0) for s in old_statuses), default=0)
    for event in _EVENTS:
        # An event dated before the last call ("was approved in March") is history recalled, and so is an
        # approval in a recap ("These advancements include recent approvals for A, B, C and D").
        hits = [item for item in new if item.get("status") == event and not attributes(item).get("before_last_call")
                and not attributes(item).get("recap")]
        if not hits:
            continue
        if event in _STAGE and _STAGE[event] <= old_stage and not _new_place(event, hits, old) \
                and not _new_supplement(event, hits, old):
            continue  # said again, or a step the product had already passed
        if event not in _STAGE and event in old_statuses:
            continue  # the same setback, said again
        item = hits[0]
        timing = f" ({item['text_value']})" if item.get("text_value") else ""
        rules.append((f"filing_{event}", f"{_name(item, old)} {event.replace('_', ' ')}{timing}{_was(old)}", {},
                      _latest(old), item))
        if event in _STAGE:
            break  # the furthest stage reached says it; lower stages said with it are not news
    if not rules:
        rules.extend(_moved(old, new))
    if not rules and not old and all(item.get("status") == "planned" for item in new):
        item = new[0]
        timing = f" ({item['text_value']})" if item.get("text_value") else ""
        rules.append(("filing_new_plan", f"{_name(item)} planned{timing}", {}, None, item))
    return rules


def _new_place(event: str, hits: list[dict], old: list[dict]) -> bool:
    """Whether `event` now holds in a jurisdiction where it did not before (approved in Japan after the US)."""
    places = {attributes(item).get("jurisdiction") for item in old if item.get("status") == event}
    return bool(places) and any((place := attributes(item).get("jurisdiction")) is not None and place not in places
                                for item in hits)


# A supplemental application (a label update, a new indication) has its own life beside the approved product's.
_SUPPLEMENT_WORDS = ("label", "supplemental", "new indication", "expansion", "expand")


def _supplemental(item: Mapping[str, Any]) -> bool:
    quote = (item.get("quote") or "").lower()
    return attributes(item).get("filing_type") in ("sNDA", "sBLA") or any(word in quote for word in _SUPPLEMENT_WORDS)


def _new_supplement(event: str, hits: list[dict], old: list[dict]) -> bool:
    """Whether `event` advances a supplemental application past where the earlier call left it ("we've
    submitted an update to the label, and the FDA granted priority review" after the approval)."""
    if not any(_supplemental(item) for item in hits):
        return False
    stage = max((_STAGE.get(item.get("status") or "", 0) for item in old
                 if _supplemental(item) or item.get("status") == "planned"), default=0)
    return _STAGE[event] > stage


def _latest(items: list[dict]) -> dict | None:
    return max(items, key=lambda item: _STAGE.get(item.get("status") or "", 0)) if items else None


def _moved(old: list[dict], new: list[dict]) -> list[Rule]:
    """A plan's timing slipped or pulled in; an expected decision (PDUFA) moved, by whole months. Each
    plan is compared with the earlier one of its filing type when the calls say types."""
    for status, later, earlier in (("planned", "filing_slipped", "filing_pulled_in"),
                                   ("accepted", "filing_delayed", "filing_pulled_in"),
                                   ("submitted", "filing_delayed", "filing_pulled_in")):
        pairs = [(was, now) for now in _all_dated(new, status) if (was := _dated(old, status, like=now)) is not None]
        if not pairs:
            continue
        moves = [(months_between(dt.date.fromisoformat(was["date_end"]), dt.date.fromisoformat(now["date_end"])),
                  was, now) for was, now in pairs]
        months, was, now = max(moves, key=lambda move: abs(move[0]))
        if abs(months) < _SLIP_MONTHS:
            return []
        verb = ("slipped" if status == "planned" else "moved later") if months > 0 else "pulled in"
        return [(later if months > 0 else earlier,
                 f"{_name(now, old)} guidance {verb} to {now.get('text_value')} (was: {was.get('text_value')})",
                 {"months": months}, was, now)]
    return []


def _all_dated(items: list[dict], status: str) -> list[dict]:
    return [item for item in items if item.get("status") == status and item.get("date_end")]


def _dated(items: list[dict], status: str, like: dict | None = None) -> dict | None:
    """The first item of `status` with a date; with `like`, one of the same filing type first (an IND
    planned this year and a BLA planned next year are two plans: each moves against its own)."""
    dated = _all_dated(items, status)
    kind = attributes(like).get("filing_type") if like is not None else None
    same = [item for item in dated if kind is not None and attributes(item).get("filing_type") == kind]
    if kind is not None and not same and any(attributes(item).get("filing_type") for item in dated):
        return None  # the earlier plans are of other types: nothing to compare with
    return (same or dated or [None])[0]


def _silent(old: list[dict], later_text: str | None) -> list[Rule]:
    """A product the later call does not speak of: news only for a plan the call names nowhere."""
    if not old or any(item.get("status") != "planned" for item in old):
        return []  # a done event is history; an application under review is not withdrawn by silence
    if later_text is not None and _named_in(old, later_text):
        return []
    item = old[0]
    was = ", ".join(part for part in ("planned", item.get("text_value")) if part)
    return [(f"{KIND}_not_repeated", f"{_name(item, old)}: not mentioned this quarter (was: {was})", {}, item, None)]


def _named_in(items: list[dict], text: str) -> bool:
    """Whether `text` names the product, by any spelling the earlier call used (a plain text search)."""
    lowered = text.lower()
    names: set[str] = set()
    for item in items:
        said = attributes(item).get("as_said")
        names.update(name for name in (said, item.get("subject"), *(attributes(item).get("aliases") or ())) if name)
    folded = _fold(lowered)
    return any(name.lower() in lowered or _fold(name.lower()) in folded for name in names)


def _fold(text: str) -> str:
    """Letters and digits only: "ucart-20x22" and "UCART20x22" are one spelling."""
    keep: Callable[[str], bool] = str.isalnum
    return "".join(filter(keep, text))
