"""Dates as transcripts write them ("Aug 6, 2021", "Sept. 30, 2021", "November 5, 2021")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# "Aug 6, 2021, 8:00 a.m. ET": month, day, year, then anything (the time) kept as said.
MONTH_DAY_YEAR = re.compile(
    r"\b(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?\s+"
    r"(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b,?\s*(?P<rest>.*)$",
    re.IGNORECASE,
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
