"""The 2024+ fool.com layout: header, the publisher's summary kept apart, `Name:Text` turns."""

from handlers.motley_fool_2025 import MotleyFool2025
from handlers.source import Source
from handlers.transcript import PUBLISHER_SUMMARY
from tests.conftest import corpus_folder, parse_file
from tests.layouts import first_turns, kinds, summary


def test_meta_exact():
    t = parse_file(corpus_folder("motley_fool_2025_txt") / "META_2025_Q4.txt")
    assert summary(t) == ("motley_fool_2025_txt", "Meta Platforms", "META", 2025, 4, "2026-01-28", "4:30 p.m. ET",
                          "Meta Platforms Q4 2025 Earnings Call", ("summary", "prepared_remarks", "qa"), 37, 13)
    assert kinds(t) == {"executive": 3, "operator": 1, "analyst": 9}
    assert first_turns(t, "prepared_remarks", 1) == [
        ("Kenneth J. Dorell", None, None, "Thank you. Good afternoon, and welcome t")]
    assert first_turns(t, "qa") == [
        ("Krista", None, None, "Thank you. We will now open the lines fo"),
        ("Brian Thomas Nowak", None, None, "Thanks for taking my questions. I have o"),
    ]


def test_publisher_summary_is_its_own_section_without_speaker():
    t = parse_file(corpus_folder("motley_fool_2025_txt") / "META_2025_Q4.txt")
    summary_turns = [turn for turn in t.turns if turn.section == PUBLISHER_SUMMARY]
    assert [turn.role for turn in summary_turns] == ["Summary"]
    assert all(turn.speaker is None for turn in summary_turns)
    assert summary_turns[0].text.startswith("Meta Platforms(META0.63%)reported substantial")
    assert not any("Need a quote" in turn.text for turn in t.turns)


def test_period_unnamed_in_the_call_is_taken_from_the_call_date_and_marked_so():
    # The file name says CSBR_None_QNone and the call never names its quarter next to "earnings":
    # the quarter last ended before the call date (2025-09-15) is a guess, and stored as one.
    t = parse_file(corpus_folder("motley_fool_2025_txt") / "CSBR_None_QNone.txt")
    assert (t.ticker, t.period, t.period_source, t.comparable) == ("CSBR", "2025Q2", "call date", True)
    assert str(t.call_date) == "2025-09-15"


def test_every_file_parses_with_speakers():
    for path in sorted(corpus_folder("motley_fool_2025_txt").glob("*.txt")):
        t = parse_file(path)
        speakers = {turn.speaker for turn in t.turns if turn.speaker}
        assert len(speakers) >= 3, path.name
        assert "qa" in t.sections, path.name
        assert t.ticker and t.call_date, path.name


def test_single_word_speaker_needs_to_recur():
    text = ("NASDAQ:XYZ\nXyz Corp\nDate\nJan. 5, 2026, 9 a.m. ET\nTakeaways\nSummary\nA summary.\n"
            "Full Conference Call Transcript\nJane Doe:Welcome.\nNote:this is speech.\nKrista:Thank you. "
            "[Operator Instructions]\nJohn Roe:My question.\nKrista:Next question.\n")
    t = MotleyFool2025().parse(Source("x.txt", text.encode()))
    speakers = [turn.speaker for turn in t.turns if turn.section != PUBLISHER_SUMMARY]
    assert speakers == ["Jane Doe", "Krista", "John Roe", "Krista"]
    assert "Note:this is speech." in t.turns[1].text
