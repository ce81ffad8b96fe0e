"""Routing rules: tags, minimum severity, kinds, watchlist and numeric thresholds."""

import datetime as dt
from types import SimpleNamespace

from pydantic import SecretStr

from alerts.routing import DEFAULT_RULES, Rule, route
from alerts.targets import targets_from

TARGETS = targets_from([SimpleNamespace(url=SecretStr("mailto://a@example.org"), tags=["email"], name="email"),
                        SimpleNamespace(url=SecretStr("json://127.0.0.1/x"), tags=["chat"], name="chat")])
EMAIL, CHAT = (t.id for t in TARGETS)
CALL = dt.date(2021, 11, 5)


def change(id, kind="cash_position", severity="notable", **figures):
    return {"id": id, "kind": kind, "severity": severity, "figures": figures}


def test_default_rule_sends_notable_and_critical_everywhere():
    routed = route([change(1, severity="info"), change(2), change(3, severity="critical")], TARGETS, DEFAULT_RULES,
                   ticker="ACME", call_date=CALL)
    assert routed == {EMAIL: [2, 3], CHAT: [2, 3]}


def test_tags_kinds_and_watchlist():
    rules = (Rule(tags=("chat",), kinds=("clinical_hold",)), Rule(tags=("email",), tickers=("OTHER",)))
    routed = route([change(1, kind="clinical_hold"), change(2)], TARGETS, rules, ticker="ACME", call_date=CALL)
    assert routed == {CHAT: [1]}


def test_thresholds():
    rules = (Rule(tags=("email",), min_severity="info", cash_drop_pct=20),
             Rule(tags=("chat",), min_severity="info", runway_within_months=12))
    changes = [change(1, pct=-15.5), change(2, pct=-25.0),
               change(3, kind="cash_runway", runway_end="2023-04-30"),
               change(4, kind="cash_runway", runway_end="2022-06-30")]
    assert route(changes, TARGETS, rules, ticker="ACME", call_date=CALL) == {EMAIL: [2], CHAT: [4]}
