"""`milestone_payment`: money paid when a milestone is reached, who pays whom, and where it stands.

"Key milestones" achieved, with no money, are not milestone payments. A milestone the company owes
is an item too, with `direction` outgoing (`paid` when done, else `owed`).
"""

from __future__ import annotations

import re

from handlers.extractors.amounts import find_amounts
from handlers.extractors.context import FUTURE, HYPOTHETICAL, clause, done, modifiers
from handlers.extractors.cues import is_question, negated
from handlers.extractors.engine import Adjust, Example, Found, Guard, Kind, Slot, Trigger, begins_word
from handlers.extractors.helpers import known_partners, own_names, partners_in
from handlers.extractors.organisations import organisations

NAME = "milestone_payment"

_I = re.I
_TYPES = r"(?:development|regulatory|sales|commercial|clinical|approval)"
TRIGGERS = (
    # Milestones that are money: "milestone payment", "development, regulatory and sales milestones".
    Trigger("payment", re.compile(r"milestone\s+payments?\b", _I)),
    Trigger("revenue", re.compile(r"milestone\s+(?:revenue|fees?|income)\b", _I)),
    Trigger("typed", re.compile(rf"(?:development|regulatory|sales|commercial|clinical|approval|success-based|contingent)"
                                rf"(?:,?\s+(?:and\s+)?{_TYPES})*\s+milestones?\b", _I)),
    Trigger("in_milestones", re.compile(r"in\s+(?:\w+\s+)?milestones\b", _I)),  # "$50 million in milestones"
    Trigger("milestones_of", re.compile(r"milestones?\s+(?:of|worth|totall?ing)\b", _I)),
    # "$10 million milestone", "a 25 million development milestone" (not "our 2021 milestones": a bare
    # number is a year or a count)
    Trigger("amount", re.compile(r"(?:[$€£]\s?\d[\d.,]*\s*(?:million|billion|mn|bn)?|\d[\d.,]*\s*(?:million|billion|mn|bn))"
                                 r"\s+(?:\w+[- ])?milestones?\b", _I), word=False),
    # Named by what is done with it, without the word payment: "received the first milestone from
    # Zenith", "eligible for milestones", "entitled to receive milestones" (only where none of the above).
    Trigger("money_verb", re.compile(r"(?:receiv\w*|earn\w*|eligible for|entitled to(?: receive)?|collect\w*|paid|pay|"
                                     r"owe\w*)\s+(?:\w+\s+){0,4}?milestones?\b", _I), tier=1),
    Trigger("money_after", re.compile(r"milestones?\s+(?:from|under|payable|owed|due|to be paid|paid|received|"
                                      r"earned)\b", _I), tier=1),
    # "a partnership where we can get up to 3 billion": a sum a partner may pay, in a sentence about milestones.
    Trigger("can_get_up_to", re.compile(r"(?:can|could|may)\s+(?:get|receive|earn)\s+up\s+to\b", _I), tier=2),
)
# "we achieved a key milestone, $1 billion in sales": an achievement, not money.
_ACHIEVEMENT = re.compile(r"\b(?:key|important|major|significant|another|big|exciting|historic|notable|great)\s+"
                          r"(?:\w+\s+)?milestones?\b(?!\s+payments?)", _I)
