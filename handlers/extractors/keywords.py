"""Which extractors' keywords each sentence of a call holds: the cheap filter before any pattern runs."""

from __future__ import annotations

import bisect
import itertools
import string
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from handlers.extractors.call import Call
from handlers.extractors.model import Sentence


def sentences_with_keywords(call: Call, keywords: Iterable[str]) -> list[tuple[Sentence, frozenset[str]]]:
    """The sentences that hold at least one of `keywords`, in call order, each with the keywords it holds.

    A keyword counts where no letter stands right before it. One in lower case matches any
    capitalisation; one with capitals matches only as written.
    The whole call is searched in one pass (an Aho-Corasick automaton, in C) and only the turns
    with a hit are split into sentences.
    """
    any_case, as_written = _automata(frozenset(keywords))
    starts = list(itertools.accumulate((len(turn.text) + 1 for turn in call.transcript.turns), initial=0))
    hits: dict[tuple[int, int], set[str]] = {}
    for automaton, haystack in ((any_case, call.lowered), (as_written, call.text)):
        if len(automaton) == 0:
            continue
        for last, keyword in automaton.iter(haystack):
            at = last + 1 - len(keyword)
            if at and haystack[at - 1] in _LETTERS:
                continue  # inside a word: "hold" in "shareholders"
            seq = bisect.bisect_right(starts, at)  # 1-based, as turns are numbered
            index = _sentence_at(call.spans(seq), at - starts[seq - 1], len(keyword))
            if index is not None:
                hits.setdefault((seq, index), set()).add(keyword)
    return [(call.sentence(seq, index), frozenset(found)) for (seq, index), found in sorted(hits.items())]


_LETTERS = frozenset(string.ascii_letters)


@lru_cache(maxsize=8)
def _automata(keywords: frozenset[str]) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    """Two automata: the lower-case keywords (run over the lowered call) and the rest (run as written)."""
    automata = []
    for words in ([k for k in keywords if k.islower()], [k for k in keywords if not k.islower()]):
        automaton = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, word)
        if words:
            automaton.make_automaton()
        automata.append(automaton)
    return automata[0], automata[1]


def _sentence_at(spans: list[tuple[int, int]], offset: int, length: int) -> int | None:
    """The index of the span that holds the characters `offset` to `offset + length`; None between spans."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index < 0 or offset + length > spans[index][1]:
        return None
    return index
