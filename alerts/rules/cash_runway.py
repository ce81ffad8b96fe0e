"""Changes of `cash_runway` items: the horizon shortened (critical) or extended (notable), by whole
months between the normalised horizons; routing's `runway_within_months` reads its end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from alerts.rules.base import Outcome, Rules, item_new
from handlers.extractors.horizons import months_between
from handlers.extractors.kinds.cash_runway import NAME


def appeared(new: Mapping[str, Any], name: str) -> Outcome:
    rule, summary, _ = item_new(new, name)
    return rule, summary, ({"runway_end": new["date_end"]} if new.get("date_end") else {})


def changed(old: Mapping[str, Any], new: Mapping[str, Any], name: str) -> Outcome:
    if not old.get("date_end") or not new.get("date_end"):
        return None, "", {}
    months = months_between(dt.date.fromisoformat(old["date_end"]), dt.date.fromisoformat(new["date_end"]))
    if months == 0:
        return None, "", {}  # the same horizon, however it was worded
    verb = "extended" if months > 0 else "shortened"
    return f"runway_{verb}", f"{name} {verb} by {abs(months)} months: {new['text_value']} (was: {old['text_value']})", \
        {"months": months, "runway_end": new["date_end"]}


RULES = Rules(NAME, name=lambda item: "Cash runway", appeared=appeared, changed=changed,
              severities={"runway_shortened": "critical", "runway_extended": "notable"},
              thresholds=("runway_within_months",))
