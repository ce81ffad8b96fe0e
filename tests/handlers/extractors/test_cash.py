"""Cash positions and their look-alikes: forecasts, comparisons, flows."""

import datetime as dt

import pytest

from tests.extraction import said, switched_on


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
        # Spending and flows, not a balance held.
        "This quarter we had a cash usage of $400 million for the restructuring.",
        "We received $325 million of cash distributions from our joint venture with Zenith.",
        "There has been a view of using cash to acquire $25 billion in revenue.",
        "We have $300 million of debt on our balance sheet.",
        "We returned $29 billion in cash to shareholders.",
        "Do you have more than $200 million in cash?",
    ],
)
def test_not_a_position(text):
    assert said(text, "cash_position") == []
    assert switched_on("cash_position")


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


@pytest.mark.parametrize(("text", "scopes"), [
    # Net of debt is its own scope, beside the gross balance.
    ("Net cash was $49 billion at the end of the quarter.", [("net cash", 49e9)]),
    ("We ended the quarter with $5 billion in cash and marketable securities and net cash of $2 billion.",
     [("consolidated", 5e9), ("net cash", 2e9)]),
    ("Cash, less debt, was $800 million at quarter end.", [("net cash", 800e6)]),
    ("Net cash used in operating activities was $59 million.", []),
])
def test_net_cash_is_its_own_scope(text, scopes):
    assert [(i.subject, i.amount) for i in said(text, "cash_position")] == scopes


@pytest.mark.parametrize(("text", "amount"), [
    ("We ended the quarter with one and a half billion on the balance sheet.", 1.5e9),
    ("We have $1.2 billion on our balance sheet and no debt.", 1.2e9),
    ("We closed the quarter with half a billion dollars in cash.", 0.5e9),
])
def test_balance_sheet_and_amounts_in_words(text, amount):
    [item] = said(text, "cash_position")
    assert (item.amount, item.date_start) == (amount, dt.date(2021, 6, 30))


@pytest.mark.parametrize(("text", "call_date", "as_of"), [
    # No call date: the end of the fiscal period the transcript names (2021 Q2 in tests.extraction.call).
    ("We ended the quarter with $300 million in cash.", None, dt.date(2021, 6, 30)),
    ("Our cash balance at the end of September was nearly $7.3 billion.", dt.date(2022, 2, 3),
     dt.date(2021, 9, 30)),
    ("Our cash balance at the end of December was approximately $5.5 billion.", dt.date(2022, 2, 3),
     dt.date(2021, 12, 31)),
    ("Cash and investments totaled $432 million as of June 30.", dt.date(2021, 8, 6), dt.date(2021, 6, 30)),
])
def test_as_of_date_from_the_period(text, call_date, as_of):
    [item] = said(text, "cash_position", call_date=call_date)
    assert item.date_start == as_of


@pytest.mark.parametrize("text", [
    # Today's code read each of these as a cash balance (found on other companies' calls).
    "On a year-to-date basis, cash from operating activities was $66.6 million compared to $95.1 million a year ago.",
    "Year-to-date through July, we've deployed $1.1 billion in cash, with $379 million to dividends.",
    "The board increased the dividend, thereby returning $1.1 million in cash to our shareholders quarterly.",
    "We also booked non-cash pension settlements of $50 million in the quarter.",
    "In fiscal 2018 we generated approximately $13.3 billion of cash from the business.",
])
def test_cash_spent_made_or_returned_is_not_a_balance(text):
    assert said(text, "cash_position") == []
    assert switched_on("cash_position")


def test_the_cash_figure_not_the_debt_or_credit_line_beside_it():
    [net] = said("That is approximately $2.96 billion of debt less cash of $461.5 million.", "cash_position")
    assert net.amount == 461.5e6
    assert said("We ended the quarter with more than $7 million in cash and added an additional $3.5 million "
                "credit facility as a backstop.", "cash_position") == []


@pytest.mark.parametrize("text", [
    "Our cash balance at May 31st was $5.5 billion, compared with $9 billion at August 31st.",
    "Our cash balance at May 31 was $5.5 billion.",
])
def test_a_day_said_without_its_year_is_the_latest_before_the_call(text):
    # A fiscal quarter ending May 31, on a call in June: today's code gave March 31, or May of the year before.
    [item] = said(text, "cash_position", call_date=dt.date(2024, 6, 20), fiscal_quarter=3)
    assert (item.amount, item.date_start) == (5.5e9, dt.date(2024, 5, 31))
