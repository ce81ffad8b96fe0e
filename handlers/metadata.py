"""Metadata a transcript's text lacks, taken from its file name and folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from handlers.header import fiscal_periods
from handlers.transcript import (
    PERIOD_FROM_CALL_DATE,
    PERIOD_FROM_FILE_NAME,
    PERIOD_FROM_HEADER,
    PERIOD_FROM_TEXT,
    PUBLISHER_SUMMARY,
    Transcript,
)

# How much of the call's opening is searched for "second quarter 2021" and the like.
_OPENING_CHARS = 3000

_TICKER = r"(?P<ticker>[A-Za-z]{1,5}(?:[.\-][A-Za-z]{1,2})?)"
_SEP = r"[_\-. ]"

# Each pattern names what it can give; tried in order, the first match wins.
_FILENAME_PATTERNS = (
    # AAPL_2021_Q1.txt, CLLS-2021-q2.pdf
    re.compile(rf"^{_TICKER}{_SEP}(?P<year>(?:19|20)\d\d){_SEP}[Qq](?P<quarter>[1-4])(?![0-9])"),
    # AAPL_q1_2021.txt
    re.compile(rf"^{_TICKER}{_SEP}[Qq](?P<quarter>[1-4]){_SEP}(?P<year>(?:19|20)\d\d)(?![0-9])"),
    # "Q3 2022 Acme Corp Earnings Call.txt" (no ticker)
    re.compile(rf"^[Qq](?P<quarter>[1-4]){_SEP}(?P<year>(?:19|20)\d\d){_SEP}"),
    # 20210806_CLLS.txt
    re.compile(rf"^(?P<date>(?:19|20)\d\d[01]\d[0-3]\d){_SEP}{_TICKER}(?![A-Za-z])"),
)
_FOLDER_TICKER = re.compile(r"^[A-Z]{1,5}(?:[.\-][A-Z]{1,2})?$")


def filename_metadata(filename: str, *, folder: str = "") -> dict[str, object]:
    """Ticker, fiscal year and quarter, or call date that a file name or its folder spells out.

    Returns:
        A dict holding only the keys that were found, among `ticker`, `fiscal_year`,
        `fiscal_quarter` and `call_date`.
    """
    found: dict[str, object] = {}
    for pattern in _FILENAME_PATTERNS:
        match = pattern.match(filename)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("date"):
            try:
                found["call_date"] = dt.datetime.strptime(groups["date"], "%Y%m%d").date()
            except ValueError:
                continue
        else:
            found["fiscal_year"] = int(groups["year"])
            found["fiscal_quarter"] = int(groups["quarter"])
        if groups.get("ticker"):
            found["ticker"] = groups["ticker"].upper()
        break
    if "ticker" not in found and _FOLDER_TICKER.match(folder):
        found["ticker"] = folder
    return found


def with_title(transcript: Transcript) -> Transcript:
    """`transcript` with a title composed from company (or ticker) and period when it has none."""
    name = transcript.company or transcript.ticker
    if transcript.title is not None or name is None or transcript.period is None:
        return transcript
    title = f"{name} Q{transcript.fiscal_quarter} {transcript.fiscal_year} Earnings Call"
    return dataclasses.replace(transcript, title=title)


# "Welcome to the Apple Q1 fiscal year 2025 earnings call", "welcome to Cellectis' third quarter ...":
# the name between "welcome to" and the period is the company.
_WELCOME = re.compile(
    r"\bwelcome (?:everyone |everybody |all )?to (?:the |today's )?(?P<company>[A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,4}?)"
    r"(?:'s?|’s?)? (?:Q[1-4]\b|first|second|third|fourth|full[- ]year|fiscal|\d{4})", re.I)
_NOT_COMPANIES = frozenset({"The", "Our", "This", "Today", "Everyone"})
# A "name" holding one of these is the period or the event ("welcome to the Fourth Quarter ..."), not a company.
_EVENT_WORDS = frozenset(
    "first second third fourth quarter quarterly fiscal year annual full half earnings conference call results "
    "investor webcast update".split())


def company_from_text(opening: str) -> str | None:
    """The company an operator or host welcomes people to, if the opening says."""
    match = _WELCOME.search(opening)
    if match is None or not match["company"][0].isupper() or match["company"] in _NOT_COMPANIES:
        return None
    if re.fullmatch(r"(?:Q[1-4]|H[12]|FY\s?\d{2,4}|\d{4})", match["company"]):
        return None  # "welcome to the Q1 2025 call": a period, not a name
    if not _EVENT_WORDS.isdisjoint(word.lower() for word in re.split(r"[\s\-]+", match["company"])):
        return None
    return match["company"]


def fill_from_text(transcript: Transcript, *, hint: tuple[int, int] | None = None) -> Transcript:
    """`transcript` with its fiscal period taken from the call's opening words when the header lacks it.

    The operator's welcome ("Welcome to the Cellectis third-quarter 2021 earnings call") names the
    quarter reported; the publisher's summary is not searched. Scripts are sometimes stale (an
    operator reading last year's quarter), so when the opening names several periods, the one the
    file name gives (`hint`) wins, else the most named, else the latest.
    """
    opening = _opening(transcript)
    if transcript.company is None and (company := company_from_text(opening[:_OPENING_CHARS])):
        transcript = dataclasses.replace(transcript, company=company)
    if transcript.fiscal_year is not None and transcript.fiscal_quarter is not None:
        return transcript
    periods = fiscal_periods(opening[:_OPENING_CHARS], about_the_call=True)
    if not periods:
        return transcript
    if hint in periods:
        year, quarter = hint
    else:
        counts = Counter(periods)
        year, quarter = max(counts, key=lambda period: (counts[period], period))
    return dataclasses.replace(transcript, fiscal_year=year, fiscal_quarter=quarter, period_source=PERIOD_FROM_TEXT)


def _opening(transcript: Transcript) -> str:
    """The first turns of the call, about `_OPENING_CHARS` of them (a sentence list has a turn per line)."""
    parts: list[str] = []
    size = 0
    for turn in transcript.turns[:60]:
        if turn.section == PUBLISHER_SUMMARY:
            continue
        parts.append(turn.text)
        size += len(turn.text)
        if len(parts) >= 12 and size >= _OPENING_CHARS:
            break
    return "\n".join(parts)


def quarter_before(date: dt.date) -> tuple[int, int]:
    """The calendar quarter that most recently ended before `date`: what a call on that date reports.

    >>> quarter_before(dt.date(2016, 2, 25))
    (2015, 4)
    """
    quarter = (date.month - 1) // 3  # the quarter holding `date` has not ended yet
    return (date.year, quarter) if quarter else (date.year - 1, 4)


def complete(transcript: Transcript, filename: str, *, folder: str = "") -> Transcript:
    """Fill what the header lacks: from the call's words first, then the file name and folder, and last
    the fiscal period from the call date (the quarter last ended before it). Records `period_source`."""
    if transcript.period is not None and transcript.period_source is None:
        transcript = dataclasses.replace(transcript, period_source=PERIOD_FROM_HEADER)
    found = filename_metadata(filename, folder=folder)
    hint = (found["fiscal_year"], found["fiscal_quarter"]) if "fiscal_year" in found else None
    transcript = fill_from_text(transcript, hint=hint)
    missing = {key: value for key, value in found.items() if getattr(transcript, key) is None}
    if transcript.period is None and "fiscal_year" in missing:
        missing["period_source"] = PERIOD_FROM_FILE_NAME
    if missing:
        transcript = dataclasses.replace(transcript, **missing)
    if transcript.period is None and transcript.call_date is not None:
        year, quarter = quarter_before(transcript.call_date)
        transcript = dataclasses.replace(transcript, fiscal_year=year, fiscal_quarter=quarter,
                                         period_source=PERIOD_FROM_CALL_DATE)
    return with_title(transcript)
