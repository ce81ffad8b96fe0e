"""Modifiers with scope, after NegEx and ConText: what governs a word of a sentence, and which status cue counts.

A modifier (negation, hypothetical, future or expectation, question) is said by a cue. Each cue has
a direction (it governs the words after it, or those before it), a window (how many characters it
reaches) and stops at a clause terminator: ";" ":" and the words but, however, after, before, while,
whereas, although. "The FDA placed a clinical hold on ABC-1; we expect it to be lifted" has two
clauses: "expect" governs "lifted", not "placed".

A kind's status cues ("placed", "lifted") are read the same way: `status_cues` gives the cues in the
trigger's own clause, nearest first, each with the modifiers that govern it, and `done` the nearest
one that states a fact (not denied, conditional, expected or asked). An extractor maps a modified
cue to what it means: "we expect the FDA to lift the hold" is a hold still in place, not a lifted one.

Cue patterns are matched on the lowered clause (a few dozen characters) and start with a literal:
a leading `\\b` makes `re` try every position. A match with a letter right before it is inside a
word ("no" in "piano") and is skipped in code instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NEGATION, HYPOTHETICAL, FUTURE, QUESTION = "negation", "hypothetical", "future", "question"
FORWARD, BACKWARD = "forward", "backward"  # the cue governs what follows it / what comes before it


@dataclass(frozen=True)
class Cue:
    """Words that give what they govern a modifier."""

    modifier: str
    pattern: re.Pattern[str]
    direction: str
    window: int  # characters between the cue and the word it governs, at most


CUES: tuple[Cue, ...] = (
    Cue(NEGATION, re.compile(r"(?:no|not|never|without|cannot|nor|neither|none|absence of|lack of|yet to)\b|n't\b"),
        FORWARD, 30),
    # "payments that were to be paid that did not happen": the negation comes after what it denies.
    Cue(NEGATION, re.compile(r"(?:did|does|has|have|had) not (?:happen|occur|materiali[sz]e)|(?:never|not) happened"),
        BACKWARD, 60),
    Cue(HYPOTHETICAL, re.compile(r"(?:if|whether|were to(?! be)|would|could|might|in the event|in case|should the|unless|"
                                 r"assuming|hypothetical\w*|worst case)\b"), FORWARD, 50),
    Cue(FUTURE, re.compile(r"(?:expect\w*|anticipat\w*|will|shall|'ll|plan(?:s|ned)? to|intend\w* to|hop(?:e|es|ing)|(?:is|are|was|were) to be|(?:due|scheduled) to|"
                           r"look(?:ing)? forward to|aim\w* to|going to|on track to|seek\w* to|await\w*|pending)\b"),
        FORWARD, 50),
    # "the lift of the hold is expected in the third quarter"
    Cue(FUTURE, re.compile(r"(?:is|are|was|were|be) (?:expected|anticipated|planned|scheduled|likely)\b"), BACKWARD, 40),
    Cue(QUESTION, re.compile(r"\?"), BACKWARD, 400),
)

# Where a clause ends: a modifier's scope and a status cue's reach stop here.
_TERMINATOR = re.compile(r"[;:]|(?:but|however|after|before|while|whereas|although)\b")
_LETTER = re.compile(r"[a-z]")


def _word_matches(pattern: re.Pattern[str], lowered: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of `pattern` in `lowered[start:end]` that begin a word: a match starting with a letter
    has no letter right before it ("no" in "piano" is none; ";" after "hold" is one)."""
    return [m for m in pattern.finditer(lowered, start, end)
            if m.start() == 0 or not _LETTER.match(lowered, m.start()) or not _LETTER.match(lowered, m.start() - 1)]


def clause(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the clause holding `text[start:end]`; terminators inside that span do not count
    ("we reopened after the hold": the span "after the hold" keeps "we reopened" in its clause)."""
    return _clause(text.lower(), start, start if end is None else end)


def _clause(lowered: str, start: int, end: int) -> tuple[int, int]:
    left = [m.end() for m in _word_matches(_TERMINATOR, lowered, 0, start)]
    right = _word_matches(_TERMINATOR, lowered, end, len(lowered))
    return (left[-1] if left else 0), (right[0].start() if right else len(lowered))


def modifiers(text: str, start: int, end: int | None = None, *,
              shields: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    """The modifiers that govern `text[start:end]`: a cue within its window, in the same clause.

    `shields` are spans (status cues, say) that end a forward cue's scope before it reaches the
    span: in "the FDA has not lifted the hold", "not" governs "lifted", not "hold".
    """
    end = start if end is None else end
    lowered = text.lower()
    return _modifiers(lowered, _clause(lowered, start, end), start, end, shields)


def _modifiers(lowered: str, bounds: tuple[int, int], start: int, end: int,
               shields: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    lo, hi = bounds
    found = set()
    for cue in CUES:
        if cue.direction == FORWARD:
            for m in _word_matches(cue.pattern, lowered, max(lo, start - cue.window - 20), start):
                if start - m.end() <= cue.window and not any(m.end() <= s and e <= start for s, e in shields):
                    found.add(cue.modifier)
        else:
            for m in _word_matches(cue.pattern, lowered, end, min(hi, end + cue.window + 20)):
                if m.start() - end <= cue.window:
                    found.add(cue.modifier)
    return frozenset(found)


@dataclass(frozen=True)
class StatusCue:
    """A status word in the trigger's clause, how far it stands from the trigger, and what governs it."""

    status: str
    start: int
    end: int
    distance: int
    modifiers: frozenset[str]
    strong: bool  # a weak cue ("had the hold") counts only where no strong one is found


def status_cues(text: str, start: int, end: int,
                table: Sequence[tuple[str, re.Pattern[str], bool]]) -> list[StatusCue]:
    """The status cues of `table` ((status, pattern, strong)) in the clause of the trigger `text[start:end]`,
    strong ones first, then nearest first. A word in capitals is a name, not a cue ("the RESOLVE trial")."""
    lowered = text.lower()
    lo, hi = _clause(lowered, start, end)
    found = []
    for status, pattern, strong in table:
        for m in _word_matches(pattern, lowered, lo, hi):
            said = text[m.start():m.end()]
            if said.isupper() and len(said) > 2:
                continue
            distance = max(start - m.end(), m.start() - end, 0)
            # A cue's own clause is the trigger's: it was found inside it.
            governed = _modifiers(lowered, (lo, hi), m.start(), m.end())
            found.append(StatusCue(status, m.start(), m.end(), distance, governed, strong))
    return sorted(found, key=lambda c: (not c.strong, c.distance, c.start))


def done(cues: Sequence[StatusCue], *, ignore: frozenset[str] = frozenset()) -> StatusCue | None:
    """The first cue (strong and nearest) that states a fact: governed by no modifier except `ignore`."""
    return next((c for c in cues if not (c.modifiers - ignore)), None)
