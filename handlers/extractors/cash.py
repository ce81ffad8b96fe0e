"""Cash: the position at a date (`cash_position`) and forecasts of it (`cash_guidance`).

Look-alikes that are not this quarter's position: a forecast of period-end cash ("we expect to end
2025 with about $6 billion", which is `cash_guidance`), a prior figure quoted for comparison
("up from $9.2 billion"), and flows ("net cash used in operations").
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.dates import MONTH_DAY_YEAR, parse_month_day_year
from handlers.extractors.amounts import Amount, find_amounts
from handlers.extractors.call import Call
from handlers.extractors.cues import compared, forecast, is_question
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import find_horizon
from handlers.extractors.model import CASH_GUIDANCE, CASH_POSITION, KeyItem, Sentence

# The noun phrase naming a cash balance ("cash, cash equivalents and marketable securities", "cash on hand").
_CASH = re.compile(
    r"(?<!free )(?<!operating )(?<!net )\bcash(?:,? (?:and |plus )?cash equivalents)?(?:,? (?:and |plus )?(?:short-term |current )?"
    r"(?:investments|marketable securities|financial assets|restricted cash))*(?: position| balance| on hand)?\b", re.I)
# After the phrase: it is a flow or a use of cash, not a balance. (`match` at a position: no `^`.)
_NOT_A_BALANCE = re.compile(r"\s*(?:flows?|burn|used|generation|generated|proceeds|spend|spent|from operations|paid|"
                            r"provided|outflow|inflow|dividends?|taxes|interest|compensation|payments?|consideration|"
                            r"conversion|sweep|returns?|deployment|requirements?|needs|costs?|charges?|content|savings|spend|bonus|"
                            r"tax(?:es)?|collections?|receipts?|management)\b", re.I)
# After the figure: it is a flow or a comparison ("$1.8 billion of free cash flow", "$1 billion better than").
_NOT_A_BALANCE_AFTER = re.compile(r"\s+(?:of|in)\s+(?:free|operating|net)\s+cash|\s+(?:better|worse|higher|lower|more|"
                                  r"less)\s+than\b", re.I)
# Before the figure: it is being spent, not held.
_SPENDING_BEFORE = re.compile(r"\b(?:utili[sz]ed|used|spent|deploy(?:ed)?|paid|returned|invested|repurchased|bought|"
                              r"acquired|funded|remaining)\b[^.]{0,25}$", re.I)
# "$141 billion in cash and marketable securities": the figure right before the phrase.
_BEFORE = re.compile(r"\s+(?:in|of)\s+(?:\w+\s+){0,2}$", re.I)
# "cash ... was $238 million": the figure after the phrase, with only linking words between.
_BETWEEN_BAD = re.compile(r"\b(?:flows?|used|burn|debt|revenues?|income|loss|sales|bookings|assets|AUM|RPO|dividend|"
                          r"buyback|repurchase|capex|expenses?|generated|proceeds|raised|credit facility|declined|"
                          r"increased|decreased|grew|rose|fell|down|up|paid|spent)\b", re.I)
_AS_OF = re.compile(r"\b(?:as of|as at|at|on)\s+(?P<date>(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?"
                    r"(?:,?\s*\d[\d,]{3,5})?)", re.I)
_EXCLUDING = re.compile(r"\b(?:excluding|excludes|not including|without|stand-?alone)\s+(?P<name>[A-Z][\w&\-]+)", re.I)


class CashPosition:
    """Extractor for `cash_position` items."""

    kind = CASH_POSITION
    keywords = ("cash", "liquidity", "ended the", "closed the", "finished the")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        if is_question(sentence):
            return []
        amount = _balance(text, call)
        if amount is None:
            return []
        as_of, notes = _as_of(text, amount, call)
        penalty, who = speaker_penalty(sentence, call, "cash")
        confidence = 0.9 - (0.1 if as_of is None else 0) - (0.3 if amount.uncertain else 0) - penalty
        return [make(
            CASH_POSITION, _scope(text), sentence, confidence, notes=(*who, *notes),
            amount=amount.value, currency=amount.currency, amount_text=amount.text,
            date_start=as_of, date_end=as_of, attributes={"scope": _scope(text)},
        )]


def _balance(text: str, call: Call) -> Amount | None:
    """The cash balance a sentence states: a figure next to a cash phrase that is not a flow,
    a forecast or a comparison."""
    phrases = list(_CASH.finditer(text))
    if not phrases:
        return None
    amounts = [a for a in find_amounts(text, default_currency=call.default_currency()) if a.value >= 1e5]
    for phrase in phrases:
        if _NOT_A_BALANCE.match(text, phrase.end()):
            continue
        before = [a for a in amounts if a.end <= phrase.start() and _BEFORE.search(text[a.end:phrase.start()])
                  and phrase.start() - a.end < 30]
        after = [a for a in amounts if a.start >= phrase.end() and a.start - phrase.end() < 100
                 and not _BETWEEN_BAD.search(text[phrase.end():a.start])]
        for amount in before[-1:] + after[:1]:
            if compared(text, amount.start) or forecast(text, amount.start):
                continue
            if _SPENDING_BEFORE.search(text[max(0, amount.start - 40):amount.start]):
                continue
            if _NOT_A_BALANCE_AFTER.match(text, amount.end):
                continue
            return amount
    return None


class CashGuidance:
    """Extractor for `cash_guidance`: what the company expects its cash to be at a future date."""

    kind = CASH_GUIDANCE
    keywords = ("cash",)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        cue = re.search(r"\b(?:end|finish|exit|close)\s+(?:the\s+)?(?:year|\d{4}|quarter)\s+with\b[^.]{0,80}\bcash\b"
                        r"|\bcash\b[^.]{0,60}\bat (?:the )?(?:end of|year[- ]end)\b", text, re.I)
        if cue is None or is_question(sentence) or not forecast(text, cue.end()):
            return []
        amounts = [a for a in find_amounts(text, default_currency=call.default_currency()) if a.value >= 1e6]
        if not amounts:
            return []
        horizon = find_horizon(text, today=call.call_date)
        penalty, notes = speaker_penalty(sentence, call, "cash")
        return [make(
            CASH_GUIDANCE, _scope(text), sentence, 0.8 - penalty, notes=notes, amount=amounts[0].value,
            currency=amounts[0].currency, amount_text=amounts[0].text,
            date_start=horizon.start if horizon else None, date_end=horizon.end if horizon else None,
            text_value=horizon.text if horizon else None,
        )]


def _as_of(text: str, amount: Amount, call: Call) -> tuple[dt.date | None, tuple[str, ...]]:
    """The date the position is at: said next to the figure, else the quarter end before the call."""
    dates = list(_AS_OF.finditer(text))
    # The date said just before the figure ("as of June 30, 2021, was $238 million"), else the first after it.
    ordered = [m for m in reversed(dates) if m.start() < amount.start] + [m for m in dates if m.start() > amount.start]
    for match in ordered[:2]:
        if parsed := parse_month_day_year(match["date"]):
            return parsed[0], ()
        if repaired := _repair_year(match["date"]):
            return repaired, ("the date is garbled in the transcript",)
    end = call.period_end()
    return end, (("as of the quarter end before the call (no date said)",) if end else ())


def _repair_year(said: str) -> dt.date | None:
    """ "September 30, 202,1" (a transcription slip) -> 2021-09-30."""
    digits = re.sub(r"[^\d]", " ", said).split()
    if len(digits) >= 2 and len("".join(digits[1:])) == 4:
        repaired = MONTH_DAY_YEAR.search(f"{said.split()[0]} {digits[0]}, {''.join(digits[1:])}")
        if repaired:
            parsed = parse_month_day_year(repaired.group(0))
            return parsed[0] if parsed else None
    return None


def _scope(text: str) -> str:
    """`consolidated`, or `excluding <name>` for a figure that leaves a subsidiary out."""
    if match := _EXCLUDING.search(text):
        return f"excluding {match['name']}"
    return "consolidated"
