"""The timing of a regulatory event as said, normalised to dates: "PDUFA date of June 12th",
"in the second quarter", "in February", "next month", besides the horizons of horizons.py.

Phrases without a year are read against the call's date, or when the transcript does not say it,
a month after its fiscal period's end (calls follow the quarter by a few weeks). A day or month
without a year is the next one to come for an expected event, the last one past for a done event.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from handlers.extractors.call import Call
from handlers.extractors.horizons import Horizon, find_horizon

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
# "June 12th", "January 31, 2022", "July 30, 2018": a day.
_DAY = re.compile(rf"{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<year>(?:19|20)\d\d))?")
# "in February", "in December 2016", "mid-September": a month.
_MONTH_ONLY = re.compile(rf"[IiMm][nid]+-? ?(?:early |mid-?|late )?{_MONTH}(?: (?:of )?(?P<year>(?:19|20)\d\d))?\b")
# "the second quarter of next year": a year after the call's.
_QUARTER = re.compile(r"[tT]he (?P<ord>first|second|third|fourth) quarter\b(?! of (?:19|20)\d\d)(?P<later> of next year)?|"
                      r"Q(?P<q>[1-4])\b(?! ?'?(?:19|20)?\d\d)|[tT](?P<this>his) quarter|[nN](?P<next>ext) quarter")
_HALF = re.compile(r"[tT]he (?P<half>first|second) half\b(?! of (?:19|20)\d\d)(?P<later> of next year)?")
_MIDYEAR = re.compile(r"[mM](?:id-?year|iddle of (?:the|this) year)")
_RELATIVE_MONTH = re.compile(r"[tTnNlL](?P<which>his|ext|ast) month|[cC]oming (?P<weeks>weeks|months)")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def reference_date(call: Call) -> dt.date | None:
    """The date "this year" and "next quarter" are counted from."""
    if call.call_date is not None:
        return call.call_date
    year, quarter = call.transcript.fiscal_year, call.transcript.fiscal_quarter
    if not year or not quarter:
        return None
    return dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1]) + dt.timedelta(days=30)


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _year_for(month: int, day: int, today: dt.date, *, done: bool) -> int:
    """The year of a month and day said without one: the next to come, or the last past when done."""
    candidate = dt.date(today.year, month, min(day, calendar.monthrange(today.year, month)[1]))
    if done and candidate > today + dt.timedelta(days=7):
        return today.year - 1
    if not done and candidate < today - dt.timedelta(days=7):
        return today.year + 1
    return today.year


def timing(text: str, call: Call, *, done: bool, near: tuple[int, int] | None = None) -> Horizon | None:
    """The timing `text` states nearest the cue at `near` (start, end), or the first one; None when it
    states none. "Following a meeting with the FDA in March, we plan to submit the BLA in the fourth
    quarter": the plan's time is the one beside its verb."""
    today = reference_date(call)
    found = [h for h in (find_horizon(text, today=today), *(_said(text, today, done=done) if today else ())) if h]
    if not found:
        return None
    if near is None:
        return min(found, key=lambda h: (h.offset, -len(h.text)))
    start, end = near
    # A timing after the cue is its own more often than one before it ("we plan to submit ... in the fourth
    # quarter"), so the distance before counts thrice.
    return min(found, key=lambda h: (h.offset - end if h.offset >= end else 3 * max(0, start - h.offset - len(h.text)),
                                     h.offset, -len(h.text)))


def _said(text: str, today: dt.date, *, done: bool) -> list[Horizon]:
    found = []
    if (match := _DAY.search(text)) is not None:
        month, day = _MONTHS[match["month"].lower()], int(match["day"])
        if 1 <= day <= calendar.monthrange(today.year, month)[1]:
            year = int(match["year"]) if match["year"] else _year_for(month, day, today, done=done)
            date = dt.date(year, month, day)
            found.append(Horizon(match.group(0), date, date, match.start()))
    if (match := _MONTH_ONLY.search(text)) is not None:
        month = _MONTHS[match["month"].lower()]
        year = int(match["year"]) if match["year"] else _year_for(month, 1, today, done=done)
        found.append(Horizon(match.group(0), *_months(year, month, month), match.start()))
    if (match := _QUARTER.search(text)) is not None:
        if match["this"] or match["next"]:
            q = (today.month - 1) // 3 + 1 + (1 if match["next"] else 0)
        else:
            q = _ORDINAL[match["ord"]] if match["ord"] else int(match["q"])
        year = today.year + (q - 1) // 4 + (1 if match["later"] else 0)
        q = (q - 1) % 4 + 1
        start, end = _months(year, 3 * q - 2, 3 * q)
        if not done and not match["later"] and match["ord"] and end < today - dt.timedelta(days=7):
            start, end = _months(year + 1, 3 * q - 2, 3 * q)  # "a PDUFA date in the first quarter", said in August
        elif done and match["ord"] and start > today + dt.timedelta(days=7):
            start, end = _months(year - 1, 3 * q - 2, 3 * q)  # "we submitted the NDA in the fourth quarter", in February
        found.append(Horizon(match.group(0), start, end, match.start()))
    if (match := _HALF.search(text)) is not None:
        first = 1 if match["half"] == "first" else 7
        year = today.year + (1 if match["later"] else 0)
        if not done and not match["later"] and _months(year, first, first + 5)[1] < today - dt.timedelta(days=7):
            year += 1  # "approval expected in the first half", said in the autumn
        found.append(Horizon(match.group(0), *_months(year, first, first + 5), match.start()))
    if (match := _MIDYEAR.search(text)) is not None:
        found.append(Horizon(match.group(0), *_months(today.year, 5, 8), match.start()))
    if (match := _RELATIVE_MONTH.search(text)) is not None:
        if match["weeks"]:
            start, end = today, today + dt.timedelta(days=45 if match["weeks"] == "weeks" else 120)
        else:
            month = today.month + {"his": 0, "ext": 1, "ast": -1}[match["which"]]
            year = today.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            start, end = _months(year, month, month)
        found.append(Horizon(match.group(0), start, end, match.start()))
    return found
