"""Undoing hard line wrapping (fixed-width exports, PDF text layers) and untidy white space."""

from __future__ import annotations

import statistics

_SENTENCE_END = (".", "?", "!", '"', "”", ":", ")")


def tidy(line: str) -> str:
    """`line` with runs of white space (non-breaking spaces, tabs) collapsed to one space, ends stripped."""
    # Most lines are tidy already; a printable line holds no white space but " " (tabs and
    # non-breaking spaces are not printable), so these checks are exact, and much cheaper than
    # splitting a long paragraph into words to join them again.
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def wrap_width(lines: list[str]) -> int:
    """The width the text was wrapped at: the typical length of a full line."""
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    return int(statistics.quantiles(lengths, n=10)[7]) if len(lengths) >= 10 else 80


def unwrap(lines: list[str], width: int, *, join_unfinished: bool) -> list[str]:
    """Join each wrapped line to the next one.

    Args:
        lines: the lines, stripped; "" separates blocks and is never joined across.
        width: the wrap width (see `wrap_width`).
        join_unfinished: also continue a short line that does not end a sentence; right for
            running text, wrong where short lines are headings or speaker names.
    """
    joined: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                joined.append(" ".join(current))
                current = []
            joined.append("")
            continue
        current.append(line)
        finished = line.endswith(_SENTENCE_END)
        # A full-width line that ends a sentence may end its paragraph: splitting a paragraph
        # in two costs less than gluing a speaker's name onto the line before it.
        wrapped = len(line) >= 0.8 * width and not finished
        if not wrapped and (not join_unfinished or finished):
            joined.append(" ".join(current))
            current = []
    if current:
        joined.append(" ".join(current))
    return joined
