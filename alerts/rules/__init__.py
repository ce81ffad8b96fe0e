"""The change rules of every kind written as a table, one module each (`alerts/rules/<kind>.py`).

`alerts/changes.py` reads `RULES` as a generic differ: it matches items by the kind's identity (the
one deduplication uses, `handlers.extractors.registry.identity`) and asks the kind's `Rules` what a
new item or a changed pair means. Kinds not written as tables yet keep their rules in
`alerts/changes.py` and `alerts/filing_changes.py`.
"""

from __future__ import annotations

from alerts.rules import cash_guidance, cash_position, cash_runway, clinical_hold, milestone_payment
from alerts.rules.base import Rules

RULES: dict[str, Rules] = {rules.kind: rules for rules in (
    clinical_hold.RULES, milestone_payment.RULES, cash_position.RULES, cash_runway.RULES, cash_guidance.RULES)}


def severities() -> dict[str, str]:
    """rule -> default severity, of every kind's rules."""
    return {rule: severity for rules in RULES.values() for rule, severity in rules.severities.items()}


def sized_rules() -> frozenset[str]:
    """Rules that are info when the move is small (a cash move of 10% or less)."""
    return frozenset(rule for rules in RULES.values() for rule in rules.by_size)


def kinds_with_threshold(threshold: str) -> frozenset[str]:
    """The kinds whose changes a routing threshold (`cash_drop_pct`, `runway_within_months`) reads."""
    return frozenset(kind for kind, rules in RULES.items() if threshold in rules.thresholds)
