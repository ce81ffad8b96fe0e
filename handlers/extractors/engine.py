"""One rule engine for every kind written as a table (`handlers/extractors/kinds/<kind>.py`).

A `Kind` says, as data, what a statement of its kind looks like: the keywords that gate which
sentences it sees, its triggers (named patterns; the name is recorded in the item as
`attributes["rule"]` = "<kind>.<trigger>"), the context a trigger needs, the guards that drop a
look-alike (a denial, a question, an achievement called a milestone), the status cues (read by
`context.status_cues`: the nearest cue in the trigger's clause wins), the slots (amount, dates,
horizon, counterparty, direction: typed parsers stay code), the confidence, the identity that makes
two items one fact (deduplication and the differ both use it), the status ranks and the examples
its tests run. The engine runs a table over a sentence:

    trigger -> context -> guards -> status -> slots -> confidence -> item

Triggers start with a literal or a character class (tested), never with `\\b`: a leading `\\b`
makes `re` try every position of the sentence. A trigger marked `word` must begin a word, which is
checked in code here instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from handlers.extractors.call import Call
from handlers.extractors.context import StatusCue, done, status_cues
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.model import KeyItem, Sentence

# A status cue: (status, pattern, strong); see `context.status_cues`.
Cues = tuple[tuple[str, re.Pattern[str], bool], ...]


@dataclass(frozen=True)
class Trigger:
    """A named pattern that says a sentence may state the kind."""

    name: str
    pattern: re.Pattern[str]
    gate: tuple[str, ...] = ()  # the lowered sentence holds one of these, else the pattern is not run
    word: bool = True  # the match begins a word (no letter or digit right before it)
    confidence: float = 0.9
    group: str = ""  # triggers of one group give one item together (cash: the gross balance, net cash)
    tier: int = 0  # with `first_only`: the lowest tier that matches wins, the leftmost match within it


@dataclass(frozen=True)
class Found:
    """What a trigger found in a sentence: what guards, status and slots read."""

    rule: str
    match: re.Match[str]
    sentence: Sentence
    call: Call
    trigger: Trigger
    matches: tuple[tuple[Trigger, re.Match[str]], ...]  # every match of the group, in trigger order
    cue_table: Cues = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @cached_property
    def cues(self) -> tuple[StatusCue, ...]:
        """The kind's status cues in the trigger's clause, nearest first (read on first use: a guard
        usually drops the match before any status is asked for)."""
        if not self.cue_table:
            return ()
        return tuple(status_cues(self.text, self.match.start(), self.match.end(), self.cue_table))


@dataclass(frozen=True)
class Guard:
    """A reason a trigger's match is not an item ("no clinical hold", a question)."""

    name: str
    rejects: Callable[[Found], bool]


@dataclass(frozen=True)
class Slot:
    """A field of the item, read by a typed parser: returns the item's fields, or None when absent."""

    name: str
    read: Callable[[Found, dict[str, Any]], Mapping[str, Any] | None]
    required: bool = False  # no value, no item


@dataclass(frozen=True)
class Adjust:
    """A confidence adjustment: `by` when `when(found, fields)`, with a note saying why."""

    name: str
    when: Callable[[Found, dict[str, Any]], bool]
    by: float
    note: str | None = None


@dataclass(frozen=True)
class Example:
    """A sentence and the item it must give (fields to compare), or None for no item."""

    text: str
    item: Mapping[str, Any] | None
    speaker: str | None = "Cfo"  # None: a transcript without speakers (flat text)


def _status_from_cues(found: Found) -> str | None:
    fact = done(found.cues)
    return fact.status if fact else None


@dataclass(frozen=True)
class Kind:
    """A kind of key item, as a table the engine runs."""

    name: str
    keywords: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    context: Trigger | None = None  # one of these words somewhere in the sentence...
    self_evident: str = ""  # ...unless the trigger's own words hold this one ("clinical hold", "cash runway")
    guards: tuple[Guard, ...] = ()
    cues: Cues = ()
    status: Callable[[Found], str | None] | None = _status_from_cues  # None: a slot reads the status
    slots: tuple[Slot, ...] = ()
    adjust: tuple[Adjust, ...] = ()
    speaker_keyword: str = ""  # what management says when it confirms an analyst (`helpers.speaker_penalty`)
    identity: tuple[str, ...] = ("subject",)  # beyond the kind: the fields that make two items one fact
    ranks: tuple[str, ...] = ()  # statuses, least telling first (`ranks.py`)
    examples: tuple[Example, ...] = ()
    first_only: bool = True  # the first trigger that matches gives the item; else each group gives its own
    per_match: bool = False  # with first_only: every match may give an item of its own (one per figure)

    def groups(self) -> list[tuple[Trigger, ...]]:
        names = list(dict.fromkeys(t.group for t in self.triggers))
        return [tuple(t for t in self.triggers if t.group == name) for name in names]


