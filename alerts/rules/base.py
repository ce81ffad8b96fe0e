"""What a kind's change rules are (`Rules`), and the pieces every kind's rules use."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from alerts.rules.wording import describe

# (rule, summary, figures); rule None when nothing changed.
Outcome = tuple[str | None, str, dict]


@dataclass(frozen=True)
class Rules:
    """A kind's diff rules, the names its summaries use, its severities and routing thresholds."""

    kind: str
    name: Callable[[Mapping[str, Any]], str]  # how a summary names an item
    appeared: Callable[[Mapping[str, Any], str], Outcome]  # an item the previous call did not have
    changed: Callable[[Mapping[str, Any], Mapping[str, Any], str], Outcome]  # the same fact in both calls
    severities: Mapping[str, str] = field(default_factory=dict)  # rule -> default severity
    by_size: tuple[str, ...] = ()  # rules that are info when the move is small (`severity.severity_of`)
    thresholds: tuple[str, ...] = ()  # `[[alerts.rules]]` thresholds that read this kind's changes


def attributes(item: Mapping[str, Any]) -> dict:
    value = item.get("attributes") or {}
    return json.loads(value) if isinstance(value, str) else dict(value)


def item_new(new: Mapping[str, Any], name: str) -> Outcome:
    return "item_new", f"{name}: {describe(new)}", {}
