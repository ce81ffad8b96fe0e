"""S&P Capital IQ / Refinitiv text: participant blocks, two-line speaker headers, re-flowed text."""

from tests.conftest import corpus_folder, parse_file
from tests.layouts import first_turns, kinds, summary


def ciq(name):
    return parse_file(corpus_folder("capitaliq_txt") / name)


def test_ag_mortgage_exact():
    t = ciq("Q3 2022 AG Mortgage Investment Trust Inc Earnings Call.txt")
    assert summary(t) == ("capitaliq_txt", "AG Mortgage Investment Trust, Inc.", None, 2022, 3, "None", None,
                          "AG Mortgage Investment Trust, Inc. Q3 2022 Earnings Call", ("prepared_remarks", "qa"), 30, 9)
    assert kinds(t) == {"executive": 4, "analyst": 4, "operator": 1}
    assert first_turns(t, "qa") == [
        ("Operator", None, None, "(Operator Instructions) Our first questi"),
        ("Douglas Michael Harter", "Director", "Crédit Suisse AG, Research Division",
         "I was hoping you could talk about kind o"),
    ]


def test_hard_wrapped_lines_are_reflowed_into_paragraphs():
    t = ciq("Q3 2022 AG Mortgage Investment Trust Inc Earnings Call.txt")
    jenny = t.turns[1]
    assert jenny.speaker == "Jenny B. Neslin"
    paragraphs = jenny.text.split("\n")
    assert paragraphs[0].startswith("Thank you, Katie. Good morning, everyone, and welcome to the third quarter 2022")
    assert paragraphs[0].endswith("and Anthony Rossiello, our Chief Financial Officer.")
    assert paragraphs[-1] == "With that, I'd like to turn the call over to T.J."
    assert "DISCLAIMER" not in t.turns[-1].text and "Refinitiv" not in t.turns[-1].text


def test_no_ticker_means_not_comparable():
    t = ciq("Q3 2022 CubeSmart Earnings Call.txt")
    assert (t.company, t.ticker, t.period, t.comparable) == ("CubeSmart", None, "2022Q3", False)


def test_every_file_parses():
    for path in sorted(corpus_folder("capitaliq_txt").glob("*.txt")):
        t = parse_file(path)
        assert t.format == "capitaliq_txt" and t.sections == ("prepared_remarks", "qa"), path.name
        assert all(turn.speaker for turn in t.turns), path.name
        assert t.company and t.period, path.name
