"""Time horizons as said ("into early 2023", "second half of 2025", "mid-2024", "at least 12 months")
normalised to a date range."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_NUMBERS = {"six": 6, "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36}


@dataclass(frozen=True)
class Horizon:
    """A point in time as said and as a date range."""

    text: str
    start: dt.date
    end: dt.date
    offset: int  # where the phrase starts in the sentence


def _month_range(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


# (pattern, months of the year it covers). Order matters: specific before general.
_PATTERNS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(rf"\b(?:the\s+)?(?P<half>first|second|1st|2nd)\s+half\s+(?:of\s+)?(?:fiscal\s+)?{_YEAR}", re.I), "half"),
    (re.compile(rf"\b(?:(?P<h>[12])H|H(?P<h2>[12]))\s*'?{_YEAR}", re.I), "h"),
    (re.compile(rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?:fiscal\s+)?{_YEAR}",
                re.I), "quarter"),
    (re.compile(rf"\bQ(?P<q>[1-4])\s*(?:of\s+)?'?{_YEAR}", re.I), "q"),
    (re.compile(rf"\b(?:early|beginning of|start of)\s+{_YEAR}", re.I), (1, 4)),
    (re.compile(rf"\b(?:mid|middle of)[\s-]+{_YEAR}", re.I), (5, 8)),
    (re.compile(rf"\blate\s+{_YEAR}", re.I), (9, 12)),
    (re.compile(rf"\b(?:the\s+)?(?:end of|year[\s-]end)\s+(?:of\s+)?{_YEAR}", re.I), (10, 12)),
    (re.compile(rf"\b{_YEAR}\s+year[\s-]end", re.I), (10, 12)),
    (re.compile(rf"\b(?:calendar\s+|fiscal\s+)?{_YEAR}\b"), (1, 12)),
)
_AT_LEAST = re.compile(r"\b(?:at least|a minimum of|more than|over|beyond)\s+(?:the\s+next\s+)?(?P<n>\d+|six|twelve|"
                       r"eighteen|twenty-four|thirty-six)\s+months\b", re.I)
_RELATIVE_YEAR = re.compile(r"\b(?P<which>(?:the )?end of (?:this|next|the) year|year[- ]end|later this year|"
                            r"(?:next|this) year)\b", re.I)


def find_horizon(text: str, *, today: dt.date | None) -> Horizon | None:
    """The first time horizon in `text`, or None. Relative phrases need `today` (the call date)."""
    best: Horizon | None = None
    for pattern, months in _PATTERNS:
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best.offset):
            continue
        year = int(match["year"])
        if months == "half":
            first = 1 if match["half"].lower() in ("first", "1st") else 7
            start, end = _month_range(year, first, first + 5)
        elif months == "h":
            half = int(match["h"] or match["h2"])
            start, end = _month_range(year, 1 + 6 * (half - 1), 6 * half)
        elif months == "quarter":
            q = _ORDINALS[match["ord"].lower()]
            start, end = _month_range(year, 3 * q - 2, 3 * q)
        elif months == "q":
            q = int(match["q"])
            start, end = _month_range(year, 3 * q - 2, 3 * q)
        else:
            start, end = _month_range(year, *months)  # type: ignore[misc]
        best = Horizon(match.group(0), start, end, match.start())
    if today is not None:
        if (match := _AT_LEAST.search(text)) and (best is None or match.start() < best.offset):
            n = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"].lower()]
            point = add_months(today, n)
            best = Horizon(match.group(0), point, point, match.start())
        if (match := _RELATIVE_YEAR.search(text)) and (best is None or match.start() < best.offset):
            which = match["which"].lower()
            year = today.year + (1 if "next" in which else 0)
            if "later" in which:
                months = (min(today.month + 1, 12), 12)
            elif "end" in which:
                months = (10, 12)
            else:
                months = (1, 12)
            start, end = _month_range(year, *months)
            best = Horizon(match.group(0), start, end, match.start())
    return best


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (negative when `later` is earlier)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month
