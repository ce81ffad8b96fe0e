"""The classic Motley Fool text handler, on the seeds and the development corpus."""

import datetime as dt
from collections import Counter

import pytest

from handlers.errors import MalformedTranscript
from handlers.motley_fool import MotleyFoolText
from handlers.source import Source
from tests.conftest import SEEDS, corpus_folder, parse_file


def kinds(transcript):
    return Counter(p.kind for p in transcript.participants)


def test_seed_q2_header_and_participants():
    t = parse_file(SEEDS / "CLLS_2021_Q2.txt")
    assert (t.company, t.ticker, t.fiscal_year, t.fiscal_quarter) == ("Cellectis SA", "CLLS", 2021, 2)
    assert (t.call_date, t.call_time) == (dt.date(2021, 8, 6), "8:00 a.m. ET")
    assert t.title == "Cellectis SA (CLLS) Q2 2021 Earnings Call"
    assert t.duration_minutes == 52
    assert t.sections == ("prepared_remarks", "qa")
    assert kinds(t) == {"executive": 3, "analyst": 7, "operator": 1}
    gena = next(p for p in t.participants if p.name == "Gena Wang")
    assert (gena.affiliation, gena.title, gena.kind) == ("Barclays", "Analyst", "analyst")


def test_seed_q2_turns_attributed():
    t = parse_file(SEEDS / "CLLS_2021_Q2.txt")
    speakers = Counter((turn.section, turn.speaker) for turn in t.turns)
    assert speakers[("prepared_remarks", "Eric Dutang")] == 2
    assert speakers[("qa", "Andre Choulika")] == 17
    assert speakers[("qa", "Carrie Brownstein")] == 5
    assert speakers[("qa", "Michael Schmidt")] == 3
    assert len(t.turns) == 54
    # The advertising block inside the operator's opening turn is gone; the turn around it is whole.
    opening = t.turns[0]
    assert opening.speaker == "Operator"
    assert opening.text.startswith("Greetings. Welcome to Cellectis' Second Quarter 2021 Earnings Call.")
    assert opening.text.endswith("Eric, you may now begin.")
    assert "Stock Advisor" not in "\n".join(turn.text for turn in t.turns)
    cfo = t.turns[1]
    assert (cfo.speaker, cfo.role) == ("Eric Dutang", "Chief Financial Officer")


def test_seed_q3_title_differs_between_list_and_turn_and_unidentified_participant():
    t = parse_file(SEEDS / "CLLS_2021_Q3.txt")
    assert (t.ticker, t.period, t.call_date) == ("CLLS", "2021Q3", dt.date(2021, 11, 5))
    assert kinds(t) == {"executive": 3, "analyst": 9, "unknown": 1, "operator": 1}
    first_question = next(turn for turn in t.turns if turn.section == "qa" and turn.speaker != "Operator")
    assert first_question.speaker == "Unidentified Participant"
    carrie = [turn for turn in t.turns if turn.speaker == "Carrie Brownstein"]
    assert len(carrie) == 18
    assert {turn.role for turn in carrie} == {"Chief Medical Officer"}
    assert t.turns[-1].text == "[Operator Closing Remarks]"


@pytest.mark.parametrize(
    ("name", "turns", "executives", "analysts", "duration", "first_analyst"),
    [
        ("AAPL_2021_Q1.txt", 72, 3, 9, 61, ("Katy Huberty", "Morgan Stanley")),
        ("JPM_2022_Q3.txt", 76, 2, 12, None, ("Ken Usdin", "Jefferies")),
        ("BAC_2021_Q2.txt", 94, 3, 8, 81, ("Glenn Schorr", "Evercore ISI")),
        ("MSFT_2023_Q2.txt", 50, 3, 8, None, None),
    ],
)
def test_corpus_exact_values(name, turns, executives, analysts, duration, first_analyst):
    t = parse_file(corpus_folder("motley_fool_txt") / name)
    ticker, year, quarter = name.removesuffix(".txt").split("_")
    assert (t.ticker, t.fiscal_year, t.fiscal_quarter) == (ticker, int(year), int(quarter[1]))
    assert len(t.turns) == turns
    assert (kinds(t)["executive"], kinds(t)["analyst"]) == (executives, analysts)
    assert t.duration_minutes == duration
    if first_analyst:
        turn = next(turn for turn in t.turns if turn.section == "qa" and turn.affiliation)
        assert (turn.speaker, turn.affiliation) == first_analyst


def test_every_corpus_file_has_sections_and_speakers():
    folder = corpus_folder("motley_fool_txt")
    for path in sorted(folder.glob("*.txt")):
        t = parse_file(path)
        assert t.sections == ("prepared_remarks", "qa"), path.name
        listed = {p.name for p in t.participants if p.kind != "operator"}
        spoken = {turn.speaker for turn in t.turns}
        assert None not in spoken, f"{path.name}: text outside any speaker's turn"
        # Everyone listed as an executive speaks, and nobody speaks who is neither listed nor the operator.
        assert spoken - listed <= {"Operator"}, (path.name, spoken - listed)
        assert t.comparable, path.name


def test_questions_and_answers_variant_and_no_header():
    text = "Prepared Remarks:\nOperator\nWelcome.\nJane Doe -- Chief Executive Officer\nHello.\n" \
           "Questions & Answers:\nOperator\nFirst question.\nJohn Roe -- Big Bank -- Analyst\nHow is cash?\n" \
           "Jane Doe -- Chief Executive Officer\nFine.\nDuration: 0 minutes\nCall participants:\n" \
           "Jane Doe -- Chief Executive Officer\nJohn Roe -- Big Bank -- Analyst\nMore XYZ analysis\n"
    t = MotleyFoolText().parse(Source("x.txt", text.encode()))
    assert [(turn.section, turn.speaker, turn.text) for turn in t.turns] == [
        ("prepared_remarks", "Operator", "Welcome."),
        ("prepared_remarks", "Jane Doe", "Hello."),
        ("qa", "Operator", "First question."),
        ("qa", "John Roe", "How is cash?"),
        ("qa", "Jane Doe", "Fine."),
    ]
    assert t.duration_minutes is None
    assert t.ticker is None and not t.comparable


def test_recognised_layout_without_turns_is_malformed():
    with pytest.raises(MalformedTranscript, match="no speaker turns"):
        MotleyFoolText().parse(Source("x.txt", b"Prepared Remarks:\nsome words\nCall participants:\n"))


def test_detect_scores():
    handler = MotleyFoolText()
    assert handler.detect(Source("a", (SEEDS / "CLLS_2021_Q2.txt").read_bytes())) == 0.9
    assert handler.detect(Source("a", b"Dear diary, today was fine.")) == 0.0


@pytest.mark.parametrize("odd", ["--", " -- ", "-- --", "--\t--"])
def test_a_line_of_separators_among_the_participants_is_not_a_participant(odd):
    from handlers.registry import parse
    from handlers.source import Source

    text = (SEEDS / "CLLS_2021_Q2.txt").read_text()
    before, after = text.split("Call participants:\n", 1)
    mangled = f"{before}Call participants:\n{odd}\n{after.replace(chr(10), chr(10) + odd + chr(10), 2)}"
    transcript = parse(Source("CLLS_2021_Q2.txt", mangled.encode()))
    assert len(transcript.participants) == len(parse(Source("CLLS_2021_Q2.txt", text.encode())).participants)
    assert all(participant.name.strip("- ") for participant in transcript.participants)
