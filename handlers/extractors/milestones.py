"""Milestone payments: money a partner pays when a milestone is reached.

"Key milestones" achieved, with no money, are not milestone payments.
"""

from __future__ import annotations

import re

from handlers.extractors.amounts import Amount, find_amounts
from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, partners_in, speaker_penalty
from handlers.extractors.model import MILESTONE_PAYMENT, KeyItem, Sentence

# Milestones that are money: "milestone payment", "development, regulatory and sales milestones";
# not "another milestone quarter" or "key milestones" achieved.
_MILESTONE = re.compile(r"\bmilestone\s+payments?\b|\bmilestone\s+(?:revenue|fees?|income)\b|"
                        r"\b(?:development|regulatory|sales|commercial|clinical|approval|success-based|contingent)"
                        r"(?:,?\s+(?:and\s+)?(?:development|regulatory|sales|commercial|clinical|approval))*\s+milestones?\b|"
                        r"\bin\s+(?:\w+\s+)?milestones\b|\bmilestones?\s+(?:of|worth|totall?ing)\b"
                        r"|(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*)\s*(?:million|billion|mn|bn)?\s+(?:\w+[- ])?milestones?\b", re.I)
_RECEIVED = re.compile(r"\b(?:received|receipt of|collected|recogni[sz]ed|was paid|were paid|cash in)\b", re.I)
_EARNED = re.compile(r"\b(?:earned|triggered|achieved|achievement of|became due|is due|entitled)\b", re.I)
_EXPECTED = re.compile(r"\b(?:expect(?:s|ed)? to (?:receive|earn|collect)|anticipate|will receive|due in|lined up to receive)\b",
                       re.I)
_ELIGIBLE = re.compile(r"\b(?:up to|eligible|potential|could (?:receive|earn|get)|can get|aggregate|in total|total of)\b",
                       re.I)
_TRIGGER = re.compile(r"\b(?:from|for|upon|on|triggered by|related to|tied to)\s+(?:the\s+)?(?P<trigger>(?:launch|initiation|"
                      r"start|dosing|approval|filing|acceptance|completion|first patient)[^,.;]{0,80})", re.I)


class MilestonePayments:
    """Extractor for `milestone_payment` items."""

    kind = MILESTONE_PAYMENT
    keywords = ("milestone",)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _MILESTONE.search(text)
        if match is None or negated(text, match.start(), window=25) or is_question(sentence):
            return []
        amounts = find_amounts(text, default_currency=call.default_currency())
        amount = _nearest(amounts, match.start())
        if amount is None:
            return []  # "key milestones", "the size of the milestone has not been disclosed"
        status = ("received" if _RECEIVED.search(text) else "earned" if _EARNED.search(text)
                  else "expected" if _EXPECTED.search(text) else "eligible" if _ELIGIBLE.search(text) else None)
        if status is None or (status != "received" and hypothetical(text, match.start()) and status != "eligible"):
            return []
        partners = partners_in(text, call)
        trigger = _TRIGGER.search(text)
        penalty, notes = speaker_penalty(sentence, call, "milestone")
        confidence = 0.9
        if amount.uncertain:
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
            attributes={"trigger": trigger["trigger"].strip() if trigger else None},
        )]


def _nearest(amounts: list[Amount], at: int) -> Amount | None:
    """The amount closest to the word "milestone" (within the sentence, 120 characters at most)."""
    candidates = [a for a in amounts if abs(a.start - at) < 120 and a.value >= 1e5]
    return min(candidates, key=lambda a: abs(a.start - at)) if candidates else None
