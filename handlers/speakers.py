"""Speaker lines ("Name -- Title", "Name -- Firm -- Analyst") and who each speaker is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.transcript import ANALYST, EXECUTIVE, OPERATOR, UNKNOWN

# "Name -- Title", "Name--Title" (2024+ pages), "Name – Title".
_SEPARATOR = re.compile(r"\s*--\s*|\s+[—–]\s+")
_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von", "bin", "al", "y", "dos", "das"}
)
_UNIDENTIFIED = re.compile(r"^(?:unidentified|unknown)\b", re.IGNORECASE)
_EXECUTIVE_WORDS = re.compile(
    r"\b(?:chief|officer|president|director|head|manager|chair\w*|founder|ceo|cfo|coo|cmo|cso|cto|"
    r"treasurer|secretary|counsel|controller|investor relations|vp|executive|board|principal|"
    r"lead|leader|medical|scientific|operations|strategy|development|finance|financial)\b",
    re.IGNORECASE,
)
_ANALYST_WORDS = re.compile(r"\banal[a-z]*t\b|\bassociate\b|\bresearch\b|\bequity\b", re.IGNORECASE)


@dataclass(frozen=True)
class SpeakerLine:
    """A speaker line split into its parts."""

    name: str
    title: str | None = None
    affiliation: str | None = None

    @property
    def kind(self) -> str:
        """executive, analyst, operator or unknown."""
        return classify(self.name, self.title, self.affiliation)


def split_speaker_line(line: str) -> SpeakerLine:
    """Split `Name -- Title` or `Name -- Firm -- Role` (the last part is the role).

    A line of separators only (`--`) has no name: the name is "".
    """
    parts = [part.strip(" .") if i == 0 else part.strip() for i, part in enumerate(_SEPARATOR.split(line.strip()))]
    parts = [part for part in parts if part]
    if not parts:
        return SpeakerLine("")
    if len(parts) == 1:
        return SpeakerLine(parts[0])
    if len(parts) == 2:
        name, title = parts
        if not _EXECUTIVE_WORDS.search(title) and not _ANALYST_WORDS.search(title):
            # "Jane Doe -- Oppenheimer and Company": a firm where a title would be.
            return SpeakerLine(name, None, title)
        return SpeakerLine(name, title.rstrip("."), None)
    name, firm, *role = parts
    return SpeakerLine(name, " -- ".join(role).rstrip(".") or None, firm)


def classify(name: str, title: str | None, affiliation: str | None) -> str:
    """The kind of participant a speaker line describes."""
    if name.lower() == "operator":
        return OPERATOR
    if _UNIDENTIFIED.match(name):
        return UNKNOWN
    if affiliation is not None:
        return ANALYST
    if title and _ANALYST_WORDS.search(title) and not _EXECUTIVE_WORDS.search(title):
        return ANALYST
    if title:
        return EXECUTIVE
    return UNKNOWN


def is_unidentified(name: str) -> bool:
    """Whether the name is a placeholder such as "Unidentified Analyst" or "Unknown Speaker"."""
    return _UNIDENTIFIED.match(name) is not None


def looks_like_name(text: str) -> bool:
    """Whether `text` reads as a person's name: 2 to 6 capitalised words (particles allowed)."""
    words = text.split()
    if not 2 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    for word in words:
        if word in _PARTICLES:
            continue
        if not word[:1].isupper() or any(ch in word for ch in ",;:?!\"()[]"):
            return False
        # Periods only in initials and suffixes ("J.", "Jr.", "St."), never ending a sentence.
        if "." in word and len(word) > 3:
            return False
    return True


_TITLE_SMALL_WORDS = frozenset({"and", "of", "for", "the", "to", "in", "on", "at", "&", "de", "-", "/"})


def looks_like_title(text: str) -> bool:
    """Whether `text` reads as a job title or firm ("Chief Medical Officer", "Bank of America")."""
    words = text.replace("/", " ").split()
    if not words or len(words) > 16 or text.endswith(("?", "!")):
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word.lower() in _TITLE_SMALL_WORDS for word in words)


def is_speaker_line(line: str, *, known: frozenset[str]) -> SpeakerLine | None:
    """The speaker line `line` is, or None when it is speech.

    Args:
        line: one stripped line of the transcript.
        known: names from the participants list (plus "Operator"); these need no other evidence.
    """
    if len(line) > 200 or line.endswith(("?", "--", ",")):
        return None
    if line in known:
        return SpeakerLine(line)
    parts = _SEPARATOR.split(line)
    if len(parts) == 1:
        if _UNIDENTIFIED.match(line) and len(line.split()) <= 3:
            return SpeakerLine(line)
        return None
    speaker = split_speaker_line(line)
    if speaker.name in known:
        return speaker
    # An unknown name must read as a name, and everything after it as titles or firms.
    if looks_like_name(speaker.name) and all(looks_like_title(part) for part in parts[1:]):
        return speaker
    return None


def bare_speaker(line: str, known: frozenset[str]) -> str | None:
    """The speaker a bare name line names (layouts that put the name alone on a line), or None.

    A listed name, the operator, or an unidentified speaker is taken as it is. Another name must
    share a surname with a listed one ("Jeff Campbell" for "Jeffrey Campbell"), since a short
    capitalised line of speech ("Great Thanks") looks like a name too.
    """
    if line in known or line == "Operator":
        return line
    if len(line) > 60 or line.endswith((".", "?", "!", ",", ":")):
        return None
    if _UNIDENTIFIED.match(line) and len(line.split()) <= 4:
        return line
    if looks_like_name(line) and len(line.split()) <= 4:
        surnames = {name.split()[-1] for name in known if " " in name}
        if line.split()[-1] in surnames:
            return line
    return None
