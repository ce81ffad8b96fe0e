"""JSON transcripts as APIs return them, built from real transcripts: speakers and turns, metadata from fields."""

import json

import pytest

from handlers.errors import UnrecognizedFormat
from handlers.json_transcript import JsonTranscript
from handlers.registry import parse
from handlers.source import Source
from handlers.transcript import QUESTIONS_AND_ANSWERS
from tests.conftest import SEEDS, corpus_folder, parse_file


def api_content(path, **fields) -> bytes:
    """Shape 1: a list holding one object, `content` a `Speaker Name: text` line per turn."""
    t = parse_file(path)
    content = "\n".join(f"{turn.speaker}: {' '.join(turn.text.split())}" for turn in t.turns)
    return json.dumps([{**fields, "content": content}]).encode()


def api_split(path) -> bytes:
    """Shape 2: prepared_remarks / q_and_a lists of {speaker, speech}, participants as Name--Title."""
    t = parse_file(path)
    turns = {"prepared_remarks": [], "q_and_a": []}
    for turn in t.turns:
        key = "q_and_a" if turn.section == QUESTIONS_AND_ANSWERS else "prepared_remarks"
        turns[key].append({"speaker": turn.speaker, "speech": turn.text.split("\n")})
    people = [f"{p.name}--{p.title}" if p.title else f"{p.name}--{p.affiliation}--Analyst"
              for p in t.participants if p.kind in ("executive", "analyst")]
    return json.dumps({**turns, "participants": people}).encode()


@pytest.mark.parametrize("path", [lambda: SEEDS / "CLLS_2021_Q3.txt",
                                  lambda: corpus_folder("motley_fool_txt") / "JPM_2022_Q3.txt"], ids=["seed", "jpm"])
def test_content_shape_gives_the_speakers_and_metadata_from_fields(path):
    source = parse_file(path())
    data = api_content(path(), symbol="clls", quarter=3, year=2021, date="2021-11-05 08:00:00")
    t = parse(Source("transcript.json", data))
    assert (t.format, t.ticker, t.period, t.period_source, str(t.call_date)) == (
        "json", "CLLS", "2021Q3", "header", "2021-11-05")
    assert [turn.speaker for turn in t.turns] == [turn.speaker for turn in source.turns]
    assert [" ".join(turn.text.split()) for turn in t.turns] == [" ".join(turn.text.split()) for turn in source.turns]
    # Sections from the operator's Q&A cue, as for any layout without headings.
    assert QUESTIONS_AND_ANSWERS in t.sections


def test_split_shape_keeps_sections_and_participants():
    source = parse_file(SEEDS / "CLLS_2021_Q2.txt")
    t = parse(Source("CLLS_2021_Q2.json", api_split(SEEDS / "CLLS_2021_Q2.txt")))
    assert t.format == "json"
    assert [(turn.section, turn.speaker) for turn in t.turns] == [
        (turn.section, turn.speaker) for turn in source.turns]
    # The object has no fields for the period: the operator's welcome names it, the file name the ticker.
    assert (t.ticker, t.period, t.period_source) == ("CLLS", "2021Q2", "text")
    kinds = {p.name: p.kind for p in t.participants}
    assert kinds["Andre Choulika"] == "executive" and kinds["Gena Wang"] == "analyst"
    assert t.participants[0].title  # "Chairman and Chief Executive Officer"


def test_json_that_is_not_a_transcript_is_not_claimed():
    for data in (b'{"name": "callwatch", "version": 1}', b"[1, 2, 3]", b'{"content": 5}', b"{not json"):
        assert JsonTranscript().detect(Source("x.json", data)) == 0.0
    with pytest.raises(UnrecognizedFormat):
        parse(Source("x.json", b'{"name": "callwatch", "version": 1}'))


def test_bad_field_values_are_left_unknown():
    data = json.dumps({"ticker": "not a ticker!", "quarter": 7, "year": "soon", "date": "someday",
                       "content": "Operator: Welcome.\nJane Doe: Thank you."}).encode()
    t = JsonTranscript().parse(Source("x.json", data))
    assert (t.ticker, t.fiscal_year, t.fiscal_quarter, t.call_date) == (None, None, None, None)
    assert [turn.speaker for turn in t.turns] == ["Operator", "Jane Doe"]


def test_the_json_is_parsed_once_for_detection_and_parsing(monkeypatch):
    import handlers.json_transcript as module

    data = api_content(SEEDS / "CLLS_2021_Q3.txt", symbol="CLLS", quarter=3, year=2021)
    calls = []
    monkeypatch.setattr(module.json, "loads", lambda text, _loads=json.loads: calls.append(1) or _loads(text))
    t = parse(Source("transcript.json", data))
    assert (t.format, t.ticker) == ("json", "CLLS")
    assert len(calls) == 1  # detect's parse is parse's: a long transcript is not read twice
