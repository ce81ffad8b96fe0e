"""Milestone payments: status, counterparty, and milestones that are not money."""

import pytest

from tests.extraction import said


@pytest.mark.parametrize(
    ("text", "status", "amount", "counterparty"),
    [
        ("We received a $5 million milestone payment from Zenith for the launch of its study.", "received", 5e6,
         "Zenith"),
        ("Our alliance with Nova includes up to $760 million of development, regulatory, and sales milestones.",
         "eligible", 760e6, "Nova"),
        ("We expect to receive a $20 million milestone payment from Zenith in the fourth quarter.", "expected", 20e6,
         "Zenith"),
    ],
)
def test_milestones(text, status, amount, counterparty):
    [item] = said(text, "milestone_payment")
    assert (item.status, item.amount, item.counterparty) == (status, amount, counterparty)


def test_phonetic_amount_is_low_confidence():
    assert said("We are eligible to receive $4 billion [Phonetic] in sales milestones from Zenith.",
                "milestone_payment") == []


@pytest.mark.parametrize(
    "text",
    [
        "We achieved several key milestones this quarter.",
        "We are a leader with another milestone quarter of $1.5 billion in bookings.",
        "The size of the milestone has not been disclosed.",
    ],
)
def test_not_a_milestone_payment(text):
    assert said(text, "milestone_payment") == []


def test_amount_right_before_milestone():
    [item] = said("We earned a $10 million milestone from Novartis on the first dosing.", "milestone_payment")
    assert (item.status, item.amount, item.counterparty) == ("earned", 10e6, "Novartis")