# Status cues (`context.status_cues`): the one nearest the milestone, in its clause, wins.
CUES = (
    # "Zenith paid us a $10 million milestone": money in, said from the payer's side.
    ("received", re.compile(r"(?:received|receipt of|collected|recogni[sz]ed|was paid|were paid|cash in|"
                            r"included|paid us|paid to us)\b"), True),
    # "upon achievement of development milestones" is the condition of a sum, not its earning.
    ("earned", re.compile(r"(?:earned|triggered|achieved|achievement of(?<!upon achievement of)(?<!upon the achievement of)"
                          r"(?<! on achievement of)(?<!on the achievement of)(?<!following achievement of)|became due|"
                          r"is due|are due|now entitled)\b"), True),
    ("expected", re.compile(r"(?:expect(?:s|ed)? to (?:receive|earn|collect)|anticipat\w+|will receive|due in|"
                            r"lined up to receive|will pay us|to pay us)\b"), True),
    ("eligible", re.compile(r"(?:up to|eligible|potential|could (?:receive|earn|get)|can get|aggregate|in total|"
                            r"total of|entitled to receive|entitled to)\b"), True),
)
# Money the company pays: "we paid a $10 million milestone to Zenith", "milestones payable to Nova", "a
# milestone payment we will make to Zenith", "R&D expenses included a $10 million milestone" (an expense).
_OUTGOING = re.compile(r"\b(?:we|company)\s+(?:\w+\s+){0,3}?(?:paid|pay|owe|owed|will pay|could pay|may pay)\b|"
                       r"\bpayments?\s+(?:that\s+|which\s+)?(?:we|the company)\s+(?:\w+\s+){0,3}?(?:make|made)\b|"
                       r"\b(?:we|company)\s+(?:\w+\s+){0,3}?(?:make|made|making)\s+(?:\S+\s+){0,5}?milestone payments?\b|"
                       r"\b(?:expenses?|costs?)\s+(?:\w+\s+){0,3}?(?:includ(?:es|ed|ing)|reflect(?:s|ed|ing))\s+"
                       r"(?:\S+\s+){0,5}?milestone|"
                       r"\b(?:payable|paid|owed|due)\s+(?:by us\s+)?to\b|"
                       # "milestone payments that were to be paid": said of money coming in, a call says
                       # "to be received" or names the payer ("payable by Zenith", "to be paid to us").
                       r"\b(?:to be paid|payable)\b(?!\s+(?:to us|by\b))|\bobligat\w+ to pay\b|\bmilestones?\s+"
                       r"(?:payments?\s+)?to\s+(?:[A-Z]|our|the)", _I)
# Paid, or booked as this period's expense ("R&D expenses included a $10 million milestone").
_OUTGOING_DONE = re.compile(r"\b(?:paid|made|incurred|expensed|recorded)\b|\b(?:expenses?|costs?)\s+(?:for the \w+\s+)?included\b",
                            _I)
_TRIGGER = re.compile(r"\b(?:from|for|upon|on|triggered by|related to|tied to)\s+(?:the\s+)?(?P<trigger>(?:launch|initiation|"
                      r"start|dosing|approval|filing|acceptance|completion|first patient)[^,.;]{0,80})", _I)


# A payment the company owes, said without its size: "milestone payments that were to be paid".
_OWED = re.compile(r"(?:to be paid|payable|owed?|obligat\w+ to pay)\b", _I)


# "$100 million upfront", "an upfront payment of $75 million": paid on signing, not on a milestone.
_UPFRONT_AFTER = re.compile(r"\s*(?:(?:in|of|as)\s+)?(?:an?\s+)?(?:upfront|up-front)\b", _I)
_UPFRONT_BEFORE = re.compile(r"(?:upfront|up-front)\s+(?:\w+\s+){0,2}?(?:of\s+)?(?:approximately\s+|about\s+)?$", _I)


def _upfront(text: str, amount) -> bool:
    return "front" in text and (_UPFRONT_AFTER.match(text, amount.end) is not None
                                or _UPFRONT_BEFORE.search(text, max(0, amount.start - 40), amount.start) is not None)


def _amount(found: Found, fields: dict) -> dict | None:
    """The sum closest to the word "milestone" (within 120 characters), not an upfront payment; none:
    "key milestones", unless the sentence says a milestone payment is owed (an outgoing item without an
    amount)."""
    at, text = found.match.start(), found.text
    candidates = [a for a in find_amounts(text, default_currency=found.call.default_currency())
                  if abs(a.start - at) < 120 and a.value >= 1e5 and not _upfront(text, a)]
    if not candidates:
        return _owed_unsized(found)
    amount = min(candidates, key=lambda a: abs(a.start - at))
    return {"amount": amount.value, "currency": amount.currency, "amount_text": amount.text,
            "attributes": {}, "uncertain": amount.uncertain}


def _owed_unsized(found: Found) -> dict | None:
    """A milestone payment the company owes, its size not said, in the milestone's clause; else None.
    Only the words "milestone payment" will do: "milestones to be paid" may be of a plan, not money."""
    if "payment" not in found.match.group(0).lower() or not _OUTGOING.search(found.text):
        return None
    start, end = clause(found.text, found.match.start(), found.match.end())
    owed = _OWED.search(found.text, start, end)
    if owed is None or negated(found.text, owed.start()):  # "we are not obligated to pay any milestone payments"
        return None
    return {"amount": None, "attributes": {}, "uncertain": False, "notes": ("no amount is said",)}


def _direction(found: Found, fields: dict) -> dict:
    return {"attributes": {"direction": "outgoing" if _OUTGOING.search(found.text) else "incoming"}}


