"""The kinds' own change rules (`alerts/rules/`), read by the generic differ through the registry."""

from __future__ import annotations

import datetime as dt

from alerts.changes import compare
from alerts.routing import Rule
from alerts.rules import RULES, kinds_with_threshold
from alerts.severity import DEFAULTS, severity_of
from handlers.extractors.registry import identity
from tests.alerts.test_changes import item
from tests.extraction import said
from worker.store import item_row


def test_a_milestone_expected_then_received_is_one_change_received():
    # The same payment (partner and amount: its identity) a quarter later: received, not a new item and a removed one.
    before = [item("milestone_payment", "ZENITH", status="expected", amount=10e6, counterparty="Zenith")]
    after = [item("milestone_payment", "ZENITH", status="received", amount=10e6, counterparty="Zenith")]
    [change] = compare(before, after)
    assert (change.rule, change.severity, change.change) == ("milestone_received", "notable", "changed")
    assert change.summary == "Milestone received from Zenith: $10M (was: expected)"


def test_a_milestone_of_another_amount_is_another_milestone():
    before = [item("milestone_payment", "ZENITH", status="eligible", amount=100e6)]
    after = [item("milestone_payment", "ZENITH", status="eligible", amount=100e6),
             item("milestone_payment", "ZENITH", status="received", amount=5e6)]
    assert [(c.rule, c.change) for c in compare(before, after)] == [("milestone_received", "new")]


def test_the_differ_and_deduplication_match_items_by_the_same_identity():
    [extracted] = said("We received a $5 million milestone payment from Zenith Pharma for the first patient dosed.",
                       "milestone_payment")
    assert identity(extracted) == identity(item_row(extracted)) == ("milestone_payment", "ZENITH PHARMA", 5000000)


def test_each_kind_brings_its_severities_and_thresholds():
    assert {rule: DEFAULTS[rule] for rule in ("hold_placed", "hold_lifted", "runway_shortened", "cash_fell")} == {
        "hold_placed": "critical", "hold_lifted": "notable", "runway_shortened": "critical", "cash_fell": "notable"}
    assert severity_of("cash_fell", pct=-5.0) == "info" and severity_of("cash_fell", pct=-15.0) == "notable"
    assert kinds_with_threshold("cash_drop_pct") == {RULES["cash_position"].kind}
    assert kinds_with_threshold("runway_within_months") == {RULES["cash_runway"].kind}


def test_routing_thresholds_read_only_the_kinds_that_declare_them():
    fell = {"kind": "cash_position", "severity": "notable", "figures": {"pct": -20.0}}
    guidance = {"kind": "cash_guidance", "severity": "notable", "figures": {"pct": -20.0}}
    rule = Rule(cash_drop_pct=10.0)
    assert rule.matches(fell, ticker="ACME", call_date=dt.date(2021, 8, 6))
    assert not rule.matches(guidance, ticker="ACME", call_date=dt.date(2021, 8, 6))
