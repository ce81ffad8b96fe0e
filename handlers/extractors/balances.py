"""A cash balance in a sentence: which figure next to a cash phrase is the balance, its as-of date, its scope.

Typed value parsers for the cash kinds' tables (`kinds/cash_position.py`, `kinds/cash_guidance.py`).
Look-alikes that are not a balance: a forecast of period-end cash ("we expect to end 2025 with about
$6 billion"), a prior figure quoted for comparison ("up from $9.2 billion"), money spent, and flows
("net cash used in operations", "a cash usage of $400 million").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from handlers.dates import MONTH_DAY_YEAR, parse_month_day_year
from handlers.extractors.amounts import Amount
from handlers.extractors.call import Call
from handlers.extractors.cues import compared, forecast

# The name of the trigger "$1.5 billion on the balance sheet": the figure right before it, nothing between.
BALANCE_SHEET = "balance_sheet"
# The note of a position with no date said: as of the period's end.
PERIOD_END = "as of the period end (no date said)"

# After the phrase: it is a flow or a use of cash, not a balance. (`match` at a position: no `^`.)
_NOT_A_BALANCE = re.compile(r"\s*(?:flows?|burn|used|generation|generated|proceeds|spend|spent|from operations|paid|"
                            # "cash from operating activities was $66.6 million": a flow
                            r"from (?:operating|continuing|the business)|"
                            r"provided|outflow|inflow|dividends?|taxes|interest|compensation|payments?|consideration|"
                            r"conversion|sweep|returns?|deployment|requirements?|needs|costs?|charges?|content|savings|spend|bonus|"
                            r"tax(?:es)?|collections?|receipts?|management|usage|uses?|utili[sz]ation|distributions?|"
                            r"contributions?|outlays?|infusions?|injections?|components?|portion|settlements?|"
                            r"to (?:acquire|buy|fund|pay|invest|return|repurchase|retire|repay|redeem|settle))\b", re.I)
# Before the phrase: cash being used, not held ("using cash to acquire", "a use of cash").
_USING_BEFORE = re.compile(r"\b(?:using|used|use of|uses of|usage of|deploy\w*|spend\w*|spent|generat\w+|return\w*|"
                           r"distribut\w+)\s+(?:\w+\s+){0,2}$", re.I)
# After the figure: it is a flow or a comparison ("$1.8 billion of free cash flow", "$1 billion better than").
# "added an additional $3.5 million credit facility": borrowing capacity, not cash.
_NOT_A_BALANCE_AFTER = re.compile(r"\s+(?:of|in)\s+(?:free|operating|net)\s+cash|\s+(?:better|worse|higher|lower|more|"
                                  r"less)\s+than\b|\s+(?:\w+\s+)?(?:credit facilit|revolv|term loan|of debt\b)", re.I)
# Before the figure: it is being spent, made or taken in, not held ("we generated approximately $13.3
# billion of cash", "committed to return $25 billion of cash", "we received $2.9 billion of cash from").
_SPENDING_BEFORE = re.compile(r"\b(?:utili[sz]ed|used|spent|deploy(?:ed)?|paid|return(?:ed|ing)?|invested|repurchased|bought|"
                              r"acquired|funded|remaining|generat(?:ed|ing)|delivered|injected|retain|invest|received|"
                              r"collected|raised|usage of|uses? of)\b[^.]{0,25}$",
                              re.I)
# "$141 billion in cash and marketable securities": the figure right before the phrase.
_BEFORE = re.compile(r"\s+(?:in|of)\s+(?:\w+\s+){0,2}$", re.I)
# "cash ... was $238 million": the figure after the phrase, with only linking words between.
_BETWEEN_BAD = re.compile(r"\b(?:flows?|used|burn|debt|revenues?|income|loss|sales|bookings|assets|AUM|RPO|dividend|"
                          r"buyback|repurchase|capex|expenses?|generated|proceeds|raised|credit facility|loans?|notes|declined|"
                          r"increased|decreased|grew|rose|fell|down|up|paid|spent)\b", re.I)
_AS_OF = re.compile(r"\b(?:as of|as at|at|on)\s+(?P<date>(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?"
                    r"(?:,?\s*\d[\d,]{3,5})?)", re.I)
# "at the end of September", "as of June 30" (no year): the year is the period's.
_MONTH_END = re.compile(r"\b(?:at|as of|by)\s+(?:the\s+)?end\s+of\s+(?P<month>January|February|March|April|May|June|"
                        r"July|August|September|October|November|December)\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_MONTH_DAY = re.compile(r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b")
_EXCLUDING = re.compile(r"\b(?:excluding|excludes|not including|without|stand-?alone)\s+(?P<name>[A-Z][\w&\-]+)", re.I)


def balance(text: str, phrases: Sequence[tuple[str, re.Match[str]]],
            amounts: list[Amount]) -> tuple[Amount, str] | None:
    """The cash balance a sentence states, and the name of the phrase that gives it: a figure next to
    a cash phrase ((name, match) pairs) that is not a flow, a use of cash, a forecast or a comparison."""
    for name, phrase in phrases:
        if _NOT_A_BALANCE.match(text, phrase.end()) or _USING_BEFORE.search(text, 0, phrase.start()):
            continue
        if name == BALANCE_SHEET:
            # "$1.5 billion on the balance sheet": the figure right before, nothing between.
            before = [a for a in amounts if a.end <= phrase.start() and not text[a.end:phrase.start()].strip()]
            if before and not _disqualified(text, before[-1]):
                return before[-1], name
            continue
        # "$2.96 billion of debt less cash": the words between name something else.
        before = [a for a in amounts if a.end <= phrase.start() and _BEFORE.search(text[a.end:phrase.start()])
                  and phrase.start() - a.end < 30 and not _BETWEEN_BAD.search(text[a.end:phrase.start()])]
        if before and _spent(text, before[-1]):
            continue  # "we've deployed $1.1 billion in cash, with $379 million to dividends": the phrase is the spending's
        after = [a for a in amounts if a.start >= phrase.end() and a.start - phrase.end() < 100
                 and not _BETWEEN_BAD.search(text[phrase.end():a.start])]
        for amount in before[-1:] + after[:1]:
            if not _disqualified(text, amount):
                return amount, name
    return None


def _spent(text: str, amount: Amount) -> bool:
    return _SPENDING_BEFORE.search(text[max(0, amount.start - 40):amount.start]) is not None


def _disqualified(text: str, amount: Amount) -> bool:
    """Whether the figure is a comparison, a forecast, money spent, or a flow."""
    return (compared(text, amount.start) or forecast(text, amount.start)
            or _spent(text, amount)
            or _NOT_A_BALANCE_AFTER.match(text, amount.end) is not None)


def prior(text: str, amount: Amount, amounts: list[Amount]) -> tuple[Amount, dt.date] | None:
    """The earlier balance the sentence compares this one with, and its date ("was $257 million as of
    June 30, 2021 compared to $274 million as of December 31, 2020"; "65% higher than $165.5 million as
    of December 31, 2016"): a figure after the balance, right after a comparison word, with its own date."""
    for other in amounts:
        if other.start <= amount.end or other.start - amount.end > 200:
            continue
        if not compared(text, other.start):
            continue
        said = _AS_OF.match(text, other.end + 1) if text[other.end:other.end + 1] == " " else None
        parsed = parse_month_day_year(said["date"]) if said else None
        return (other, parsed[0]) if parsed else None
    return None


def as_of(text: str, amount: Amount, call: Call) -> tuple[dt.date | None, tuple[str, ...]]:
    """The date the position is at: said next to the figure, else the quarter end before the call."""
    dates = list(_AS_OF.finditer(text))
    # The date said just before the figure ("as of June 30, 2021, was $238 million"), else the first after it.
    ordered = [m for m in reversed(dates) if m.start() < amount.start] + [m for m in dates if m.start() > amount.start]
    end = call.period_end()
    for match in ordered[:2]:
        if parsed := parse_month_day_year(match["date"]):
            return parsed[0], ()
        if repaired := _repair_year(match["date"]):
            return repaired, ("the date is garbled in the transcript",)
        if end is not None and (day := _MONTH_DAY.match(match["date"])):
            # the latest such day not after the call: a fiscal quarter ending May 31, on a call in June
            latest = call.call_date or end
            return _in_period_year(latest, day["month"], int(day["day"])), ("the year is the period's",)
    if end is not None and (month_end := _MONTH_END.search(text)):
        year = int(month_end["year"]) if month_end["year"] else None
        return _in_period_year(end, month_end["month"], 31, year=year), ()
    return end, ((PERIOD_END,) if end else ())


_MONTH_NUMBERS = {name: n for n, name in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                                     "Nov", "Dec"), start=1)}


