"""The rule engine and the kinds' tables: every table's examples, its patterns' shape, the rule recorded."""

from __future__ import annotations

import re
from re import _parser as sre_parse  # the standard library's own parser: how `re` will see a pattern

import pytest

from handlers.extractors.engine import Example, Kind
from handlers.extractors.kinds import TABLES
from handlers.extractors.registry import EXTRACTORS, KINDS, extract
from tests.extraction import call, flat

EXAMPLES = [pytest.param(kind, example, id=f"{kind.name}-{n}") for kind in TABLES
            for n, example in enumerate(kind.examples)]


def _found(kind: Kind, example: Example, extractors=EXTRACTORS) -> list:
    transcript = flat(example.text) if example.speaker is None else call((example.speaker, example.text))
    return [i for i in extract(transcript, extractors) if i.kind == kind.name and i.reportable]


def _agrees(item, wanted) -> bool:
    for name, value in wanted.items():
        if name == "attributes":
            if any(item.attributes.get(k) != v for k, v in value.items()):
                return False
        elif getattr(item, name) != value:
            return False
    return True


@pytest.mark.parametrize(("kind", "example"), EXAMPLES)
def test_every_example_of_every_table_gives_its_item(kind, example):
    found = _found(kind, example)
    if example.item is None:
        assert found == [], f"{example.text!r} gave {found}"
    else:
        assert any(_agrees(item, example.item) for item in found), f"{example.text!r} gave {found}"


@pytest.mark.parametrize(("kind", "example"), [p for p in EXAMPLES if p.values[1].item is not None])
def test_an_example_needs_its_kind_switched_on(kind, example):
    """The examples test the table: without its extractor, no item."""
    without = tuple(e for e in EXTRACTORS if e.kind != kind.name)
    assert _found(kind, example, without) == []


def test_every_table_has_examples_with_and_without_an_item():
    for kind in TABLES:
        assert any(e.item is not None for e in kind.examples), kind.name
        assert any(e.item is None for e in kind.examples), kind.name


def _starts_with_literal_or_class(parsed) -> bool:
    """Whether a parsed pattern begins with a literal, a character class, or a group or alternation
    each branch of which does: what lets `re` skip to candidate positions instead of trying each one."""
    if not parsed:
        return False
    op, arg = parsed[0]
    if op in (sre_parse.LITERAL, sre_parse.IN, sre_parse.NOT_LITERAL):
        return True
    if op is sre_parse.SUBPATTERN:
        return _starts_with_literal_or_class(arg[-1])
    if op is sre_parse.BRANCH:
        return all(_starts_with_literal_or_class(branch) for branch in arg[1])
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
        return arg[0] >= 1 and _starts_with_literal_or_class(arg[2])
    return False


def _patterns(kind: Kind) -> list[tuple[str, re.Pattern[str]]]:
    triggers = [*kind.triggers, *([kind.context] if kind.context else [])]
    return [(f"{kind.name}.{t.name}", t.pattern) for t in triggers] + \
        [(f"{kind.name} cue {status}", pattern) for status, pattern, _ in kind.cues]


@pytest.mark.parametrize(("name", "pattern"), [p for kind in TABLES for p in _patterns(kind)])
def test_every_pattern_of_a_table_starts_with_a_literal_or_a_class(name, pattern):
    assert _starts_with_literal_or_class(sre_parse.parse(pattern.pattern, pattern.flags)), name


@pytest.mark.parametrize("pattern", [r"\bhold", r"(?<!net )cash", r".*hold", r"(?:a|\bb)", r"(?:partial\s+)?hold"])
def test_the_shape_check_refuses_what_makes_re_try_every_position(pattern):
    assert not _starts_with_literal_or_class(sre_parse.parse(pattern))


def test_items_of_a_table_name_the_rule_that_fired():
    for kind in TABLES:
        rules = {f"{kind.name}.{t.name}" for t in kind.triggers}
        for example in kind.examples:
            for item in _found(kind, example):
                assert item.attributes["rule"] in rules


def test_every_kind_is_listed_once_and_tables_are_run_by_the_engine():
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names)) == 10
    assert {k.name for k in KINDS if k.table is not None} == {t.name for t in TABLES}
