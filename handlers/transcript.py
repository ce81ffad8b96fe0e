"""The `Transcript` model: what every handler produces, whatever the layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Section names stored in `segments.section`; part of the public schema.
PREPARED_REMARKS = "prepared_remarks"
QUESTIONS_AND_ANSWERS = "qa"
# The publisher's own summary (takeaways, risks): not said on the call.
PUBLISHER_SUMMARY = "summary"
# A transcript with no structure at all: one section for the whole call.
WHOLE_CALL = "call"

# How the fiscal period was found, stored in `calls.period_source`; part of the public schema.
PERIOD_FROM_HEADER = "header"
PERIOD_FROM_TEXT = "text"
PERIOD_FROM_FILE_NAME = "file name"
PERIOD_FROM_CALL_DATE = "call date"

# Participant kinds stored in `participants.kind`.
EXECUTIVE = "executive"
ANALYST = "analyst"
OPERATOR = "operator"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Participant:
    """Someone on the call, as listed by the transcript (or seen speaking)."""

    name: str
    kind: str
    title: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Turn:
    """One uninterrupted stretch of speech by one speaker."""

    section: str
    speaker: str | None
    text: str
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Transcript:
    """A parsed earnings call; fields a layout does not carry are None."""

    format: str
    turns: tuple[Turn, ...]
    participants: tuple[Participant, ...] = ()
    company: str | None = None
    ticker: str | None = None
    fiscal_year: int | None = None
    fiscal_quarter: int | None = None
    call_date: dt.date | None = None
    call_time: str | None = None
    title: str | None = None
    duration_minutes: int | None = None
    encoding: str | None = None
    # header, text, file name or call date (the quarter last ended before the call): a guess or a statement
    period_source: str | None = None

    @property
    def sections(self) -> tuple[str, ...]:
        """Section names in order of first appearance."""
        return tuple(dict.fromkeys(turn.section for turn in self.turns))

    @property
    def period(self) -> str | None:
        """The fiscal period as `YYYYQN`, or None when either part is unknown."""
        if self.fiscal_year is None or self.fiscal_quarter is None:
            return None
        return f"{self.fiscal_year}Q{self.fiscal_quarter}"

    @property
    def comparable(self) -> bool:
        """Whether this call can be diffed against the same company's other calls."""
        return self.ticker is not None and self.period is not None
