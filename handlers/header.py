"""Call metadata as transcripts write it: company and ticker, fiscal period, call date and time."""

from __future__ import annotations

import datetime as dt
import re

from handlers.dates import parse_month_day_year

# "Cellectis SA (CLLS -3.81%)", "Simulations Plus Inc (NASDAQ:SLP)Q3 2020 ...", "Yeti(YETI+0.30%)Q4 2024 ...".
_COMPANY_TICKER = re.compile(
    r"^(?P<company>[^()\n]{2,80}?)\s*\((?:(?P<exchange>[A-Za-z]{2,14})\s*:\s*)?"
    r"(?P<ticker>[A-Z][A-Z0-9]{0,5}(?:[.\-][A-Z]{1,2})?)(?:\s*[-+]?\d[\d.]*%)?\)"
)
# "NASDAQ:META" alone on a line.
_EXCHANGE_TICKER = re.compile(r"^(?P<exchange>NYSE|NASDAQ|Nasdaq|NYSEMKT|AMEX|NYSEAMERICAN|OTC\w*|TSX|LSE)\s*:\s*"
                              r"(?P<ticker>[A-Z][A-Z0-9]{0,5}(?:[.\-][A-Z]{1,2})?)\s*$")

_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_YEAR = r"(?:19|20)\d\d"
_PERIODS = (
    # Q3 2021, Q3 FY2021, Q1 fiscal year 2021, Q1 fiscal-year 2021, Q4'21 is too ambiguous to take
    re.compile(rf"\bQ(?P<quarter>[1-4])\s*(?:of\s+)?(?:FY\s*|fiscal(?:[\s-]+year)?\s+)?(?P<year>{_YEAR})\b",
               re.IGNORECASE),
    # third-quarter 2021, Third Quarter Fiscal Year 2020, fourth quarter and full year 2025, first quarter of 2022
    re.compile(rf"\b(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\s+"
               rf"(?:(?:and|&)\s+(?:full[\s-]+)?(?:fiscal\s+)?(?:year\s+)?)?(?:of\s+)?(?:fiscal(?:\s+year)?\s+)?"
               rf"(?P<year>{_YEAR})\b", re.IGNORECASE),
    # fiscal 2021 third quarter, 2021 third-quarter
    re.compile(rf"\b(?:fiscal\s+(?:year\s+)?)?(?P<year>{_YEAR})\s+(?P<ordinal>first|second|third|fourth)[\s-]+quarter\b",
               re.IGNORECASE),
)


def company_and_ticker(line: str) -> tuple[str | None, str] | None:
    """(company, ticker) from a header line, or None."""
    if match := _COMPANY_TICKER.match(line):
        return match["company"].strip(" ,"), match["ticker"]
    if match := _EXCHANGE_TICKER.match(line):
        return None, match["ticker"]
    return None


# In speech, a period names the call only when the call or its results follow it closely:
# "the third quarter 2022 earnings call", not "compared to the second quarter of 2021".
_ABOUT_THE_CALL = re.compile(r"[^.?!]{0,50}?\b(?:earnings?|results|conference call|call)\b", re.IGNORECASE)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:compared (?:to|with)|versus|vs\.?|relative to|from|than|over|since|last year'?s?|prior[- ]year"
    r"|year[- ]ago|like)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)


def fiscal_periods(text: str, *, about_the_call: bool = False) -> list[tuple[int, int]]:
    """Every (fiscal year, quarter) that `text` names, in order of appearance.

    Args:
        text: a header line, or the opening of the call.
        about_the_call: take only periods followed closely by "earnings", "results" or "call".
    """
    found: list[tuple[int, int, int]] = []  # (position, year, quarter)
    for pattern in _PERIODS:
        for match in pattern.finditer(text):
            if about_the_call and (not _ABOUT_THE_CALL.match(text, match.end())
                                   or _COMPARISON_BEFORE.search(text[max(0, match.start() - 40):match.start()])):
                continue
            groups = match.groupdict()
            quarter = int(groups["quarter"]) if groups.get("quarter") else _ORDINAL[groups["ordinal"].lower()]
            found.append((match.start(), int(match["year"]), quarter))
    return [(year, quarter) for _, year, quarter in sorted(found)]


def fiscal_period(text: str) -> tuple[int, int] | None:
    """The first (fiscal year, quarter) that `text` names, or None."""
    periods = fiscal_periods(text)
    return periods[0] if periods else None


def call_date_and_time(line: str) -> tuple[dt.date, str | None] | None:
    """The date in a header line and the time after it ("8:00 a.m. ET"), or None."""
    found = parse_month_day_year(line)
    if found is None:
        return None
    date, rest = found
    if rest:
        rest = re.sub(r"^(?:at\s+)", "", rest).strip(" ,") or None
        if rest and not re.match(r"^\d{1,2}(?::\d\d|\s*[ap]\.?m\.?)", rest, re.IGNORECASE):
            rest = None  # not a time, e.g. the rest of a sentence
    return date, rest
