"""File names as they are stored and shown: valid UTF-8, one printable line, and lossless."""

import os
from pathlib import Path

import pytest

from worker.filenames import path_of, shown


@pytest.mark.parametrize(("raw", "expected"), [
    (b"CLLS_2021_Q2.txt", "CLLS_2021_Q2.txt"),
    (b"Caf\xc3\xa9 call.txt", "Café call.txt"),  # valid UTF-8 stays as it is
    (b"CLLS_\xff_2021_Q2.txt", "CLLS_\\xff_2021_Q2.txt"),  # not UTF-8
    (b"latin1_caf\xe9.txt", "latin1_caf\\xe9.txt"),
    (b"two\nlines.txt", "two\\x0alines.txt"),  # a newline cannot forge a second line
    (b"tab\there\x7f.txt", "tab\\x09here\\x7f.txt"),
    (b"back\\slash.txt", "back\\\\slash.txt"),  # the escape character itself, so that no two names meet
    ("sep\u2028arator.txt".encode(), "sep\\u2028arator.txt"),
])
def test_shown(raw, expected):
    assert shown(os.fsdecode(raw)) == expected
    assert shown(Path(os.fsdecode(raw))) == expected


@pytest.mark.parametrize("raw", [
    b"/inbox/CLLS_\xff_2021_Q2.txt", b"back\\slash\\xff", b"\\x41", b"a\nb\r\x00c", b"\xed\xa0\x80 surrogate bytes",
    "e\u0301 combining \u2028 \U0001f600 \U000e0001 \U0010ffff".encode(),
])
def test_lossless(raw):
    name = os.fsdecode(raw)
    assert os.fsencode(path_of(shown(name))) == raw
    assert shown(name).encode("utf-8")  # storable in SQLite as text


def test_distinct_names_stay_distinct():
    names = [b"a\\xff", b"a\xff", b"a\\\\xff", b"a\\x5cxff"]
    assert len({shown(os.fsdecode(name)) for name in names}) == len(names)
