"""The classic Motley Fool transcript text (fool.com pages up to 2023, as text).

Layout: an optional page header (company and ticker, `Q2 2021 Earnings Call`, date and time),
`Prepared Remarks:`, `Questions and Answers:` (or `Questions & Answers:`), speaker lines
`Name -- Title` or `Name -- Firm -- Analyst`, `Duration: N minutes`, `Call participants:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handlers.boilerplate import strip_boilerplate
from handlers.errors import MalformedTranscript
from handlers.header import call_date_and_time, company_and_ticker, fiscal_period
from handlers.reflow import tidy
from handlers.roles import with_unlisted
from handlers.source import Source
from handlers.speakers import SpeakerLine, is_speaker_line, split_speaker_line
from handlers.transcript import (
    PREPARED_REMARKS,
    QUESTIONS_AND_ANSWERS,
    Participant,
    Transcript,
    Turn,
)

_PREPARED = re.compile(r"^prepared remarks\s*:?$", re.IGNORECASE)
_QA = re.compile(r"^questions?\s+(?:and|&)\s+answers?\s*:?$", re.IGNORECASE)
_PARTICIPANTS = re.compile(r"^call participants\s*:?$", re.IGNORECASE)
_DURATION = re.compile(r"^duration:\s*(\d+)\s*minutes?$", re.IGNORECASE)
_DETECT_SPEAKER = re.compile(r"[A-Z][^\n]{1,60} -- [^\n]{2,120}")


class MotleyFoolText:
    """Handler for classic Motley Fool transcript text."""

    name = "motley_fool_txt"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure when both section markers are present; likely with one and speaker lines."""
        prepared = source.has_heading("prepared remarks", "prepared remarks:", "prepared remarks :")
        participants = source.has_heading("call participants", "call participants:", "call participants :")
        if prepared and participants:
            return 0.9
        if (prepared or participants) and _has_speaker_line(source.text):
            return 0.6
        return 0.0

    def parse(self, source: Source) -> Transcript:
        """Parse the header, the turns of each section, and the participants list."""
        return parse_lines(source.text.split("\n"), format=self.name, encoding=source.encoding)


def _has_speaker_line(text: str) -> bool:
    """Whether a line reads `Name -- Title`: only the lines holding " -- " are tried."""
    at = text.find(" -- ")
    while at >= 0:
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end < 0 else end
        if _DETECT_SPEAKER.fullmatch(text, start, end):
            return True
        at = text.find(" -- ", end)
    return False


def parse_lines(raw_lines: list[str], *, format: str, encoding: str | None) -> Transcript:
    """Parse the lines of a classic Motley Fool transcript (from text, HTML or PDF).

    Raises:
        MalformedTranscript: no speaker turns were found.
    """
    # Collapse runs of white space, non-breaking spaces included (fool.com pages use them).
    lines = strip_boilerplate(list(map(tidy, raw_lines)))
    lines = [line for line in lines if line]
    layout = _split(lines)
    participants = [person for person in map(split_speaker_line, layout.participants) if person.name]
    known = frozenset(p.name for p in participants) | {"Operator"}
    turns = _turns(layout.body, known)
    if not any(turn.speaker for turn in turns):
        raise MalformedTranscript(handler=format, detail="no speaker turns were found")
    return Transcript(
        format=format,
        turns=tuple(turns),
        participants=with_unlisted((Participant(p.name, p.kind, p.title, p.affiliation) for p in participants), turns),
        duration_minutes=layout.duration,
        encoding=encoding,
        **header_metadata(layout.header),
    )


@dataclass
class _Layout:
    header: list[str] = field(default_factory=list)
    body: list[tuple[str, str]] = field(default_factory=list)  # (section, line)
    participants: list[str] = field(default_factory=list)
    duration: int | None = None


def _split(lines: list[str]) -> _Layout:
    """Sort lines into header, body (with their section) and participants list."""
    layout = _Layout()
    part = "header"
    section = PREPARED_REMARKS
    for line in lines:
        if _PREPARED.match(line):
            part, section = "body", PREPARED_REMARKS
        elif _QA.match(line):
            part, section = "body", QUESTIONS_AND_ANSWERS
        elif _PARTICIPANTS.match(line):
            part = "participants"
        elif match := _DURATION.match(line):
            # "Duration: 0 minutes" is a publisher placeholder, not a length.
            layout.duration = int(match[1]) or None
            part = "after"
        elif part == "header":
            layout.header.append(line)
        elif part == "body":
            layout.body.append((section, line))
        elif part == "participants":
            layout.participants.append(line)
    if not layout.body and layout.header:
        # No section markers at all: the whole text is the body.
        layout.body = [(PREPARED_REMARKS, line) for line in layout.header]
        layout.header = []
    return layout


def _turns(body: list[tuple[str, str]], known: frozenset[str]) -> list[Turn]:
    """Group body lines into turns at each speaker line."""
    turns: list[Turn] = []
    speaker: SpeakerLine | None = None
    section = PREPARED_REMARKS
    paragraphs: list[str] = []

    def flush() -> None:
        if paragraphs:
            turns.append(Turn(
                section=section,
                speaker=speaker.name if speaker else None,
                role=speaker.title if speaker else None,
                affiliation=speaker.affiliation if speaker else None,
                text="\n".join(paragraphs),
            ))
            paragraphs.clear()

    for line_section, line in body:
        if line_section != section:
            flush()
            section = line_section
        next_speaker = is_speaker_line(line, known=known)
        if next_speaker is not None:
            flush()
            speaker = next_speaker
        else:
            paragraphs.append(line)
    flush()
    return turns


def header_metadata(lines: list[str]) -> dict[str, object]:
    """Company, ticker, fiscal period, call date and time, and title from a page header."""
    found: dict[str, object] = {}
    dates = []
    for line in lines[:15]:
        if "company" not in found and (pair := company_and_ticker(line)):
            company, found["ticker"] = pair
            if company:
                found["company"] = company
        if "fiscal_year" not in found and "earnings call" in line.lower() and (period := fiscal_period(line)):
            found["fiscal_year"], found["fiscal_quarter"] = period
        # "for the period ending December 31, 2024" is not when the call was held.
        if "period end" not in line.lower() and (date := call_date_and_time(line)):
            dates.append(date)
    if dates:
        found["call_date"], found["call_time"] = next((d for d in dates if d[1]), dates[0])
    if {"company", "ticker", "fiscal_year"} <= found.keys():
        found["title"] = (f"{found['company']} ({found['ticker']}) Q{found['fiscal_quarter']} "
                          f"{found['fiscal_year']} Earnings Call")
    return found
