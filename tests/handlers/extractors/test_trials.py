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


# Readouts, enrolment and trial names, from the seed calls' sentences (Cellectis, Q2 and Q3 2021); the
# statuses are the gold's vocabulary (tests/gold/biopharma/FORMAT.md).
def test_dose_escalation_is_a_trial_enrolling_in_the_gold_vocabulary():
    found = said("MELANI-01 trial is currently enrolling patients at dose level minus one, the first of the three "
                 "planned doses level.", "trial_status", speaker="Ceo")
    assert [(i.subject, i.status, i.attributes.get("stage")) for i in found] == [
        ("MELANI01", "enrolling", "dose level")]


def test_a_drug_of_the_lymphodepletion_or_an_arm_is_no_program_of_its_own():
    assert statuses("So as we have previously discussed at earlier meetings, we remain in the dose escalation phase "
                    "for UCART123, we had switched over to open the cohorts that include alemtuzumab earlier or late "
                    "last year.") == [("UCART123", "enrolling")]
    assert statuses("As we pointed out last year, we started enrolling patients into the alemtuzumab arms.") == []


def test_a_trial_named_beside_its_product_is_the_product():
    opening = ("Cellectis has enrolled patients in parallel in the three sponsored Phase 1 dose escalation trial for "
               "our preclinical stage wholly owned product candidate, UCART22 in BALLI-01 for relapsed or refractory "
               "B-cell lymphoblastic leukemia; UCART123 in AMELI-01 for relapsed or refractory acute myeloid "
               "leukemia; and UCARTCS1 in MELANI-01 for relapsed or refractory multiple myeloma.")
    assert statuses(opening) == [("UCART22", "enrolling"), ("UCART123", "enrolling"), ("UCARTCS1", "enrolling")]
    # ... and the trial said alone later in the call is that product too.
    later = "MELANI-01 trial is currently enrolling patients at dose level minus one."
    found = items(("Ceo", opening), ("Cfo", later), kind="trial_status")
    assert sorted({(i.subject, i.status) for i in found}) == [
        ("UCART123", "enrolling"), ("UCART22", "enrolling"), ("UCARTCS1", "enrolling")]


def test_a_readout_to_come_is_data_expected_with_or_without_a_venue():
    assert statuses("We are also pleased to share that our partner Allogene will present data from our licensed "
                    "allogeneic CAR T-programs at ASH, data from both the Phase 1 ALPHA II study evaluating ALLO-501A "
                    "and patients with relapsed-refractory non-Hodgkin's lymphoma, and the Phase I Universal study "
                    "evaluating ALLO-715 in patients with relapsed-refractory multiple myeloma, will be shared in "
                    "oral presentations.") == [("ALLO501A", "data_expected"), ("ALLO715", "data_expected")]
    assert statuses("Allogene will also present a poster on data from their Phase 1 ALPHA study, evaluating ALLO-501 "
                    "in patients with relapsed-refractory non-Hodgkin's lymphoma.") == [("ALLO501", "data_expected")]


def test_data_presented_is_data_reported():
    assert statuses("During the second quarter, we presented preliminary translational data for the first group of "
                    "patients enrolled for the MELANI-01 of UCARTCS1 at the virtual American Society of Gene and Cell "
                    "Therapy for the 23rd -- 24th Annual Meeting.") == [("UCARTCS1", "data_reported")]


@pytest.mark.parametrize(("speaker", "text"), [
    # Preclinical data at a meeting is no trial's readout.
    ("Ceo", "Additionally, preclinical data from the TALGlobin-01, an autologous gene therapy product candidate "
            "designed to repair the mutated beta-globin gene, was awarded a poster presentation at ASH."),
    # An analyst announcing a question states nothing, even when management then speaks of the program.
    ("Analyst", "I had a question on UCART-22 on the ASH data."),
])
def test_what_is_no_readout(speaker, text):
    found = items((speaker, text), ("Ceo", "Sure. We will present data from the ZX-12 study at ASH."),
                  kind="trial_status")
    assert [(i.subject, i.status) for i in found] == [("ZX12", "data_expected")]


def test_a_status_without_a_name_is_the_program_its_turn_is_about():
    turn = ("Yeah, so for UCART-123, for relapsed refractory AML, and for the-- I'll start with that one first. "
            "I think as you know AML is a tough space with patients who are quite sick. So it is taking a bit longer, "
            "but we're moving through dose escalations and we're hoping to have additional data at some point next "
            "year to share with everyone.")
    found = items(("Ceo", turn), kind="trial_status")
    assert sorted((i.subject, i.status) for i in found) == [("UCART123", "data_expected"), ("UCART123", "enrolling")]
    assert {i.date_start.isoformat() for i in found if i.status == "data_expected"} == {"2022-01-01"}


def test_every_program_of_a_list_after_a_generic_head_is_stopped():
    assert statuses("We also discontinued two phase two programs, KB1.3 antagonists for psoriasis, and mezizotide "
                    "for pain.") == [("KB1.3 ANTAGONISTS", "stopped"), ("MEZIZOTIDE", "stopped")]


def test_no_new_patients_into_the_study_is_a_pause_of_the_program_said_just_before():
    from tests.extraction import flat_items

    # Alexion, Q4 2016 (a transcript of one sentence a line, no speakers).
    found = flat_items("We are continuing with a study with the patients that are currently on SBC103 and randomized "
                       "either 5 milligrams or 10 milligrams.",
                       "So we'll continue to look at those, but working with <UNK> and looking at just what he said no "
                       "new patients into that particular study or additional trials until we really see those data.",
                       kind="trial_status")
    assert [(i.subject, i.status) for i in found] == [("SBC103", "paused")]
    # Patients of a marketed drug are no trial's.
    assert statuses("We saw no new patients start on ZX-12 in Japan this quarter.") == []
