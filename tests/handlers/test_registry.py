"""Choosing a handler by score, and the specific error for each kind of bad input."""

import pytest

from handlers.errors import BinaryFile, EmptyFile, UndecodableText, UnrecognizedFormat
from handlers.registry import HANDLERS, choose, parse
from handlers.source import Source
from tests.conftest import SEEDS


class Fixed:
    """A handler that always gives the same score (for testing the choice)."""

    def __init__(self, name, score, *, last_resort=False):
        self.name, self.score, self.last_resort = name, score, last_resort

    def detect(self, source):
        return self.score

    def parse(self, source):
        raise NotImplementedError


def test_highest_score_wins():
    low, high = Fixed("low", 0.3), Fixed("high", 0.8)
    assert choose(Source("a.txt", b"text"), (low, high)) is high


def test_last_resort_asked_only_when_no_layout_with_structure_answers():
    class Counting(Fixed):
        asked = 0

        def detect(self, source):
            Counting.asked += 1
            return self.score

    structured, fallback = Fixed("structured", 0.6), Counting("prose", 0.9, last_resort=True)
    assert choose(Source("a.txt", b"text"), (fallback, structured)) is structured
    assert Counting.asked == 0
    assert choose(Source("a.txt", b"text"), (fallback, Fixed("no", 0.0))) is fallback


def test_every_handler_declares_whether_it_is_a_last_resort():
    assert {h.name for h in HANDLERS if h.last_resort} == {"sentence_list_txt", "flat_txt"}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyFile),
        (b"\n \n", EmptyFile),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFile),
        (b"Prepared Remarks:\n\x81\x8d", UndecodableText),
        (b"Shopping list: eggs, milk, bread.", UnrecognizedFormat),
    ],
)
def test_bad_input_gets_specific_error(data, error):
    with pytest.raises(error):
        parse(Source("a.txt", data))


def test_unrecognized_names_the_layouts_tried():
    with pytest.raises(UnrecognizedFormat) as caught:
        parse(Source("a.txt", b"Just words."))
    assert caught.value.known == tuple(handler.name for handler in HANDLERS)


def test_seed_parsed_with_file_name_as_fallback_only():
    data = (SEEDS / "CLLS_2021_Q2.txt").read_bytes()
    transcript = parse(Source("XYZ_2019_Q1.txt", data))
    assert (transcript.ticker, transcript.period, transcript.format) == ("CLLS", "2021Q2", "motley_fool_txt")
