"""Telling a call from other documents by content: what each kind of non-transcript is named."""

import pytest

from handlers.prose import call_words, document_kind, sentence_line_share
from tests.conftest import ROOT, SEEDS


@pytest.mark.parametrize(("path", "kind"), [
    ("README.md", "Markdown"),
    ("docs/schema.md", "Markdown"),
    ("pyproject.toml", "a configuration file"),
    ("config.example.toml", "a configuration file"),
    ("handlers/prose.py", "source code"),
    ("worker/store.py", "source code"),
    (".ci/run", "source code"),
])
def test_project_files_are_named_for_what_they_are(path, kind):
    assert document_kind((ROOT / path).read_text()) == kind


@pytest.mark.parametrize("text", [
    "ticker,period,cash\nCLLS,2021Q2,238\nCLLS,2021Q3,201\nACME,2021Q3,10\n",
    "a\tb\tc\n1\t2\t3\n4\t5\t6\n7\t8\t9\n",
])
def test_tables(text):
    assert document_kind(text) == "a CSV table"


def test_transcripts_are_not_documents():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert document_kind(seed.read_text()) is None, seed.name


def test_call_words_and_first_person():
    distinct, first_person = call_words("We grew revenue this quarter and our patients did well; we thank you.")
    assert distinct >= 4 and first_person > 10
    assert call_words("The cat sat on the mat.") == (0, 0.0)


def test_sentence_lines_with_and_without_final_period():
    assert sentence_line_share(["We grew revenue.", "Our guidance is unchanged for the year", "| a | b |"]) == 2 / 3
