"""Changes of `milestone_payment` items: money received or earned (notable); other news (info).

A milestone is one payment (partner and amount, its identity): the same payment received this
quarter that was expected last quarter is `milestone_received`; a new amount is a new milestone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alerts.rules.base import Outcome, Rules, attributes
from alerts.rules.wording import money
from handlers.extractors.kinds.milestone_payment import NAME

_DONE = ("received", "earned")


def name(item: Mapping[str, Any]) -> str:
    subject = attributes(item).get("as_said") or item["subject"]
    return f"{subject} milestone payment" if subject else "milestone payment"


def _summary(item: Mapping[str, Any]) -> str:
    partner = item.get("counterparty") or item["subject"] or "a partner"
    towards = "to" if attributes(item).get("direction") == "outgoing" else "from"  # money the company pays
    return f"Milestone {item.get('status')} {towards} {partner}: {money(item) or 'amount not said'}"


def appeared(new: Mapping[str, Any], name: str) -> Outcome:
    return ("milestone_received" if new.get("status") in _DONE else "milestone_news"), _summary(new), {}


def changed(old: Mapping[str, Any], new: Mapping[str, Any], name: str) -> Outcome:
    if old.get("status") == new.get("status"):
        return None, "", {}
    if new.get("status") in _DONE and old.get("status") not in _DONE:
        return "milestone_received", f"{_summary(new)} (was: {old.get('status')})", {}
    return "status_changed", f"{name}: {new.get('status')} (was: {old.get('status')})", {}


RULES = Rules(NAME, name=name, appeared=appeared, changed=changed,
              severities={"milestone_received": "notable", "milestone_news": "info"})
