"""Choosing a handler by score, and the specific error for each kind of bad input."""

import pytest

from handlers.errors import BinaryFile, EmptyFile, UndecodableText, UnrecognizedFormat
from handlers.registry import HANDLERS, choose, parse
from handlers.source import Source
from tests.conftest import SEEDS


class Fixed:
    """A handler that always gives the same score (for testing the choice)."""

    def __init__(self, name, score):
        self.name, self.score = name, score

    def detect(self, source):
        return self.score

    def parse(self, source):
        raise NotImplementedError


def test_highest_score_wins():
    low, high = Fixed("low", 0.3), Fixed("high", 0.8)
    assert choose(Source("a.txt", b"text"), (low, high)) is high


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
