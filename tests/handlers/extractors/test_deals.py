"""Partnerships: new and ended deals, read from the status word nearest the deal."""

import pytest

from tests.extraction import flat_items, items, said


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
    # "the" deal listed among the recent ones, beside a verb that is no deal's ("to expand our portfolio").
    ("This includes the recent acquisition of Nimble Therapeutics to expand our immunology portfolio with oral "
     "peptides, as well as the license agreement with Gubra to develop an amylin analog.", [("GUBRA", "new")]),
    ("The agreement with Zenith to develop ZX-12 continues as planned.", []),
    ("We have a collaboration with Zenith to develop ZX-12.", []),
    ("We are looking for a partnership with Zenith to commercialize ZX-12.", []),
    ("We would like a deal with Zenith to develop ZX-12.", []),
    # Deals ended with no partner named: the words are the subject; a swap agreement is no deal.
    ("R&D spend fell on savings from the announced deprioritized programs and terminated partnerships.",
     [("TERMINATED PARTNERSHIPS", "ended")]),
    ("After the offering, we terminated related swap agreements of $300 million.", []),
    # Regaining is an ending only of rights: "regained compliance with NASDAQ" ends no deal.
    ("During the quarter, we put in place an ATM agreement and regained compliance with NASDAQ's listing rule.", []),
    # A deal told again is one the company has, not a new one.
    ("The charge relates to the previously announced agreement with Zenith, signed in May.", [("ZENITH", "ongoing")]),
])
def test_new_and_expanded_deals_with_their_partner(text, found):
    assert deals(text) == found


@pytest.mark.parametrize(("text", "found"), [
    # A deal the company has, named with its partner, in a sentence that tells no news of it (real sentences):
    # licensed from or to a partner,
    ("It's the [biochaperone] that we licensed from Adocia.", [("ADOCIA", "ongoing")]),
    ("Risankizumab, our anti-IL-23 monoclonal antibody licensed from Boehringer Ingelheim, has the potential to "
     "provide best-in-class efficacy.", [("BOEHRINGER", "ongoing")]),
    # "our partner X",
    ("With the support of our partner, Synthetic Genomics, we are now able to insert all of the genes that have "
     "worked so well super-cleanly using CRISPR technology.", [("SYNTHETIC", "ongoing")]),
    ("We've previously communicated that as well with our partner AstraZeneca.", [("ASTRAZENECA", "ongoing")]),
    # developed together,
    ("Now to 710, our proposed biosimilar to EYLEA being developed in collaboration with Mylan.",
     [("MYLAN", "ongoing")]),
    ("This product is partnered with Sandoz, and so I think the plan is really to work with Sandoz to figure out how "
     "to best get this product into the marketplace as quickly as possible.", [("SANDOZ", "ongoing")]),
    ("We also anticipate starting an additional first-line study in combination with the degastrant, the ER degrader "
     "we are co-developing with Arvinas.", [("ARVINAS", "ongoing")]),
    # the company's own alliance or agreement with X.
    ("With respect to our alliance with Allogene, in 2021, we received a $5 million milestone payment from the "
     "launch of its TRAVERSE Study.", [("ALLOGENE", "ongoing")]),
    ("Yet another next-generation drug delivery system we are advancing is RemUnity, a small, lightweight external "
     "subcutaneous pump we are developing under an exclusive agreement with DEKA Research & Development Corp.",
     [("DEKA", "ongoing")]),
    # Someone else's partner, a deal only hoped for, or one whose end is spoken of: none held.
    ("Obviously, your partner Bristol on Eloquist made commentary that I think has been interpreted by the street.",
     []),
    ("We would like to work in partnership with Zenith on ZX-12.", []),
    ("We have no partnership with Zenith on ZX-12.", []),
    ("We do not expect Zenith to terminate our collaboration with us.", []),
    # Not yet made, or no partnership at all; a program, a place or a person, not a partner.
    ("And I can't underscore enough how just excited the entire team is about our upcoming partnership with Champion.",
     []),
    ("We are finalizing the definitive agreements for our proposed partnership with Embraer.", []),
    ("And as a quick reminder again, this guidance does include our tentative agreement with AMFA.", []),
    ("The charge reflects our settlement agreement with Zenith on the ZX-12 patents.", []),
    ("As Sundar mentioned, we also extended the YouTube Partner Program and announced our revenue sharing model.", []),
    ("Marketing opportunities with our wholesale partners, Europe has some great best demonstrated practices.", []),
    ("Coming out of the pandemic, our leasing teams partnered with Angela's group in finance.", []),
    ("And for our advertising partners, Cfo will discuss in detail how AI is powering campaign improvements.", []),
])
def test_deals_held_with_a_named_partner_are_ongoing(text, found):
    assert deals(text) == found


def test_a_person_the_call_speaks_to_is_no_partner():
    # A transcript without speakers (no participants known): the call thanks Andrew, so he is a colleague.
    said_of = "Already he refocused our pipeline in collaboration with Andrew."
    thanked = "Thank you very much Andrew and Dave, next question please."
    assert [i.subject for i in flat_items(said_of, thanked, kind="partnership")] == []
    assert [i.subject for i in flat_items(said_of, kind="partnership")] == ["ANDREW"]


