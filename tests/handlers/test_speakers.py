"""Speaker lines: which lines are speakers, how they split, and who each speaker is."""

import pytest

from handlers.speakers import SpeakerLine, is_speaker_line, split_speaker_line

KNOWN = frozenset({"Operator", "Eric Dutang", "Unidentified Participant"})


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Eric Dutang -- Chief Financial Office", SpeakerLine("Eric Dutang", "Chief Financial Office")),
        ("Gena Wang -- Barclays -- Analyst", SpeakerLine("Gena Wang", "Analyst", "Barclays")),
        ("Carrie Brownstein -- Chief Medical Officer.", SpeakerLine("Carrie Brownstein", "Chief Medical Officer")),
        ("Jason Helfstein -- Oppenheimer and Company", SpeakerLine("Jason Helfstein", None, "Oppenheimer and Company")),
        ("Nick Abbott -- Wells Fargo -- Analyst Vice President, Biotech Equity Research",
         SpeakerLine("Nick Abbott", "Analyst Vice President, Biotech Equity Research", "Wells Fargo")),
        ("Operator", SpeakerLine("Operator")),
    ],
)
def test_split(line, expected):
    assert split_speaker_line(line) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Eric Dutang -- Chief Financial Officer", "executive"),
        ("Tejas Gala -- Director of Investor Relations and Corporate Finance", "executive"),
        ("Gena Wang -- Barclays -- Analyst", "analyst"),
        ("David Vogt -- UBS -- Analsyt", "analyst"),
        ("Jason Helfstein -- Oppenheimer and Company", "analyst"),
        ("Operator", "operator"),
        ("Unidentified Participant", "unknown"),
    ],
)
def test_kind(line, kind):
    assert split_speaker_line(line).kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "Eric Dutang -- Chief Financial Officer",
        "Operator",
        "Unidentified Participant",
        "Unidentified Analyst",
        "Jane Q. Public -- Chief Executive Officer",
        "Ana de la Cruz -- Jefferies -- Analyst",
    ],
)
def test_speaker_lines(line):
    assert is_speaker_line(line, known=KNOWN) is not None


@pytest.mark.parametrize(
    "line",
    [
        "So that's -- I mean --",
        "OK. Brian, that's -- yeah. No. That's great.",
        "Thank you. Then I was -- Sorry.",
        "Got It -- thanks a lot.",
        "Was that on a full year kind of average basis or a period end? Or what -- how would you frame that?",
        "And in '20 -- like in June 2015 -- in 2014, we signed this agreement with Pfizer.",
        "Thank you, Tim --",
        "Operator instructions",
    ],
)
def test_speech_is_not_a_speaker(line):
    assert is_speaker_line(line, known=KNOWN) is None
