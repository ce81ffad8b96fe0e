"""Companies a sentence names as partners or counterparties ("your partner Zenith", "from Nova")."""

from __future__ import annotations

import re

_NAME = r"(?P<name>[A-Z][A-Za-z0-9&\-]+(?:\s+(?:Therapeutics|Pharmaceuticals|Pharma|Biosciences|Bio|Biotech|Sciences|Inc|AG|SA|plc|Holdings))?)"
_PATTERNS = (
    re.compile(rf"\bpartner(?:s|'s)?,?\s+{_NAME}"),
    re.compile(rf"\b{_NAME}(?:'s|’s)\s+(?:clinical hold|hold|trial|study|program|decision)"),
    re.compile(rf"\b(?:alliance|collaboration|partnership|agreement|deal|license|licensing agreement)\s+with\s+{_NAME}"),
    re.compile(rf"\band\s+{_NAME}\s+(?:have\s+|has\s+)?(?:entered|signed|announced|formed|agreed|executed)\b"),
    re.compile(rf"\b(?:from|by|with)\s+(?:our\s+partners?\s+)?{_NAME}"),
    # "Zenith notified us of its decision to terminate": the partner as the one acting on the deal.
    re.compile(rf"\b{_NAME}\s+(?:has\s+|have\s+)?(?:notified|informed|elected|decided|gave\s+(?:us\s+)?notice|"
               r"terminated|returned)\b"),
)
_NOT_ORGANISATIONS = frozenset(
    "The This That These Those We Our Us It Its They Their FDA EMA SEC Company Board January February March April "
    "May June July August September October November December Q1 Q2 Q3 Q4 Phase Management Street Wall US USA "
    "Europe China Japan I You Yes No Thank Thanks Operator Dr Mr Ms And But So".split()
)


def organisations(text: str, *, exclude: frozenset[str] = frozenset(), strongest_only: bool = False) -> list[str]:
    """Names of organisations in `text` that look like partners, strongest pattern first.

    Args:
        text: the sentence.
        exclude: words never taken as a name (the call's own company, its program codes).
        strongest_only: only the first pattern kinds (named as partner or possessor), not "from X".
    """
    found: list[str] = []
    patterns = _PATTERNS[:4] if strongest_only else _PATTERNS
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = match["name"].rstrip("-")
            first = name.split()[0]
            if first in _NOT_ORGANISATIONS or first.upper() in exclude or name.upper() in exclude:
                continue
            if any(ch.isdigit() for ch in first) or (first.isupper() and len(first) <= 3):
                continue
            if name not in found:
                found.append(name)
    return found
