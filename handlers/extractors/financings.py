"""Financings: ATM, offerings, loans and notes raised, repaid or available, with their amounts."""

from __future__ import annotations

import re

from handlers.extractors.amounts import find_amounts
from handlers.extractors.call import Call
from handlers.extractors.context import StatusCue, clause, done, status_cues
from handlers.extractors.cues import forecast, hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.model import FINANCING, KeyItem, Sentence

_FINANCING = re.compile(
    r"\b(?P<type>ATM|at-the-market|public offering|follow-on offering|registered direct|private placement|PIPE|"
    r"convertible (?:senior )?notes?|term (?:[AB] )?loans?|loan facility|(?:revolving )?credit facility|debt facility|"
    r"royalty financing|maturing debt|debt maturities|commercial paper|(?:first|second) lien (?:senior secured )?"
    r"(?:notes|loans?)|senior (?:secured |unsecured )?notes)\b", re.I)
# Status cues (`context.status_cues`), nearest the instrument in its clause: "we paid down $2 billion in
# maturing debt" is repaid, "access to our $45 million credit facility, not drawn" is available.
_FINANCING_CUES = (
    ("repaid", re.compile(r"(?:paid (?:down|off)|pay(?:ing)? (?:down|off)|repaid|repay\w*|retir\w+|redeem\w*|"
                          r"redemption|extinguish\w*)\b"), True),
    ("available", re.compile(r"(?:access to|available|undrawn|not (?:yet )?drawn|untapped|upsized)\b"), True),
    ("completed", re.compile(r"(?:raised|proceeds|closed|completed|priced|drew|drawn|sold|issued|secured)\b"), True),
)
_ANY_FINANCING_STATUS = re.compile("|".join(pattern.pattern for _, pattern, _ in _FINANCING_CUES))
# "we paid off", "we ultimately closed on", "we have now retired": the company, then the verb.
_WE_DID = re.compile(r"(?<![A-Za-z])[Ww]e\s+(?:have\s+|had\s+)?(?:[a-z]+ly\s+|also\s+|then\s+|now\s+)*$")
_WE = re.compile(r"(?<![A-Za-z])[Ww]e\s")
# "we paid off our Term A loans ... and later successfully completed": the company's second verb.
_AND_THEN = re.compile(r"(?<![A-Za-z])(?:and|then)\s+(?:[a-z]+ly\s+|later\s+|then\s+|also\s+)*$")
# "which were used to retire", "the proceeds of which went to repay": what the money was spent on follows.
_USED_TO = re.compile(r"(?:used|use|using|went|go|proceeds)\s+(?:\w+\s+)?to\s+$", re.I)
# The figure right before the instrument ("$2.3 billion in maturing debt"): only these words between.
_AMOUNT_OF = re.compile(r"\s+(?:in|of)\s+(?:(?:our|the|its|new|outstanding|approximately)\s+)?$", re.I)


class Financings:
    """Extractor for `financing` items: money raised through an ATM, offering or loan."""

    kind = FINANCING
    keywords = ("atm", "at-the-market", "offering", "placement", "registered direct", "pipe", "notes", "loan",
                "facility", "royalty financing", "maturing debt", "debt maturities", "commercial paper")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        if is_question(sentence) or not _FINANCING.search(text) \
                or not _ANY_FINANCING_STATUS.search(sentence.lowered):
            return []
        amounts = [a for a in find_amounts(text, default_currency=call.default_currency())
                   if a.value >= 1e6 and not forecast(text, a.start, window=30)]
        found: list[KeyItem] = []
        for match in _FINANCING.finditer(text):
            if negated(text, match.start(), window=25) or hypothetical(text, match.start(), window=30):
                continue
            fact = done([cue for cue in status_cues(text, match.start(), match.end(), _FINANCING_CUES)
                         if not _spent_on_another(text, cue, match)])
            amount = _instrument_amount(text, match, amounts) if amounts else None
            if fact is None or (amount is None and not _done_without_figure(text, fact, match)) \
                    or any(amount is not None and item.amount == amount.value for item in found):
                continue
            found.append(_financing(sentence, call, match, fact.status, amount))
        return found

    def finish(self, items: list[KeyItem], call: Call) -> list[KeyItem]:
        """One fact per instrument: a statement without a figure is dropped where the call gives the same kind
        of instrument, in the same status, with one ("we retired our Term Loan B", "we used the proceeds to
        retire our outstanding Term B loan balance of approximately $540 million")."""
        sized = {(_head(item.subject), item.status) for item in items if item.kind == FINANCING and item.amount}
        return [item for item in items if not (item.kind == FINANCING and item.amount is None
                                               and (_head(item.subject), item.status) in sized)]


def _head(instrument: str | None) -> str:
    """What kind of instrument a financing's subject names, singular: "term b loan" and "term loans": loan."""
    return (instrument or "").lower().split()[-1].rstrip("s") if instrument else ""


def _financing(sentence: Sentence, call: Call, match: re.Match[str], status: str, amount: object | None) -> KeyItem:
    """A financing item: the instrument, its status, and its figure when said (less sure without one)."""
    kind = match["type"].lower().replace("at-the-market", "atm")
    penalty, notes = speaker_penalty(sentence, call, match["type"])
    if amount is None:
        return make(FINANCING, kind.upper() if kind == "atm" else kind, sentence, 0.7 - penalty,
                    notes=(*notes, "no amount is said"), status=status)
    return make(FINANCING, kind.upper() if kind == "atm" else kind, sentence,
                0.8 - penalty - (0.2 if amount.uncertain else 0), notes=notes, status=status,
                amount=amount.value, currency=amount.currency, amount_text=amount.text)


def _done_without_figure(text: str, fact: StatusCue, match: re.Match[str]) -> bool:
    """Whether an instrument is plainly paid off or raised though no figure is said: the company did it, the
    verb right before the instrument ("we paid off our Term A loans with cash on hand", "we closed on a new
    revolving credit facility"); not what banks did ("banks have issued more term loans"), nor a pipe."""
    return fact.status in ("repaid", "completed") and fact.end <= match.start() and fact.distance <= 45 \
        and match["type"] != "pipe" and (_WE_DID.search(text, max(0, fact.start - 25), fact.start) is not None
                                         or (_AND_THEN.search(text, max(0, fact.start - 30), fact.start) is not None
                                             and _WE.search(text, max(0, fact.start - 100), fact.start)))


def _spent_on_another(text: str, cue: StatusCue, match: re.Match[str]) -> bool:
    """Whether a repayment said after the instrument is what its money paid for ("$190 million of second lien
    loans, which were used to retire our Term B loan"): the loans were raised, the Term B loan repaid."""
    return cue.status == "repaid" and cue.start >= match.end() \
        and _USED_TO.search(text, max(0, cue.start - 20), cue.start) is not None


def _instrument_amount(text: str, match: re.Match[str], amounts: list) -> object | None:
    """The figure of one instrument: right before it ("$2.3 billion in maturing debt", "$46 million of
    net equity proceeds raised from our ATM"), else the nearest after it in its clause."""
    lo, hi = clause(text, match.start(), match.end())
    right_before = [a for a in amounts if a.end <= match.start() and _AMOUNT_OF.search(text, a.end, match.start())]
    if right_before:
        return right_before[-1]
    near = [a for a in amounts if lo <= a.start < hi and abs(a.start - match.start()) < 150]
    before = [a for a in near if a.start < match.start()]
    return before[-1] if before else (min(near, key=lambda a: abs(a.start - match.start())) if near else None)
