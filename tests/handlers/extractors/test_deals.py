"""Partnerships: new and ended deals, read from the status word nearest the deal."""

import pytest

from tests.extraction import said


def deals(text):
    return [(i.subject, i.status) for i in said(text, "partnership", speaker="Ceo")]


@pytest.mark.parametrize(("text", "found"), [
    # A termination agreement, a notice of termination or rights given back end a deal: not a new one.
    ("In May, we entered into a termination agreement with Zenith for the ZX-12 collaboration.",
     [("ZENITH", "ended")]),
    ("Zenith notified us of its decision to terminate our collaboration on ZX-12.", [("ZENITH", "ended")]),
    ("Zenith returned the worldwide rights to ZX-12 to us effective March 1.", [("ZENITH", "ended")]),
    ("Following the end of our alliance with Zenith, ZX-12 is wholly owned again.", [("ZENITH", "ended")]),
    # The status word nearest the deal, in its clause: one deal starts, the other is another clause's news.
    ("We signed a license agreement with Nova after terminating the deal with Zenith.", [("NOVA", "new")]),
    ("In the quarter ended June 30, we signed a license agreement with Nova.", [("NOVA", "new")]),
    ("We entered into a collaboration with Nova to develop ZX-12.", [("NOVA", "new")]),
    # Denied, expected or conditional endings are no ending.
    ("We have no plans to terminate our collaboration with Zenith.", []),
    ("We expect to end our collaboration with Zenith next year.", []),
    ("If Zenith were to terminate the agreement, the rights would revert to us.", []),
])
def test_partnership_status(text, found):
    assert deals(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # Issue 13: an agreement whose purpose is to end a deal ends it; it is never a new partnership.
    ("In May, we and Zenith executed an agreement to end the ZX-12 license.", [("ZENITH", "ended")]),
    ("We entered into an agreement with Zenith to terminate our ZX-12 collaboration.", [("ZENITH", "ended")]),
    ("We signed a new license agreement with Nova, and we have no plans to terminate our Zenith deal.",
     [("NOVA", "new")]),
])
def test_an_agreement_to_end_a_deal_is_an_ending(text, found):
    assert deals(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # The partner named at the deal word: short capitals or a digit with a company suffix, lower case too.
    ("In oncology, we recently announced a license agreement with IGI Therapeutics to develop a trispecific.",
     [("IGI", "new")]),
    ("During Q2, we announced the licensing agreement with 3S Bio, which closed in July.", [("3S", "new")]),
    ("We announced our planned agreement to acquire steadyfast pharmaceuticals.", [("STEADYFAST", "new")]),
    ("During the past quarter, we closed a deal with a terrific company named Respira.", [("RESPIRA", "new")]),
    # Of two deals in a clause, each partner goes with its own: the acquisition is not the collaboration.
    ("We acquired Nova Therapeutics and announced a collaboration with Zenith to invent antimicrobials.",
     [("ZENITH", "new")]),
    # An expansion goes with the deal, not with a portfolio.
    ("In February, we announced we have expanded our agreement with Zenith to include ZX-12.",
     [("ZENITH", "expanded")]),
    ("We completed the acquisition of Nova to expand our portfolio, and the agreement with Zenith is ongoing.", []),
    # A deal introduced without a verb, in a list of the quarter's deals; not one the company has or seeks.
    ("These include a license agreement with Zenith, to develop a next generation antibody.", [("ZENITH", "new")]),
    ("We have a collaboration with Zenith to develop ZX-12.", []),
    ("We are looking for a partnership with Zenith to commercialize ZX-12.", []),
    ("We would like a deal with Zenith to develop ZX-12.", []),
    # Deals ended with no partner named: the words are the subject; a swap agreement is no deal.
    ("R&D spend fell on savings from the announced deprioritized programs and terminated partnerships.",
     [("TERMINATED PARTNERSHIPS", "ended")]),
    ("After the offering, we terminated related swap agreements of $300 million.", []),
    # Regaining is an ending only of rights: "regained compliance with NASDAQ" ends no deal.
    ("During the quarter, we put in place an ATM agreement and regained compliance with NASDAQ's listing rule.", []),
    # A deal told again.
    ("The charge relates to the previously announced agreement with Zenith, signed in May.", []),
])
def test_new_and_expanded_deals_with_their_partner(text, found):
    assert deals(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # Each instrument with its own figure and the status word nearest it.
    ("During the quarter we paid down approximately $1.5 billion in maturing debt and $2 billion in commercial "
     "paper.", [("maturing debt", "repaid", 1.5e9), ("commercial paper", "repaid", 2e9)]),
    ("We also have access to our $45 million credit facility, which to date we have not drawn upon.",
     [("credit facility", "available", 45e6)]),
    ("We raised $46 million of net proceeds from our ATM in the quarter.", [("ATM", "completed", 46e6)]),
    ("We have no plans to draw on the $45 million credit facility.", []),
])
def test_financing_status_and_amount_per_instrument(text, found):
    assert [(i.subject, i.status, i.amount) for i in said(text, "financing")] == found
