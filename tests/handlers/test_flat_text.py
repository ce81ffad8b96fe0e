"""Flat text: one long line, stored as sentence-sized segments of one section, speaker unknown."""

import pytest

from handlers.flat_text import FlatText
from handlers.source import Source
from tests.conftest import corpus_folder, parse_file
from tests.layouts import summary


def test_apple_exact():
    t = parse_file(corpus_folder("flat_txt") / "AAPL_2025_Q1.txt")
    assert summary(t) == ("flat_txt", "Apple", "AAPL", 2025, 1, "None", None, "Apple Q1 2025 Earnings Call", ("call",),
                          453, 0)
    assert [turn.text for turn in t.turns[:2]] == [
        "Good afternoon and welcome to the Apple Q1 Fiscal Year 2025 Earnings Conference Call.",
        "My name is Suhasini Chandramouli, Director of Investor Relations.",
    ]
    assert all(turn.speaker is None for turn in t.turns)


def test_every_file_parses_as_sentences_with_period_from_name():
    for path in sorted(corpus_folder("flat_txt").glob("*.txt")):
        t = parse_file(path)
        assert t.format == "flat_txt" and t.sections == ("call",), path.name
        assert len(t.turns) > 50 and max(len(turn.text) for turn in t.turns) < 3000, path.name
        ticker, year, quarter = path.stem.split("_")
        assert (t.ticker, t.fiscal_year, t.fiscal_quarter) == (ticker, int(year), int(quarter[1])), path.name


def test_sentence_per_line_text_is_accepted():
    sentence = "Welcome to the Acme third quarter 2021 earnings call and thank you for joining us today."
    lines = [sentence] + ["Revenue grew in the quarter and our guidance for the fiscal year is unchanged."] * 120
    t = FlatText().parse(Source("x.txt", "\n".join(lines).encode()))
    assert len(t.turns) == 121 and t.turns[0].text == sentence


def test_short_or_non_call_text_is_not_claimed():
    handler = FlatText()
    assert handler.detect(Source("x.txt", b"Eggs, milk. " * 100)) == 0.0
    table = "| col | earnings | quarter | revenue | guidance |\n" * 300
    assert handler.detect(Source("x.md", table.encode())) == 0.0


@pytest.mark.parametrize(("name", "ticker", "period", "source", "turns"), [
    ("ABBV_2024_Q1.txt", "ABBV", "2024Q1", "text", 663),
    ("MRK_2025_Q1.txt", "MRK", "2025Q1", "text", 506),
    ("DXCM_2024_Q4.txt", "DXCM", "2024Q4", "text", 626),
])
def test_biopharma_flat_calls_exact(name, ticker, period, source, turns):
    t = parse_file(corpus_folder("biopharma/flat_txt") / name)
    assert (t.format, t.ticker, t.period, t.period_source, len(t.turns)) == ("flat_txt", ticker, period, source, turns)
