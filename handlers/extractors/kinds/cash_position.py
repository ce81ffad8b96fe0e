"""`cash_position`: the company's cash, equivalents and investments at a date, one item per scope.

Each scope is its own item: the gross balance (`consolidated`, or `excluding <subsidiary>`) and net
cash (net of debt). Not a balance: a flow ("net cash used in operations"), a use ("a cash usage of
$400 million", "$325 million of cash distributions from" a joint venture), a forecast (that is
`cash_guidance`), a prior figure quoted for comparison (`balances.py` reads the figure).
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.extractors.amounts import find_amounts, has_digits
from handlers.extractors.balances import BALANCE_SHEET, PERIOD_END, as_of, balance, prior, scope
from handlers.extractors.cues import is_question
from handlers.extractors.engine import Adjust, Example, Found, Guard, Kind, Slot, Trigger

NAME = "cash_position"

_I = re.I
_NET = "net"
TRIGGERS = (
    # The noun phrase naming a cash balance: "cash, cash equivalents and marketable securities", "cash on
    # hand"; not "free cash", "operating cash", "non-cash", "additional cash" (flows) or "net cash" (its own
    # scope, below).
    Trigger("cash", re.compile(r"cash(?<!free cash)(?<!operating cash)(?<!net cash)(?<!non-cash)(?<!additional cash)(?<!incremental cash)(?:,? (?:and |plus )?cash equivalents)?"
                               r"(?:,? (?:and |plus )?(?:short-term |current )?(?:investments|marketable securities|"
                               r"financial assets|restricted cash))*(?: position| balance| on hand)?\b", _I),
            gate=("cash",)),
    # "$1.5 billion on the balance sheet"
    Trigger(BALANCE_SHEET, re.compile(r"(?:on|in) (?:the|our) balance sheet\b", _I), gate=("balance sheet",)),
    # Net of debt: "net cash of $2 billion", "cash, less total debt, was ..." (not "net cash used in").
    Trigger("net_cash", re.compile(r"(?:net cash(?: position| balance)?\b(?!\s+(?:used|provided|flows?|from|generated|"
                                   r"proceeds|outflows?|inflows?|paid|received|of debt))|cash,? (?:net of|less) "
                                   r"(?:total )?(?:debt|borrowings)\b,?)", _I),
            gate=("net cash", "cash, less", "cash less", "net of"), group=_NET),
)


# "our current cash is about $300 million", "today we have $1 billion": cash at the call, not at the period end.
_CURRENT = re.compile(r"(?:our current cash|currently (?:have|hold)|as of today|today,? we have)\b")


def _no_figure(found: Found) -> bool:
    """Without a digit or a number said in words, the sentence states no balance."""
    return not has_digits(found.text) and "illion" not in found.text


def _amount(found: Found, fields: dict) -> dict | None:
    amounts = [a for a in find_amounts(found.text, default_currency=found.call.default_currency()) if a.value >= 1e5]
    said = balance(found.text, [(t.name, m) for t, m in found.matches], amounts)
    if said is None:
        return None
    amount, phrase = said
    when, notes = as_of(found.text, amount, found.call)
    if notes == (PERIOD_END,) and found.call.call_date is not None and _CURRENT.search(found.sentence.lowered):
        when, notes = found.call.call_date, ("current cash: as of the call",)
    compared_with = prior(found.text, amount, amounts)
    before = {"prior_amount": compared_with[0].value, "prior_date": compared_with[1].isoformat()} \
        if compared_with and when and compared_with[1] < when and compared_with[0].currency == amount.currency else {}
    return {"amount": amount.value, "currency": amount.currency, "amount_text": amount.text,
            "date_start": when, "date_end": when, "notes": notes, "rule": f"{NAME}.{phrase}",
            "uncertain": amount.uncertain, "attributes": before}


def _scope(found: Found, fields: dict) -> dict:
    said = "net cash" if found.trigger.group == _NET else scope(found.text)
    return {"subject": said, "attributes": {"scope": said}}


KIND = Kind(
    name=NAME,
    keywords=("cash", "liquidity", "ended the", "closed the", "finished the", "balance sheet"),
    triggers=TRIGGERS,
    first_only=False,
    guards=(Guard("question", lambda found: is_question(found.sentence)), Guard("no_figure", _no_figure)),
    slots=(Slot("amount", _amount, required=True), Slot("scope", _scope)),
    # A date said beats one inferred from the period, among statements of one balance.
    adjust=(Adjust("no_date", lambda found, fields: fields["date_start"] is None, -0.1),
            Adjust("date_inferred", lambda found, fields: fields["date_start"] is not None and bool(fields["notes"]),
                   -0.05),
            Adjust("uncertain_amount", lambda found, fields: fields.pop("uncertain"), -0.3)),
    speaker_keyword="cash",
    identity=("subject",),
    examples=(
        Example("We ended the quarter with $238 million in cash, cash equivalents and marketable securities as of "
                "June 30, 2021.", {"amount": 238e6, "subject": "consolidated", "date_start": dt.date(2021, 6, 30)}),
        Example("We have about $1.5 billion on the balance sheet.", {"amount": 1.5e9, "date_start": dt.date(2021, 6, 30)}),
        Example("Our current cash is approximately $300 million.", {"amount": 300e6, "date_start": dt.date(2021, 8, 6)}),
        Example("Cash, net of debt, was $800 million at quarter end.", {"amount": 800e6, "subject": "net cash"}),
        Example("We have about one and a half billion dollars on the balance sheet.",
                {"amount": 1.5e9, "date_start": dt.date(2021, 6, 30)}),
        Example("Cash, less debt, was $800 million at quarter end.", {"amount": 800e6, "subject": "net cash"}),
        Example("Our net cash position was $2.1 billion at the end of the quarter.",
                {"amount": 2.1e9, "subject": "net cash", "date_start": dt.date(2021, 6, 30)}),
        Example("What was your cash balance at the end of the quarter, was it $300 million?", None, speaker=None),
        Example("Pro forma for the offering, our cash would be $700 million.", {"amount": 700e6, "subject": "pro forma"}),
        # The earlier balance the call compares it with: what a first call (or a scope new to it) is measured by.
        Example("As of December 31, 2017 we had $273.7 million in cash, cash equivalents and marketable securities, "
                "65% higher than $165.5 million as of December 31, 2016.",
                {"amount": 273.7e6, "attributes": {"prior_amount": 165.5e6, "prior_date": "2016-12-31"}}),
        Example("Net cash used in operating activities was $40 million.", None),
        Example("This quarter we had a cash usage of $400 million for the restructuring.", None),
        Example("We received $325 million of cash distributions from our joint venture with Zenith.", None),
        Example("We expect to end 2025 with about $6 billion in cash.", None),
        # Flows and uses said with the word cash, and figures next to it that are not cash.
        Example("On a year-to-date basis, cash from operating activities was $66.6 million.", None),
        Example("In fiscal 2021 we generated approximately $13.3 billion of cash from the business.", None),
        Example("Year-to-date, we've deployed $1.1 billion in cash, with $379 million to dividends.", None),
        Example("In Q1, we delivered nearly $500 million of additional cash versus the year-ago period.", None),
        Example("We also booked non-cash pension settlements of $50 million in the quarter.", None),
        Example("We are committed to return $25 billion of cash to shareholders through 2026.", None),
        Example("We received $2.9 billion of cash from the merger of our transportation business.", None),
        Example("We will invest $2.7 billion of this cash back into the business.", None),
        Example("All other items were a usage of $1.5 billion of cash, mainly free cash flow.", None),
        Example("That is approximately $2.96 billion of debt less cash of $461.5 million.", {"amount": 461.5e6}),
        Example("We ended the quarter with more than $7 million in cash and added an additional $3.5 million credit "
                "facility as a backstop.", None),
        Example("We ended the quarter with $9.1 billion in cash and a $1 billion revolver fully available.",
                {"amount": 9.1e9, "subject": "consolidated"}),
    ),
)
