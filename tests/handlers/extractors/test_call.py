"""`Call`: sentences made on demand, and the lookups across turns extractors rely on."""

from handlers.extractors.call import Call
from tests.extraction import call


def _call():
    return Call(call(
        ("Ceo", "UCART22 is our lead. It is in the clinic."),
        ("Analyst", "And the hold? Any news?"),
        ("Cfo", "Nothing to add."),
        ("Ceo", "The FDA placed a hold. We are working on it."),
    ))


def test_sentences_are_split_per_turn_and_only_when_asked():
    the_call = _call()
    assert the_call._spans == {}
    second = the_call.sentence(2, 1)
    assert (second.text, second.seq, second.index, second.speaker_kind) == ("Any news?", 2, 1, "analyst")
    assert list(the_call._spans) == [2]
    assert the_call.sentence(2, 1) is second  # made once
    first_three = [s.text for s in the_call.sentences()][:3]
    assert first_three == ["UCART22 is our lead.", "It is in the clinic.", "And the hold?"]


def test_next_sentence_stays_in_its_turn():
    the_call = _call()
    assert the_call.next_sentence(the_call.sentence(1, 0)).text == "It is in the clinic."
    assert the_call.next_sentence(the_call.sentence(1, 1)) is None


def test_recent_subject_looks_back_a_few_turns_only():
    the_call = _call()
    hold = the_call.sentence(4, 0)  # "The FDA placed a hold.": three turns after UCART22 is named
    assert the_call.recent_subject(hold, turns_back=3) == "UCART22"
    assert the_call.recent_subject(hold, turns_back=2) is None


def test_confirmed_by_management_within_two_turns():
    the_call = _call()
    question = the_call.sentence(2, 0)
    assert the_call.confirmed_by_management(question, "HOLD")  # the CEO, two turns later
    assert not the_call.confirmed_by_management(the_call.sentence(3, 0), "lead")
