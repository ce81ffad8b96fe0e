"""Small pieces every kind uses: building an item, and the subject a sentence is about."""

from __future__ import annotations

from handlers.extractors.call import Call
from handlers.extractors.cues import UNCERTAIN_TRANSCRIPTION
from handlers.extractors.model import KeyItem, Sentence
from handlers.extractors.organisations import organisations
from handlers.transcript import PUBLISHER_SUMMARY


def own_names(call: Call) -> frozenset[str]:
    """Words that name the call's own company (never a partner)."""
    company = call.transcript.company or ""
    words = {word.strip(",.").upper() for word in company.split() if len(word) > 2}
    if call.transcript.ticker:
        words.add(call.transcript.ticker.upper())
    return frozenset(words | call.programs.keys)


def partners_in(text: str, call: Call, *, strongest_only: bool = False) -> list[str]:
    """The organisations `text` names as partners, never the call's own company or programs."""
    if not organisations(text, strongest_only=strongest_only):
        return []  # the usual case: spares building the call's program list for `own_names`
    return organisations(text, exclude=own_names(call), strongest_only=strongest_only)


def speaker_penalty(sentence: Sentence, call: Call, keyword: str) -> tuple[float, tuple[str, ...]]:
    """How much less sure an item is because of who said it (and how well it was transcribed), and why."""
    penalty, notes = _who(sentence, call, keyword)
    if UNCERTAIN_TRANSCRIPTION.search(sentence.text):
        return penalty + 0.2, (*notes, "part of the sentence is marked inaudible or phonetic")
    return penalty, notes


def _who(sentence: Sentence, call: Call, keyword: str) -> tuple[float, tuple[str, ...]]:
    if sentence.section == PUBLISHER_SUMMARY:
        return 0.3, ("from the publisher's summary, not said on the call",)
    if sentence.speaker_kind == "analyst":
        if call.confirmed_by_management(sentence, keyword):
            return 0.1, ("said by an analyst, confirmed by management",)
        return 0.45, ("said only by an analyst",)
    if sentence.speaker_kind == "operator":
        return 0.3, ("said by the operator",)
    if sentence.speaker is None:
        return 0.05, ("speaker unknown",)
    return 0.0, ()


def make(kind: str, subject: str | None, sentence: Sentence, confidence: float, *,
         notes: tuple[str, ...] = (), **fields: object) -> KeyItem:
    """A `KeyItem`, confidence clipped to [0, 1] and rounded."""
    return KeyItem(kind=kind, subject=subject, sentence=sentence, confidence=round(max(0.0, min(1.0, confidence)), 2),
                   notes=notes, **fields)  # type: ignore[arg-type]


def known_partners(call: Call) -> list[str]:
    """Organisations the call names as partners anywhere (cached on the call)."""
    cached = getattr(call, "_partners", None)
    if cached is None:
        exclude = own_names(call)
        cached = list(dict.fromkeys(name for s in call.sentences() for name in organisations(s.text, exclude=exclude,
                                                                                            strongest_only=True)))
        call._partners = cached  # type: ignore[attr-defined]
    return cached
