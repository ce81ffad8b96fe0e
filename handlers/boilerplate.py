"""Publisher text that is not part of the call: ads, image credits, navigation."""

from __future__ import annotations

import re

# Whole lines that are never part of a call.
_JUNK_LINE = re.compile(
    r"""^(?:
        logo\ of\ jester\ cap\ with\ thought\ bubble\.?
      | image\ source:.*
      | alphastreet\ logo
      | more\ [A-Z0-9.\-]{1,8}\ analysis
      | all\ earnings\ call\ transcripts
      | read\ next
      | stocks\ mentioned
      | this\ article\ is\ a\ transcript\ of\ this\ conference\ call\b.*
      | the\ motley\ fool\ has\ (?:no\ )?positions?\b.*
      | \*average\ returns\ of\ all\ recommendations\b.*
      | see\ the\ (?:10|ten)\ stocks(?:\ \*)?
      | contents:
      | [•·*\-]\s*(?:prepared\ remarks|questions\ (?:and|&)\ answers|call\ participants)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# "10 stocks we like better than X" advertising: from its headline to the returns footnote.
_AD_START = re.compile(r"^(?:10|ten) stocks we like better than\b", re.IGNORECASE)
_AD_END = re.compile(r"^\*?\s*stock advisor returns as of\b|^see the (?:10|ten) stocks", re.IGNORECASE)
_AD_MAX_LINES = 12


def strip_boilerplate(lines: list[str]) -> list[str]:
    """`lines` (already stripped) without advertising blocks and publisher furniture."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _AD_START.match(line):
            index = _ad_end(lines, index)
            continue
        if not _JUNK_LINE.match(line):
            kept.append(line)
        index += 1
    return kept


def _ad_end(lines: list[str], start: int) -> int:
    """The index just past the advertising block that starts at `start`."""
    last = None
    for index in range(start + 1, min(start + _AD_MAX_LINES, len(lines))):
        if _AD_END.match(lines[index]):
            last = index
    # Without a recognisable end, drop only the headline rather than risk eating the call.
    return start + 1 if last is None else last + 1
