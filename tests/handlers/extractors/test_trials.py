"""Trial status: a company ending its own program is `stopped`; what is not its own decision, not a fact or
not a program is no stop."""

import pytest

from tests.extraction import items, said


def statuses(text, **kwargs):
    return [(i.subject, i.status) for i in said(text, "trial_status", speaker="Ceo", **kwargs)]


@pytest.mark.parametrize(("text", "found"), [
    # The verbs of ending a program, each with what it ended named after it.
    ("We made the decision to terminate the ZX-12 study in prodromal disease.", [("ZX12", "stopped")]),
    ("We have stopped development of an NRG4 agonist as the profile was insufficient.", [("NRG4", "stopped")]),
    ("As a result, we are discontinuing further development for 916 as a standalone antibody.",
     [("916", "stopped")]),
    ("We will wind down the ZX-12 study in the relapsed setting.", [("ZX12", "stopped")]),
    ("We removed the Phase I AB-301 asset in cardiovascular disease.", [("AB301", "stopped")]),
    ("We've terminated development for our Gitter agonists due to insufficient efficacy.",
     [("GITTER AGONISTS", "stopped")]),
    ("This quarter includes a $230 million charge associated with the discontinuation of our DMD program.",
     [("DMD PROGRAM", "stopped")]),
    # A list after a generic head: the name after the comma.
    ("We also discontinued two phase two programs, KB1.3 antagonists for psoriasis, and another for pain.",
     [("KB1.3 ANTAGONISTS", "stopped")]),
    # Said as a decision with no verb of ending.
    ("But unfortunately, the results that we got in this trial didn't support proceeding with this molecule.",
     [("THIS MOLECULE", "stopped")]),
])
def test_the_company_ending_its_program_is_stopped(text, found):
    assert statuses(text) == found


@pytest.mark.parametrize("text", [
    # Someone else's program, a denial, a supposition, a question.
    "Zenith discontinued its phase 3 trial of ZX-12 last month.",
    "We have not discontinued the ZX-12 program.",
    "If the data are poor, we would discontinue the ZX-12 program.",
    "Would you discontinue the ZX-12 program if the interim analysis is negative?",
    # Not a program: a deal, operations, patients stopping a drug, a part of a construct.
    "We terminated the license agreement for ZX-12 with Nova.",
    "We discontinued operations at the ZX-12 plant.",
    "In the ZX-12 study we saw patients discontinue treatment due to adverse events.",
    "For ZX-12, we removed the suicide switch and replaced it by another CAR.",
    # Advice or a possibility, and assets that are no programs.
    "It is not unprecedented that a monitoring board may call us and say you should stop the ZX-12 study.",
    "We also removed $1.7 billion of assets constructed for others from the balance sheet.",
    # A stop told again, and a molecule swapped for its successor.
    "As mentioned last quarter, the charge relates to the discontinuation of our ZX-12 program.",
    "We removed ZX-806 from the pipeline in favor of ZX-853, a more potent molecule.",
    # A plural with no name is talk about programs in general.
    "We don't want a quarterly discussion of the starting and stopping of studies.",
])
def test_what_is_not_the_company_ending_a_program(text):
    assert statuses(text) == []


def test_the_program_is_the_one_the_sentence_before_names():
    found = items(("Ceo", "ZX-12 showed a potential liver injury case. The risk was high enough for us to "
                          "discontinue the program."), kind="trial_status")
    assert [(i.subject, i.status) for i in found] == [("ZX12", "stopped")]


def test_the_program_opening_the_paragraph_before_is_read_without_its_capital():
    from tests.extraction import flat_items

    found = flat_items("Zanolimab showed numerically higher efficacy than the control arm.",
                       "However, the results were not sufficiently differentiated for us to pursue it alone.",
                       kind="trial_status")
    assert [(i.subject, i.status) for i in found] == [("ZANOLIMAB", "stopped")]
