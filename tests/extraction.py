"""Build small transcripts from sentences, to test extractors without files."""

from __future__ import annotations

import datetime as dt

from handlers.extractors.model import KeyItem
from handlers.extractors.registry import extract
from handlers.transcript import WHOLE_CALL, Participant, Transcript, Turn

PEOPLE = {
    "Ceo": ("executive", "Chief Executive Officer"),
    "Cfo": ("executive", "Chief Financial Officer"),
    "Analyst": ("analyst", "Analyst"),
    "Operator": ("operator", None),
}


def call(*turns: tuple[str, str], call_date: dt.date | None = dt.date(2021, 8, 6), company: str = "Acme Bio",
         fiscal_year: int | None = None, fiscal_quarter: int = 2) -> Transcript:
    """A transcript of (speaker, text) turns; speakers are Ceo, Cfo, Analyst or Operator. The fiscal year is
    the call date's (2021 without one)."""
    fiscal_year = fiscal_year or (call_date.year if call_date else 2021)
    return Transcript(
        format="test",
        turns=tuple(Turn("qa" if speaker == "Analyst" else "prepared_remarks", speaker, text)
                    for speaker, text in turns),
        participants=tuple(Participant(name, kind, title) for name, (kind, title) in PEOPLE.items()),
        company=company, ticker="ACME", fiscal_year=fiscal_year, fiscal_quarter=fiscal_quarter, call_date=call_date,
    )


def flat(*texts: str, call_date: dt.date | None = dt.date(2021, 8, 6), company: str = "Acme Bio") -> Transcript:
    """A transcript with no speakers (flat text): each text one paragraph of the whole call."""
    return Transcript(format="test", turns=tuple(Turn(WHOLE_CALL, None, text) for text in texts), company=company,
                      ticker="ACME", fiscal_year=2021, fiscal_quarter=2, call_date=call_date)


def flat_items(*texts: str, kind: str, **kwargs) -> list[KeyItem]:
    """The reportable items of `kind` in a transcript without speakers."""
    return [i for i in extract(flat(*texts, **kwargs)) if i.kind == kind and i.reportable]


def items(*turns: tuple[str, str], kind: str | None = None, **kwargs) -> list[KeyItem]:
    """The reportable items of the given kind extracted from a small transcript."""
    return [i for i in extract(call(*turns, **kwargs)) if (kind is None or i.kind == kind) and i.reportable]


def said(text: str, kind: str, speaker: str = "Cfo", **kwargs) -> list[KeyItem]:
    """The reportable items of `kind` in one sentence said by one speaker."""
    return items((speaker, text), kind=kind, **kwargs)


def switched_on(kind: str) -> bool:
    """Whether `kind` still gives the item of its table's first example: a test that expects no item
    asserts this too, so it cannot pass with the kind's extractor switched off."""
    from handlers.extractors.kinds import TABLES

    table = next(t for t in TABLES if t.name == kind)
    example = next(e for e in table.examples if e.item is not None)
    transcript = flat(example.text) if example.speaker is None else call((example.speaker, example.text))
    return any(i.kind == kind and i.reportable for i in extract(transcript))
