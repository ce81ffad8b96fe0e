"""Clinical holds: status, owner, and the look-alikes that are not holds."""

import pytest

from tests.extraction import flat_items, items, said, switched_on


@pytest.mark.parametrize(
    ("text", "subject", "status"),
    [
        ("The FDA placed a clinical hold on the ABC-101 trial after a patient death.", "ABC101", "placed"),
        ("The FDA lifted the clinical hold on ABC-101 and dosing has resumed.", "ABC101", "lifted"),
        ("ABC-101 remains on clinical hold while we answer the FDA's questions.", "ABC101", "ongoing"),
        ("The partial clinical hold on ABC-101 was removed in May.", "ABC101", "lifted"),
    ],
)
def test_hold_status(text, subject, status):
    [item] = said(text, "clinical_hold", speaker="Ceo")
    assert (item.subject, item.status, item.attributes["owner"]) == (subject, status, "self")
    assert item.confidence >= 0.75


@pytest.mark.parametrize(
    "text",
    [
        "We have no clinical hold on any of our programs.",
        "If the FDA were to place a clinical hold, we would respond quickly.",
        "There is always a risk of a clinical hold in this field.",
        "We decided to pause enrolment in ABC-101 to prioritise ABC-202.",
        "Several development projects are on hold until rates come down.",
        "We hold $50 million of treasuries.",
    ],
)
def test_not_a_hold(text):
    assert said(text, "clinical_hold", speaker="Ceo") == []
    assert switched_on("clinical_hold")


def test_partner_hold_and_analyst_question():
    found = items(
        ("Analyst", "Your partner Zenith had the clinical hold last month; how does that affect you?"),
        ("Ceo", "We let the Zenith team comment on the clinical hold, but our own programs are unaffected."),
        kind="clinical_hold",
    )
    assert [(i.subject, i.status, i.attributes["owner"], i.counterparty) for i in found] == [
        ("ZENITH", "placed", "partner", "Zenith")]
    assert "confirmed by management" in found[0].notes[0]


def test_analyst_alone_is_low_confidence():
    found = items(("Analyst", "I read that the FDA placed ABC-101 on clinical hold, is that right?"),
                  ("Ceo", "We will not comment on rumours."), kind=None)
    holds = [i for i in found if i.kind == "clinical_hold"]
    assert holds == []  # below the reportable confidence
    assert switched_on("clinical_hold")


def test_subject_from_the_question():
    found = items(
        ("Analyst", "Can you update us on ABC-101 enrolment?"),
        ("Ceo", "We reopened after the hold with a lower dose and enrolment is going well."),
        kind="clinical_hold",
    )
    assert [(i.subject, i.status) for i in found] == [("ABC101", "lifted")]


def test_safe_harbour_and_vague_mentions_are_not_holds():
    assert said("These forward-looking statements involve risks, including regulatory actions such as clinical "
                "holds and delays in IND filings.", "clinical_hold", speaker="Cfo") == []
    assert said("Clinical holds happen in this industry all the time.", "clinical_hold", speaker="Ceo") == []
    assert switched_on("clinical_hold")


def test_partial_hold_lifted_without_the_word_clinical():
    [item] = said("In May the FDA lifted the partial hold on ABC-101.", "clinical_hold", speaker="Ceo")
    assert (item.subject, item.status) == ("ABC101", "lifted")


@pytest.mark.parametrize(("text", "status", "expected"), [
    # The status word nearest the hold, in its clause: "RESOLVE" names a trial, it resolves nothing.
    ("The FDA placed a partial clinical hold on ZX-12, and the RESOLVE trial is paused.", "placed", None),
    ("After we resolved the manufacturing questions, the FDA placed a clinical hold on ZX-12.", "placed", None),
    # An expected, denied or conditional lift leaves the hold in place.
    ("We expect the FDA to lift the clinical hold on ZX-12 in the coming weeks.", "ongoing", "lifted"),
    ("The clinical hold on ZX-12 has not been lifted.", "ongoing", None),
    ("We hope the clinical hold on ZX-12 will be resolved by year end.", "ongoing", "lifted"),
    # A denied mention does not hide a lift stated in another clause.
    ("There was no new clinical hold this quarter, but the FDA lifted the partial hold on ZX-12.", "lifted", None),
    # A lift stated as done is still a lift.
    ("We resumed dosing in ZX-12 after the FDA lifted the clinical hold.", "lifted", None),
])
def test_status_is_the_nearest_cue_in_the_clause(text, status, expected):
    [item] = said(text, "clinical_hold", speaker="Ceo")
    assert (item.subject, item.status, item.attributes["expected"]) == ("ZX12", status, expected)


def test_question_in_flat_text_is_a_mentioned_hold_with_lower_confidence():
    [item] = flat_items("Thanks for the update on enrolment. And on ZX-12, the clinical hold, when do you expect to "
                        "hear back from the FDA?", kind="clinical_hold")
    assert (item.subject, item.status) == ("ZX12", "mentioned")
    assert 0.5 <= item.confidence <= 0.6 and "stated within a question" in item.notes


@pytest.mark.parametrize("text", [
    "The FDA has not placed a clinical hold on ABC-101.",
    "The FDA never placed a clinical hold on ABC-101.",
    "We have not been notified of any clinical hold on ABC-101.",
])
def test_a_placing_denied_is_no_hold(text):
    # Each was a hold (placed, or mentioned), alerted as a critical "New ABC101 clinical hold".
    assert said(text, "clinical_hold", speaker="Ceo") == []
    assert switched_on("clinical_hold")


def test_a_lift_denied_is_still_a_hold():
    [item] = said("The FDA has not lifted the clinical hold on ABC-101.", "clinical_hold", speaker="Ceo")
    assert (item.subject, item.status) == ("ABC101", "ongoing")
