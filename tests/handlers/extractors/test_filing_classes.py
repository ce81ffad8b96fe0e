"""Regulatory filings: the classes of misreading found on the development gold (issue 14), each with a
sentence as a real call says it (names as transcribed)."""

import datetime as dt
from dataclasses import replace

from handlers.extractors.registry import extract
from tests.extraction import call, flat_items, items, said


def _read(*texts: str, **kwargs) -> list[tuple]:
    found = items(*(("Ceo", text) for text in texts), kind="regulatory_filing", **kwargs)
    return [(i.subject, i.status, i.attributes["jurisdiction"]) for i in found]


def test_a_noun_cue_ending_in_for_is_an_expected_decision():
    # "regulatory action for" is the noun "action": a decision expected, so the filing is under review.
    assert _read("Lastly, we expect U.S. regulatory action for Terzapatide in adults with obesity and obstructive "
                 "sleep apnea yet this year.") == [("TERZAPATIDE", "submitted", "US")]


def test_a_disease_name_is_no_product():
    # "Myasthenia Gravis" is capitalised as a brand is; the filing is the product said before.
    assert _read("Soliris met its endpoint in the REGAIN study.",
                 "And then in terms of your specific question on Myasthenia Gravis and the advisory panel, it's too "
                 "early to say, but I would remind you, the decision to file in the US was really based on very "
                 "positive in person meetings with regulators.") == [("SOLIRIS", "submitted", "US")]


def test_an_abbreviation_spelled_letter_by_letter_is_an_indication():
    assert _read("A regulatory submission for PIVAC and BPDCN is also planned for this year.") == [
        ("PIVAC", "planned", None)]


def test_a_gene_is_no_product():
    found = items(("Ceo", "APOE4 carriers saw less ARIA with the modified titration, which was approved last month."),
                  kind="regulatory_filing")
    assert "APOE4" not in {i.subject for i in found}


def test_a_trial_acronym_with_a_numeral_is_a_trial():
    assert _read("Our CLASP IID trial is ongoing and we expect approval next year.") == []
    assert _read("Our CLASP IID trial is ongoing and we expect approval of PASCAL next year.") == [
        ("PASCAL", "submitted", None)]


def test_a_brand_and_its_inn_are_one_subject():
    found = items(("Ceo", "Finally, in immunology, we're excited by the recent US FDA approval of labratizumab as "
                          "EBLIS for adults and children 12 years and older with moderate to severe atopic "
                          "dermatitis."),
                  ("Cfo", "Significant advancements in our pipeline included approval of EBLIS for moderate to severe "
                          "atopic dermatitis in the U.S."), kind="regulatory_filing")
    assert [(i.subject, i.status, i.attributes["aliases"]) for i in found] == [
        ("LABRATIZUMAB", "approved", ["EBLIS"])]


def test_the_differ_matches_a_product_by_a_name_its_call_linked():
    from alerts.filing_changes import filing_changes

    # The same plan said under the other name: no new plan, and no silence about the first name.
    earlier = {"subject": "EBGLYSS", "status": "planned", "attributes": {"aliases": ["LEBRIKIZUMAB"]}, "quote": ""}
    later = {"subject": "LEBRIKIZUMAB", "status": "planned", "attributes": {}, "quote": "", "text_value": None}
    assert filing_changes([earlier], [later], later_text="we plan to submit lebrikizumab") == []


def test_dated_items_keep_their_dates():
    [item] = said("We expect U.S. regulatory action for Zorvex in the second half.", "regulatory_filing",
                  speaker="Ceo", call_date=dt.date(2025, 2, 10))
    assert (item.status, item.date_end) == ("submitted", dt.date(2025, 12, 31))


def test_a_sentence_split_at_u_s_goes_on_in_the_next_line():
    # A list of sentences breaks one at "U.S" and puts the product in the next line.
    found = flat_items("In the area of virology, early in the third quarter, we received regulatory approvals in "
                       "the U.S", ", Europe, and Japan for MAVYRET", kind="regulatory_filing")
    assert sorted((i.subject, i.status, i.attributes["jurisdiction"]) for i in found) == [
        ("MAVYRET", "approved", "EU"), ("MAVYRET", "approved", "Japan"), ("MAVYRET", "approved", "US")]


def test_a_delay_said_without_a_delay_word():
    # Timing moved because the regulator asked: delayed, to the quarter of next year said.
    found = items(("Ceo", "Rova-T showed durable responses in small-cell lung cancer. Therefore, we have moved the "
                          "final analysis for the TRINITY study to the second quarter of next year in order to meet "
                          "the FDA's request."), kind="regulatory_filing", call_date=dt.date(2017, 10, 27))
    assert [(i.subject, i.status, i.date_end) for i in found] == [("ROVAT", "delayed", dt.date(2018, 6, 30))]
    # A review that runs into a later year.
    assert _read("The FDA review of Zorvex is now expected to extend into 2026.") == [("ZORVEX", "delayed", "US")]
    # Timing moved for no regulator's request is no delay of an application.
    assert _read("We moved the launch of Zorvex to the second half because of demand.") == []


