"""Regulatory filings: one item per product, status from the wording, guidance withdrawn."""

import datetime as dt

import pytest

from tests.extraction import items, said


def test_one_item_per_product_with_timing():
    found = said("We plan to file INDs for ABC-101 and ABC-202 in 2022.", "regulatory_filing", speaker="Ceo")
    assert [(i.subject, i.status, i.attributes["filing_type"], i.date_start) for i in found] == [
        ("ABC101", "planned", "IND", dt.date(2022, 1, 1)), ("ABC202", "planned", "IND", dt.date(2022, 1, 1))]


@pytest.mark.parametrize(
    ("text", "status", "filing_type"),
    [
        ("We submitted the BLA for ABC-101 in June.", "submitted", "BLA"),
        ("The FDA accepted our NDA for ABC-101 with priority review.", "accepted", "NDA"),
        ("ABC-101 was approved, and the sNDA followed.", "approved", "sNDA"),
        ("We now expect the ABC-101 MAA submission to slip to 2023.", "delayed", "MAA"),
    ],
)
def test_status(text, status, filing_type):
    [item] = said(text, "regulatory_filing", speaker="Ceo")
    assert (item.status, item.attributes["filing_type"]) == (status, filing_type)


def test_guidance_withdrawn_for_the_product_named_before():
    found = items(("Ceo", "ABC-101 is being manufactured now. I'm not giving any guidance for the IND filing today."),
                  kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("ABC101", "guidance_withdrawn")]


@pytest.mark.parametrize(
    "text",
    [
        "Could you file the IND for ABC-101 this year?",
        "We don't plan to file an IND for ABC-101.",
        "We would love to bring a product to BLA one day.",
    ],
)
def test_not_a_filing(text):
    assert said(text, "regulatory_filing", speaker="Ceo") == []


def test_safe_harbour_is_not_a_filing():
    assert said("Forward-looking statements include the timing of our planned IND submission for ABC-101 in 2022.",
                "regulatory_filing", speaker="Cfo") == []


# Each status as calls say it, with invented products; and the misreadings the issues name.
@pytest.mark.parametrize(
    ("text", "subject", "status"),
    [
        ("The FDA approved Zorvex for moderate to severe plaque psoriasis.", "ZORVEX", "approved"),
        ("We received a positive CHMP opinion recommending Zorvex in ulcerative colitis.", "ZORVEX", "approved"),
        ("Last month, Zorvex received full approval from the FDA for ovarian cancer.", "ZORVEX", "approved"),
        ("In the quarter, we received U.S. 510(k) clearance for our Quillon stapler.", "QUILLON", "approved"),
        ("We received a complete response letter for our ABC-101 application in the U.S.", "ABC101", "rejected"),
        ("The FDA accepted our BLA for ABC-101 and set a PDUFA date of June 12th.", "ABC101", "accepted"),
        ("We received priority review from the FDA for ABC-101.", "ABC101", "accepted"),
        ("We resubmitted the NDA for ABC-101 in March.", "ABC101", "submitted"),
        ("A regulatory application is under review in the U.S. for Zorvex in platysma.", "ZORVEX", "submitted"),
        ("The FDA extended the NDA review period for ABC-101, and we now expect action in Q2.", "ABC101", "delayed"),
        ("We have withdrawn our U.S. application for ABC-101 in heart failure.", "ABC101", "withdrawn"),
        ("We will not be submitting ABC-101 for approval in myelofibrosis.", "ABC101", "guidance_withdrawn"),
        ("We plan to submit a supplemental BLA for ABC-101 in the coming weeks.", "ABC101", "planned"),
        ("A regulatory submission for ABC-101 is planned for this year.", "ABC101", "planned"),
        # Expectations stay expectations: an approval expected is a filing under review.
        ("We expect FDA approval of Zorvex in the second half.", "ZORVEX", "submitted"),
        ("We anticipate an approval decision for ABC-101 in the U.S. in the second quarter.", "ABC101", "submitted"),
        ("We are expecting the NDA acceptance for ABC-101 this month.", "ABC101", "submitted"),
        # The cue nearest its product wins, clause by clause.
        ("We submitted the NDA for ABC-101, which has been accepted for a six-month review.", "ABC101", "accepted"),
    ],
)
def test_each_status_as_said(text, subject, status):
    found = said(text, "regulatory_filing", speaker="Ceo")
    assert {(i.subject, i.status) for i in found} == {(subject, status)}


@pytest.mark.parametrize(
    "text",
    [
        "If approved, Zorvex would be the first therapy for this disease.",  # hypothetical
        "Zorvex grew 20% across all of its approved indications.",  # "approved indications" describe
        "We saw complete response in two thirds of ABC-101 patients.",  # a response, not a letter
        "Our earnings release and regulatory filings with the SEC reconcile non-GAAP measures for ABC-101.",
        "There is an expected delay in the timing of receipt of the ABC-101 payment.",  # no application
        "Has the FDA approved ABC-101 yet?",
    ],
)
def test_no_filing_event(text):
    assert said(text, "regulatory_filing", speaker="Ceo") == []


