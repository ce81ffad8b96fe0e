"""`Source`: a file's name and bytes, decoded to text on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from handlers.errors import BinaryFile, EmptyFile, UndecodableText

# Tried in order; the first that decodes every byte wins and is recorded.
ENCODINGS = ("utf-8", "cp1252")  # names as Python spells them; recorded in files.encoding

# The longest line `Source.headings` keeps.
HEADING_MAX_CHARS = 80

# Enough to tell text from binary without scanning a large file twice.
_SNIFF_BYTES = 8192


@dataclass
class Source:
    """The raw input of a handler.

    Args:
        name: the file name (not a path), used for metadata such as `AAPL_2021_Q1.txt`.
        data: the file's bytes.
        folder: the name of the folder holding the file, or "" when unknown.
    """

    name: str
    data: bytes
    folder: str = ""
    _text: str | None = field(default=None, init=False, repr=False)
    _encoding: str | None = field(default=None, init=False, repr=False)
    # What a handler's `detect` worked out, kept for its `parse` (the JSON handler's parsed document),
    # by handler name: a long transcript is not parsed twice.
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def check_not_empty(self) -> None:
        """Raise `EmptyFile` when there is nothing but white space."""
        if not self.data.strip():
            raise EmptyFile()

    def binary_offset(self) -> int | None:
        """The offset of a NUL byte near the start, which text never has; else None."""
        offset = self.data.find(b"\x00", 0, _SNIFF_BYTES)
        return None if offset < 0 else offset

    @property
    def text(self) -> str:
        """The decoded text with newlines normalised to `\\n`.

        Raises:
            BinaryFile: the bytes hold a NUL.
            UndecodableText: no encoding in `ENCODINGS` decodes the bytes.
        """
        if self._text is None:
            self._text, self._encoding = _decode(self.data, self.binary_offset())
        return self._text

    @cached_property
    def headings(self) -> frozenset[str]:
        """Every distinct short line, stripped: lets handlers test for headings without scanning the text.

        Lines longer than `HEADING_MAX_CHARS` (paragraphs) are left out: no heading is that long.
        """
        return frozenset(line for line in map(str.strip, self.text.split("\n")) if len(line) <= HEADING_MAX_CHARS)

    @cached_property
    def _lowered_headings(self) -> frozenset[str]:
        return frozenset(map(str.lower, self.headings))

    def has_heading(self, *candidates: str) -> bool:
        """Whether any of `candidates` (lower case) is a line of its own, in any capitalisation."""
        return not self._lowered_headings.isdisjoint(candidates)

    @property
    def encoding(self) -> str:
        """The encoding that decoded `text`."""
        self.text  # noqa: B018 - decoding sets the encoding
        assert self._encoding is not None
        return self._encoding


def _decode(data: bytes, nul_offset: int | None) -> tuple[str, str]:
    if nul_offset is not None:
        raise BinaryFile(offset=nul_offset)
    last_error: UnicodeDecodeError | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            last_error = error
            continue
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return text, encoding
    assert last_error is not None
    raise UndecodableText(tried=ENCODINGS, offset=last_error.start)