def test_the_timing_is_the_one_beside_the_cue():
    [item] = said("Following a meeting with the FDA in March, we plan to submit the BLA for ABC-101 in the fourth "
                  "quarter.", "regulatory_filing", speaker="Ceo", call_date=dt.date(2021, 8, 6))
    assert (item.status, item.text_value, item.date_end) == ("planned", "the fourth quarter", dt.date(2021, 12, 31))


def test_a_plural_noun_lists_products_each_with_its_indication():
    # "approvals ..., as well as regulatory submissions for": the verb before governs both nouns.
    found = _read("In 2025, we anticipate approvals for RINVOC in GCA and Teliso-V for non-squamous, non-small cell "
                  "lung cancer, as well as regulatory submissions for Tevapidon in Parkinson's, Venclexta in "
                  "higher-risk MDS, and Bonti for aesthetics.")
    assert found == [("RINVOC", "submitted", None), ("TELISOV", "submitted", None), ("TEVAPIDON", "planned", None),
                     ("VENCLEXTA", "planned", None), ("BONTI", "planned", None)]


def test_an_advisory_committee_meets_on_an_application_under_review():
    assert _read("Additionally, we announced that the FDA plans to convene a meeting of the Peripheral and CNS Drugs "
                 "Advisory Committee to discuss Denenumab in early symptomatic Alzheimer's disease.") == [
        ("DENENUMAB", "submitted", "US")]
    assert _read("It's too early to say whether the FDA will consider an advisory panel for Zorvex.") == []


def test_a_plan_after_an_application_under_review_is_another_application():
    found = _read("Lastly, we are pleased to share that we expect U.S. regulatory action for Terzapatide in adults "
                  "with obesity and obstructive sleep apnea yet this year, and that we will submit for U.S. approval "
                  "of terzapatide in adults with obesity and heart failure before the end of this year.")
    assert found == [("TERZAPATIDE", "submitted", "US"), ("TERZAPATIDE", "planned", "US")]
    # A decision said before the product of a plan is not its own application.
    assert _read("We continue to expect an FDA approval decision later this year. and we remain on track to submit a "
                 "regulatory application for Bonte near the end of this year.") == [("BONTE", "planned", "US")]


def test_a_submission_for_approval_takes_the_product_before():
    found = items(("Ceo", "We dosed the last patient in the VLA15 study. If successful, we expect to submit for "
                          "approval next year."), kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("VLA15", "planned")]


def test_a_month_said_with_a_past_submission_is_the_last_one():
    [item] = said("We submitted the BLA for Zorvex in March.", "regulatory_filing", speaker="Ceo",
                  call_date=dt.date(2021, 8, 6))
    assert item.date_end == dt.date(2021, 3, 31)


def test_a_company_the_call_names_is_no_product():
    # A generic maker's approval, on the call of a company that competes with it.
    assert _read("We expect competition from Sandoz Inc. and others.",
                 "Sandoz received FDA approval for its generic version last month.") == []
    assert _read("Zorvex received FDA approval last month.") == [("ZORVEX", "approved", "US")]


def test_a_biosimilar_named_by_its_molecule_in_lower_case():
    found = _read("We expect to submit an IND application for biosimilar insulin glargine next month and commence the "
                  "pivotal trial around March of 2022.")
    assert found == [("INSULINGLARGINE", "planned", None)]
    # "biosimilar application" names no molecule.
    assert _read("The FDA has indicated the same study will be sufficient to file a 351(k) biosimilar application.") \
        == []


def test_months_added_to_an_application_timeline_are_a_delay():
    assert _read("We have recently added a few months to the Zorvex BLA timeline, due to COVID-19 restrictions at "
                 "the study site.") == [("ZORVEX", "delayed", None)]


def test_each_plan_has_the_filing_type_said_with_it():
    found = items(("Ceo", "We filed the IND for ABC-101 last year and plan to submit the BLA in 2022."),
                  kind="regulatory_filing")
    assert [(i.status, i.attributes["filing_type"]) for i in found] == [("submitted", "IND"), ("planned", "BLA")]


def test_approvals_listed_in_a_recap_are_marked_so():
    found = items(("Ceo", "These advancements include recent approvals for Skyrizzy and UC, Epkinley and later lines "
                          "of follicular lymphoma, Eliher for FR-alpha positive platinum-resistant ovarian cancer, "
                          "Vylev for advanced Parkinson's, and new indications for Botox and Juvederm."),
                  ("Cfo", "Eliher is now approved for platinum-resistant ovarian cancer in the U.S."),
                  kind="regulatory_filing")
    assert [(i.subject, i.attributes["recap"]) for i in found] == [
        ("SKYRIZZY", True), ("EPKINLEY", True), ("VYLEV", True), ("ELIHER", None)]


