"""Changes of `clinical_hold` items: a hold placed (critical) or lifted (notable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alerts.rules.base import Outcome, Rules, attributes
from alerts.rules.wording import capitalised
from handlers.extractors.kinds.clinical_hold import NAME


def name(item: Mapping[str, Any]) -> str:
    """ "clinical hold at partner Allogene", "UCARTCS1 clinical hold"."""
    if attributes(item).get("owner") == "partner" and item.get("counterparty"):
        return f"clinical hold at partner {item['counterparty']}"
    return f"{attributes(item).get('as_said') or item['subject'] or 'unnamed program'} clinical hold"


def appeared(new: Mapping[str, Any], name: str) -> Outcome:
    status = new.get("status")
    if status == "lifted":
        return "hold_lifted", f"{capitalised(name)} lifted", {}
    return "hold_placed", f"New {name}" + ("" if status in (None, "placed", "mentioned") else f" ({status})"), {}


def changed(old: Mapping[str, Any], new: Mapping[str, Any], name: str) -> Outcome:
    if old.get("status") == new.get("status") or new.get("status") == "mentioned":
        return None, "", {}
    if new["status"] == "lifted":
        return "hold_lifted", f"{capitalised(name)} lifted", {}
    if new["status"] in ("placed", "ongoing") and old.get("status") == "lifted":
        return "hold_placed", f"{capitalised(name)} placed again", {}
    return None, "", {}


RULES = Rules(NAME, name=name, appeared=appeared, changed=changed,
              severities={"hold_placed": "critical", "hold_lifted": "notable"})
