"""Metadata from file names and folders, used only where the text is silent."""

import datetime as dt

import pytest

from handlers.metadata import complete, filename_metadata, quarter_before
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
        ("Q3 2022 Acme Realty Corp Earnings Call.txt", "", {"fiscal_year": 2022, "fiscal_quarter": 3}),
    ],
)
def test_filename_metadata(name, folder, expected):
    assert filename_metadata(name, folder=folder) == expected


def test_text_wins_over_file_name():
    transcript = Transcript(format="x", turns=(Turn("qa", "A", "hi"),), ticker="CLLS", fiscal_year=2021,
                            fiscal_quarter=2)
    filled = complete(transcript, "AAPL_2020_Q1.txt")
    assert (filled.ticker, filled.fiscal_year, filled.fiscal_quarter) == ("CLLS", 2021, 2)


def test_missing_fields_filled_and_title_composed():
    transcript = Transcript(format="x", turns=(Turn("qa", "A", "hi"),))
    filled = complete(transcript, "AAPL_2021_Q1.txt")
    assert (filled.ticker, filled.period, filled.comparable) == ("AAPL", "2021Q1", True)
    assert filled.title == "AAPL Q1 2021 Earnings Call"


def opening(*texts):
    return Transcript(format="x", turns=tuple(Turn("prepared_remarks", "A", text) for text in texts))


def test_period_from_the_call_opening_not_from_comparisons():
    transcript = opening("Welcome to the Acme third-quarter 2021 earnings call.",
                         "Revenue grew compared to the second quarter of 2020, and versus Q2 2020 results.",
                         "That is up from third quarter 2020 results.")
    filled = complete(transcript, "notes.txt")
    assert (filled.fiscal_year, filled.fiscal_quarter) == (2021, 3)


def test_comparison_alone_is_not_the_period():
    filled = complete(opening("Margins rose versus the second quarter of 2020 as expected."), "notes.txt")
    assert filled.period is None


def test_stale_operator_script_loses_to_file_name_agreement():
    transcript = opening("Welcome to the Acme Third Quarter 2020 Earnings Call.",
                         "Welcome to Acme's Third Quarter 2022 Earnings Conference Call.")
    assert complete(transcript, "Q3 2022 Acme Earnings Call.txt").period == "2022Q3"
    # Without a file name to agree with, the later of two equally named periods wins.
    assert complete(transcript, "notes.txt").period == "2022Q3"


@pytest.mark.parametrize(("opening", "company"), [
    ("Good afternoon and welcome to the Apple Q1 Fiscal Year 2025 Earnings Conference Call.", "Apple"),
    ("Welcome to Cellectis' third quarter 2021 earnings call.", "Cellectis"),
    ("Welcome to the Truist Financial Corporation second quarter 2024 earnings call.", "Truist Financial Corporation"),
    ("Welcome to the Q1 2025 earnings call.", None),
    ("Thanks for joining us today.", None),
    # A period or the event where a name would be is not a company: a wrong name is worse than none.
    ("Good morning and welcome to the Fourth Quarter Fiscal Year 2018 Abiomed earnings call.", None),
    ("Welcome to the Second Quarter 2021 earnings call.", None),
    ("Welcome to the Annual Investor 2024 update.", None),
])
def test_company_from_the_welcome(opening, company):
    assert complete(opening_call(opening), "x.txt").company == company


def opening_call(text):
    return Transcript(format="x", turns=(Turn("prepared_remarks", "Operator", text),))


@pytest.mark.parametrize(("date", "period"), [
    (dt.date(2016, 2, 25), (2015, 4)),
    (dt.date(2016, 4, 28), (2016, 1)),
    (dt.date(2017, 7, 27), (2017, 2)),
    (dt.date(2017, 10, 1), (2017, 3)),
    (dt.date(2018, 1, 1), (2017, 4)),
])
def test_quarter_before_the_call_date(date, period):
    assert quarter_before(date) == period


@pytest.mark.parametrize(("turn", "filename", "period", "source"), [
    ("Welcome to the Acme third quarter 2021 earnings call.", "notes.txt", "2021Q3", "text"),
    ("Thanks for joining.", "ACME_2021_Q2.txt", "2021Q2", "file name"),
    ("Thanks for joining.", "20160225_ACME.txt", "2015Q4", "call date"),
    # The call's own words win over the call date.
    ("Welcome to the fourth quarter of fiscal 2018 earnings call.", "20180503_ACME.txt", "2018Q4", "text"),
    ("Thanks for joining.", "notes.txt", None, None),
])
def test_period_source_says_how_the_period_was_found(turn, filename, period, source):
    t = complete(opening_call(turn), filename)
    assert (t.period, t.period_source) == (period, source)


def test_period_from_the_header_is_marked_header():
    t = Transcript(format="x", turns=(Turn("call", None, "Thanks."),), fiscal_year=2021, fiscal_quarter=3)
    assert complete(t, "20160225_ACME.txt").period_source == "header"
