"""Seeking Alpha text: title line, participant lists, bare speaker lines, cp1252 bytes."""

from handlers.seeking_alpha import SeekingAlpha
from handlers.source import Source
from tests.conftest import corpus_folder, parse_file
from tests.layouts import first_turns, kinds, summary


def sa(name):
    return parse_file(corpus_folder("seeking_alpha_txt") / name)


def test_boeing_exact_with_company_and_conference_call_participants():
    t = sa("CT_BA_2018_q4.txt")
    assert summary(t) == ("seeking_alpha_txt", "The Boeing Company", "BA", 2018, 4, "2019-01-30", "10:30 AM ET",
                          "The Boeing Company (BA) Q4 2018 Earnings Conference Call", ("prepared_remarks", "qa"),
                          80, 20)
    assert kinds(t) == {"executive": 4, "analyst": 15, "operator": 1}
    assert first_turns(t, "qa") == [
        ("Operator", None, None, "[Operator Instructions] Our first questi"),
        ("Rajeev Lalwani", None, "Morgan Stanley", "On the 737 at what point you expect to b"),
    ]


def test_cp1252_curly_quotes_decoded():
    t = sa("CT_AXP_2018_q1.txt")
    assert t.encoding == "cp1252"
    assert "We appreciate all of you joining us for today’s call." in t.turns[1].text
    assert (t.turns[1].speaker, t.turns[1].role) == ("Toby Willard", "Vice President, Investor Relations")


def test_speaker_lines_with_affiliation_and_stray_reference_lines():
    t = sa("CT_MSFT_2019_q1.txt")
    assert summary(t)[2:5] == ("MSFT", 2019, 1)
    assert [p.name for p in t.participants if p.kind == "executive"] == [
        "Michael Spencer", "Satya Nadella", "Amy E. Hood"]
    assert t.turns[1].speaker == "Michael Spencer"


def test_title_over_three_lines_and_time_without_am_pm():
    t = sa("CT_PSX_2018_q4.txt")
    assert summary(t)[1:7] == ("Phillips 66", "PSX", 2018, 4, "2019-02-08", "12:00 ET")


def test_name_variant_takes_the_listed_persons_role():
    t = sa("CT_STT_2018_q2.txt")
    people = {p.name: p.kind for p in t.participants}
    assert people["Jeffery Harte"] == "analyst"  # listed as "Jeff Harte"
    assert people["Ron O'Hanley"] == "executive"  # listed as "Ronald O'Hanley"


def test_every_file_parses_with_both_sections_and_no_orphan_text():
    for path in sorted(corpus_folder("seeking_alpha_txt").glob("*.txt")):
        t = parse_file(path)
        assert t.format == "seeking_alpha_txt", path.name
        assert t.sections == ("prepared_remarks", "qa"), path.name
        assert all(turn.speaker for turn in t.turns), path.name
        assert t.comparable and t.call_date, path.name


def test_detect_needs_title_and_participants_heading():
    assert SeekingAlpha().detect(Source("x.txt", b"Acme (NYSE:ACM) Q1 2020 Earnings Call\nHello\n")) == 0.0
