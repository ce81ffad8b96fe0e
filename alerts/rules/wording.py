"""How a change's summary says an item: its status, amount and timing, its money."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers.extractors.amounts import format_amount


def describe(item: Mapping[str, Any] | None) -> str:
    """ "placed", "eligible, $760 million", "into 2027": what an item says, for "(was: ...)"."""
    if item is None:
        return "-"
    parts = [p for p in (said(item.get("status")), item.get("amount_text") or money(item), item.get("text_value")) if p]
    return ", ".join(parts) or "mentioned"


def said(status: str | None) -> str | None:
    """A status as a summary says it: "data expected" for `data_expected`."""
    return status.replace("_", " ") if status else status


def money(item: Mapping[str, Any]) -> str | None:
    return format_amount(item["amount"], item.get("currency")) if item.get("amount") else None


def capitalised(name: str) -> str:
    return name[0].upper() + name[1:]
