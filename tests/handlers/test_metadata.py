"""Metadata from file names and folders, used only where the text is silent."""

import datetime as dt

import pytest

from handlers.metadata import filename_metadata, fill_from_filename
from handlers.transcript import Transcript, Turn


@pytest.mark.parametrize(
    ("name", "folder", "expected"),
    [
        ("AAPL_2021_Q1.txt", "", {"ticker": "AAPL", "fiscal_year": 2021, "fiscal_quarter": 1}),
        ("clls-2021-q3.pdf", "", {"ticker": "CLLS", "fiscal_year": 2021, "fiscal_quarter": 3}),
        ("BRK.B_2022_Q4.html", "", {"ticker": "BRK.B", "fiscal_year": 2022, "fiscal_quarter": 4}),
        ("AAPL_q2_2021.txt", "", {"ticker": "AAPL", "fiscal_year": 2021, "fiscal_quarter": 2}),
        ("20210806_CLLS.txt", "", {"ticker": "CLLS", "call_date": dt.date(2021, 8, 6)}),
        ("transcript.txt", "CLLS", {"ticker": "CLLS"}),
        ("transcript.txt", "inbox", {}),
        ("notes_2021.txt", "", {}),
        ("AAPL_2021_Q5.txt", "", {}),
    ],
)
def test_filename_metadata(name, folder, expected):
    assert filename_metadata(name, folder=folder) == expected


def test_text_wins_over_file_name():
    transcript = Transcript(format="x", turns=(Turn("qa", "A", "hi"),), ticker="CLLS", fiscal_year=2021,
                            fiscal_quarter=2)
    filled = fill_from_filename(transcript, "AAPL_2020_Q1.txt")
    assert (filled.ticker, filled.fiscal_year, filled.fiscal_quarter) == ("CLLS", 2021, 2)


def test_missing_fields_filled_and_title_composed():
    transcript = Transcript(format="x", turns=(Turn("qa", "A", "hi"),))
    filled = fill_from_filename(transcript, "AAPL_2021_Q1.txt")
    assert (filled.ticker, filled.period, filled.comparable) == ("AAPL", "2021Q1", True)
    assert filled.title == "AAPL Q1 2021 Earnings Call"
