"""The 2024+ fool.com layout: `DATE`, `CALL PARTICIPANTS`, `TAKEAWAYS`, `RISKS`, `SUMMARY`,
`INDUSTRY GLOSSARY`, then `Full Conference Call Transcript` with `Name:Text` turns.

The publisher's takeaways, risks and summary are kept as their own section (`summary`, no
speaker), so extraction can tell them from what was said on the call.
"""

from __future__ import annotations

import re
from collections import Counter

from handlers.boilerplate import strip_boilerplate
from handlers.errors import MalformedTranscript
from handlers.header import call_date_and_time, company_and_ticker
from handlers.reflow import tidy
from handlers.roles import infer_participants, split_sections
from handlers.source import Source
from handlers.speakers import looks_like_name
from handlers.transcript import PREPARED_REMARKS, PUBLISHER_SUMMARY, Transcript, Turn

_HEADINGS = {
    "date": "date",
    "call participants": "participants",
    "takeaways": "Takeaways",
    "risks": "Risks",
    "summary": "Summary",
    "industry glossary": "Industry glossary",
    "full conference call transcript": "transcript",
}
_TRAILER = re.compile(
    r"^(?:the motley fool has\b|stocks mentioned$|\*average returns|read next$|this article is a transcript"
    r"|premium investing services|motley fool returns)", re.IGNORECASE)
_NEED_A_QUOTE = re.compile(r"^need a quote from a motley fool analyst", re.IGNORECASE)
_TURN = re.compile(r"^(?P<name>[A-Z][^:]{0,60}?):\s*(?P<text>\S.*)$")
_NOT_NAMES = frozenset({"Note", "Question", "Answer", "Q", "A", "Image source", "Source", "Revenue", "Operator"})


class MotleyFool2025:
    """Handler for the 2024+ fool.com transcript layout."""

    name = "motley_fool_2025_txt"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure when the transcript mark and the summary headings are both present."""
        summary = source.has_heading("takeaways", "call participants", "summary")
        if summary and source.has_heading("full conference call transcript"):
            return 0.95
        return 0.0

    def parse(self, source: Source) -> Transcript:
        """Parse the header, the publisher's summary, and the `Name:Text` turns."""
        lines = list(map(tidy, source.text.split("\n")))
        lines = [line for line in strip_boilerplate(lines) if line and not _NEED_A_QUOTE.match(line)]
        header, blocks, body = _split(lines)
        turns = _turns(body)
        if not any(turn.speaker for turn in turns):
            raise MalformedTranscript(handler=self.name, detail="no speaker turns were found")
        turns = split_sections(turns)
        summary = [Turn(PUBLISHER_SUMMARY, None, "\n".join(text), role=heading)
                   for heading, text in blocks if text and heading not in ("date", "participants")]
        return Transcript(
            format=self.name,
            turns=tuple(summary + turns),
            participants=infer_participants(turns),
            encoding=source.encoding,
            **_header(header, blocks),
        )


def _split(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]], list[str]]:
    """(header lines, [(heading, lines)] of the publisher's blocks, transcript lines)."""
    header: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    body: list[str] = []
    part = "header"
    for line in lines:
        heading = _HEADINGS.get(line.lower())
        if heading == "transcript":
            part = "body"
        elif heading and part != "body":
            part = "block"
            blocks.append((heading, []))
        elif part == "body":
            if _TRAILER.match(line):
                break
            body.append(line)
        elif part == "block":
            blocks[-1][1].append(line)
        else:
            header.append(line)
    return header, blocks, body


def _turns(body: list[str]) -> list[Turn]:
    """Group transcript lines into turns at each `Name:Text` line."""
    candidates = Counter(match["name"] for line in body if (match := _TURN.match(line)))
    turns: list[Turn] = []
    speaker: str | None = None
    paragraphs: list[str] = []
    for line in body:
        match = _TURN.match(line)
        if match and _is_speaker(match["name"], candidates):
            if paragraphs:
                turns.append(Turn(PREPARED_REMARKS, speaker, "\n".join(paragraphs)))
            speaker, paragraphs = match["name"], [match["text"]]
        else:
            paragraphs.append(line)
    if paragraphs:
        turns.append(Turn(PREPARED_REMARKS, speaker, "\n".join(paragraphs)))
    return turns


def _is_speaker(name: str, candidates: Counter[str]) -> bool:
    if name == "Operator":
        return True
    if name in _NOT_NAMES:
        return False
    if looks_like_name(name):
        return True
    # A lone first name ("Krista:") is a speaker only if it recurs: operators are often named so.
    return " " not in name and name.isalpha() and candidates[name] >= 2


def _header(header: list[str], blocks: list[tuple[str, list[str]]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for line in header[:4]:
        if pair := company_and_ticker(line):
            found["ticker"] = pair[1]
        elif "ticker" in found and "company" not in found and len(line) < 80:
            found["company"] = line
    for heading, lines in blocks:
        if heading == "date" and lines and (date := call_date_and_time(lines[0])):
            found["call_date"], found["call_time"] = date
    return found
