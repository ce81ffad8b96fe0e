"""Horizons said in words, normalised to date ranges."""

import datetime as dt

import pytest

from handlers.extractors.horizons import find_horizon, months_between

CALL = dt.date(2021, 8, 6)


@pytest.mark.parametrize(
    ("text", "said", "start", "end"),
    [
        ("fund operations into early 2023", "early 2023", "2023-01-01", "2023-04-30"),
        ("into the second half of 2025", "the second half of 2025", "2025-07-01", "2025-12-31"),
        ("through mid-2024", "mid-2024", "2024-05-01", "2024-08-31"),
        ("until the end of 2022", "the end of 2022", "2022-10-01", "2022-12-31"),
        ("into Q3 2024", "Q3 2024", "2024-07-01", "2024-09-30"),
        ("into the first quarter of 2026", "the first quarter of 2026", "2026-01-01", "2026-03-31"),
        ("in 2H 2022", "2H 2022", "2022-07-01", "2022-12-31"),
        ("the runway is in 2023", "2023", "2023-01-01", "2023-12-31"),
        ("for at least 12 months", "at least 12 months", "2022-08-06", "2022-08-06"),
        ("file the IND next year", "next year", "2022-01-01", "2022-12-31"),
        ("file the IND by year-end", "year-end", "2021-10-01", "2021-12-31"),
        ("data later this year", "later this year", "2021-09-01", "2021-12-31"),
        ("by the end of next year", "the end of next year", "2022-10-01", "2022-12-31"),
    ],
)
def test_find_horizon(text, said, start, end):
    horizon = find_horizon(text, today=CALL)
    assert (horizon.text, horizon.start.isoformat(), horizon.end.isoformat()) == (said, start, end)


def test_no_horizon():
    assert find_horizon("we are well funded", today=CALL) is None


def test_relative_horizon_needs_a_call_date():
    assert find_horizon("next year", today=None) is None


def test_months_between():
    assert months_between(dt.date(2023, 1, 1), dt.date(2023, 7, 1)) == 6
    assert months_between(dt.date(2023, 7, 1), dt.date(2023, 1, 1)) == -6