def test_the_company_named_by_its_ticker_and_an_adjective_are_no_products():
    # A transcript that does not name its company: the ticker's letters, in order, name it.
    transcript = replace(call(("Ceo", "We recently received the first U.S. FDA gene therapy approval for Pfizer with "
                                      "FDA approval of Vecubus, a one-time gene therapy for adults with hemophilia B."),
                              company=None), ticker="PFE")
    assert sorted(i.subject for i in extract(transcript) if i.kind == "regulatory_filing") == ["VECUBUS"]
    assert _read("So we got the European approval of Pediatric Premdart 20 in Europe.") == [
        ("PREMDART20", "approved", "EU")]


def test_a_corporate_approval_is_no_regulatory_one():
    assert _read("Our Board of Directors approved a new $10 billion share repurchase program and a dividend "
                 "increase for Zorvex holders.") == []
    assert _read("In China, volume-based procurement approved last year affected Zorvex sales.") == []
    assert _read("The European Commission approved Zorvex in January.") == [("ZORVEX", "approved", "EU")]


def test_a_ce_mark_is_a_european_approval_and_a_payer_approval_is_none():
    assert _read("We received CE Mark for Zorvex in the quarter.") == [("ZORVEX", "approved", "EU")]
    assert _read("We received CE-Mark approval for the Zorvex valve.") == [("ZORVEX", "approved", "EU")]
    assert _read("We received NTAP approval from CMS for the Zorvex system, effective October 1.") == []
    assert _read("CMS approved a new technology add-on payment for Zorvex.") == []


def test_an_approval_after_a_past_event_is_done_and_a_rivals_copy_is_not_ours():
    assert _read("We launched Zorvex in Japan following approval in September.") == [("ZORVEX", "approved", None)]
    assert _read("We will launch Zorvex in Japan following approval in September.") == [
        ("ZORVEX", "submitted", None)]
    assert _read("Our partner Teva received FDA approval for its generic version of Zorvex.") == []
    assert _read("We received FDA approval for our generic version of Advair.") == [("ADVAIR", "approved", "US")]


def test_the_path_to_approval_is_no_approval():
    assert _read("We had a Type B meeting with the FDA and agreed on the path to approval for Zorvex.") == []


def test_a_quarter_or_half_to_come_said_after_it_passed_is_next_years():
    found = said("The FDA has accepted our resubmission for Zorvex, setting a new PDUFA goal date in the first "
                 "quarter.", "regulatory_filing", speaker="Ceo", call_date=dt.date(2021, 8, 6))
    assert [(i.status, i.date_end) for i in found] == [("accepted", dt.date(2022, 3, 31))]
    [done] = said("In the first quarter, we received approval for Zorvex in Japan.", "regulatory_filing",
                  speaker="Ceo", call_date=dt.date(2021, 8, 6))
    assert done.date_end == dt.date(2021, 3, 31)


def test_a_molecule_after_a_filing_type():
    # A letter and a number alone is no product: "the C2 schedule", "M3" in a sentence of other names.
    assert _read("We received FDA clearance for G7 in the quarter.") == []
    assert _read("In Q3 we filed the BLA for Zorvex.") == [("ZORVEX", "submitted", None)]
    [item] = said("We submitted the NDA for relacorilant in the fourth quarter.", "regulatory_filing", speaker="Ceo",
                  call_date=dt.date(2021, 2, 10))
    assert (item.subject, item.status, item.date_end) == ("RELACORILANT", "submitted", dt.date(2020, 12, 31))
    assert _read("We submitted the NDA for patients with hypertension.") == []


def test_a_place_beside_either_name_of_a_product_is_its_own():
    assert _read("We achieved several key pipeline milestones, including the approval of Kisanla, the brand name for "
                 "Denonimab in the U.S. for the treatment of Alzheimer's disease, the approval of J-PERCA in Japan for "
                 "people with relapse or refractory mantle cell lymphoma.") == [
        ("KISANLA", "approved", "US"), ("JPERCA", "approved", "Japan")]


def test_an_application_held_up_pending_an_inspections_resolution_is_delayed():
    found = items(("Ceo", "Zorvex 40 mg is ready for launch. They're going to tell us that our application is "
                          "pending the resolution of the facility."), kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("ZORVEX40", "delayed")]


def test_a_name_with_its_first_letters_lost_is_the_same_product():
    found = items(("Ceo", "Following discussions with the FDA, we will be submitting to LISO-V for accelerated "
                          "approval in lung cancer."),
                  ("Ceo", "Our submission of Teliso-V will be based on the results of our Phase II study."),
                  kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("LISOV", "planned")]
