"""Seeking Alpha transcript text.

Layout: a title line `Company (NYSE:TICK) Q2 2018 Earnings Conference Call July 17, 2018 8:30 AM ET`,
participant lists under `Executives` / `Analysts` (or `Company Participants` /
`Conference Call Participants`) as `Name - Title` or `Name - Firm`, then turns that start with a
bare speaker-name line; `Question-and-Answer Session` opens the Q&A. Often cp1252 bytes.
"""

from __future__ import annotations

import re

from handlers.dates import MONTH_DAY_YEAR
from handlers.errors import MalformedTranscript
from handlers.header import call_date_and_time, company_and_ticker, fiscal_period
from handlers.reflow import tidy
from handlers.roles import with_unlisted
from handlers.source import Source
from handlers.speakers import bare_speaker, classify
from handlers.transcript import (
    ANALYST,
    EXECUTIVE,
    PREPARED_REMARKS,
    QUESTIONS_AND_ANSWERS,
    Participant,
    Transcript,
    Turn,
)

_EXECUTIVES = re.compile(r"^(?:executives|company (?:participants|representatives)|corporate participants)$",
                         re.IGNORECASE)
_ANALYSTS = re.compile(r"^(?:analysts|conference call participants)$", re.IGNORECASE)
_QA = re.compile(r"^question[- ]and[- ]answer session$", re.IGNORECASE)
_TITLE_LINE = re.compile(r"\([A-Za-z]{2,14}:[A-Z][A-Z0-9.\-]{0,7}\).*\b(?:earnings|results|call|conference)\b",
                         re.IGNORECASE)
_DASH = re.compile(r"\s+[-–—]\s+")
_JUNK = re.compile(r"^call start:", re.IGNORECASE)
_PRESENTATION = re.compile(r"^presentation$", re.IGNORECASE)


def _header_end(lines: list[str]) -> int | None:
    """The index of the first participants heading, if the file opens with one within a few lines."""
    return next((i for i, line in enumerate(lines[:6]) if i > 0 and _EXECUTIVES.match(line)), None)


class SeekingAlpha:
    """Handler for Seeking Alpha transcript text."""

    name = "seeking_alpha_txt"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure when the title (on one line or a few) and a participants heading open the file."""
        lines = [tidy(line) for line in source.text[:4000].split("\n") if line.strip()]
        split = _header_end(lines)
        return 0.9 if split and _TITLE_LINE.search(" ".join(lines[:split])) else 0.0

    def parse(self, source: Source) -> Transcript:
        """Parse the title line, the participant lists and the turns."""
        lines = list(map(tidy, source.text.split("\n")))
        lines = [line for line in lines if line and not _JUNK.match(line)]
        split = _header_end(lines) or 1
        title, rest = " ".join(lines[:split]), lines[split:]
        participants, body = _participants(rest)
        known = {p.name: p for p in participants}
        turns = _turns(body, known)
        if not any(turn.speaker for turn in turns):
            raise MalformedTranscript(handler=self.name, detail="no speaker turns were found")
        return Transcript(
            format=self.name,
            turns=tuple(turns),
            participants=with_unlisted(participants, turns, resolve=lambda turn: _by_surname(turn.speaker, known)),
            encoding=source.encoding,
            **_header(title),
        )


def _participants(lines: list[str]) -> tuple[list[Participant], list[str]]:
    """The participant lists, and the lines after them."""
    people: list[Participant] = []
    kind = None
    for index, line in enumerate(lines):
        if _EXECUTIVES.match(line):
            kind = EXECUTIVE
        elif _ANALYSTS.match(line):
            kind = ANALYST
        elif line == "Operator" or _PRESENTATION.match(line):
            return people, lines[index + (line != "Operator"):]
        elif line.startswith("["):
            continue  # a stray reference such as "[0JNPYG-E Michael Spencer]"
        elif kind and (parts := _DASH.split(line, maxsplit=2)) and len(parts) >= 2:
            name, first, *more = parts
            if kind == EXECUTIVE:
                people.append(Participant(name, kind, " - ".join([first, *more])))
            else:
                people.append(Participant(name, kind, more[0] if more else None, first))
        elif kind and bare_speaker(line, frozenset()) is not None:
            people.append(Participant(line, kind))  # a name listed without title or firm
        else:
            return people, lines[index:]
    return people, []


def _turns(body: list[str], known: dict[str, Participant]) -> list[Turn]:
    turns: list[Turn] = []
    section = PREPARED_REMARKS
    speaker: Participant | None = None
    paragraphs: list[str] = []
    names = frozenset(known)

    def flush() -> None:
        if paragraphs:
            turns.append(Turn(section, speaker.name if speaker else None, "\n".join(paragraphs),
                              speaker.title if speaker else None, speaker.affiliation if speaker else None))
            paragraphs.clear()

    for line in body:
        if _QA.match(line):
            flush()
            section = QUESTIONS_AND_ANSWERS
        elif (name := bare_speaker(_DASH.split(line, maxsplit=1)[0] if len(line) < 120 else line, names)) is not None:
            flush()
            speaker = known.get(name) or _by_surname(name, known)
        else:
            paragraphs.append(line)
    flush()
    return turns


def _by_surname(name: str, known: dict[str, Participant]) -> Participant:
    """The listed participant a variant of their name refers to ("Jeff Hammond" for "Jeffrey D. Hammond")."""
    surname = name.split()[-1]
    matches = [p for listed, p in known.items() if listed.split()[-1] == surname]
    if len(matches) == 1:
        match = matches[0]
        return Participant(name, match.kind, match.title, match.affiliation)
    return Participant(name, classify(name, None, None))


def _header(line: str) -> dict[str, object]:
    found: dict[str, object] = {}
    if pair := company_and_ticker(line):
        found["company"], found["ticker"] = pair
    if period := fiscal_period(line):
        found["fiscal_year"], found["fiscal_quarter"] = period
    if date := call_date_and_time(line):
        found["call_date"], found["call_time"] = date
    title = line.split(")", 1)[-1].strip() if ")" in line else line
    if date_match := MONTH_DAY_YEAR.search(title):
        title = title[:date_match.start()].strip()
    if found.get("company") and found.get("ticker"):
        title = f"{found['company']} ({found['ticker']}) {title}"
    found["title"] = title
    return found
