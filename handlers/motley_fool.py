"""The classic Motley Fool transcript text (fool.com pages up to 2023, as text).

Layout: an optional page header (company and ticker, `Q2 2021 Earnings Call`, date and time),
`Prepared Remarks:`, `Questions and Answers:` (or `Questions & Answers:`), speaker lines
`Name -- Title` or `Name -- Firm -- Analyst`, `Duration: N minutes`, `Call participants:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handlers.boilerplate import strip_boilerplate
from handlers.dates import parse_month_day_year
from handlers.errors import MalformedTranscript
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
_COMPANY = re.compile(
    r"^(?P<company>[^()]+?)\s*\((?:(?P<exchange>[A-Z]+)\s*:\s*)?(?P<ticker>[A-Z][A-Z0-9.\-]{0,6})"
    r"(?:\s+[-+]?[\d.]+%)?\)\s*$"
)
_QUARTER = re.compile(r"\bQ(?P<quarter>[1-4])\s+(?:FY\s*)?(?P<year>(?:19|20)\d\d)\b.*\bearnings call\b", re.IGNORECASE)
_DETECT_PREPARED = re.compile(r"^prepared remarks\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
_DETECT_PARTICIPANTS = re.compile(r"^call participants\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
_DETECT_SPEAKER = re.compile(r"^[A-Z][^\n]{1,60} -- [^\n]{2,120}$", re.MULTILINE)


class MotleyFoolText:
    """Handler for classic Motley Fool transcript text."""

    name = "motley_fool_txt"

    def detect(self, source: Source) -> float:
        """Sure when both section markers are present; likely with one and speaker lines."""
        text = source.text
        prepared = _DETECT_PREPARED.search(text) is not None
        participants = _DETECT_PARTICIPANTS.search(text) is not None
        speakers = _DETECT_SPEAKER.search(text) is not None
        if prepared and participants:
            return 0.9
        if (prepared or participants) and speakers:
            return 0.6
        return 0.0

    def parse(self, source: Source) -> Transcript:
        """Parse the header, the turns of each section, and the participants list."""
        # Collapse runs of white space, non-breaking spaces included (fool.com pages use them).
        lines = strip_boilerplate([" ".join(line.split()) for line in source.text.split("\n")])
        lines = [line for line in lines if line]
        layout = _split(lines)
        participants = [split_speaker_line(line) for line in layout.participants]
        known = frozenset(p.name for p in participants) | {"Operator"}
        turns = _turns(layout.body, known)
        if not any(turn.speaker for turn in turns):
            raise MalformedTranscript(handler=self.name, detail="no speaker turns were found")
        header = _header(layout.header)
        return Transcript(
            format=self.name,
            turns=tuple(turns),
            participants=_participants(participants, turns),
            duration_minutes=layout.duration,
            encoding=source.encoding,
            **header,
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


def _header(lines: list[str]) -> dict[str, object]:
    """Company, ticker, fiscal period, call date and time, and title from the page header."""
    found: dict[str, object] = {}
    company_line = quarter_line = None
    for line in lines[:12]:
        if "ticker" not in found and (match := _COMPANY.match(line)):
            found["company"], found["ticker"] = match["company"].strip(), match["ticker"]
            company_line = f"{found['company']} ({found['ticker']})"
        elif "fiscal_year" not in found and (match := _QUARTER.search(line)):
            found["fiscal_year"], found["fiscal_quarter"] = int(match["year"]), int(match["quarter"])
            quarter_line = line
        elif "call_date" not in found and (date := parse_month_day_year(line)):
            found["call_date"], found["call_time"] = date
    if company_line and quarter_line:
        found["title"] = f"{company_line} {quarter_line}"
    return found


def _participants(listed: list[SpeakerLine], turns: list[Turn]) -> tuple[Participant, ...]:
    """The participants list, plus anyone who spoke without being listed (the operator)."""
    people = {p.name: Participant(p.name, p.kind, p.title, p.affiliation) for p in listed}
    for turn in turns:
        if turn.speaker and turn.speaker not in people:
            line = SpeakerLine(turn.speaker, turn.role, turn.affiliation)
            people[turn.speaker] = Participant(turn.speaker, line.kind, turn.role, turn.affiliation)
    return tuple(people.values())


