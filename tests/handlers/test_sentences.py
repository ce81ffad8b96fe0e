"""Sentence splitting: boundaries after end punctuation, not after abbreviations, initials or decimals."""

from handlers.sentences import sentences, split_sentences


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = ("Dr. Smith joined us from Acme Inc. in the U.S. last year. J. Doe said cash was $3.5 million. "
            "Is that right? Yes! \u201cIt is.\u201d Then we moved on.")
    assert sentences(text) == [
        "Dr. Smith joined us from Acme Inc. in the U.S. last year.", "J. Doe said cash was $3.5 million.",
        "Is that right?", "Yes!", "\u201cIt is.\u201d", "Then we moved on."]


def test_marks_in_a_row_and_offsets():
    text = "  Really?! Approximately. Approx. 12 patients. Done"
    assert split_sentences(text) == [(2, 10), (11, 25), (26, 46), (47, 51)]
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "Really?!", "Approximately.", "Approx. 12 patients.", "Done"]


def test_a_lower_case_word_after_a_period_is_the_same_sentence():
    assert sentences("We said approx. ten. and then more. Next one.") == [
        "We said approx. ten. and then more.", "Next one."]
