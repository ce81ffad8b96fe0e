"""Milestone payments: money a partner pays when a milestone is reached.

"Key milestones" achieved, with no money, are not milestone payments.
"""

from __future__ import annotations

import re

from handlers.extractors.amounts import Amount, find_amounts
from handlers.extractors.call import Call
from handlers.extractors.context import FUTURE, HYPOTHETICAL, done, modifiers, status_cues
from handlers.extractors.cues import is_question, negated
from handlers.extractors.helpers import make, partners_in, speaker_penalty
from handlers.extractors.model import MILESTONE_PAYMENT, KeyItem, Sentence

# Milestones that are money: "milestone payment", "development, regulatory and sales milestones";
# not "another milestone quarter" or "key milestones" achieved.
_MILESTONE = re.compile(r"\bmilestone\s+payments?\b|\bmilestone\s+(?:revenue|fees?|income)\b|"
                        r"\b(?:development|regulatory|sales|commercial|clinical|approval|success-based|contingent)"
                        r"(?:,?\s+(?:and\s+)?(?:development|regulatory|sales|commercial|clinical|approval))*\s+milestones?\b|"
                        r"\bin\s+(?:\w+\s+)?milestones\b|\bmilestones?\s+(?:of|worth|totall?ing)\b"
                        r"|(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*)\s*(?:million|billion|mn|bn)?\s+(?:\w+[- ])?milestones?\b", re.I)
# A milestone named by what is done with it, without the word payment: "received the first milestone
# from Zenith", "eligible for milestones", "entitled to receive milestones".
_MILESTONE_MONEY = re.compile(r"\b(?:receiv\w*|earn\w*|eligible for|entitled to(?: receive)?|collect\w*|paid|pay|owe\w*)"
                              r"\s+(?:\w+\s+){0,4}?milestones?\b|\bmilestones?\s+(?:from|under|payable|owed|due|"
                              r"to be paid|paid|received|earned)\b", re.I)
# "we achieved a key milestone, $1 billion in sales": an achievement, not money.
_ACHIEVEMENT = re.compile(r"\b(?:key|important|major|significant|another|big|exciting|historic|notable|great)\s+"
                          r"(?:\w+\s+)?milestones?\b(?!\s+payments?)", re.I)
# Status cues (`context.status_cues`): the one nearest the milestone, in its clause, wins.
_STATUS_CUES = (
    ("received", re.compile(r"(?:received|receipt of|collected|recogni[sz]ed|was paid|were paid|cash in|"
                            r"included)\b"), True),
    ("earned", re.compile(r"(?:earned|triggered|achieved|achievement of|became due|is due|are due|now entitled)\b"),
     True),
    ("expected", re.compile(r"(?:expect(?:s|ed)? to (?:receive|earn|collect)|anticipat\w+|will receive|due in|"
                            r"lined up to receive)\b"), True),
    ("eligible", re.compile(r"(?:up to|eligible|potential|could (?:receive|earn|get)|can get|aggregate|in total|"
                            r"total of|entitled to receive|entitled to)\b"), True),
)
# Money the company pays: "we paid a $10 million milestone to Zenith", "milestones payable to Nova".
_OUTGOING = re.compile(r"\b(?:we|company)\s+(?:\w+\s+){0,3}?(?:paid|pay|owe|owed|will pay|could pay|may pay)\b|"
                       r"\b(?:payable|paid|owed|due)\s+(?:by us\s+)?to\b|\bobligat\w+ to pay\b|\bmilestones?\s+"
                       r"(?:payments?\s+)?to\s+(?:[A-Z]|our|the)", re.I)
_OUTGOING_DONE = re.compile(r"\b(?:paid|made)\b", re.I)
_TRIGGER = re.compile(r"\b(?:from|for|upon|on|triggered by|related to|tied to)\s+(?:the\s+)?(?P<trigger>(?:launch|initiation|"
                      r"start|dosing|approval|filing|acceptance|completion|first patient)[^,.;]{0,80})", re.I)


class MilestonePayments:
    """Extractor for `milestone_payment` items."""

    kind = MILESTONE_PAYMENT
    keywords = ("milestone",)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _MILESTONE.search(text) or _MILESTONE_MONEY.search(text)
        if match is None or negated(text, match.start(), window=25) or is_question(sentence):
            return []
        if _ACHIEVEMENT.search(text, max(0, match.start() - 40), match.end() + 20):
            return []
        amounts = find_amounts(text, default_currency=call.default_currency())
        amount = _nearest(amounts, match.start())
        if amount is None:
            return []  # "key milestones", "the size of the milestone has not been disclosed"
        outgoing = _OUTGOING.search(text) is not None
        status = _status(text, match, outgoing=outgoing)
        if status is None:
            return []
        partners = partners_in(text, call)
        trigger = _TRIGGER.search(text)
        penalty, notes = speaker_penalty(sentence, call, "milestone")
        confidence = 0.9
        if amount.uncertain and not any("inaudible or phonetic" in note for note in notes):
            # (a figure flagged "[Phonetic]" is already counted in the speaker's penalty)
            confidence -= 0.35
            notes = (*notes, "the amount is flagged as uncertain in the transcript or has no currency")
        programs = call.programs.in_text(text)
        subject = partners[0].upper() if partners else (programs[0][0] if programs else None)
        if subject is None:
            confidence -= 0.25
            notes = (*notes, "no partner or program is named")
        return [make(
            MILESTONE_PAYMENT, subject, sentence, confidence - penalty, notes=notes, status=status,
            amount=amount.value, currency=amount.currency, amount_text=amount.text,
            counterparty=", ".join(partners) if partners else None,
            attributes={"trigger": trigger["trigger"].strip() if trigger else None,
                        "direction": "outgoing" if outgoing else "incoming"},
        )]


def _status(text: str, match: re.Match[str], *, outgoing: bool) -> str | None:
    """The status cue nearest the milestone that states a fact; an eligible sum may be conditional
    ("could receive up to"). Money the company pays is `paid` when done, else `owed`."""
    cues = status_cues(text, match.start(), match.end(), _STATUS_CUES)
    fact = done(cues) or next((c for c in cues if c.status == "eligible" and c.modifiers <= {HYPOTHETICAL, FUTURE}),
                              None)
    if fact is None and any(c.status in ("received", "earned") and c.modifiers == {FUTURE} for c in cues):
        return "expected"  # "the milestone should be received in the fourth quarter": not received yet
    if outgoing:
        paid = _OUTGOING_DONE.search(text)
        return "paid" if paid and not modifiers(text, paid.start(), paid.end()) else "owed"
    return fact.status if fact else None


def _nearest(amounts: list[Amount], at: int) -> Amount | None:
    """The amount closest to the word "milestone" (within the sentence, 120 characters at most)."""
    candidates = [a for a in amounts if abs(a.start - at) < 120 and a.value >= 1e5]
    return min(candidates, key=lambda a: abs(a.start - at)) if candidates else None
