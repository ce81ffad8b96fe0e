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
