"""The runway board: cash, burn and where it came from, stated and implied runway, flags."""

import datetime as dt

import pytest

from worker.runway import add_months, board, quarters_in

TODAY = dt.date(2022, 1, 15)


def call(id, year, quarter, ticker="ACME"):
    return {"id": id, "ticker": ticker, "fiscal_year": year, "fiscal_quarter": quarter}


def item(call_id, kind, subject, amount=None, *, period=None, start=None, end=None, quote="We said so."):
    return {"call_id": call_id, "kind": kind, "subject": subject, "amount": amount, "text_value": period,
            "date_start": start, "date_end": end, "quote": quote, "confidence": 0.9}


@pytest.mark.parametrize(("period", "quarters"), [
    ("first quarter", 1), ("quarter", 1), ("first semester of 2021", 2), ("six months ended June 30, 2021", 2),
    ("nine months ended September 30, 2021", 3), ("full year 2021", 4), ("year", 4), (None, None), ("2021", None),
])
def test_quarters_in(period, quarters):
    assert quarters_in(period) == quarters


def test_stated_burn_with_its_period_comes_first():
    rows = board([call(1, 2021, 3)], [
        item(1, "cash_position", "consolidated", 300e6, start="2021-09-30", quote="We had $300 million."),
        item(1, "financial_metric", "cash burn", 90e6, period="nine months ended September 30, 2021",
             quote="Cash burn was $90 million."),
        item(1, "financial_metric", "net loss", 200e6, period="quarter"),
        item(1, "cash_runway", None, start="2023-01-01", end="2023-12-31", quote="Into 2023."),
    ], today=TODAY, within_months=24)
    [row] = rows
    assert (row.cash, row.cash_as_of, row.burn_per_quarter) == (300e6, dt.date(2021, 9, 30), 30e6)
    assert row.burn_source == "stated cash burn (nine months ended September 30, 2021)"
    assert (row.implied_months, row.implied_end, row.stated_end) == (30.0, dt.date(2024, 3, 30), dt.date(2023, 12, 31))
    assert row.months_left == 23.5
    assert row.flags == ("runway ends within 24 months",)
    assert row.quotes == {"cash": "We had $300 million.", "burn": "Cash burn was $90 million.", "runway": "Into 2023."}


def test_fall_in_cash_is_burn_only_for_a_company_that_loses_money():
    items = [item(1, "cash_position", "consolidated", 240e6), item(2, "cash_position", "consolidated", 200e6)]
    [profitable] = board([call(1, 2021, 2), call(2, 2021, 3)], items, today=TODAY)
    assert profitable.burn_per_quarter is None and profitable.implied_end is None
    [loser] = board([call(1, 2021, 2), call(2, 2021, 3)],
                    [*items, item(2, "financial_metric", "net loss", 50e6)], today=TODAY)
    assert (loser.burn_per_quarter, loser.burn_source) == (40e6, "change in cash since the previous call")
    assert loser.cash_as_of == dt.date(2021, 9, 30)  # the period's end when the call gives no date
    assert loser.implied_months == 15.0


def test_stated_and_implied_ends_far_apart_are_flagged():
    [row] = board([call(1, 2021, 3)], [
        item(1, "cash_position", "consolidated", 100e6, start="2021-09-30"),
        item(1, "financial_metric", "net loss", 50e6, period="third quarter"),
        item(1, "cash_runway", None, end="2024-06-30"),
    ], today=TODAY)
    assert row.implied_end == dt.date(2022, 3, 30)
    assert row.flags == ("stated and implied ends differ by more than 6 months",)


def test_unsaid_period_is_taken_as_a_quarter_and_says_so():
    [row] = board([call(1, 2021, 3)], [item(1, "cash_position", "consolidated", 100e6),
                                       item(1, "financial_metric", "net loss", 25e6)], today=TODAY)
    assert row.burn_source == "net loss (period not said: taken as one quarter)" and row.implied_months == 12.0


def test_companies_without_cash_have_no_row_and_the_latest_call_with_cash_is_used():
    rows = board([call(1, 2021, 2), call(2, 2021, 3), call(3, 2021, 3, ticker="NONE")],
                 [item(1, "cash_position", "consolidated", 50e6)], today=TODAY)
    assert [(row.ticker, row.call) for row in rows] == [("ACME", "ACME 2021Q2")]


def test_add_months():
    assert add_months(dt.date(2021, 9, 30), 15.0) == dt.date(2022, 12, 30)
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
