"""Cash runway: horizons, conditions, and runways that are not about cash."""

import datetime as dt

import pytest

from tests.extraction import flat_items, items, said, switched_on


def test_runway_with_conditions_in_the_next_sentence():
    [item] = items(("Cfo", "This cash position is expected to be sufficient to fund operations into early 2023. "
                    "This runway discounts any future milestone payment."), kind="cash_runway")
    assert (item.text_value, item.date_start, item.date_end) == (
        "early 2023", dt.date(2023, 1, 1), dt.date(2023, 4, 30))
    assert item.attributes["conditions"] == "discounts any future milestone payment"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("We believe our cash runway extends into the second half of 2025.", "2025-07-01", "2025-12-31"),
        ("Our cash will fund our operating plan through mid-2024.", "2024-05-01", "2024-08-31"),
        ("We have enough cash to fund operations for at least 12 months.", "2022-08-06", "2022-08-06"),
    ],
)
def test_horizons(text, start, end):
    [item] = said(text, "cash_runway")
    assert (item.date_start.isoformat(), item.date_end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "We see a long growth runway in our core market.",
        "We have a clear runway to growth for at least the next eight years, through 2029.",
        "Our balance sheet gives us a long runway for growth into 2030.",
        "It will be a very exciting runway in 2022 for our data readouts.",
        "Is your cash runway still into 2024?",
        "If we raise capital, we could fund operations into 2026.",
    ],
)
def test_not_a_cash_runway(text):
    assert said(text, "cash_runway") == []
    assert switched_on("cash_runway")


@pytest.mark.parametrize("text", [
    "Our current cash is sufficient to fund planned operations for at least the next 12 months.",
    "We expect our cash to last into 2026.",
    "This provides us with a cash runway into 2027.",
    "We believe our cash will last us well into 2024.",  # words between "last" and "into"
])
def test_more_ways_of_saying_it(text):
    assert len(said(text, "cash_runway")) == 1


@pytest.mark.parametrize(("text", "call_date", "end"), [
    # Months of spending, counted from the call date, or from the period end when the date is unknown.
    ("We have over 24 months of going-forward cash burn on the balance sheet.", dt.date(2021, 8, 6), "2023-08-06"),
    ("Our cash covers more than 18 months of operations.", None, "2022-12-30"),
    ("Our cash is sufficient to fund operations for at least the next 12 months.", None, "2022-06-30"),
    ("We expect our cash to fund our operating plan well into 2026.", dt.date(2021, 8, 6), "2026-12-31"),
    ("Cash will fund operations through the end of 2025.", dt.date(2021, 8, 6), "2025-12-31"),
    ("This extends our cash runway well into the second half of 2024.", dt.date(2021, 8, 6), "2024-12-31"),
])
def test_horizon_from_the_call_or_the_period(text, call_date, end):
    [item] = said(text, "cash_runway", call_date=call_date)
    assert item.date_end.isoformat() == end


def test_foreseeable_future_is_an_open_horizon():
    [item] = said("We believe our existing cash is sufficient to fund our operations for the foreseeable future.",
                  "cash_runway")
    assert (item.date_end, item.attributes["open"], item.text_value) == (None, True, "for the foreseeable future")


def test_conditions_excluding_milestones():
    [item] = said("Our cash is sufficient to fund operations into 2025, excluding any milestones from Zenith.",
                  "cash_runway")
    assert item.attributes["conditions"] == "excluding any milestones from Zenith"


def test_question_in_flat_text_is_no_runway():
    assert flat_items("Is your cash runway still into 2024?", kind="cash_runway") == []
    assert switched_on("cash_runway")
