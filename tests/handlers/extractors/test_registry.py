"""The extractor registry: every kind listed, and one item per fact."""

from handlers.extractors.model import KeyItem
from handlers.extractors.registry import EXTRACTORS
from tests.extraction import items


def test_every_kind_has_one_extractor_with_keywords():
    kinds = [extractor.kind for extractor in EXTRACTORS]
    assert len(kinds) == len(set(kinds)) == 10
    assert all(extractor.keywords for extractor in EXTRACTORS)


def test_repeated_fact_is_one_item_keeping_the_first_statement():
    found = items(
        ("Cfo", "Our cash position is sufficient to fund operations into early 2023."),
        ("Analyst", "Thanks."),
        ("Cfo", "As I said, the cash runway is into early 2023."),
        kind="cash_runway",
    )
    assert len(found) == 1 and isinstance(found[0], KeyItem)
    assert found[0].quote.startswith("Our cash position")
