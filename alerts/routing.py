"""Routing: which of a call's changes go to which target, by rules on severity, kind, ticker and figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from alerts.rules import kinds_with_threshold
from alerts.severity import rank
from alerts.targets import Target
from handlers.extractors.horizons import months_between

# The kinds whose changes each threshold reads (the kinds' rules say so: `alerts/rules/<kind>.py`).
_CASH_DROP_KINDS = kinds_with_threshold("cash_drop_pct")
_RUNWAY_KINDS = kinds_with_threshold("runway_within_months")


@dataclass(frozen=True)
class Rule:
    """A routing rule (the `[[alerts.rules]]` setting)."""

    tags: tuple[str, ...] = ()
    min_severity: str = "notable"
    kinds: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    runway_within_months: int | None = None
    cash_drop_pct: float | None = None

    @classmethod
    def from_settings(cls, rule: Any) -> Rule:
        return cls(tuple(rule.tags), rule.min_severity, tuple(rule.kinds), tuple(t.upper() for t in rule.tickers),
                   rule.runway_within_months, rule.cash_drop_pct)

    def matches(self, change: Mapping[str, Any], *, ticker: str, call_date: dt.date | None) -> bool:
        """Whether a stored change (a `changes` row with `figures` decoded) passes this rule."""
        if rank(change["severity"]) < rank(self.min_severity):
            return False
        if self.kinds and change["kind"] not in self.kinds:
            return False
        if self.tickers and ticker.upper() not in self.tickers:
            return False
        figures = change.get("figures") or {}
        if self.cash_drop_pct is not None and (
                change["kind"] not in _CASH_DROP_KINDS or -(figures.get("pct") or 0) <= self.cash_drop_pct):
            return False
        if self.runway_within_months is not None:
            end = figures.get("runway_end")
            if change["kind"] not in _RUNWAY_KINDS or end is None or call_date is None:
                return False
            if months_between(call_date, dt.date.fromisoformat(end)) > self.runway_within_months:
                return False
        return True

    def reaches(self, target: Target) -> bool:
        return not self.tags or bool(set(self.tags) & set(target.tags))


# With no rules configured: every notable or critical change to every target.
DEFAULT_RULES = (Rule(),)


def rule_problems(rules: tuple[Rule, ...], targets: list[Target]) -> list[tuple[str, str, str]]:
    """(key, value, expected) for each rule that can never send anything: tags no target has, or
    kinds that never change (unknown, or not compared)."""
    from alerts.changes import COMPARED_KINDS

    tags = {tag for target in targets for tag in target.tags}
    problems = []
    for number, rule in enumerate(rules):
        unmatched = [tag for tag in rule.tags if tag not in tags]
        if rule.tags and len(unmatched) == len(rule.tags):
            problems.append((f"alerts.rules.{number}.tags", repr(list(rule.tags)),
                             f"a tag of a target (targets have: {', '.join(sorted(tags)) or 'no tags'})"))
        unknown = [kind for kind in rule.kinds if kind not in COMPARED_KINDS]
        if unknown:
            problems.append((f"alerts.rules.{number}.kinds", repr(unknown),
                             f"kinds that change: {', '.join(COMPARED_KINDS)}"))
    return problems


def describe(rule: Rule) -> str:
    """A rule in one line for the service's start-up log."""
    parts = [f"{rule.min_severity} and above"]
    if rule.kinds:
        parts.append("kinds " + ", ".join(rule.kinds))
    if rule.tickers:
        parts.append("tickers " + ", ".join(rule.tickers))
    if rule.runway_within_months is not None:
        parts.append(f"runway ending within {rule.runway_within_months} months")
    if rule.cash_drop_pct is not None:
        parts.append(f"cash falling more than {rule.cash_drop_pct:g}%")
    return ", ".join(parts) + " -> " + (("targets tagged " + ", ".join(rule.tags)) if rule.tags else "every target")


def route(changes: Iterable[Mapping[str, Any]], targets: list[Target], rules: tuple[Rule, ...], *, ticker: str,
          call_date: dt.date | None) -> dict[str, list[int]]:
    """target id -> ids of the changes it should receive (targets receiving none are left out)."""
    routed: dict[str, list[int]] = {}
    for change in changes:
        for target in targets:
            if any(rule.reaches(target) and rule.matches(change, ticker=ticker, call_date=call_date) for rule in rules):
                routed.setdefault(target.id, []).append(change["id"])
    return routed