def _status(found: Found, fields: dict) -> dict | None:
    """The status cue nearest the milestone that states a fact; an eligible sum may be conditional
    ("could receive up to"). Money the company pays is `paid` when done, else `owed`."""
    cues = found.cues
    fact = done(cues) or next((c for c in cues if c.status == "eligible" and c.modifiers <= {HYPOTHETICAL, FUTURE}),
                              None)
    if fact is None and any(c.status in ("received", "earned") and c.modifiers == {FUTURE} for c in cues):
        return {"status": "expected"}  # "the milestone should be received in the fourth quarter"
    if fields["attributes"]["direction"] == "outgoing":
        paid = _OUTGOING_DONE.search(found.text)
        return {"status": "paid" if paid and not modifiers(found.text, paid.start(), paid.end()) else "owed"}
    return {"status": fact.status} if fact else None


# Whom the company pays: "a milestone payment to Zenith", "we paid Zenith a milestone".
_PAYEE = re.compile(r"(?:payable|paid|owed?|due|payments?|milestones?|make|pay)\s+(?:to\s+)?(?P<name>[A-Z][\w&-]+)")


def _subject(found: Found, fields: dict) -> dict:
    """The partner (the subject and the counterparty), else the program. A sentence naming no partner
    by the usual patterns ("the partnership with the Zenith where we can get up to") may name one the
    call names as a partner elsewhere; of several, the one named nearest before the milestone."""
    text, call = found.text, found.call
    partners = partners_in(text, call) or _payees(found, fields) or _named_before(found)
    programs = call.programs.in_text(text) if not partners else []
    subject = partners[0].upper() if partners else (programs[0][0] if programs else None)
    return {"subject": subject, "counterparty": ", ".join(partners) if partners else None}


def _named_before(found: Found) -> list[str]:
    """The call's partner named last before the milestone in its sentence (none after it: "from $10
    million from 19 programs, and also the partnership with Zenith" is not Zenith's)."""
    text, at = found.text, found.match.start()
    named = [(text.rfind(name, 0, at), name) for name in known_partners(found.call) if name in text]
    named = [(where, name) for where, name in named if where >= 0 and begins_word(text, where)]
    return [max(named)[1]] if named else []


def _payees(found: Found, fields: dict) -> list[str]:
    """The organisation the company pays, for a milestone going out (checked as `organisations` checks
    a name: not the company itself, a month or a regulator)."""
    if fields["attributes"].get("direction") != "outgoing":
        return []
    text, names = found.text, []
    for match in _PAYEE.finditer(text):
        at = match.start("name")  # the name as `organisations` reads it, "Zenith Pharma" with its suffix
        named = organisations(f"from {text[at:at + 60]}", exclude=own_names(found.call))
        names.extend(name for name in named[:1] if text.startswith(name, at) and name not in names)
    return names


def _trigger(found: Found, fields: dict) -> dict:
    """What the milestone is paid on ("the first patient dosed", "approval in Japan")."""
    trigger = _TRIGGER.search(found.text)
    return {"attributes": {"trigger": trigger["trigger"].strip() if trigger else None}}


def _uncertain(found: Found, fields: dict) -> bool:
    # (a figure flagged "[Phonetic]" is already counted in the speaker's penalty)
    return fields.pop("uncertain") and not any("inaudible or phonetic" in note for note in fields["penalty"][1])


