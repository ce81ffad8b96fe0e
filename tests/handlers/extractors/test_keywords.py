"""The keyword filter: which sentences reach the extractors, and with which keywords."""

import json

import pytest

from handlers.extractors.call import Call
from handlers.extractors.cues import safe_harbour
from handlers.extractors.keywords import sentences_with_keywords
from handlers.extractors.registry import EXTRACTORS, deduplicate, extract
from tests.conftest import parse_file
from tests.extraction import call
from tests.gold import gold_files, source_path


def _found(keywords, *turns):
    found = sentences_with_keywords(Call(call(*turns)), keywords)
    return [(s.seq, s.index, s.text, sorted(words)) for s, words in found]


def test_lower_case_keywords_match_any_case_and_name_their_sentence():
    found = _found(("cash", "runway"),
                   ("Ceo", "Welcome. Cash was $5 million. Our RUNWAY is long."), ("Cfo", "No more."))
    assert found == [(1, 1, "Cash was $5 million.", ["cash"]), (1, 2, "Our RUNWAY is long.", ["runway"])]


def test_keywords_with_capitals_match_only_as_written():
    found = _found(("IND",), ("Ceo", "We find the industry kind. We filed the IND."))
    assert found == [(1, 1, "We filed the IND.", ["IND"])]


def test_sentences_come_in_call_order_with_every_keyword_they_hold():
    found = _found(("milestone", "cash", "payment"),
                   ("Ceo", "Nothing here."), ("Cfo", "A milestone payment added cash."), ("Ceo", "More cash."))
    assert found == [(2, 0, "A milestone payment added cash.", ["cash", "milestone", "payment"]),
                     (3, 0, "More cash.", ["cash"])]


def test_offsets_hold_when_lower_casing_changes_a_letter_into_two():
    # "İ".lower() is two characters; a naive lowered copy would shift every offset after it.
    found = _found(("cash",), ("Ceo", "İstanbul office opened."), ("Cfo", "Cash was fine."))
    assert found == [(2, 0, "Cash was fine.", ["cash"])]


def test_a_call_without_keywords_gives_nothing_and_splits_no_turn():
    the_call = Call(call(("Ceo", "Hello. Good morning.")))
    assert sentences_with_keywords(the_call, ("cash",)) == []
    assert the_call._spans == {}


def test_a_keyword_inside_a_word_does_not_count():
    found = _found(("hold", "eps"), ("Ceo", "Our shareholders took steps. The trial is on hold."))
    assert found == [(1, 1, "The trial is on hold.", ["hold"])]


@pytest.mark.parametrize("gold", gold_files(), ids=lambda path: path.stem)
def test_the_filter_loses_no_item_of_a_real_call(gold):
    # Every extractor run on every sentence finds exactly what the keyword-filtered run finds: a
    # keyword list that misses a phrasing its patterns accept shows up here (as "last us well
    # into" once did). Checked on all 278 development files too: no difference.
    transcript = parse_file(source_path(json.loads(gold.read_text())))
    the_call = Call(transcript)
    unfiltered = [item for sentence in the_call.sentences() if not safe_harbour(sentence)
                  for extractor in EXTRACTORS for item in extractor.extract(sentence, the_call)]
    for extractor in EXTRACTORS:  # and each kind's reconciling across the call, as `extract` does
        if (finish := getattr(extractor, "finish", None)) is not None:
            unfiltered = finish(unfiltered, the_call)
    assert deduplicate(unfiltered) == extract(transcript)