def test_the_company_known_only_by_its_ticker_is_no_partner():
    # A call that does not name its company (ticker ACME): "Acmenus" is the company itself, Shire its partner.
    text = ("Based on the agreement between Acmenus and Shire, Shire will pay single-digit royalties to Acmenus on net "
            "sales of SHP465.")
    assert [(i.subject, i.status) for i in items(("Ceo", text), kind="partnership", company=None)] == [
        ("SHIRE", "ongoing")]


@pytest.mark.parametrize(("text", "found"), [
    # A partner known by a short capital name, right at the deal (real sentences); never an agency.
    ("On a further positive related note, in February, we announced we have expanded our agreement with HEC to "
     "include the biosimilar insulin aspart, a fast-acting insulin.", [("HEC", "expanded")]),
    ("M230, our novel program in collaboration with CSL is a recombinant Fc multimer.", [("CSL", "ongoing")]),
    ("Rebates rose under our agreement with CMS on the new pricing program.", []),
    # A product added to a deal, or a deal widened to include one, expands it.
    ("For example, this past year Insulin Aspart was added to our HEC agreement.", [("HEC", "expanded")]),
    ("Next, as noted, we recently expanded our opportunities with Respirent to include generic Spiriva Handihaler.",
     [("RESPIRENT", "expanded")]),
    ("The acquisition added to our earnings per share in the quarter.", []),
    # A new deal with no partner named, known by the product it is for.
    ("We also formed a new strategic alliance partnership to launch Sevoflurane, a product with relatively few "
     "competitors.", [("SEVOFLURANE", "new")]),
    ("We also formed a new partnership to develop AI tools for our sales teams.", []),
])
def test_short_names_expansions_and_deals_named_by_their_product(text, found):
    assert deals(text) == found


def test_a_deal_held_is_one_fact_with_the_news_of_the_same_partner():
    # "our partner HEC" later in the call is the deal the call expanded, not a second fact.
    expanded = "In February, we announced we have expanded our agreement with HEC to include ZX-12."
    held = "And as we have shared, our partner HEC is shouldering the significant majority of these costs."
    assert [(i.subject, i.status) for i in items(("Ceo", expanded), ("Cfo", held), kind="partnership")] == [
        ("HEC", "expanded")]
    assert [(i.subject, i.status) for i in items(("Cfo", held), kind="partnership")] == [("HEC", "ongoing")]


@pytest.mark.parametrize(("text", "found"), [
    # A deal dated before the call's quarter (a call of August 2021 on the second quarter) is one the company has.
    ("In February 2014, Servier partnership, we licensed UCART19 to Servier for all B-cell malignancies in general.",
     [("SERVIER", "ongoing")]),
    ("In particular, at the beginning of 2021, we announced our alliance with Cytovia, which includes up to $760 "
     "million of development, regulatory, and sales milestones.", [("CYTOVIA", "ongoing")]),
    # Dated in the quarter, it is new; a year alone may be a comparison's, not the deal's.
    ("In May 2021, Acme and Sanofi entered into a partnership agreement and a supply agreement regarding alemtuzumab.",
     [("SANOFI", "new")]),
    ("The decreased R&D spend compared to third quarter of 2020 was due to cost savings from the announced "
     "deprioritized programs and terminated partnerships.", [("TERMINATED PARTNERSHIPS", "ended")]),
])
def test_a_deal_dated_before_the_quarter_is_told_again(text, found):
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


@pytest.mark.parametrize(("text", "found"), [
    # What the money of an instrument paid for is the other's repayment, not its own (real sentence).
    ("The refinancing included two new debt instruments, specifically, $350 million of first lien senior secured "
     "notes and $190 million of second lien loans, which were used to retire the approximately $540 million "
     "outstanding balance of our Term B loan.",
     [("first lien senior secured notes", "completed", 350e6), ("second lien loans", "completed", 190e6),
      ("term b loan", "repaid", 540e6)]),
    # Plainly paid off or raised by the company, no figure said.
    ("This last year, we paid off our Term A loans with cash on hand and later successfully completed a full "
     "refinancing transaction of the Term B loans.",
     [("term a loans", "repaid", None), ("term b loans", "completed", None)]),
    ("Subsequent to quarter end, just 2 days ago, we closed on a new expanded revolving credit facility.",
     [("revolving credit facility", "completed", None)]),
    # Not the company's doing, or no financing at all.
    ("In terms of accessing the term loan markets today, I think as banks have issued more term loans this year.", []),
    ("We're anxious to get the pipe to St. James completed this year.", []),
])
def test_financings_raised_or_repaid_with_or_without_a_figure(text, found):
    assert [(i.subject, i.status, i.amount) for i in said(text, "financing")] == found


def test_a_financing_without_a_figure_is_the_one_the_call_sizes_elsewhere():
    retired = "We completed our refinancing transaction where we retired our Term Loan B and extended our maturities."
    sized = ("We used the proceeds from the refinancing on some cash to retire our outstanding Term B loan balance of "
             "approximately $540 million.")
    assert [(i.subject, i.status, i.amount) for i in items(("Cfo", retired), ("Cfo", sized), kind="financing")] == [
        ("term b loan", "repaid", 540e6)]
    assert [(i.subject, i.amount) for i in said(retired, "financing")] == [("term loan", None)]
