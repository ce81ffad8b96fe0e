"""Log output: human-readable lines by default, or one JSON object per line (`--log-format json`).

Nothing logged contains a secret: targets appear by label, never by URL.

Nothing logged can forge a line either: what a message carries (a file name can hold a newline, a
carriage return or a terminal escape) has its control characters written as escapes (`\\n`,
`\\x1b`), in both formats, so one record is one line, and a traceback's lines are indented.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import re
import sys

# C0 and C1 controls, DEL, line and paragraph separators, bidi overrides and isolates (which make a
# line read other than it is), and lone surrogates (bytes of a file name that are not UTF-8).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` on one line, every control character escaped: "a\\nb" for a newline in a name."""
    return _UNSAFE.sub(_escape_one, text)


def _indented(text: str) -> str:
    """A traceback under its record: each line escaped and indented, so none reads as a record."""
    return "\n".join("    " + escape(line) for line in text.splitlines())


def _escaped(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of `record` whose message is already formatted and escaped."""
    safe = copy.copy(record)
    safe.msg, safe.args = escape(record.getMessage()), None
    return safe


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message`, one line per record; a traceback follows, indented."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(_escaped(record))

    def formatException(self, ei) -> str:
        return _indented(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return _indented(stack_info)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            # Escaped like the text format: a reader printing messages raw (`jq -r .message`) sees one line each.
            "message": escape(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure(*, level: int, json_format: bool) -> None:
    """Send log records to stderr in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_format else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # watchdog and apprise are chatty at INFO; their warnings still show.
    for name in ("watchdog", "apprise", "aiosmtpd", "mail.log"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