def test_one_item_per_jurisdiction():
    found = said("We've submitted ABC-101 to the FDA and EMA for Crohn's disease.", "regulatory_filing", speaker="Ceo")
    assert sorted((i.status, i.attributes["jurisdiction"]) for i in found) == [("submitted", "EU"), ("submitted", "US")]


def test_the_product_of_the_previous_sentence_is_the_subject():
    found = items(("Ceo", "Our lead candidate ABC-101 met both primary endpoints in the pivotal study. "
                          "We submitted the application to the FDA last week."), kind="regulatory_filing")
    assert [(i.subject, i.status, i.notes[-1]) for i in found] == [
        ("ABC101", "submitted", "the product is named in an earlier sentence")]


def test_pdufa_day_normalised_against_the_call_date():
    [item] = said("The FDA accepted the BLA for ABC-101 with a PDUFA date of June 12th.", "regulatory_filing",
                  speaker="Ceo", call_date=dt.date(2025, 2, 10))
    assert (item.status, item.date_start, item.date_end) == ("accepted", dt.date(2025, 6, 12), dt.date(2025, 6, 12))


def test_filing_type_slips_and_designations():
    [item] = said("We submitted an SNDA for ABC-101 under priority review with breakthrough therapy designation.",
                  "regulatory_filing", speaker="Ceo")
    assert item.attributes["filing_type"] == "sNDA"
    assert item.attributes["designations"] == ["priority review", "breakthrough"]


def test_one_product_however_the_call_spells_it():
    found = items(("Ceo", "Zorvexa received FDA approval in psoriasis."),
                  ("Cfo", "Since the recent FDA approval of Zorvexo in psoriasis, demand rose."),
                  kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("ZORVEXA", "approved")]


# Misreadings found on the development gold (issue 14), one category each, with invented products.
@pytest.mark.parametrize(
    "text",
    [
        # People: a first name, and the surname after one, are no products.
        "Michael transformed our R&D engine, ultimately delivering 35 approvals for patients globally.",
        "Guy Rizzi continues to show strong momentum, and the recent approval in Crohn's disease helps.",
        # An organisation's name.
        "The ADA [American Diabetes Association] issued updated guidelines shortly after the FDA approval.",
        # A rival's drug.
        "So your competitor in this space, Novartis, is Zorkali, which recently received a broad approval.",
        # Descriptions and hypotheses.
        "We can progress directly into an ITP-like indication where Zorvex is approved.",
        "The readout of ABC-101, assuming that's positive and approved, comes later on.",
        "A phase three trial is underway and pending positive data and regulatory approval, ABC-101 would become "
        "the only vaccine available.",
        # An answer to an old letter; a protocol submitted.
        "There are about 50 products like ABC-101 for which we have responded to either a complete response letter "
        "or to an information request.",
        "The FDA then requested that we submit a protocol for ABC-101 and the statistical analysis plan.",
        # A submission named, not one made.
        "We met with the FDA late last year regarding our ABC-101 submission for glabellar lines.",
        # A transcriber's note.
        "[Indecipherable] received FDA approval last month.",
        # A trial named with a three-digit number.
        "The FDA approval was based on Keynote 671 in early-stage lung cancer.",
    ],
)
def test_misreadings_give_no_filing(text):
    assert said(text, "regulatory_filing", speaker="Ceo") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Done said after the noun.
        ("FDA approval was granted for Zorvex in giant cell arteritis.", {("ZORVEX", "approved", "US")}),
        ("We received U.S. clearances for the Quillon stapler in thoracic indications.",
         {("QUILLON", "approved", "US")}),
        # A plan said as a noun, however far the verb stands.
        ("A regulatory submission for ABC-101 and ABC-202 is also planned for this year.",
         {("ABC101", "planned", None), ("ABC202", "planned", None)}),
        # An approval after a plan is part of the plan: the application is under review.
        ("Regarding our sNDA for Zorvex XR, we continue to prepare to launch the new indication after receiving "
         "full FDA approval.", {("ZORVEXXR", "submitted", "US")}),
        ("We still have to do the studies, have positive studies and get the approval for Zorvex.",
         {("ZORVEX", "submitted", None)}),
        # A product withdrawn from the market.
        ("The quarter absorbed the costs incurred with the withdrawal of Zorvex.", {("ZORVEX", "withdrawn", None)}),
    ],
)
def test_category_readings(text, expected):
    found = said(text, "regulatory_filing", speaker="Ceo")
    assert {(i.subject, i.status, i.attributes["jurisdiction"]) for i in found} == expected


