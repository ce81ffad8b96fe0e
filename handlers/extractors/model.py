"""The `KeyItem` model and what every extractor sees: a `Sentence` in its `CallContext`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from handlers.extractors.call import Call

# Kinds stored in `key_items.kind`; part of the public schema.
REGULATORY_FILING = "regulatory_filing"
TRIAL_STATUS = "trial_status"
PARTNERSHIP = "partnership"
FINANCING = "financing"
FINANCIAL_METRIC = "financial_metric"

# Items below this confidence are stored but not alerted on or counted as found.
REPORTABLE_CONFIDENCE = 0.5


class _Lowered:
    """`Sentence.lowered`, computed on first use and kept in the instance.

    What `functools.cached_property` does, without the lock Python 3.11's takes on every first use:
    that lock cost more than the lowering itself, on the ~70 sentences a call makes.
    """

    def __get__(self, sentence: Sentence | None, owner: type) -> Any:
        if sentence is None:
            return self
        lowered = sentence.__dict__["lowered"] = sentence.text.lower()  # found before the descriptor from now on
        return lowered


@dataclass(frozen=True)
class Sentence:
    """One sentence of a turn, with where it is and who said it."""

    text: str
    seq: int  # the turn's `segments.seq`
    start: int  # offsets in the turn's text
    end: int
    section: str
    speaker: str | None
    speaker_kind: str | None  # executive, analyst, operator, unknown; None when no speaker is known
    index: int  # position among its turn's sentences

    lowered = _Lowered()  # the text in lower case, for cheap `in` tests before any pattern runs (not a field)

    @property
    def position(self) -> tuple[int, int]:
        """Where the sentence stands in the call: sorts sentences in the order they were said."""
        return self.seq, self.index


@dataclass(frozen=True)
class KeyItem:
    """One fact a call states, with the sentence that states it as evidence."""

    kind: str
    subject: str | None
    sentence: Sentence
    confidence: float
    status: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    text_value: str | None = None
    counterparty: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def quote(self) -> str:
        return self.sentence.text

    @property
    def amount_usd(self) -> float | None:
        return self.amount if self.currency == "USD" else None

    @property
    def reportable(self) -> bool:
        return self.confidence >= REPORTABLE_CONFIDENCE


class Extractor(Protocol):
    """Finds the items of one kind in a sentence."""

    kind: str
    # Word beginnings one of which every sentence stating this kind contains: a cheap filter that
    # spares the extractor's patterns most sentences. A keyword counts where no letter stands right
    # before it ("hold" in "on hold", not in "shareholders"). Lower case matches any case; a keyword
    # with capitals matches only as written ("IND", not "find" or "industry").
    keywords: tuple[str, ...]

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        """The items `sentence` states (usually none)."""
        ...
