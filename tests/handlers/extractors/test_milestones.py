"""Milestone payments: status, counterparty, and milestones that are not money."""

import pytest

from tests.extraction import flat_items, items, said, switched_on


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


def test_phonetic_amount_is_lower_confidence_counted_once():
    # The transcriber's "[Phonetic]" lowers confidence once (the sentence's mark), not twice over.
    [item] = said("We are eligible to receive $4 billion [Phonetic] in sales milestones from Zenith.",
                  "milestone_payment")
    assert (item.status, item.amount) == ("eligible", 4e9)
    assert 0.5 <= item.confidence <= 0.7 and "inaudible or phonetic" in item.notes[0]


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
    assert switched_on("milestone_payment")


def test_amount_right_before_milestone():
    [item] = said("We earned a $10 million milestone from Novartis on the first dosing.", "milestone_payment")
    assert (item.status, item.amount, item.counterparty) == ("earned", 10e6, "Novartis")


@pytest.mark.parametrize(("text", "status", "amount", "direction"), [
    # Without the word payment: what is done with the milestone says it is money.
    ("We received the first milestone from Zenith, $10 million, on the start of the Phase 2.", "received", 10e6,
     "incoming"),
    ("We are eligible for milestones of up to $300 million from Nova.", "eligible", 300e6, "incoming"),
    ("Under the agreement we are entitled to receive milestones totaling $150 million from Nova.", "eligible",
     150e6, "incoming"),
    ("Revenue of $92 million included a $19 million partner milestone related to Japan.", "received", 19e6,
     "incoming"),
    ("We expect the $20 million milestone from Nova to be received in the fourth quarter.", "expected", 20e6,
     "incoming"),
    # An expected delay in receiving it is no receipt.
    ("We now see an expected delay in the timing of receipt of the $10 million milestone from Zenith.", "expected",
     10e6, "incoming"),
    # Who pays whom: a milestone the company owes or paid is not money coming in.
    ("We paid a $15 million milestone to Zenith on the approval of ZX-12.", "paid", 15e6, "outgoing"),
    ("We may owe up to $40 million in milestones to Zenith under the license.", "owed", 40e6, "outgoing"),
    ("Development milestones payable to Nova could total $25 million.", "owed", 25e6, "outgoing"),
])
def test_milestones_without_the_word_payment_and_their_direction(text, status, amount, direction):
    [item] = said(text, "milestone_payment")
    assert (item.status, item.amount, item.attributes["direction"]) == (status, amount, direction)


@pytest.mark.parametrize("text", [
    "We achieved an important milestone this quarter, surpassing $1 billion in sales.",
    "Reaching $500 million in revenue was a major milestone for us.",
])
def test_achievements_with_figures_are_no_payment(text):
    assert said(text, "milestone_payment") == []
    assert switched_on("milestone_payment")


@pytest.mark.parametrize("speaker", ["Cfo", None])
def test_a_milestone_owed_without_its_amount_is_an_outgoing_item(speaker):
    # Today's code needs an amount: a payment the company owes, size not said, was lost.
    text = ("We had factored into our guidance for the first half -- there was some product milestone payments "
            "that were to be paid that did not happen.")
    found = said(text, "milestone_payment") if speaker else flat_items(text, kind="milestone_payment")
    [item] = found
    assert (item.status, item.amount, item.attributes["direction"]) == ("owed", None, "outgoing")
    assert "no amount is said" in item.notes


def test_a_milestone_not_owed_is_no_item():
    assert said("We are not obligated to pay any milestone payments to Nova.", "milestone_payment") == []
    assert switched_on("milestone_payment")


def test_a_partner_the_call_names_elsewhere_is_the_milestones_payer():
    # Cellectis Q3 2021 (seeds/CLLS_2021_Q3.txt): the sentence names its partner as "the Allogene", which
    # no partner pattern reads; the call names Allogene as the partner elsewhere. Only the sum said after
    # the name is Allogene's: the one before it stays unnamed (and below the reportable line).
    found = items(
        ("Analyst", "Your partner Allogene had the clinical hold, can you comment?"),
        ("Ceo", "And we don't disclose milestone payments, we have a partnership with [Indecipherable] where we can "
                "get up to-- from $10 million from 19 programs, and also the partnership with the Allogene where we "
                "can get up to 3 billion on 15 target."), kind="milestone_payment")
    assert [(i.status, i.amount, i.subject, i.counterparty) for i in found] == [
        ("eligible", 3e9, "ALLOGENE", "Allogene")]
