"""How much each kind of change matters: documented defaults, overridable in `[alerts.severity]`."""

from __future__ import annotations

from collections.abc import Mapping

from alerts.rules import severities, sized_rules

SEVERITIES = ("info", "notable", "critical")

# rule -> severity. README "Alerts" lists these; `[alerts.severity]` in the config overrides any.
# The kinds written as tables bring their own (`alerts/rules/<kind>.py`).
DEFAULTS: dict[str, str] = {
    **severities(),
    "filing_guidance_withdrawn": "critical",
    "filing_slipped": "critical",
    "filing_delayed": "critical",
    "filing_advanced": "notable",
    "filing_submitted": "notable",
    "filing_accepted": "notable",
    "filing_approved": "notable",
    "filing_rejected": "critical",
    "filing_withdrawn": "critical",
    "filing_pulled_in": "notable",
    "filing_new_plan": "info",
    "regulatory_filing_not_repeated": "info",  # a plan the later call names nowhere (GOLD_GUIDE: "the rest")
    "partnership_new": "notable",
    "partnership_ended": "critical",
    "trial_paused": "critical",
    "readout_moved": "info",  # a trial's expected readout, later or earlier (`alerts/trial_changes.py`)
    "readout_expected": "info",
    "status_changed": "info",
    "amount_changed": "info",
    "item_new": "info",
    "item_removed": "info",
}


# A cash move this small (in %, either way) is info, whatever severity the rule has or the user gave it
# (the threshold itself is the user's: `alerts.cash_fell_notable_pct`): an analyst tells a colleague
# when cash moved by more than a tenth.
CASH_MOVE_PCT = 10.0
_SIZED = sized_rules()  # "cash_fell", "cash_rose"


def severity_of(rule: str, overrides: Mapping[str, str] | None = None, *, pct: float | None = None,
                threshold: float = CASH_MOVE_PCT) -> str:
    """The severity of a change rule, taking the user's overrides; `pct` is a cash move's size: a move
    of `threshold` percent or less is info whatever the rule's severity (the threshold is the user's)."""
    if rule in _SIZED and pct is not None and abs(pct) <= threshold:
        return "info"
    if overrides and rule in overrides:
        return overrides[rule]
    return DEFAULTS.get(rule, "info")


def rank(severity: str) -> int:
    """0 for info, 1 notable, 2 critical: for sorting and minimum-severity checks."""
    return SEVERITIES.index(severity)
