"""The explicit list of kinds, and `extract`: a transcript's key items, one per fact.

Every kind is listed once, in `KINDS`: a table run by the rule engine (`kinds/`), or an extractor
written as code that has not moved into a table yet (filings, trials, partnerships, financings,
metrics), with the identity fields that make two of its items one fact. Everything that lists kinds
(the CLI's choices, settings, the differ, the README's table) reads this list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handlers.extractors.call import Call
from handlers.extractors.cues import safe_harbour
from handlers.extractors.deals import Financings, Partnerships
from handlers.extractors.engine import Kind, TableExtractor, identity_of
from handlers.extractors.filings import RegulatoryFilings
from handlers.extractors.keywords import sentences_with_keywords
from handlers.extractors.kinds import TABLES
from handlers.extractors.metrics import FinancialMetrics
from handlers.extractors.model import Extractor, KeyItem
from handlers.extractors.ranks import status_rank
from handlers.extractors.trials import TrialStatus
from handlers.transcript import Transcript


@dataclass(frozen=True)
class Registered:
    """A kind as extraction knows it: its extractor and what makes two of its items one fact."""

    extractor: Extractor
    identity: tuple[str, ...]  # item fields beyond the kind ("subject", "amount", "attributes.jurisdiction")
    table: Kind | None = None  # the engine's table, for a kind written as one

    @property
    def name(self) -> str:
        return self.extractor.kind


def _table(kind: Kind) -> Registered:
    return Registered(TableExtractor(kind), kind.identity, kind)


# Adding a kind: a table in `kinds/` (listed in `kinds.TABLES`) and its rules in `alerts/rules/`.
KINDS: tuple[Registered, ...] = (
    *(_table(kind) for kind in TABLES),
    # One fact per product, place and stage of the application.
    Registered(RegulatoryFilings(), ("subject", "attributes.jurisdiction", "status")),
    Registered(TrialStatus(), ("subject", "status")),
    Registered(Partnerships(), ("subject", "status")),
    Registered(Financings(), ("subject", "amount")),
    Registered(FinancialMetrics(), ("subject", "amount", "text_value")),
)
EXTRACTORS: tuple[Extractor, ...] = tuple(kind.extractor for kind in KINDS)
BY_NAME: dict[str, Registered] = {kind.name: kind for kind in KINDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def extract(transcript: Transcript, extractors: tuple[Extractor, ...] = EXTRACTORS) -> list[KeyItem]:
    """Every key item the call states, in order; a fact said twice is kept once (its best statement)."""
    call = Call(transcript)
    wanted = [(extractor, frozenset(extractor.keywords)) for extractor in extractors]
    items = []
    for sentence, found in sentences_with_keywords(call, (k for e in extractors for k in e.keywords)):
        if safe_harbour(sentence):
            continue
        items.extend(item for extractor, words in wanted if not words.isdisjoint(found)
                     for item in extractor.extract(sentence, call))
    for extractor in extractors:  # a kind may reconcile its items across the call (names said two ways)
        finish = getattr(extractor, "finish", None)
        if finish is not None:
            items = finish(items, call)
    return deduplicate(items)


def identity(item: KeyItem | Mapping[str, Any]) -> tuple:
    """What makes two items (objects or stored rows) the same fact: the kind and its identity fields.
    Deduplication and the differ (`alerts.changes`) both match items by it."""
    kind = item["kind"] if isinstance(item, Mapping) else item.kind
    registered = BY_NAME.get(kind)
    return identity_of(item, registered.identity if registered else ("subject",))


def deduplicate(items: list[KeyItem]) -> list[KeyItem]:
    """One item per fact: the statement with the most telling status (`ranks.py`), then the most
    confident, the first among equals; call order kept."""
    best: dict[tuple, KeyItem] = {}

    def rank(item: KeyItem) -> tuple[int, float]:
        return status_rank(item.kind, item.status), item.confidence

    for item in items:
        key = identity(item)
        if key not in best or rank(item) > rank(best[key]):
            best[key] = item
    return sorted(best.values(), key=lambda item: (item.sentence.position, item.kind))
