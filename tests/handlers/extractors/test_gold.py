"""Extraction against the gold files: the targets the issue sets, per kind."""

import pytest

from bench.extraction import evaluate
from tests.gold import TARGET_KINDS


@pytest.fixture(scope="module")
def score():
    score, _skipped = evaluate()
    return score


@pytest.mark.parametrize("kind", TARGET_KINDS)
def test_precision_and_recall_targets(score, kind):
    assert score.precision(kind) >= 0.95, score.mistakes
    assert score.recall(kind) >= 0.90, score.mistakes
    assert score.tp[kind] >= 1


def test_seed_items_the_issue_names():
    from handlers.extractors.registry import extract
    from tests.conftest import SEEDS, parse_file

    q2 = {(i.kind, i.subject, i.status, i.amount) for i in extract(parse_file(SEEDS / "CLLS_2021_Q2.txt"))
          if i.reportable}
    assert {("cash_position", "excluding Calyxt", None, 238e6), ("cash_position", "consolidated", None, 257e6),
            ("clinical_hold", "UCARTCS1", "lifted", None), ("milestone_payment", "ALLOGENE", "received", 5e6),
            ("milestone_payment", "CYTOVIA", "eligible", 760e6),
            ("regulatory_filing", "UCART20X22", "planned", None), ("regulatory_filing", "UCARTMESO", "planned", None),
            ("regulatory_filing", "TALGLOBIN01", "planned", None)} <= q2
    q3 = {(i.kind, i.subject, i.status, i.amount) for i in extract(parse_file(SEEDS / "CLLS_2021_Q3.txt"))
          if i.reportable}
    assert {("cash_position", "excluding Calyxt", None, 201e6), ("cash_position", "consolidated", None, 216e6),
            ("clinical_hold", "ALLOGENE", "placed", None),
            ("regulatory_filing", "TALGLOBIN01", "guidance_withdrawn", None)} <= q3
