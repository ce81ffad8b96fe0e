"""Changes of `cash_position` items: cash fell or rose, same scope only (notable when it moved by more
than `alerts.cash_fell_notable_pct`, else info); routing's `cash_drop_pct` reads the move."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alerts.rules.base import Outcome, Rules, attributes, item_new
from alerts.rules.wording import money
from handlers.extractors.kinds.cash_position import NAME


def labelled(label: str):
    """How a summary names a cash item: "Cash", "Cash (excluding Calyxt)"."""
    def name(item: Mapping[str, Any]) -> str:
        subject = attributes(item).get("as_said") or item["subject"]
        return label if subject in (None, "consolidated") else f"{label} ({subject})"
    return name


def moved(old: Mapping[str, Any], new: Mapping[str, Any], name: str, *, since: str = "") -> Outcome:
    """cash_fell / cash_rose by the percentage, same currency; under half a percent is no change."""
    if not old.get("amount") or not new.get("amount") or old.get("currency") != new.get("currency"):
        return None, "", {}
    pct = (new["amount"] - old["amount"]) / old["amount"] * 100
    if abs(pct) < 0.5:
        return None, "", {}
    verb, rule = ("fell", "cash_fell") if pct < 0 else ("rose", "cash_rose")
    return rule, f"{name} {verb} {abs(pct):.1f}% to {money(new)} (from {money(old)}{since})", {"pct": round(pct, 1)}


def appeared(new: Mapping[str, Any], name: str) -> Outcome:
    """A balance the previous call did not state: measured by the earlier balance the call itself
    compares it with, when it names one ("65% higher than $165.5 million as of December 31, 2016")."""
    said = attributes(new)
    if said.get("prior_amount"):
        outcome = moved({"amount": said["prior_amount"], "currency": new.get("currency")}, new, name,
                        since=f" at {said['prior_date']}, as the call compares it")
        if outcome[0]:
            return outcome
    return item_new(new, name)


# A move of `threshold` percent or less (the user's `alerts.cash_fell_notable_pct`) is info.
CASH_MOVES = ("cash_fell", "cash_rose")

RULES = Rules(NAME, name=labelled("Cash"), appeared=appeared, changed=moved,
              severities={"cash_fell": "notable", "cash_rose": "notable"}, by_size=CASH_MOVES,
              thresholds=("cash_drop_pct",))
