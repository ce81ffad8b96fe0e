"""Money as said: currencies, scales, and numbers that are not money."""

import pytest

from handlers.extractors.amounts import find_amounts, format_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cash was $238 million", [(238e6, "USD", False)]),
        ("a $1.2 billion facility", [(1.2e9, "USD", False)]),
        ("EUR 15 million upfront", [(15e6, "EUR", False)]),
        ("€15 million upfront", [(15e6, "EUR", False)]),
        ("eligible to receive $4 billion [Phonetic] in milestones", [(4e9, "USD", True)]),
        ("15 million in milestones", [(15e6, "USD", True)]),  # no currency: the call's, flagged
        ("$863,182 of cash", [(863182.0, "USD", False)]),
        ("19 programs and 15 targets", []),
        ("2.5 million cells per kg", []),
        ("12 million users", []),
        ("growth of 5.5%", []),
        ("in 2021 we", []),
    ],
)
def test_find_amounts(text, expected):
    found = [(a.value, a.currency, a.uncertain) for a in find_amounts(text, default_currency="USD")]
    assert found == expected


def test_bare_number_without_call_currency_has_none():
    assert [a.currency for a in find_amounts("15 million in milestones", default_currency=None)] == [None]


@pytest.mark.parametrize(("value", "currency", "text"),
                         [(238e6, "USD", "$238M"), (1.2e9, "USD", "$1.2B"), (15e6, "EUR", "EUR 15M")])
def test_format_amount(value, currency, text):
    assert format_amount(value, currency) == text
