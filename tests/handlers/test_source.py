"""Decoding bytes into text: UTF-8 first, then cp1252, binary and undecodable files refused."""

import pytest

from handlers.errors import BinaryFile, EmptyFile, UndecodableText
from handlers.source import Source


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"plain ascii", "plain ascii", "utf-8"),
        ("Café – “quoted”".encode(), "Café – “quoted”", "utf-8"),
        (b"\xef\xbb\xbfwith BOM", "with BOM", "utf-8"),
        (b"Caf\xe9 \x93quoted\x94 \x96 dash", "Café “quoted” – dash", "cp1252"),
        (b"line one\r\nline two\rline three", "line one\nline two\nline three", "utf-8"),
    ],
)
def test_decodes_and_records_encoding(data, text, encoding):
    source = Source("a.txt", data)
    assert source.text == text
    assert source.encoding == encoding


def test_nul_byte_means_binary_with_offset():
    with pytest.raises(BinaryFile) as caught:
        _ = Source("a.bin", b"abc\x00def").text
    assert caught.value.offset == 3
    assert "binary" in str(caught.value)


def test_bytes_invalid_in_every_encoding():
    # 0x81 is undefined in cp1252 and a lone continuation byte in UTF-8.
    with pytest.raises(UndecodableText) as caught:
        _ = Source("a.txt", b"hello \x81 world").text
    assert caught.value.tried == ("utf-8", "cp1252")
    assert caught.value.offset == 6


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty(data):
    with pytest.raises(EmptyFile):
        Source("a.txt", data).check_not_empty()
