"""Deals: partnerships (new, ongoing, ended) and financings (ATM, offerings, loans) with amounts."""

from __future__ import annotations

import re

from handlers.extractors.amounts import find_amounts
from handlers.extractors.call import Call
from handlers.extractors.cues import forecast, hypothetical, is_question, negated
from handlers.extractors.helpers import make, partners_in, speaker_penalty
from handlers.extractors.model import FINANCING, PARTNERSHIP, KeyItem, Sentence

_NEW_DEAL = re.compile(r"\b(?:entered into|signed|announced|formed|executed|closed)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}"
                       r"(?:partnership|collaboration|alliance|license|licensing|agreement|deal)\b", re.I)
_ENDED = re.compile(r"\b(?:terminat\w+|ended|end(?:ing)? (?:the|our)|regain\w* (?:the )?(?:worldwide )?rights|"
                    r"opt(?:ed)? out)\b", re.I)
_DEAL_WORD = re.compile(r"\b(?:partnership|collaboration|alliance|license agreement|licensing agreement)\b", re.I)
_FINANCING = re.compile(
    r"\b(?P<type>ATM|at-the-market|public offering|follow-on offering|registered direct|private placement|PIPE|"
    r"convertible (?:senior )?notes?|term loan|loan facility|credit facility|debt facility|royalty financing)\b", re.I)
_RAISED = re.compile(r"\b(?:raised|proceeds|closed|completed|priced|drew|drawn|sold|issued|secured)\b", re.I)


class Partnerships:
    """Extractor for `partnership` items: a named partner with a new or ended deal."""

    kind = PARTNERSHIP
    keywords = ("partnership", "collaboration", "alliance", "licens", "agreement", "deal")  # a deal word is needed

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        new, ended = _NEW_DEAL.search(text), _ENDED.search(text)
        if not (new or (ended and _DEAL_WORD.search(text))) or is_question(sentence):
            return []
        cue = new or ended
        if negated(text, cue.start(), window=20) or hypothetical(text, cue.start(), window=30):
            return []
        partners = partners_in(text, call)
        if not partners or _old_news(text, call):
            return []
        penalty, notes = speaker_penalty(sentence, call, partners[0])
        return [make(PARTNERSHIP, partner.upper(), sentence, 0.8 - penalty, notes=notes,
                     status="ended" if ended and not new else "new", counterparty=partner)
                for partner in partners[:2]]


class Financings:
    """Extractor for `financing` items: money raised through an ATM, offering or loan."""

    kind = FINANCING
    keywords = ("atm", "at-the-market", "offering", "placement", "registered direct", "pipe", "notes", "loan",
                "facility", "royalty financing")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _FINANCING.search(text)
        if match is None or is_question(sentence) or not _RAISED.search(text):
            return []
        if negated(text, match.start(), window=25) or hypothetical(text, match.start(), window=30):
            return []
        amounts = [a for a in find_amounts(text, default_currency=call.default_currency())
                   if a.value >= 1e6 and abs(a.start - match.start()) < 150 and not forecast(text, a.start, window=30)]
        if not amounts:
            return []
        # "$46 million of net equity proceeds raised from our ATM": the figure before the word, else after it.
        before = [a for a in amounts if a.start < match.start()]
        amount = before[-1] if before else min(amounts, key=lambda a: abs(a.start - match.start()))
        kind = match["type"].lower().replace("at-the-market", "atm")
        penalty, notes = speaker_penalty(sentence, call, match["type"])
        return [make(FINANCING, kind.upper() if kind == "atm" else kind, sentence,
                     0.8 - penalty - (0.2 if amount.uncertain else 0), notes=notes, status="completed",
                     amount=amount.value, currency=amount.currency, amount_text=amount.text)]


def _old_news(text: str, call: Call) -> bool:
    """Whether the deal is history retold ("in 2014, we signed ..."): a year well before the call."""
    if call.call_date is None:
        return False
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
    return bool(years) and max(years) < call.call_date.year - 1
