"""Is this text a call someone spoke, or a document of another kind? Judged by content, not file name.

The handlers of last resort (flat text, sentence lists) would otherwise take any long text: a
README, notes, source code, a CSV export. `document_kind` names what such a text looks like so the
error can say so; `call_words` counts the vocabulary every earnings call uses.
"""

from __future__ import annotations

import re

# How much of a text is enough to judge it: documents show what they are in their first lines.
_SAMPLE_CHARS = 20000
_SAMPLE_LINES = 400

# Markdown: "# Title", "| a | b |", "|---|", "```", "- item" / "* item" / "1. item" bullets.
_MARKDOWN_LINE = re.compile(r"^(?:#{1,6} \S|\|.*\||```|~~~|[-*+] \S|\d{1,2}\. \S|> \S)")
# Source code: definitions, imports, braces and statements ending in ; { } or a colon block opener.
_CODE_LINE = re.compile(
    r"^\s*(?:(?:def|class|import|from \S+ import|return|function|const|let|var|public|private|#include|package|"
    r"if \(|for \(|while \()\b|(?:for|if|elif|else|try|except|with|while)\b.*:\s*$|.*[;{}]\s*$|@\w+\s*$|.*\)\s*:\s*$)")
# Configuration: "[section]" and "key = value" / "key: value" lines.
_CONFIG_LINE = re.compile(r"^\s*(?:\[\[?[\w.\- \"]+\]\]?|[\w.\-\"]+\s*[=:]\s*\S.*)\s*$")
# A line of a sentence list: ends with sentence punctuation (maybe a closing quote or bracket), or, as
# data sets that strip the final period write it, starts like a sentence and runs on for a few words:
# "Starting with Imbruvica, as we've outlined, expanding into new indications is an important driver".
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*$")
_SENTENCE_START = re.compile(r"^[\"“‘(]?[A-Z0-9<$][^\s]*(?:\s+\S+){3}.*[\w%)]$")

# Words of earnings-call speech: a call uses many of them whatever its subject; a README uses few.
CALL_WORDS = frozenset(
    "quarter year revenue revenues sales growth margin guidance patients fda approval product products "
    "market customers business million billion percent trial data launch pipeline question questions "
    "thank thanks think expect results earnings call operator results cash program team".split()
)
_WORD = re.compile(r"[a-z]+")
_FIRST_PERSON = frozenset({"we", "our", "us", "we're", "we've", "i"})


def _lines(text: str) -> list[str]:
    return [line for line in text[:_SAMPLE_CHARS].split("\n")[:_SAMPLE_LINES] if line.strip()]


def document_kind(text: str) -> str | None:
    """What `text` looks like when it is plainly not speech: "Markdown", "source code", "a CSV table"
    or "a configuration file"; None when it may be a call.

    >>> document_kind("# callwatch\\n\\n| a | b |\\n|---|---|\\n")
    'Markdown'
    """
    lines = _lines(text)
    if not lines:
        return None
    # In this order: code has assignments that look like configuration, and configuration has
    # "# comment" lines that look like Markdown headings.
    share = {
        "source code": sum(1 for line in lines if _CODE_LINE.match(line)),
        "a configuration file": sum(1 for line in lines if _CONFIG_LINE.match(line)),
        "Markdown": sum(1 for line in lines if _MARKDOWN_LINE.match(line)),
    }
    # A table: most lines split into the same number (>= 3) of comma, tab or semicolon fields.
    for delimiter in (",", "\t", ";"):
        counts = [line.count(delimiter) for line in lines]
        common = max(set(counts), key=counts.count)
        if common >= 2 and counts.count(common) >= 0.8 * len(lines) and len(lines) >= 3:
            return "a CSV table"
    if lines[0].startswith("#!"):
        return "source code"  # a script
    # Speech has the odd line that looks like these (a bullet, "Q: ..."): it takes a fifth of them.
    threshold = max(3, 0.2 * len(lines))
    return next((kind for kind, count in share.items() if count >= threshold), None)


def call_words(text: str) -> tuple[int, float]:
    """(distinct call words, first-person words per 100 words) in the first part of `text`."""
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if not words:
        return 0, 0.0
    distinct = len(CALL_WORDS.intersection(words))
    first_person = sum(1 for word in words if word in _FIRST_PERSON)
    return distinct, 100.0 * first_person / len(words)


def sentence_line_share(lines: list[str]) -> float:
    """The share of `lines` that read like one sentence each."""
    if not lines:
        return 0.0
    return sum(1 for line in lines if _SENTENCE_END.search(line) or _SENTENCE_START.match(line)) / len(lines)
