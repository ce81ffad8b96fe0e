"""The `callwatch` command line, run as a user runs it: a real process on real files."""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import ROOT, SEEDS
from worker.cli import cli

CALLWATCH = Path(sys.executable).parent / "callwatch"


def run(*args, cwd, env=None):
    """Run the installed `callwatch` and return the completed process."""
    import os

    environ = {k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")}
    environ.update(env or {})
    return subprocess.run([str(CALLWATCH), *args], cwd=cwd, env=environ, capture_output=True, text=True,
                          timeout=60)


def test_ingest_seeds_then_list_and_show(tmp_path):
    result = run("ingest", str(SEEDS), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 ingested, 0 duplicate, 0 failed\nfiscal period from: header 2"
    db = sqlite3.connect(tmp_path / "callwatch.db")
    assert db.execute("SELECT ticker, fiscal_year, fiscal_quarter, call_date FROM calls ORDER BY id").fetchall() == [
        ("CLLS", 2021, 2, "2021-08-06"), ("CLLS", 2021, 3, "2021-11-05")]
    db.close()

    again = run("ingest", str(SEEDS), cwd=tmp_path)
    assert (again.returncode, again.stdout.strip()) == (0, "0 ingested, 2 duplicate, 0 failed")

    listed = run("calls", "--ticker", "clls", "--json", cwd=tmp_path)
    rows = json.loads(listed.stdout)
    assert [(r["fiscal_quarter"], r["segments"], r["participants"]) for r in rows] == [(3, 89, 14), (2, 54, 11)]

    shown = run("show", "CLLS:2021Q2", cwd=tmp_path)
    assert shown.returncode == 0
    assert "Cellectis SA (CLLS) Q2 2021 Earnings Call" in shown.stdout
    assert "prepared_remarks: 5 turns" in shown.stdout and "qa: 49 turns" in shown.stdout
    assert "analyst   Gena Wang -- Barclays -- Analyst" in shown.stdout


def test_batch_with_bad_files_exits_1_and_keeps_going(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "CLLS_2021_Q2.txt").write_bytes((SEEDS / "CLLS_2021_Q2.txt").read_bytes())
    (inbox / "notes.txt").write_text("Buy milk.")
    (inbox / ".hidden.txt").write_text("ignored")
    (inbox / "download.txt.part").write_text("ignored")
    result = run("ingest", cwd=tmp_path)  # no PATH: the configured inbox
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "1 ingested, 0 duplicate, 2 failed"
    assert f"failed: {inbox / 'empty.txt'}: the file is empty" in result.stderr
    assert "notes.txt: not a transcript in any known layout" in result.stderr


def test_documents_are_rejected_by_content_and_the_batch_goes_in(tmp_path):
    # Named on the command line, so the folder rule that skips README* does not apply: content decides.
    docs = [ROOT / "README.md", ROOT / "docs" / "schema.md", ROOT / "pyproject.toml"]
    result = run("ingest", *map(str, docs), str(SEEDS / "CLLS_2021_Q2.txt"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "1 ingested, 0 duplicate, 3 failed"
    assert f"failed: {docs[0]}: not a transcript: the text looks like Markdown" in result.stderr
    assert f"failed: {docs[1]}: not a transcript: the text looks like Markdown" in result.stderr
    assert f"failed: {docs[2]}: not a transcript: the text looks like a configuration file" in result.stderr
    db = sqlite3.connect(tmp_path / "callwatch.db")
    codes = db.execute("SELECT error_code FROM files WHERE status = 'failed' ORDER BY path").fetchall()
    assert codes == [("not_a_transcript",)] * 3
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (1,)


def test_config_error_exits_2_naming_key_without_secret(tmp_path):
    (tmp_path / "callwatch.toml").write_text(
        '[ingest]\nmax_file_mb = "big"\n[[alerts.targets]]\nurl = "bogus://me:s3cret@host"\n')
    result = run("calls", cwd=tmp_path)
    assert result.returncode == 2
    assert "ingest.max_file_mb = 'big'" in result.stderr
    assert "alerts.targets.0.url = ***" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_missing_config_file_exits_2(tmp_path):
    result = run("--config", "nope.toml", "calls", cwd=tmp_path)
    assert result.returncode == 2
    assert "configuration file not found: nope.toml (named by --config)" in result.stderr


@pytest.mark.parametrize("variable", ["CALLWATCH_DATABASE__PATH", "callwatch_database__path"])
def test_read_only_commands_read_the_database_the_environment_names(tmp_path, variable):
    # Any CALLWATCH_* variable, in any case, is configuration: read through the settings, not the defaults.
    ingested = run("ingest", str(SEEDS / "CLLS_2021_Q3.txt"), cwd=tmp_path,
                   env={"CALLWATCH_DATABASE__PATH": str(tmp_path / "data" / "x.db")})
    assert ingested.returncode == 0, ingested.stderr
    listed = run("calls", "--json", cwd=tmp_path, env={variable: str(tmp_path / "data" / "x.db")})
    assert listed.returncode == 0, listed.stderr
    assert [row["ticker"] for row in json.loads(listed.stdout)] == ["CLLS"]
    status = run("status", "--json", cwd=tmp_path, env={variable: str(tmp_path / "data" / "x.db")})
    assert json.loads(status.stdout)["files"]["ingested"] == 1
    missing = run("calls", cwd=tmp_path)  # unconfigured: ./callwatch.db, which is not there
    assert missing.returncode == 2 and "no database at callwatch.db" in missing.stderr


def test_env_overrides_database_path(tmp_path):
    result = run("ingest", str(SEEDS / "CLLS_2021_Q3.txt"), cwd=tmp_path,
                 env={"CALLWATCH_DATABASE__PATH": str(tmp_path / "data" / "x.db")})
    assert result.returncode == 0
    assert (tmp_path / "data" / "x.db").exists() and not (tmp_path / "callwatch.db").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "CLLS:2030Q1"], 1, "no call matches 'CLLS:2030Q1'"),
        (["show", "last-quarter"], 2, "is not a call id or TICKER:YYYYQN"),
        (["ingest", "no/such/path"], 2, "does not exist"),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_exit_codes(tmp_path, args, code, message):
    from worker.store import Store

    Store(tmp_path / "callwatch.db").close()  # `show` reads a database; it never creates one
    result = run(*args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr


def test_ingest_without_inbox_folder_is_a_config_error(tmp_path):
    result = run("ingest", cwd=tmp_path)
    assert result.returncode == 2
    assert "watch.paths = inbox: existing folders" in result.stderr


def commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


@pytest.mark.parametrize("command", list(commands(cli)), ids=" ".join)
def test_every_command_has_help_with_examples_and_is_in_the_readme(tmp_path, command):
    result = run(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Examples:" in result.stdout
    readme = (ROOT / "README.md").read_text()
    assert re.search(rf"`callwatch {' '.join(command)}\b", readme), f"callwatch {' '.join(command)} not in README"


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and re.match(r"callwatch, version \d+\.\d+", result.stdout)


def test_whole_development_corpus_ingests_without_failure(tmp_path):
    from tests.conftest import corpus_folder

    corpus = corpus_folder("")
    result = run("ingest", str(ROOT / "seeds"), str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    ingested, duplicate, failed = map(int, re.match(r"(\d+) ingested, (\d+) duplicate, (\d+) failed",
                                                     result.stdout).groups())
    # 2 seeds and 356 transcripts; CT_GOOG_2018_q4 and CT_GOOGL_2018_q4 are the same bytes.
    assert (ingested, duplicate, failed) == (357, 1, 0)
    db = sqlite3.connect(tmp_path / "callwatch.db")
    formats = dict(db.execute("SELECT format, count(*) FROM calls GROUP BY format").fetchall())
    sources = dict(db.execute("SELECT period_source, count(*) FROM calls GROUP BY 1").fetchall())
    biopharma = db.execute("SELECT count(*), sum(ticker IS NOT NULL AND fiscal_year IS NOT NULL) FROM calls "
                           "WHERE source_path LIKE '%/biopharma/%'").fetchone()
    db.close()
    assert formats == {"motley_fool_txt": 51, "motley_fool_html": 9, "motley_fool_2025_txt": 14,
                       "seeking_alpha_txt": 123, "capitaliq_txt": 40, "flat_txt": 70, "sentence_list_txt": 50}
    assert biopharma == (80, 80)
    # Every call has a period, and says how it was found.
    assert sum(sources.values()) == 357 and None not in sources
    assert sources["call date"] == 33
    assert "fiscal period from: " in result.stdout
