"""Log lines cannot be forged: control characters in what is logged (a file name) are escaped,
in human and in JSON output; a real `callwatch run` on a real file with a newline in its name."""

import io
import json
import logging
import re
import sys

import pytest

from tests.conftest import SEEDS
from tests.worker.test_cli import run
from worker import logs
from worker.logs import JsonFormatter, configure

# A name that, written raw, would put a line in the log that looks like the service's own.
FORGED = "2099-01-01 00:00:00,000 WARNING callwatch.service: all alerts disabled"
NAME = f"CLLS_2021_Q2.txt\n{FORGED}.txt"
RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+: ")


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (tmp_path / "callwatch.toml").write_text("[watch]\nstable_seconds = 0\n")  # --once: take files just written
    (folder / NAME).write_bytes((SEEDS / "CLLS_2021_Q2.txt").read_bytes())
    (folder / "notes\r\x1b[2Kok.txt").write_text("Buy milk.")  # fails, logged with its name; \x1b[2K erases a line
    return folder


def test_human_log_escapes_a_newline_in_a_file_name(tmp_path, inbox):
    result = run("run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(RECORD.match(line) or line.startswith("    ") for line in lines), lines
    assert not any(line.startswith("2099") for line in lines)
    [ingested] = [line for line in lines if "ingested" in line]
    # File names reach the log already shown escaped (worker.filenames.shown: one form everywhere).
    assert ingested.endswith(f"CLLS_2021_Q2.txt\\x0a{FORGED}.txt as call 1: "
                             "baseline: the first call of CLLS, not alerted")
    [failed] = [line for line in lines if "failed" in line]
    assert "notes\\x0d\\x1b[2Kok.txt" in failed and "\x1b" not in result.stderr and "\r" not in result.stderr


def test_json_log_escapes_it_in_the_message_too(tmp_path, inbox):
    result = run("--log-format", "json", "run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    # `jq -r .message` prints the message raw: it must not be able to forge a line either.
    messages = "\n".join(entry["message"] for entry in entries)
    assert not any(line.startswith("2099") for line in messages.splitlines())
    assert f"CLLS_2021_Q2.txt\\x0a{FORGED}.txt as call 1" in messages
    assert "\x1b" not in messages and "\r" not in messages


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\nb", "a\\nb"), ("a\r\tb", "a\\r\\tb"), ("\x1b[31mred", "\\x1b[31mred"), ("\x7f\x85", "\\x7f\\x85"),
    ("line\u2028sep", "line\\u2028sep"), ("bidi\u202eevil", "bidi\\u202eevil"),
    ("name\udcff.txt", "name\\xff.txt"),  # a byte that is not UTF-8, kept as a surrogate escape
    ("plain é ü 1.5", "plain é ü 1.5"),
])
@pytest.mark.parametrize("json_format", [False, True])
def test_every_control_character_is_escaped(raw, shown, json_format):
    stream = io.StringIO()
    logger = logging.getLogger("callwatch.test_logs")
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure(level=logging.INFO, json_format=json_format)
        root.handlers[0].setStream(stream)
        logger.info("file %s", raw)
    finally:
        root.handlers[:], root.level = saved
    [line] = stream.getvalue().splitlines()
    message = json.loads(line)["message"] if json_format else line
    assert message.endswith(f"file {shown}")


def test_exception_text_cannot_forge_a_record():
    formatter = JsonFormatter()
    try:
        raise ValueError(f"bad\n{FORGED}")
    except ValueError:
        record = logging.LogRecord("callwatch", logging.ERROR, __file__, 1, "could not ingest %s", ("x",),
                                   exc_info=sys.exc_info())
    assert "\n" not in formatter.format(record)
    text = logs.TextFormatter().format(record).splitlines()
    assert text[0].endswith("could not ingest x")
    assert all(line.startswith("    ") for line in text[1:]) and any(FORGED in line for line in text[1:])
