"""Cash runway: horizons, conditions, and runways that are not about cash."""

import datetime as dt

import pytest

from tests.extraction import items, said


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
        "It will be a very exciting runway in 2022 for our data readouts.",
        "Is your cash runway still into 2024?",
        "If we raise capital, we could fund operations into 2026.",
    ],
)
def test_not_a_cash_runway(text):
    assert said(text, "cash_runway") == []


@pytest.mark.parametrize("text", [
    "Our current cash is sufficient to fund planned operations for at least the next 12 months.",
    "We expect our cash to last into 2026.",
    "This provides us with a cash runway into 2027.",
    "We believe our cash will last us well into 2024.",  # words between "last" and "into"
])
def test_more_ways_of_saying_it(text):
    assert len(said(text, "cash_runway")) == 1
