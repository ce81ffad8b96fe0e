"""Changes of `cash_runway` items: the horizon shortened (critical) or extended (notable), by whole
months between the normalised horizons; an open horizon ("for the foreseeable future", "funded to
profitability") that now has an end, or the reverse (notable: how many months that is, the call does
not say); routing's `runway_within_months` reads its end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from alerts.rules.base import Outcome, Rules, attributes, item_new
from handlers.extractors.horizons import months_between
from handlers.extractors.kinds.cash_runway import NAME


def appeared(new: Mapping[str, Any], name: str) -> Outcome:
    rule, summary, _ = item_new(new, name)
    return rule, summary, ({"runway_end": new["date_end"]} if new.get("date_end") else {})


def changed(old: Mapping[str, Any], new: Mapping[str, Any], name: str) -> Outcome:
    if _open(old) and new.get("date_end"):  # "for the foreseeable future", now "into 2026"
        return "runway_dated", f"{name} now has an end: {new['text_value']} (was: {old['text_value']})", \
            {"runway_end": new["date_end"]}
    if _open(new) and old.get("date_end"):
        return "runway_open", f"{name} now open-ended: {new['text_value']} (was: {old['text_value']})", {}
    if not old.get("date_end") or not new.get("date_end"):
        return None, "", {}
    months = months_between(dt.date.fromisoformat(old["date_end"]), dt.date.fromisoformat(new["date_end"]))
    if months == 0:
        return None, "", {}  # the same horizon, however it was worded
    verb = "extended" if months > 0 else "shortened"
    return f"runway_{verb}", f"{name} {verb} by {abs(months)} months: {new['text_value']} (was: {old['text_value']})", \
        {"months": months, "runway_end": new["date_end"]}


def _open(item: Mapping[str, Any]) -> bool:
    return not item.get("date_end") and bool(attributes(item).get("open"))


RULES = Rules(NAME, name=lambda item: "Cash runway", appeared=appeared, changed=changed,
              severities={"runway_shortened": "critical", "runway_extended": "notable", "runway_dated": "notable",
                          "runway_open": "notable"},
              thresholds=("runway_within_months",))
