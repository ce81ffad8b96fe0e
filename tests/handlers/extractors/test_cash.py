"""Cash positions and their look-alikes: forecasts, comparisons, flows."""

import datetime as dt

import pytest

from tests.extraction import said


def test_position_with_date_and_scope():
    [item] = said("Cash, cash equivalents and restricted cash, excluding Subco, as of June 30, 2021, was $238 million "
                  "compared to $244 million as of December 31, 2020.", "cash_position")
    assert (item.subject, item.amount, item.currency, item.date_start) == (
        "excluding Subco", 238e6, "USD", dt.date(2021, 6, 30))


def test_position_without_date_is_the_quarter_end_before_the_call():
    [item] = said("We ended the quarter with $1.2 billion in cash and marketable securities.", "cash_position")
    assert (item.amount, item.date_start, item.subject) == (1.2e9, dt.date(2021, 6, 30), "consolidated")


def test_garbled_date_is_repaired_and_noted():
    [item] = said("The consolidated cash position was $216 million as of September 30, 202,1.", "cash_position")
    assert item.date_start == dt.date(2021, 9, 30)
    assert "garbled" in item.notes[-1]


@pytest.mark.parametrize(
    "text",
    [
        "We expect to end 2025 with about $6 billion in cash.",
        "Cash rose to $10 billion, up from $9.2 billion.",
        "We generated $1.8 billion of free cash flow.",
        "Net cash used in operating activities was $59 million.",
        "Net cash was $49 billion at the end of the quarter.",
        "We returned $29 billion in cash to shareholders.",
        "Do you have more than $200 million in cash?",
    ],
)
def test_not_a_position(text):
    assert said(text, "cash_position") == []


def test_forecast_is_cash_guidance():
    [item] = said("We expect to end 2025 with about $6 billion in cash.", "cash_guidance")
    assert (item.amount, item.date_end) == (6e9, dt.date(2025, 12, 31))


@pytest.mark.parametrize(("text", "amount"), [
    ("As of September 30, 2023, we had cash, cash equivalents and marketable securities of $512.3 million.", 512.3e6),
    ("Cash, cash equivalents and investments totaled $432 million as of June 30.", 432e6),
    ("Our cash position at quarter end was $230 million.", 230e6),
    ("We had $300 million in cash at the end of the quarter.", 300e6),
])
def test_more_ways_of_saying_it(text, amount):
    [item] = said(text, "cash_position")
    assert item.amount == amount
