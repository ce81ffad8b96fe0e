"""S&P Capital IQ / Refinitiv transcript text.

Layout: `CORPORATE PARTICIPANTS` and `CONFERENCE CALL PARTICIPANTS` as blocks of a name line and an
`Affiliation - Title` line; `PRESENTATION` and `QUESTIONS AND ANSWERS` hold turns that start with
the same two lines; text is hard-wrapped, and re-flowed here into paragraphs. `DISCLAIMER` ends it.
"""

from __future__ import annotations

import re

from handlers.errors import MalformedTranscript
from handlers.reflow import tidy, unwrap, wrap_width
from handlers.roles import with_unlisted
from handlers.source import Source
from handlers.speakers import bare_speaker, is_unidentified
from handlers.transcript import (
    ANALYST,
    EXECUTIVE,
    PREPARED_REMARKS,
    QUESTIONS_AND_ANSWERS,
    Participant,
    Transcript,
    Turn,
)

_HEADINGS = {
    "CORPORATE PARTICIPANTS": EXECUTIVE,
    "CONFERENCE CALL PARTICIPANTS": ANALYST,
    "PRESENTATION": PREPARED_REMARKS,
    "QUESTIONS AND ANSWERS": QUESTIONS_AND_ANSWERS,
    "QUESTIONS AND ANSWER": QUESTIONS_AND_ANSWERS,
    "DISCLAIMER": "end",
}
_AFFILIATION = re.compile(r"^(?P<affiliation>.+?)\s+-\s+(?P<title>.+)$")


class CapitalIQ:
    """Handler for S&P Capital IQ / Refinitiv transcript text."""

    name = "capitaliq_txt"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure when the participants and presentation headings are present."""
        return 0.9 if {"CORPORATE PARTICIPANTS", "PRESENTATION"} <= source.headings else 0.0

    def parse(self, source: Source) -> Transcript:
        """Parse the participant blocks and the turns, re-flowing wrapped lines."""
        blocks = _blocks(source.text)
        people = _participants(blocks.get(EXECUTIVE, []), EXECUTIVE) + \
            _participants(blocks.get(ANALYST, []), ANALYST)
        known = {p.name: p for p in people}
        width = wrap_width(source.text.split("\n"))
        turns = [turn for section in (PREPARED_REMARKS, QUESTIONS_AND_ANSWERS)
                 for turn in _turns(blocks.get(section, []), section, known, width)]
        if not any(turn.speaker for turn in turns):
            raise MalformedTranscript(handler=self.name, detail="no speaker turns were found")
        companies = [p.affiliation for p in people if p.kind == EXECUTIVE and p.affiliation]
        return Transcript(
            format=self.name,
            turns=tuple(turns),
            participants=with_unlisted(people, turns),
            company=max(set(companies), key=companies.count) if companies else None,
            encoding=source.encoding,
        )


def _blocks(text: str) -> dict[str, list[str]]:
    """Lines under each heading; a blank line (or a lone space) is kept as "" to separate turns."""
    blocks: dict[str, list[str]] = {}
    current = None
    for raw in text.split("\n"):
        line = tidy(raw)
        heading = _HEADINGS.get(line)
        if heading == "end":
            break
        if heading:
            current = heading
            blocks.setdefault(current, [])
        elif current:
            blocks[current].append(line)
    return blocks


def _participants(lines: list[str], kind: str) -> list[Participant]:
    """Pairs of a name line and an `Affiliation - Title` line (blank lines between pairs optional)."""
    lines = [line for line in lines if line]
    people = []
    index = 0
    while index < len(lines):
        match = _AFFILIATION.match(lines[index + 1]) if index + 1 < len(lines) else None
        if match:
            people.append(Participant(lines[index], kind, match["title"], match["affiliation"]))
            index += 2
        else:
            people.append(Participant(lines[index], kind))
            index += 1
    return people


def _turns(lines: list[str], section: str, known: dict[str, Participant], width: int) -> list[Turn]:
    """Turns, each starting at a speaker's name line (blank lines between turns optional)."""
    turns: list[Turn] = []
    names = frozenset(known)
    speaker: str | None = None
    role = affiliation = None
    text: list[str] = []

    def flush() -> None:
        if any(text):
            turns.append(Turn(section, speaker, _reflow([line for line in text if line], width), role, affiliation))
        text.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1] if index + 1 < len(lines) else ""
        starts_block = index == 0 or not lines[index - 1]
        name = bare_speaker(line, names) if line else None
        affiliation_line = _AFFILIATION.match(after) if after and len(after) < 160 else None
        # A listed name or "Operator" alone on a line is a speaker; another name-like line only
        # where a block starts or an affiliation line follows.
        if name is not None and (starts_block or affiliation_line or name in names or name == "Operator"
                                 or is_unidentified(name)):
            flush()
            person = known.get(name)
            speaker, role, affiliation = name, person.title if person else None, person.affiliation if person else None
            if affiliation_line:
                affiliation, role = affiliation_line["affiliation"], affiliation_line["title"]
                index += 1
        else:
            text.append(line)
        index += 1
    flush()
    return turns


def _reflow(lines: list[str], width: int) -> str:
    """Join hard-wrapped lines; a short line ending a sentence ends a paragraph."""
    return "\n".join(unwrap(lines, width, join_unfinished=True))
