"""Modifiers with scope (negation, hypothetical, future, question) and the nearest status cue in a clause."""

import re

import pytest

from handlers.extractors.context import (
    CUES,
    FUTURE,
    HYPOTHETICAL,
    NEGATION,
    QUESTION,
    clause,
    done,
    modifiers,
    status_cues,
)

_TABLE = (
    ("lifted", re.compile(r"(?:lift(?:ed)?|resolved?)\b"), True),
    ("placed", re.compile(r"placed\b"), True),
    ("placed", re.compile(r"had\b"), False),
)


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("We have no clinical hold on any program.", "hold", {NEGATION}),
    ("The hold has not been lifted.", "lifted", {NEGATION}),
    ("If the agency were to lift the hold, we would restart.", "lift", {HYPOTHETICAL}),
    ("We expect the agency to lift the hold.", "lift", {FUTURE}),
    ("The lift of the hold is expected in the third quarter.", "lift", {FUTURE}),
    ("Has the agency lifted the hold?", "lifted", {QUESTION}),
    ("The agency lifted the hold in May.", "lifted", set()),
    # A terminator ends the scope: the negation and the expectation stay in their own clause.
    ("We did not expect it, but the agency lifted the hold.", "lifted", set()),
    ("We expect enrolment to finish; the agency lifted the hold in May.", "lifted", set()),
    ("We expect enrolment to finish however the agency lifted the hold.", "lifted", set()),
    # Outside the window: "not" is too far from "lifted" to govern it.
    ("There is not a single question left about the safety profile and the agency lifted the hold.", "lifted",
     set()),
    # Inside a word is no cue: "no" in "piano", "will" in "goodwill".
    ("The piano lifted the mood.", "lifted", set()),
    ("Our goodwill lifted the total.", "lifted", set()),
    ("Payments that were to be paid that did not happen.", "paid", {NEGATION, FUTURE}),
])
def test_modifiers(text, word, expected):
    assert modifiers(text, *_at(text, word)) == expected


def test_a_status_cue_shields_the_noun_from_the_negation():
    text = "The agency has not lifted the hold."
    assert modifiers(text, *_at(text, "hold")) == {NEGATION}
    assert modifiers(text, *_at(text, "hold"), shields=[_at(text, "lifted")]) == set()


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("We reopened after the hold was cleared.", "after the hold", "We reopened after the hold was cleared."),
    ("The agency placed a hold; we are answering", "hold", "The agency placed a hold"),
    ("Enrolment is going well, while the hold continues.", "hold", " the hold continues."),
    ("Although sales rose, cash fell.", "cash", "sales rose, cash fell."),
])
def test_clause(text, span, expected):
    lo, hi = clause(text, *_at(text, span))
    assert text[lo:hi].strip(" ,") == expected.strip(" ,")


@pytest.mark.parametrize(("text", "trigger", "status", "pending"), [
    # The nearest cue in the trigger's clause wins, not the first status word of the sentence.
    ("The agency placed a partial hold on ABC-1 and the STEADY trial lifted spirits.", "hold", "placed", None),
    # A word in capitals is a name: "RESOLVE" is a trial, not a hold resolved.
    ("The agency placed a partial hold on ABC-1, and the RESOLVE trial is paused.", "hold", "placed", None),
    ("We resolved everything before the agency placed a hold on ABC-1.", "hold", "placed", None),
    ("Zenith had the hold for a month and the agency lifted it.", "hold", "lifted", None),
    ("Zenith had the hold.", "hold", "placed", None),
    ("We expect the agency to lift the hold.", "hold", None, "lifted"),
    ("We hope the hold is resolved soon.", "hold", None, "lifted"),
])
def test_status_cues(text, trigger, status, pending):
    cues = status_cues(text, *_at(text, trigger), _TABLE)
    fact = done(cues)
    assert (fact.status if fact else None) == status
    assert next((c.status for c in cues if c.modifiers), None) == pending


def test_every_cue_pattern_starts_with_a_literal_or_a_class():
    # The speed rule: a leading assertion (\b, lookbehind) makes `re` try every position.
    for cue in CUES:
        assert cue.pattern.pattern[0] not in "\\(" or cue.pattern.pattern.startswith(("(?:", "\\?")), cue
        assert not cue.pattern.pattern.startswith(("\\b", "(?<")), cue
