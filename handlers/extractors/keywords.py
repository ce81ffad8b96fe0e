"""Which extractors' keywords each sentence of a call holds: the cheap filter before any pattern runs."""

from __future__ import annotations

import bisect
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ahocorasick_rs import AhoCorasick, Implementation

from handlers.extractors.call import Call
from handlers.extractors.model import Sentence


def sentences_with_keywords(call: Call, keywords: Iterable[str]) -> list[tuple[Sentence, frozenset[str]]]:
    """The sentences that hold at least one of `keywords`, in call order, each with the keywords it holds.

    A keyword counts where no letter stands right before it. One in lower case matches any
    capitalisation; one with capitals matches only as written.
    The whole call is searched in one pass (an Aho-Corasick automaton, in Rust) and only the
    turns with a hit are split into sentences.
    """
    hits: dict[tuple[int, int], set[str]] = {}
    for searcher in _searchers(frozenset(keywords)):
        haystack = call.text if searcher.as_written else call.lowered
        for index, at, end in searcher.automaton.find_matches_as_indexes(haystack, overlapping=True):
            if at and haystack[at - 1] in _LETTERS:
                continue  # inside a word: "hold" in "shareholders"
            seq, offset = call.locate(at)
            sentence = _sentence_at(call.spans(seq), offset, end - at)
            if sentence is not None:
                hits.setdefault((seq, sentence), set()).add(searcher.keywords[index])
    return [(call.sentence(seq, index), frozenset(found)) for (seq, index), found in sorted(hits.items())]


_LETTERS = frozenset(string.ascii_letters)


@dataclass(frozen=True)
class _Searcher:
    keywords: tuple[str, ...]
    automaton: AhoCorasick
    as_written: bool  # run over the call as written; else over the lowered call


@lru_cache(maxsize=8)
def _searchers(keywords: frozenset[str]) -> tuple[_Searcher, ...]:
    """A searcher for the lower-case keywords, and one for those with capitals (matched as written).

    A DFA: built once per keyword set (cached), it searches a call in half the time of the default
    contiguous NFA (measured over the corpus: 0.50 -> 0.24 ms a call for both searchers), same matches.
    """
    groups = ((sorted(k for k in keywords if k.islower()), False), (sorted(k for k in keywords if not k.islower()), True))
    return tuple(_Searcher(tuple(words), AhoCorasick(words, implementation=Implementation.DFA), as_written) for words, as_written in groups if words)


def _sentence_at(spans: list[tuple[int, int]], offset: int, length: int) -> int | None:
    """The index of the span that holds the characters `offset` to `offset + length`; None between spans."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index < 0 or offset + length > spans[index][1]:
        return None
    return index
