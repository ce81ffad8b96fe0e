"""File names as the service stores and shows them: valid UTF-8 on one printable line, and lossless.

A Linux file name is bytes; Python holds the bytes that are not UTF-8 as surrogate escapes
(`os.fsdecode`), which SQLite cannot store and a terminal cannot show. `shown` writes such bytes,
and control characters (a newline in a name would forge a log line), as `\\xNN`; other characters
that do not print (U+2028 LINE SEPARATOR) as `\\uNNNN` or `\\UNNNNNNNN`; and the backslash itself as `\\\\`, so
that `path_of` gives back the exact bytes and no two names are shown alike. A name that is
printable UTF-8 without a backslash, as nearly all are, is shown as it is.

    shown(os.fsdecode(b"CLLS_\\xff_Q2.txt")) == "CLLS_\\\\xff_Q2.txt"  # printed: CLLS_\\xff_Q2.txt
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# `\\`, `\xNN`, `\uNNNN` or `\UNNNNNNNN`: the escapes `shown` writes, read back by `path_of`.
_ESCAPE = re.compile(r"\\(?:(\\)|x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")


def shown(path: Path | str) -> str:
    """`path` as stored in the database and shown in output and logs (see the module's docstring)."""
    text = os.fspath(path)
    if text.isprintable() and "\\" not in text:
        return text  # the common case, checked at C speed
    out = []
    for char in text:
        point = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif 0xDC80 <= point <= 0xDCFF:  # a byte that is not UTF-8, held as a surrogate escape
            out.append(f"\\x{point - 0xDC00:02x}")
        elif point < 0x80 and not char.isprintable():  # control characters: one byte each
            out.append(f"\\x{point:02x}")
        elif not char.isprintable():
            out.append(f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}")
        else:
            out.append(char)
    return "".join(out)


def path_of(stored: str) -> Path:
    """The path `shown` turned into `stored`, with its exact bytes."""
    parts = []
    position = 0
    for match in _ESCAPE.finditer(stored):
        parts.append(stored[position:match.start()].encode("utf-8", "surrogateescape"))
        backslash, byte, short, long = match.groups()
        if backslash:
            parts.append(b"\\")
        elif byte:
            parts.append(bytes([int(byte, 16)]))
        else:
            parts.append(chr(int(short or long, 16)).encode("utf-8", "surrogatepass"))
        position = match.end()
    parts.append(stored[position:].encode("utf-8", "surrogateescape"))
    return Path(os.fsdecode(b"".join(parts)))