KIND = Kind(
    name=NAME,
    keywords=("milestone",),
    triggers=TRIGGERS,
    guards=(Guard("negated", lambda found: negated(found.text, found.match.start(), window=25)),
            Guard("question", lambda found: is_question(found.sentence)),
            Guard("achievement", lambda found: _ACHIEVEMENT.search(found.text, max(0, found.match.start() - 40),
                                                                   found.match.end() + 20) is not None)),
    cues=CUES,
    status=None,
    slots=(Slot("amount", _amount, required=True), Slot("direction", _direction),
           Slot("status", _status, required=True), Slot("subject", _subject), Slot("trigger", _trigger)),
    adjust=(Adjust("uncertain_amount", _uncertain, -0.35,
                   "the amount is flagged as uncertain in the transcript or has no currency"),
            Adjust("unnamed", lambda found, fields: fields.get("subject") is None, -0.25,
                   "no partner or program is named")),
    speaker_keyword="milestone",
    per_match=True,  # "we received $5 million from Zenith and are eligible for up to $100 million more": two
    identity=("subject", "amount"),
    ranks=("eligible", "expected", "owed", "earned", "paid", "received"),
    examples=(
        Example("We received a $10 million milestone payment from Zenith Pharma for the first patient dosed.",
                {"status": "received", "amount": 10e6, "subject": "ZENITH PHARMA",
                 "attributes": {"direction": "incoming"}}),
        Example("We are eligible to receive up to $760 million in development and regulatory milestones from Zenith "
                "Pharma.", {"status": "eligible", "amount": 760e6}),
        Example("We paid a $5 million milestone to Nova Therapeutics on the start of the Phase 2 trial.",
                {"status": "paid", "attributes": {"direction": "outgoing"}}),
        Example("Zenith Pharma will pay us $50 million upon FDA approval, a regulatory milestone.",
                {"status": "expected", "amount": 50e6, "attributes": {"direction": "incoming"}}),
        Example("Zenith Pharma paid us a $10 million milestone in the quarter.",
                {"status": "received", "amount": 10e6, "attributes": {"direction": "incoming"}}),
        Example("That brings total milestones received from Zenith Pharma to $100 million.",
                {"status": "received", "amount": 100e6}),
        Example("We received a $5 million milestone payment from Zenith Pharma, and we are eligible for up to $100 "
                "million in further milestones.", {"status": "eligible", "amount": 100e6}),
        # Without the word payment: entitled to receive, eligible for, earned, received.
        Example("We are entitled to receive up to $500 million from Zenith Pharma upon achievement of development "
                "milestones.", {"status": "eligible", "amount": 500e6, "subject": "ZENITH PHARMA"}),
        Example("Under the agreement we are entitled to receive milestones totaling $150 million from Nova.",
                {"status": "eligible", "amount": 150e6, "counterparty": "Nova"}),
        Example("We are eligible for up to $200 million in milestones from Zenith Pharma.",
                {"status": "eligible", "amount": 200e6}),
        Example("We earned a $10 million milestone from Zenith Pharma in the quarter.",
                {"status": "earned", "amount": 10e6, "attributes": {"direction": "incoming"}}),
        Example("During the quarter we received a $30 million milestone from Nova.",
                {"status": "received", "amount": 30e6, "counterparty": "Nova"}),
        Example("We can get up to $3 billion in milestones from Zenith Pharma.", {"status": "eligible", "amount": 3e9}),
        # Who pays whom: money the company owes or paid, and to whom.
        Example("Our operating expense guidance includes a $50 million milestone payment we will make to Zenith Pharma "
                "under our license agreement.", {"status": "owed", "amount": 50e6, "subject": "ZENITH PHARMA",
                                                 "attributes": {"direction": "outgoing"}}),
        Example("R&D expenses included a $10 million milestone payment to Nova under our license agreement.",
                {"status": "paid", "amount": 10e6, "counterparty": "Nova", "attributes": {"direction": "outgoing"}}),
        Example("We paid Zenith a $5 million milestone in the quarter.",
                {"status": "paid", "counterparty": "Zenith", "attributes": {"direction": "outgoing"}}),
        Example("Is the $20 million milestone from Nova still expected this year?", None, speaker=None),
        Example("We achieved a key milestone this quarter, $1 billion in sales.", None),
        # An upfront payment is not a milestone; a year is not an amount, making progress is not making a payment.
        Example("We received $100 million upfront from Zenith Pharma and are eligible for additional milestones.",
                None),
        Example("The upfront payment of $75 million was received in the quarter, and we are eligible for future "
                "milestones.", None),
        Example("Zenith Pharma paid $50 million upfront and we are eligible for up to $1 billion in milestones.",
                {"status": "eligible", "amount": 1e9}),
        Example("We are making good progress toward our 2022 milestones and see the market reaching $2 billion by "
                "2026.", None),
        # A payment the company owes, its size not said: an item without an amount, in one clause.
        Example("There were some product milestone payments that were to be paid that did not happen.",
                {"status": "owed", "amount": None, "attributes": {"direction": "outgoing"}}),
        Example("We have milestone payments payable to Nova Therapeutics on approval.",
                {"status": "owed", "amount": None, "attributes": {"direction": "outgoing"}}),
        Example("We are not obligated to pay any milestone payments to Nova Therapeutics.", None),
        Example("There are milestone payments payable by Zenith Pharma on approval.", None),
        Example("The reduction reflects lower expectations of making future milestone payments for acquisitions.",
                None),
        Example("We have not received any milestone payment from Zenith Pharma this year, $10 million was due.", None),
    ),
)
