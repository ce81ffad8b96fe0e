"""JSON transcripts, as transcript APIs return them. Two shapes:

1. An object, or a list holding one, with the metadata as fields and the call as `content`, one
   `Speaker Name: text` per line:

       [{"symbol": "CLLS", "quarter": 3, "year": 2021, "date": "2021-11-05 08:00:00",
         "content": "Operator: Good morning...\\nAndre Choulika: Thank you..."}]

2. An object with the turns already split, and the participants as `Name--Title` strings:

       {"prepared_remarks": [{"speaker": "Andre Choulika", "speech": "Thank you..."}],
        "q_and_a": [{"speaker": "Gena Wang", "speech": ["Thanks.", "My question..."]}],
        "participants": ["Andre Choulika--Chief Executive Officer", "Gena Wang--Barclays--Analyst"]}

Speakers and turns come from the content; ticker, period and date from the fields (`ticker` or
`symbol`, `quarter`, `year` or `fiscal_year`, `date`, `company` or `company_name`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from handlers.errors import MalformedTranscript
from handlers.roles import infer_participants, split_sections, with_unlisted
from handlers.source import Source
from handlers.speakers import split_speaker_line
from handlers.transcript import PREPARED_REMARKS, QUESTIONS_AND_ANSWERS, Participant, Transcript, Turn

# "Tim Cook: Thank you..." at the start of a content line; the name is at most six words, no digits.
_SPEAKER = re.compile(r"^(?P<name>[A-Z][\w.'’\-]*(?: [A-Za-z][\w.'’\-]*){0,5}):\s+(?P<text>\S.*)$")
_TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,5}(?:[.\-][A-Z]{1,2})?$")
_SPLIT_KEYS = ("prepared_remarks", "q_and_a")


class JsonTranscript:
    """Handler for JSON transcripts in either shape above."""

    name = "json"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure when the text is JSON in one of the two shapes."""
        if source.text.lstrip()[:1] not in ("{", "["):
            return 0.0
        record = _record_of(source)
        return 0.95 if record is not None else 0.0

    def parse(self, source: Source) -> Transcript:
        """Turns from `content` or the split lists; metadata from the fields.

        Raises:
            MalformedTranscript: the JSON has the shape but no speech.
        """
        record = _record_of(source)
        if record is None:  # detect said yes, so this is a changed file: say what is wrong
            raise MalformedTranscript(handler=self.name, detail="it is not a transcript object")
        if any(key in record for key in _SPLIT_KEYS):
            turns, listed = _split_turns(record), _participants(record.get("participants"))
        else:
            turns, listed = split_sections(_content_turns(str(record.get("content") or ""))), ()
        if not turns:
            raise MalformedTranscript(handler=self.name, detail="it holds no speech")
        participants = with_unlisted(listed, turns) if listed else infer_participants(turns)
        year, quarter = _int(record, "year", "fiscal_year"), _int(record, "quarter", "fiscal_quarter")
        ticker = str(record.get("ticker") or record.get("symbol") or "").strip().upper() or None
        return Transcript(
            format=self.name, turns=tuple(turns), participants=participants,
            company=_text(record, "company", "company_name", "name"),
            ticker=ticker if ticker and _TICKER.match(ticker) else None,
            fiscal_year=year if year and 1990 <= year <= 2100 else None,
            fiscal_quarter=quarter if quarter in (1, 2, 3, 4) else None,
            call_date=_date(record.get("date") or record.get("call_date")),
            encoding=source.encoding,
        )


def _record_of(source: Source) -> dict[str, Any] | None:
    """`_record` of the source's text, worked out once (by `detect`, then kept for `parse`)."""
    if JsonTranscript.name not in source.memo:
        source.memo[JsonTranscript.name] = _record(source.text)
    return source.memo[JsonTranscript.name]


def _record(text: str) -> dict[str, Any] | None:
    """The transcript object of a JSON text, or None when it is not JSON of either shape."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, list) and len(data) >= 1 and isinstance(data[0], dict):
        data = data[0]  # APIs answer a list even for one call
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("content"), str) or any(isinstance(data.get(key), list) for key in _SPLIT_KEYS):
        return data
    return None


def _content_turns(content: str) -> list[Turn]:
    """A turn per `Name: text` line; lines without a speaker continue the turn before."""
    turns: list[Turn] = []
    for line in filter(None, map(str.strip, content.split("\n"))):
        match = _SPEAKER.match(line)
        if match:
            turns.append(Turn(PREPARED_REMARKS, match["name"], match["text"]))
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.section, last.speaker, f"{last.text}\n{line}")
        else:
            turns.append(Turn(PREPARED_REMARKS, None, line))
    return turns


def _split_turns(record: dict[str, Any]) -> list[Turn]:
    turns = []
    for key, section in (("prepared_remarks", PREPARED_REMARKS), ("q_and_a", QUESTIONS_AND_ANSWERS)):
        for entry in record.get(key) or ():
            if not isinstance(entry, dict):
                continue
            speech = entry.get("speech") or entry.get("text") or ""
            text = "\n".join(map(str, speech)) if isinstance(speech, list) else str(speech)
            speaker = str(entry.get("speaker") or "").strip() or None
            if text.strip():
                turns.append(Turn(section, speaker, text.strip()))
    return turns


def _participants(listed: object) -> tuple[Participant, ...]:
    """`Name--Title` or `Name--Firm--Role` strings as participants."""
    people = []
    for entry in listed if isinstance(listed, list) else ():
        line = split_speaker_line(str(entry).replace("--", " -- "))
        if line.name:
            people.append(Participant(line.name, line.kind, line.title, line.affiliation))
    return tuple(people)


def _int(record: dict[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, int) or (isinstance(value, str) and value.strip().lstrip("Qq").isdigit()):
            return int(str(value).strip().lstrip("Qq"))
    return None


def _text(record: dict[str, Any], *keys: str) -> str | None:
    return next((str(record[key]).strip() for key in keys if isinstance(record.get(key), str) and record[key].strip()),
                None)


def _date(value: object) -> dt.date | None:
    """The date part of "2021-11-05", "2021-11-05 08:00:00" or "2021-11-05T08:00:00Z"."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