def test_a_trial_name_is_not_the_product_carried_to_the_next_sentence():
    found = items(("Ceo", "Starting with Zorvex-T, our registrational trial, the TRINITY study, continues to progress "
                          "and we expect data later this year. Our submission will follow soon thereafter."),
                  kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == [("ZORVEXT", "planned")]


def test_our_submission_said_as_a_noun_takes_the_product_before():
    found = items(("Ceo", "Zorvex met both primary endpoints in psoriasis. "
                          "Our regulatory submission is on track for 2018, with commercialization expected in 2019."),
                  kind="regulatory_filing")
    assert [(i.subject, i.status, i.date_end) for i in found] == [("ZORVEX", "planned", dt.date(2018, 12, 31))]


def test_approvals_at_a_past_time_are_done():
    found = items(("Ceo", "Zorvex grew 40% in the U.S. this quarter. "
                          "This follows EU and Japan approvals at the end of last year."), kind="regulatory_filing")
    assert sorted((i.subject, i.status, i.attributes["jurisdiction"]) for i in found) == [
        ("ZORVEX", "approved", "EU"), ("ZORVEX", "approved", "Japan")]


def test_an_approval_expected_after_the_approval_said_is_no_second_filing():
    found = items(("Ceo", "We received a positive CHMP opinion for Zorvex in follicular lymphoma. "
                          "Commercialization is now underway in the U.S., with European approval of Zorvex expected "
                          "later this year."), kind="regulatory_filing")
    assert [(i.subject, i.status, i.attributes["jurisdiction"]) for i in found if i.attributes["jurisdiction"] == "EU"
            ] == [("ZORVEX", "approved", "EU")]


def test_places_go_to_the_product_nearest_them():
    found = said("We completed submissions in the U.S. and EU for Zorvex for heart failure and global submissions "
                 "for Quillon for breast cancer.", "regulatory_filing", speaker="Ceo")
    assert sorted((i.subject, i.status, i.attributes["jurisdiction"]) for i in found) == [
        ("QUILLON", "submitted", "global"), ("ZORVEX", "submitted", "EU"), ("ZORVEX", "submitted", "US")]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # "before year-end" is a time, not a new clause; "FDA decision" is a decision expected.
        (("We expect an FDA decision before year-end for Zorvex, which could become the first weekly treatment.",),
         [("ZORVEX", "submitted")]),
        # A filing noun said as a plan takes the product of the sentence before.
        (("Zorvex met its endpoints in the first alopecia study.",
          "Results from a second study are anticipated in the third quarter, followed by regulatory submissions "
          "starting later this year."), [("ZORVEX", "planned")]),
        # A year's outline of event kinds names no product's filing.
        (("Zorvex had a strong quarter.",
          "In 2025, we expect a strong cadence of data readouts, regulatory submissions, and new approvals."), []),
        # GLP-1 is a target class, not a product.
        (("GLP-1 medicines grew strongly.", "We also expect potential regulatory submissions for obesity to begin "
                                            "worldwide by the end of 2025."), []),
        # With a positive result: a possibility.
        (("With a positive result and positive FDA action, we should be able to launch Zorvex Plus in 2018.",), []),
    ],
)
def test_plans_and_outlines(texts, expected):
    found = items(("Ceo", " ".join(texts)), kind="regulatory_filing")
    assert [(i.subject, i.status) for i in found] == expected


def test_a_submission_verb_anchors_a_sentence_that_names_its_product():
    found = said("In immunology, we've now submitted Zorvex for Crohn's disease in Japan.", "regulatory_filing",
                 speaker="Ceo")
    assert [(i.subject, i.status, i.attributes["jurisdiction"]) for i in found] == [("ZORVEX", "submitted", "Japan")]
    # Without a product of its own, such a sentence takes none from before.
    assert items(("Ceo", "Zorvex grew 12%. We look forward to submitting it next year."),
                 kind="regulatory_filing") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "by the European Commission" is who approved, not a deadline.
        ("Zorvex was approved by the European Commission in January.", ("ZORVEX", "approved", "EU", "2025-01-31")),
        # A code after "approved" is the product, not a class of drugs.
        ("The FDA approved ABC-101 for the treatment of adults with COPD.", ("ABC101", "approved", "US", None)),
        # Rejections and guidance withdrawn need no regulator named.
        ("We received a refusal to file letter for Zorvex.", ("ZORVEX", "rejected", None, None)),
        ("We have decided not to pursue a filing for Zorvex in Europe.", ("ZORVEX", "guidance_withdrawn", "EU", None)),
        # Delays: the PDUFA date extended (to a date to come), later than guided.
        ("The FDA has extended the PDUFA date for Zorvex by three months to June 12th.",
         ("ZORVEX", "delayed", "US", "2025-06-12")),
        ("We now expect to resubmit the Zorvex BLA in the first half of 2026, later than we previously guided.",
         ("ZORVEX", "delayed", None, "2026-06-30")),
    ],
)
def test_approvals_rejections_and_delays_as_said(text, expected):
    found = said(text, "regulatory_filing", speaker="Ceo", call_date=dt.date(2025, 2, 10))
    assert [(i.subject, i.status, i.attributes["jurisdiction"], i.date_end and i.date_end.isoformat())
            for i in found] == [expected]


def test_a_previously_approved_population_is_no_approval():
    assert items(("Ceo", "Zorvex sales grew strongly in the quarter. They also support the potential to expand its "
                         "label to new patients as we continue to execute on its launch in the previously approved "
                         "non-inhibitor population."), kind="regulatory_filing") == []
