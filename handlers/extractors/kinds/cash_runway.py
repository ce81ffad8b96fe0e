"""`cash_runway`: how long the cash lasts, as said ("into early 2023") and as a date range.

"Growth runway" or "a very exciting runway in 2022" is not a cash runway: the sentence must be
about funding operations with cash. "N months" counts from the call date (the period end when the
date is unknown); "for the foreseeable future" is a horizon with no end.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.engine import Example, Found, Guard, Kind, Slot, Trigger
from handlers.extractors.horizons import Horizon, add_months, find_horizon

NAME = "cash_runway"

_I = re.I
_UNTIL = r"(?:into|through|until|to|for|well into)\b"
# "18 months", "two years": a horizon counted from the call (`_horizon`).
_N = r"(?:\d+|one|two|three|four|six|twelve|eighteen|twenty-four|thirty-six)\s+(?:months|years)"
# A goal the cash lasts to, said instead of a date: "to profitability", "reach cash flow breakeven".
_PROFITABLE = (r"(?:to|through|until|into|reach(?:ing)?|achiev(?:e|ing)|get to)\s+(?:\w+\s+){0,2}?(?:profitability|"
               r"break-?even|break even|cash[- ]flow[- ](?:break-?even|positive)|positive cash flows?)\b")
_SUPPORT = ("support our", "supports our", "support its", "support the company", "support operations",
            "supports operations", "finance our", "finance its", "finance operations", "financing our",
            "financing operations")
# Each trigger has a gate: words its every match holds, tested with `in` before its pattern runs (most
# sentences with "last" or "fund" say "last year" or "fund" something else).
TRIGGERS = (
    # "sufficient to fund", "enough to meet our operating requirements", "expected to be sufficient into 2027"
    Trigger("sufficient_to_fund", re.compile(r"(?:sufficient|enough|adequate)\s+(?:to\s+(?:fund|meet|cover|support)|"
                                             r"(?:well\s+)?(?:into|through|until))\b", _I),
            gate=("sufficient", "enough", "adequate")),
    # "our cash position supports our operations into 2026", "cash to finance operations through 2026"
    # (gated, and keyed, by the words that follow the verb: "support" and "financial" alone are in most sentences)
    Trigger("support_operations", re.compile(r"(?:support|financ)(?:s|es|e|ing)?\s+(?:(?:our|its|the company'?s?)\s+"
                                             r"(?:\w+\s+){0,3}?(?:operations|operating plan|business|activities)|"
                                             rf"operations)\s+{_UNTIL}", _I), gate=_SUPPORT),
    # "fund our operations into 2027", "fund the company's operating plan through"
    # "fund our operating expenses and capital expenditure requirements into 2026"
    Trigger("fund_operations", re.compile(r"fund\s+(?:our\s+|its\s+|the\s+company'?s?\s+)?(?:\w+\s+){0,5}?"
                                          r"(?:operations|operating plan|plan|business|activities|expenses|requirements|"
                                          rf"needs)\s+{_UNTIL}", _I), gate=("fund",)),
    Trigger("cash_runway", re.compile(r"cash\s+runway\b", _I), gate=("runway",)),
    # "runway into 2027", "runway now extends into 2027"
    Trigger("runway_into", re.compile(r"runway\s+(?:(?:now\s+|currently\s+)?(?:extends?|lasts?|runs?|goes)\s+)?"
                                      r"(?:(?:well\s+)?into|through|until|to)\b(?!\s+(?:growth|grow))", _I), gate=("runway",)),
    Trigger("financial_runway", re.compile(r"financial runway\b", _I), gate=("financial runway",)),
    Trigger("funded_into", re.compile(r"funded\s+(?:into|through|until)\b", _I), gate=("funded",)),
    Trigger("last_into", re.compile(r"(?:last(?:s|ing)?|carry us|take us|get us|extend(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}"
                                    r"(?:into|through|until|well into)\b", _I), gate=("last", "carry us", "take us", "get us", "extend")),
    # "a cash runway of approximately 18 months" (not "a long runway of two years for growth")
    Trigger("runway_of", re.compile(rf"(?:cash|financial)\s+runway\s+of\s+(?:\w+\s+){{0,2}}?{_N}\b", _I),
            gate=("runway",)),
    # Funded to a goal, not a date: "funded to profitability", "sufficient capital to reach cash flow
    # breakeven", "cash to take us to profitability" (an open horizon, `_PROFITABLE`).
    Trigger("to_profitability", re.compile(
        r"(?:(?:sufficient|enough|adequate)\s+(?:\w+\s+){0,2}?(?:cash|capital|funds|funding|liquidity|resources)|"
        r"(?:cash|capital|funds|funding|liquidity|resources|balance sheet)\s+(?:\w+\s+){0,4}?(?:sufficient|enough|"
        r"adequate|take us|get us|carry us)|fully\s+funded|funded|fund (?:us|the company|the business|operations|"
        r"our (?:operations|business|plan)))\b(?:\s+[\w']+){0,4}?\s+" + _PROFITABLE, _I),
        gate=("profitab", "breakeven", "break-even", "break even", "flow positive", "positive cash flow")),
    # "over 24 months of going-forward cash burn", "cash to cover 18 months of operations": months of spending.
    Trigger("months_of", re.compile(rf"{_N}\s+of\s+(?:[\w-]+\s+){{0,2}}(?:cash\s+)?(?:burn|operations|"
                                    r"operating expenses|expenses|spend(?:ing)?|runway)\b", _I), gate=("months of", "years of"),
            tier=1, word=False),
)
CONTEXT = Trigger("context", re.compile(r"(?:cash|capital|funds?|funded|funding|balance sheet|resources|liquidity|"
                                        r"financ\w+)\b", _I))
# "a clear runway to growth", "a long growth runway": not cash.
_GROWTH = re.compile(r"\bgrowth\s+runway\b|\brunway\s+(?:to|for)\s+(?:\w+\s+)?growth\b", _I)
_N_MONTHS = re.compile(r"(?P<n>\d+|one|two|three|four|six|twelve|eighteen|twenty-four|thirty-six)\s+(?P<unit>months|years)",
                       _I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "eighteen": 18, "twenty-four": 24,
            "thirty-six": 36}
_COUNTED = ("months_of", "runway_of")  # triggers that say the horizon as a count of months or years
_OPEN = re.compile(r"\b(?:for|into) the foreseeable future\b", _I)
_GOAL = re.compile(_PROFITABLE, _I)
_CONDITIONS = re.compile(r"\b(?:exclud\w+|discounts?|does not (?:include|assume)|doesn't (?:include|assume)|without|"
                         r"assum\w+|not including)\b[^.]*", _I)
_ABOUT_IT = re.compile(r"\b(?:runway|guidance|this|that)\b", _I)


def _horizon(found: Found, fields: dict) -> dict | None:
    """(as said, start, end) of the runway: a date said after the cue, N months from the call (or the
    period end when the call date is unknown), or no end at all ("for the foreseeable future")."""
    text, cue, today = found.text, found.match, found.call.reference_date()
    if found.trigger.name in _COUNTED:
        if today is None:
            return None
        said = _N_MONTHS.search(cue.group(0))
        n = int(said["n"]) if said["n"].isdigit() else _NUMBERS[said["n"].lower()]
        point = add_months(today, n * (12 if said["unit"].lower() == "years" else 1))
        return _said(cue.group(0), point, point)
    if found.trigger.name == "to_profitability":
        goal = _GOAL.search(cue.group(0))
        return _said(goal.group(0), None, None)
    if horizon := _stated(text, cue.start(), today):
        return _said(horizon.text, horizon.start, horizon.end)
    if open_ended := _OPEN.search(text, cue.start()):
        return _said(open_ended.group(0), None, None)
    return None


# A horizon said as the one before ("which we previously guided into 2026", "extended from mid-2025 into
# 2026"): the runway is the next one the sentence says.
_BEFORE = re.compile(r"(?:previous(?:ly)?|prior|originally|earlier|from|had been|compared (?:to|with)|versus|vs\.?)\b"
                     r"[^,;]{0,25}$", _I)


def _stated(text: str, start: int, today: dt.date | None) -> Horizon | None:
    """The first horizon after `start` that is not the one said before it, else the first."""
    first, at = None, start
    for _ in range(3):
        horizon = find_horizon(text[at:], today=today)
        if horizon is None:
            return first
        first = first or horizon
        offset = at + horizon.offset
        if not _BEFORE.search(text, max(at, offset - 40), offset):
            return horizon
        at = offset + len(horizon.text)
    return first


def _said(text: str, start: dt.date | None, end: dt.date | None) -> dict:
    return {"text_value": text, "date_start": start, "date_end": end,
            "attributes": {"open": True if end is None else None}}


def _conditions(found: Found, fields: dict) -> dict:
    """What the runway leaves out ("excluding milestones"), from the sentence or the one after it."""
    following = found.call.next_sentence(found.sentence)
    for candidate in (found.text, following.text if following else ""):
        if match := _CONDITIONS.search(candidate):
            if candidate is not found.text and not _ABOUT_IT.search(candidate):
                continue
            return {"attributes": {"conditions": match.group(0).strip()}}
    return {"attributes": {"conditions": None}}


KIND = Kind(
    name=NAME,
    keywords=("fund", "runway", "last", "carry us", "take us", "get us", "extend", "months of", "years of", "sufficient",
              "enough", "adequate", *_SUPPORT),
    triggers=TRIGGERS,
    context=CONTEXT,
    self_evident="runway",  # "cash runway", "extend our runway into": needs no other word about cash
    guards=(Guard("question", lambda found: is_question(found.sentence)),
            Guard("negated", lambda found: negated(found.text, found.match.start(), window=20)),
            Guard("growth", lambda found: "growth" in found.sentence.lowered and _GROWTH.search(found.text) is not None),
            Guard("hypothetical", lambda found: hypothetical(found.text, found.match.start(), window=30))),
    slots=(Slot("horizon", _horizon, required=True), Slot("conditions", _conditions)),
    speaker_keyword="runway",
    identity=(),
    examples=(
        Example("Our cash is sufficient to fund operations into the second half of 2027.",
                {"date_start": dt.date(2027, 7, 1), "date_end": dt.date(2027, 12, 31)}),
        Example("We have over 24 months of going-forward cash burn on the balance sheet.",
                {"date_end": dt.date(2023, 8, 6)}),
        Example("We believe our cash will fund our operating plan for the foreseeable future.",
                {"date_end": None, "attributes": {"open": True}}),
        Example("Our runway now extends into the second half of 2027.", {"date_end": dt.date(2027, 12, 31)}),
        Example("We believe our current cash resources will be sufficient to meet our operating requirements into "
                "2027.", {"date_end": dt.date(2027, 12, 31)}),
        Example("This gives us a cash runway of approximately 18 months.", {"date_end": dt.date(2023, 2, 6)}),
        Example("We have over 2 years of cash runway.", {"date_end": dt.date(2023, 8, 6)}),
        Example("We are funded through the end of 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("We believe we have sufficient cash to fund operations for at least the next 12 months.",
                {"text_value": "at least the next 12 months", "date_end": dt.date(2022, 8, 6)}),
        Example("Our cash is expected to fund our operations well into 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("Our cash will fund our operating plan through mid-2024.", {"date_end": dt.date(2024, 8, 31)}),
        Example("Our cash is expected to fund our operations to the end of 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("Our cash is sufficient to fund operations into 2025, excluding any milestones from Zenith.",
                {"date_end": dt.date(2025, 12, 31), "attributes": {"conditions": "excluding any milestones from Zenith"}}),
        # Open horizons said as a goal: funded to profitability, cash flow breakeven.
        Example("We are funded to profitability without the need to raise additional capital.",
                {"date_end": None, "text_value": "to profitability",
                 "attributes": {"open": True, "conditions": "without the need to raise additional capital"}}),
        Example("We believe we have sufficient capital to reach cash flow breakeven without raising additional funds.",
                {"date_end": None, "attributes": {"open": True}}),
        Example("Our current cash is sufficient to take us to profitability.", {"date_end": None, "attributes": {"open": True}}),
        Example("We fund operations from cash flow and expect to reach profitability in 2025.", None),
        Example("We have enough scale to reach cash flow breakeven.", None),
        Example("We will need additional funding to reach profitability.", None),
        Example("We have a solid cash runway and expect to reach profitability.", None),
        Example("Do you have enough cash to fund operations into 2026?", None, speaker=None),
        Example("Our cash is expected to be sufficient into 2027.", {"date_end": dt.date(2027, 12, 31)}),
        Example("Our cash position supports our operations into 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("Our cash resources will allow us to finance operations through 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("Our field teams will support our business through 2026 as the launch builds.", None),
        # The horizon said as the one before is not the runway.
        Example("Our cash runway, which we previously guided into 2026, now extends into 2027.",
                {"date_end": dt.date(2027, 12, 31)}),
        Example("We extended our cash runway from mid-2025 into 2026.", {"date_end": dt.date(2026, 12, 31)}),
        Example("Our cash runway is now expected to last into the first half of 2025, down from our previous guidance "
                "of 2026.", {"date_end": dt.date(2025, 6, 30)}),
        Example("We see a long growth runway into 2030.", None),
        Example("We see a long runway of two years for growth.", None),
        Example("We have enough patients to support enrollment into 2026.", None),
        Example("Is the cash runway still into 2024?", None),
    ),
)
