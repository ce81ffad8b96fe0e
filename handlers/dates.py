"""Dates as transcripts write them ("Aug 6, 2021", "Sept. 30, 2021", "November 5, 2021")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# "Aug 6, 2021, 8:00 a.m. ET": month, day, year, then anything (the time) kept as said.
# Capitalised month names only, which lets "CallFeb 13, 2025" (squashed page text) match.
MONTH_DAY_YEAR = re.compile(
    r"(?<![A-Za-z])(?:[A-Za-z]*?(?<=[a-z]))?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b,?\s*(?P<rest>.*)$"
)


def parse_month_day_year(text: str) -> tuple[dt.date, str | None] | None:
    """The first `Month D, YYYY` date in `text` and whatever follows it (usually the time)."""
    match = MONTH_DAY_YEAR.search(text)
    if match is None:
        return None
    month = _MONTHS.get(match["month"][:3].lower())
    try:
        date = dt.date(int(match["year"]), month or 0, int(match["day"]))
    except ValueError:
        return None
    rest = match["rest"].strip() or None
    return date, rest
