"""Sentence lists: one sentence a line, no speakers; each line kept as a sentence, period from the call date."""

import pytest

from handlers.errors import NotATranscript
from handlers.registry import parse
from handlers.sentence_list import SentenceList
from handlers.source import Source
from tests.conftest import corpus_folder, parse_file

LINES = [
    "Thanks very much for your question.",
    "We continue to see strong demand for the product in the quarter.",
    "Revenue grew and our patients are responding well. We expect the FDA decision next year.",
    "And then, <UNK>, regarding supply.",
    "We really have an expanding global manufacturing network.",
    "Our guidance for the year is unchanged.",
    "I think the market opportunity is large.",
    "Thank you, <UNK>.",
    "We will take the next question.",
]


def test_each_line_is_one_sentence_even_with_two_sentences_in_it():
    t = SentenceList().parse(Source("x.txt", "\n".join(LINES).encode()))
    assert [turn.text for turn in t.turns] == LINES  # not re-split, not glued
    assert t.sections == ("call",) and all(turn.speaker is None for turn in t.turns)


def test_chosen_over_flat_text_for_a_list_starting_mid_qa():
    t = parse(Source("20160225_ACME.txt", "\n".join(LINES * 3).encode()))
    assert t.format == "sentence_list_txt" and len(t.turns) == 27
    assert t.company is None  # "<UNK>" is never a name
    assert (t.ticker, t.period, t.period_source, str(t.call_date)) == ("ACME", "2015Q4", "call date", "2016-02-25")


def test_lines_without_final_periods_are_still_sentences():
    # Some data sets strip the final period of every line.
    lines = [line.rstrip(".") for line in LINES] * 2
    assert SentenceList().detect(Source("x.txt", "\n".join(lines).encode())) > 0


@pytest.mark.parametrize("text", [
    "\n".join(f"item {n}, {n * 2}, {n * 3}" for n in range(30)),  # a table
    "\n".join(["The cat sat on the mat."] * 30),  # prose, but not a call
    "Short note.\nAnother line.\n",  # too short to be a call
])
def test_other_text_is_not_claimed(text):
    assert SentenceList().detect(Source("x.txt", text.encode())) == 0.0


def test_markdown_notes_are_rejected_as_markdown():
    notes = "# Call notes\n\n" + "\n".join(f"- {line}" for line in LINES * 3)
    with pytest.raises(NotATranscript) as caught:
        parse(Source("notes.txt", notes.encode()))
    assert caught.value.looks_like == "Markdown" and caught.value.code == "not_a_transcript"


@pytest.mark.parametrize(("name", "ticker", "period", "source", "lines"), [
    ("20160225_UTHR.txt", "UTHR", "2015Q4", "call date", 57),
    ("20180503_ABMD.txt", "ABMD", "2018Q4", "text", 123),  # "Fourth Quarter of Fiscal 2018": the call wins
    ("20170427_ABBV.txt", "ABBV", "2017Q1", "call date", 133),  # lines with no final period
    ("EW_q1_2021.txt", "EW", "2021Q1", "text", 139),
    ("LCI_q4_2021.txt", "LCI", "2021Q4", "file name", 130),
])
def test_corpus_files_exact(name, ticker, period, source, lines):
    path = corpus_folder("biopharma/sentence_lists") / name
    t = parse_file(path)
    assert (t.format, t.ticker, t.period, t.period_source, len(t.turns)) == (
        "sentence_list_txt", ticker, period, source, lines)
    assert len(t.turns) == sum(1 for line in path.read_text().split("\n") if line.strip())
    assert t.company is None or "Quarter" not in t.company


def test_every_biopharma_sentence_list_is_read_with_ticker_and_period():
    for path in sorted(corpus_folder("biopharma/sentence_lists").glob("*.txt")):
        t = parse_file(path)
        assert t.format == "sentence_list_txt", path.name
        assert t.comparable and t.period_source, path.name
