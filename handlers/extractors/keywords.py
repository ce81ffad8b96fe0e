"""Which extractors' keywords each sentence of a call holds: the cheap filter before any pattern runs."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from handlers.extractors.call import Call
from handlers.extractors.model import Sentence


def sentences_with_keywords(call: Call, keywords: Iterable[str]) -> list[tuple[Sentence, frozenset[str]]]:
    """The sentences that hold at least one of `keywords`, in call order, each with the keywords it holds.

    A keyword in lower case matches any capitalisation; one with capitals matches only as written.
    The whole call is searched in one pass (an Aho-Corasick automaton, in C) and only the turns
    with a hit are split into sentences.
    """
    any_case, as_written = _automata(frozenset(keywords))
    turns = call.transcript.turns
    text = "\n".join(turn.text for turn in turns)
    starts = list(itertools.accumulate((len(turn.text) + 1 for turn in turns), initial=0))
    hits: dict[tuple[int, int], set[str]] = {}
    for automaton, haystack in ((any_case, _lowered(text)), (as_written, text)):
        if len(automaton) == 0:
            continue
        for last, keyword in automaton.iter(haystack):
            at = last + 1 - len(keyword)
            seq = bisect.bisect_right(starts, at)  # 1-based, as turns are numbered
            sentence = _sentence_at(call, seq, at - starts[seq - 1], len(keyword))
            if sentence is not None:
                hits.setdefault(sentence.position, set()).add(keyword)
    return [(call.turn_sentences(seq)[index], frozenset(found)) for (seq, index), found in sorted(hits.items())]


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


def _sentence_at(call: Call, seq: int, offset: int, length: int) -> Sentence | None:
    """The sentence of turn `seq` that holds the characters `offset` to `offset + length`."""
    sentences = call.turn_sentences(seq)
    index = bisect.bisect_right(sentences, offset, key=lambda sentence: sentence.start) - 1
    if index < 0 or offset + length > sentences[index].end:
        return None  # between sentences
    return sentences[index]


def _lowered(text: str) -> str:
    """`text` in lower case, character for character (a few letters lower-case to two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)