def _in_period_year(end: dt.date, month_name: str, day: int, *, year: int | None = None) -> dt.date | None:
    """`month_name` `day` (clipped to the month's length) on or before `end` (the period's end or the call's
    date), or in `year`: "the end of September" said after a period ending December 31 is that year's September."""
    month = _MONTH_NUMBERS[month_name[:3]]
    if year is None:
        year = end.year if (month, day) <= (end.month, end.day) or month == end.month else end.year - 1
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _repair_year(said: str) -> dt.date | None:
    """ "September 30, 202,1" (a transcription slip) -> 2021-09-30."""
    digits = re.sub(r"[^\d]", " ", said).split()
    if len(digits) >= 2 and len("".join(digits[1:])) == 4:
        repaired = MONTH_DAY_YEAR.search(f"{said.split()[0]} {digits[0]}, {''.join(digits[1:])}")
        if repaired:
            parsed = parse_month_day_year(repaired.group(0))
            return parsed[0] if parsed else None
    return None


# "pro forma for the offering, our cash would be $700 million": a balance as if, its own scope.
_PRO_FORMA = re.compile(r"\bpro[- ]forma\b", re.I)


def scope(text: str) -> str:
    """`consolidated`, `excluding <name>` for a figure that leaves a subsidiary out, or `pro forma` for a
    balance as if a deal had closed (compared only with another pro forma balance)."""
    if match := _EXCLUDING.search(text):
        return f"excluding {match['name']}"
    if "forma" in text and _PRO_FORMA.search(text):
        return "pro forma"
    return "consolidated"