def begins_word(text: str, at: int) -> bool:
    """Whether no letter, digit or underscore stands right before `at` (what a leading `\\b` tests)."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def search(trigger: Trigger, text: str, lowered: str, start: int = 0, *, gated: bool = False) -> re.Match[str] | None:
    """The first match of `trigger` in `text` from `start` (beginning a word where it must); `gated`:
    its gate was tested already."""
    if trigger.gate and not gated and not any(map(lowered.__contains__, trigger.gate)):
        return None
    while (match := trigger.pattern.search(text, start)) is not None:
        if not trigger.word or begins_word(text, match.start()):
            return match
        start = match.start() + 1
    return None


def find_all(trigger: Trigger, text: str, lowered: str) -> list[re.Match[str]]:
    """Every match of `trigger` in `text`, non-overlapping, in order (its gate tested already)."""
    found, start = [], 0
    while (match := search(trigger, text, lowered, start, gated=True)) is not None:
        found.append(match)
        start = max(match.end(), match.start() + 1)
    return found


class TableExtractor:
    """An `Extractor` (see `model.py`) that runs a `Kind` table."""

    def __init__(self, kind: Kind) -> None:
        self.table = kind
        self.kind = kind.name
        self.keywords = kind.keywords
        # Each gate word tested once per sentence, whichever triggers share it.
        self._gate_words = tuple(dict.fromkeys(word for t in kind.triggers for word in t.gate))
        self._rules = {t.name: f"{kind.name}.{t.name}" for t in kind.triggers}

    def _open(self, lowered: str) -> list[Trigger]:
        """The triggers whose gate the sentence passes (most sentences pass few)."""
        present = {word for word in self._gate_words if word in lowered}
        return [t for t in self.table.triggers if not t.gate or not present.isdisjoint(t.gate)]

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        items: list[KeyItem] = []
        for found in self._triggered(sentence, call):
            item = self._item(found, items)
            if item is not None:
                items.append(item)
                if self.table.first_only and not self.table.per_match:
                    break
        return items

    def _triggered(self, sentence: Sentence, call: Call) -> Iterator[Found]:
        """With `first_only`, every match in turn (lowest tier, then leftmost: the first that gives an
        item wins, so a denied mention does not hide one stated in another clause); else each group's matches."""
        text, lowered = sentence.text, sentence.lowered
        cues, open_triggers = self.table.cues, self._open(lowered)
        if self.table.first_only:
            matches = sorted((t.tier, m.start(), n, t, m) for n, t in enumerate(open_triggers)
                             for m in find_all(t, text, lowered))
            return (Found(self._rules[t.name], m, sentence, call, t, ((t, m),), cues) for _, _, _, t, m in matches)
        found = []
        for group in self.table.groups():
            matches = tuple((t, m) for t in group if t in open_triggers for m in find_all(t, text, lowered))
            if matches:
                trigger, match = matches[0]
                found.append(Found(self._rules[trigger.name], match, sentence, call, trigger, matches, cues))
        return iter(found)

    def _item(self, found: Found, made: list[KeyItem]) -> KeyItem | None:
        table = self.table
        if table.context is not None and not (table.self_evident and table.self_evident in found.match.group(0).lower()) \
                and search(table.context, found.text, found.sentence.lowered) is None:
            return None
        if any(guard.rejects(found) for guard in table.guards):
            return None
        fields: dict[str, Any] = {"status": table.status(found) if table.cues and table.status else None,
                                  "rule": found.rule,
                                  "attributes": {}, "notes": ()}
        for slot in table.slots:
            value = slot.read(found, fields)
            if value is None and slot.required:
                return None
            for name, said in (value or {}).items():
                # attributes and notes add up across slots; any other field is the slot's own
                fields[name] = {**fields[name], **said} if name == "attributes" else \
                    (*fields[name], *said) if name == "notes" else said
        if any(item.amount is not None and item.amount == fields.get("amount") for item in made):
            return None  # one figure is one item, whichever phrase of the sentence names it
        return self._make(found, fields)

    def _make(self, found: Found, fields: dict[str, Any]) -> KeyItem:
        # Who said it (and how well it was heard) first: an adjustment may depend on it.
        fields.setdefault("penalty", speaker_penalty(found.sentence, found.call, self.table.speaker_keyword))
        confidence = found.trigger.confidence
        notes: list[str] = []
        for adjust in self.table.adjust:
            if adjust.when(found, fields):
                confidence += adjust.by
                notes.extend([adjust.note] if adjust.note else [])
        penalty, who = fields.pop("penalty")
        attributes = {**fields.pop("attributes"), "rule": fields.pop("rule")}
        subject = fields.pop("subject", None)
        notes = [*who, *fields.pop("notes"), *notes]
        return make(self.kind, subject, found.sentence, confidence - penalty, notes=tuple(notes),
                    attributes=attributes, **fields)


def identity_of(item: KeyItem | Mapping[str, Any], fields: tuple[str, ...]) -> tuple:
    """The kind and `fields` of an item, an object or a stored row (attributes as JSON): "amount" is
    rounded to the unit, "attributes.x" reads an attribute."""
    get = item.get if isinstance(item, Mapping) else (lambda name: getattr(item, name))
    return (get("kind"), *(_field(get, name) for name in fields))


def _field(get: Callable[[str], Any], name: str) -> Any:
    if name == "amount":
        return round(get("amount") or 0)
    if name.startswith("attributes."):
        attributes = get("attributes") or {}
        if isinstance(attributes, str):
            attributes = json.loads(attributes)
        return attributes.get(name.split(".", 1)[1])
    return get(name)


