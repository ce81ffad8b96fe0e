"""Cash runway: how long the cash lasts, as said ("into early 2023") and as a date range.

"Growth runway" or "a very exciting runway in 2022" is not a cash runway: the sentence must be
about funding operations with cash.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import add_months, find_horizon
from handlers.extractors.model import CASH_RUNWAY, KeyItem, Sentence

_RUNWAY = re.compile(
    r"\b(?:sufficient|enough|adequate)\s+to\s+fund\b|\bfund\s+(?:our\s+|its\s+|the\s+company'?s?\s+)?(?:\w+\s+){0,3}"
    r"(?:operations|operating plan|plan|business|activities)\s+(?:into|through|until|to|for|well into)\b|\bcash\s+runway\b"
    r"|\brunway\s+(?:(?:well\s+)?into|through|until|to)\b(?!\s+(?:growth|grow))"
    r"|\bfinancial runway\b|\bfunded\s+(?:into|through|until)\b"
    r"|\b(?:last|carry us|take us|extend)\s+(?:\w+\s+){0,3}(?:into|through|until|well into)\b", re.I)
# "over 24 months of going-forward cash burn", "cash to cover 18 months of operations": months of spending.
_MONTHS_OF = re.compile(r"(?P<n>\d+|six|twelve|eighteen|twenty-four|thirty-six)\s+months\s+of\s+(?:[\w-]+\s+){0,2}"
                        r"(?:cash\s+)?(?:burn|operations|operating expenses|expenses|spend(?:ing)?|runway)\b", re.I)
_NUMBERS = {"six": 6, "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36}
# "a clear runway to growth", "a long growth runway": not cash.
_GROWTH = re.compile(r"\bgrowth\s+runway\b|\brunway\s+(?:to|for)\s+(?:\w+\s+)?growth\b", re.I)
_CASH_CONTEXT = re.compile(r"\b(?:cash|capital|funds?|funding|balance sheet|resources|liquidity|financ\w+)\b", re.I)
_OPEN = re.compile(r"\b(?:for|into) the foreseeable future\b", re.I)
_CONDITIONS = re.compile(r"\b(?:exclud\w+|discounts?|does not (?:include|assume)|doesn't (?:include|assume)|without|"
                         r"assum\w+|not including)\b[^.]*", re.I)


class CashRunway:
    """Extractor for `cash_runway` items."""

    kind = CASH_RUNWAY
    keywords = ("fund", "runway", "last", "carry us", "take us", "extend", "months of")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        lowered = sentence.lowered
        cue = _RUNWAY.search(text) or (_MONTHS_OF.search(text) if "months of" in lowered else None)
        if cue is None or is_question(sentence) or negated(text, cue.start(), window=20):
            return []
        if "growth" in lowered and _GROWTH.search(text):
            return []
        if not _CASH_CONTEXT.search(text) and "runway" not in cue.group(0).lower():
            return []
        if hypothetical(text, cue.start(), window=30):
            return []
        horizon = _horizon(text, cue, call)
        if horizon is None:
            return []
        said, start, end = horizon
        conditions = _conditions(text, call.next_sentence(sentence))
        penalty, notes = speaker_penalty(sentence, call, "runway")
        return [make(
            CASH_RUNWAY, None, sentence, 0.9 - penalty, notes=notes, text_value=said,
            date_start=start, date_end=end,
            attributes={"conditions": conditions, "open": True if end is None else None},
        )]


def _horizon(text: str, cue: re.Match[str], call: Call) -> tuple[str, dt.date | None, dt.date | None] | None:
    """(as said, start, end) of the runway: a date said after the cue, N months from the call (or the
    period end when the call date is unknown), or no end at all ("for the foreseeable future")."""
    today = call.reference_date()
    if cue.re is _MONTHS_OF:
        if today is None:
            return None
        n = int(cue["n"]) if cue["n"].isdigit() else _NUMBERS[cue["n"].lower()]
        point = add_months(today, n)
        return cue.group(0), point, point
    if horizon := find_horizon(text[cue.start():], today=today):
        return horizon.text, horizon.start, horizon.end
    if open_ended := _OPEN.search(text, cue.start()):
        return open_ended.group(0), None, None
    return None


def _conditions(text: str, following) -> str | None:
    """What the runway leaves out ("excluding milestones"), from the sentence or the one after it."""
    for candidate in (text, following.text if following else ""):
        if match := _CONDITIONS.search(candidate):
            if candidate is not text and not re.search(r"\b(?:runway|guidance|this|that)\b", candidate, re.I):
                continue
            return match.group(0).strip()
    return None
