"""Financial metrics: the figure of this call's period, not one quoted for a prior period."""

import pytest

from tests.extraction import items


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Our GAAP net loss in the third quarter was $600,000, or $0.01 per share.", [("net loss", 600_000)]),
    ("We reported a net loss for the first quarter of $48 million compared to a net loss of $32 million for the "
     "same quarter last year.", [("net loss", 48e6)]),
    ("Excluding these items we generated net income of $1.6 million in the third quarter compared to a non-GAAP "
     "net loss of $3.9 million in the same period last year.", [("net income", 1.6e6)]),
    ("The net loss was $12 million a year ago.", []),
])
def test_prior_period_figures_are_not_this_periods(sentence, expected):
    found = [(i.subject, i.amount) for i in items(("Cfo", sentence), kind="financial_metric")]
    assert found == expected
