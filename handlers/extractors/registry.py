"""The explicit list of extractors, and `extract`: a transcript's key items, one per fact."""

from __future__ import annotations

from handlers.extractors.call import Call
from handlers.extractors.cash import CashGuidance, CashPosition
from handlers.extractors.clinical_hold import ClinicalHold
from handlers.extractors.cues import safe_harbour
from handlers.extractors.deals import Financings, Partnerships
from handlers.extractors.filings import RegulatoryFilings
from handlers.extractors.keywords import sentences_with_keywords
from handlers.extractors.metrics import FinancialMetrics
from handlers.extractors.milestones import MilestonePayments
from handlers.extractors.model import Extractor, KeyItem
from handlers.extractors.ranks import status_rank
from handlers.extractors.runway import CashRunway
from handlers.extractors.trials import TrialStatus
from handlers.transcript import Transcript

# Adding a kind: one module with an Extractor, one line here, and its tests.
EXTRACTORS: tuple[Extractor, ...] = (
    ClinicalHold(),
    MilestonePayments(),
    CashPosition(),
    CashGuidance(),
    CashRunway(),
    RegulatoryFilings(),
    TrialStatus(),
    Partnerships(),
    Financings(),
    FinancialMetrics(),
)


def extract(transcript: Transcript, extractors: tuple[Extractor, ...] = EXTRACTORS) -> list[KeyItem]:
    """Every key item the call states, in order; a fact said twice is kept once (its best statement)."""
    call = Call(transcript)
    wanted = [(extractor, frozenset(extractor.keywords)) for extractor in extractors]
    items = []
    for sentence, found in sentences_with_keywords(call, (k for e in extractors for k in e.keywords)):
        if safe_harbour(sentence):
            continue
        items.extend(item for extractor, words in wanted if found & words
                     for item in extractor.extract(sentence, call))
    for extractor in extractors:  # a kind may reconcile its items across the call (names said two ways)
        finish = getattr(extractor, "finish", None)
        if finish is not None:
            items = finish(items, call)
    return deduplicate(items)


def _identity(item: KeyItem) -> tuple:
    """What makes two items the same fact."""
    fields = [item.kind, item.subject]
    if item.kind == "regulatory_filing":  # one fact per product, place and stage of the application
        fields.extend((item.attributes.get("jurisdiction"), item.status))
    if item.kind in ("trial_status", "partnership"):
        fields.append(item.status)
    if item.kind in ("milestone_payment", "financing", "financial_metric", "cash_guidance"):
        fields.append(round(item.amount or 0))
    if item.kind == "financial_metric":
        fields.append(item.text_value)
    return tuple(fields)


def deduplicate(items: list[KeyItem]) -> list[KeyItem]:
    """One item per fact: the statement with the most telling status (`ranks.py`), then the most
    confident, the first among equals; call order kept."""
    best: dict[tuple, KeyItem] = {}

    def rank(item: KeyItem) -> tuple[int, float]:
        return status_rank(item.kind, item.status), item.confidence

    for item in items:
        key = _identity(item)
        if key not in best or rank(item) > rank(best[key]):
            best[key] = item
    return sorted(best.values(), key=lambda item: (item.sentence.position, item.kind))
