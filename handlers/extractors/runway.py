"""Cash runway: how long the cash lasts, as said ("into early 2023") and as a date range.

"Growth runway" or "a very exciting runway in 2022" is not a cash runway: the sentence must be
about funding operations with cash.
"""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import find_horizon
from handlers.extractors.model import CASH_RUNWAY, KeyItem, Sentence

_RUNWAY = re.compile(
    r"\b(?:sufficient|enough|adequate)\s+to\s+fund\b|\bfund\s+(?:our\s+|its\s+|the\s+company'?s?\s+)?(?:\w+\s+){0,3}"
    r"(?:operations|operating plan|plan|business|activities)\s+(?:into|through|until|to|for|well into)\b|\bcash\s+runway\b|\brunway\s+(?:into|through|until|to)\b"
    r"|\bfinancial runway\b|\bfunded\s+(?:into|through|until)\b"
    r"|\b(?:last|carry us|take us|extend)\s+(?:\w+\s+){0,3}(?:into|through|until|well into)\b", re.I)
_CASH_CONTEXT = re.compile(r"\b(?:cash|capital|funds?|funding|balance sheet|resources|liquidity|financ\w+)\b", re.I)
_CONDITIONS = re.compile(r"\b(?:exclud\w+|discounts?|does not (?:include|assume)|doesn't (?:include|assume)|without|"
                         r"assum\w+|not including)\b[^.]*", re.I)


class CashRunway:
    """Extractor for `cash_runway` items."""

    kind = CASH_RUNWAY
    keywords = ("fund", "runway", "last", "carry us", "take us", "extend")  # "last us well into": words between

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        cue = _RUNWAY.search(text)
        if cue is None or is_question(sentence) or negated(text, cue.start(), window=20):
            return []
        if not _CASH_CONTEXT.search(text) and "runway" not in cue.group(0).lower():
            return []
        if hypothetical(text, cue.start(), window=30):
            return []
        horizon = find_horizon(text[cue.start():], today=call.call_date)
        if horizon is None:
            return []
        conditions = _conditions(text, call.next_sentence(sentence))
        penalty, notes = speaker_penalty(sentence, call, "runway")
        return [make(
            CASH_RUNWAY, None, sentence, 0.9 - penalty, notes=notes, text_value=horizon.text,
            date_start=horizon.start, date_end=horizon.end,
            attributes={"conditions": conditions},
        )]


def _conditions(text: str, following) -> str | None:
    """What the runway leaves out ("excluding milestones"), from the sentence or the one after it."""
    for candidate in (text, following.text if following else ""):
        if match := _CONDITIONS.search(candidate):
            if candidate is not text and not re.search(r"\b(?:runway|guidance|this|that)\b", candidate, re.I):
                continue
            return match.group(0).strip()
    return None
