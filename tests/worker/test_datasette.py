"""Datasette metadata from docs/schema.md, the documented questions on the corpus, and a real Datasette."""

import json
import os
import signal
import sqlite3
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, corpus_folder
from tests.receivers import free_port, wait_until
from tests.worker.test_cli import CALLWATCH
from worker.datasette import canned_queries, metadata, schema_text
from worker.discovery import find_files
from worker.pipeline import ingest_files
from worker.store import Store

PARAMS = {"a_company_s_cash_by_quarter": {"ticker": "clls"},
          "changes_by_severity_since_a_call_date": {"severity": "notable", "since": "2015-01-01"}}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The seeds and the biopharma corpus, ingested in this process."""
    path = tmp_path_factory.mktemp("db") / "callwatch.db"
    files = find_files([SEEDS, corpus_folder("biopharma")])
    with Store(path) as store:
        assert all(o.status == "ingested" for o in ingest_files(store, files, max_bytes=20_000_000))
    return path


def test_the_package_ships_the_schema_document():
    assert schema_text() == (ROOT / "docs" / "schema.md").read_text()


def test_every_table_and_column_has_its_description(tmp_path):
    meta = metadata(schema_text(), database="callwatch")["databases"]["callwatch"]
    with Store(tmp_path / "c.db") as store:
        for table in (t for t in store.db.table_names() if not t.startswith(("_", "segments_fts"))):
            assert meta["tables"][table]["description"], table
            assert set(store.db[table].columns_dict) <= set(meta["tables"][table]["columns"]), table
    assert meta["tables"]["calls"]["label_column"] == "title"
    assert meta["tables"]["calls"]["columns"]["period_source"].startswith("how the fiscal period was found")


def test_canned_queries_are_the_documented_questions():
    queries = canned_queries(schema_text())
    assert list(queries) == ["every_clinical_hold_by_company_and_call_date",
                             "runways_ending_within_12_months_of_the_latest_call", "a_company_s_cash_by_quarter",
                             "changes_by_severity_since_a_call_date", "upcoming_catalysts"]
    assert queries["upcoming_catalysts"]["title"] == "Upcoming catalysts"


def test_every_documented_question_runs_on_the_corpus(corpus_db):
    db = sqlite3.connect(corpus_db)
    results = {name: db.execute(q["sql"], PARAMS.get(name, {})).fetchall()
               for name, q in canned_queries(schema_text()).items()}
    assert ("CLLS", "Cellectis SA", "2021-11-05", "2021Q3", "ALLOGENE", "placed") in [
        row[:6] for row in results["every_clinical_hold_by_company_and_call_date"]]
    assert [(row[0], row[1], row[2]) for row in results["a_company_s_cash_by_quarter"]] == [
        ("2021Q2", "consolidated", 257.0), ("2021Q2", "excluding Calyxt", 238.0),
        ("2021Q3", "consolidated", 216.0), ("2021Q3", "excluding Calyxt", 201.0)]
    assert any(row[5].startswith("Cash (excluding Calyxt) fell 15.5%")
               for row in results["changes_by_severity_since_a_call_date"])
    assert any(row[2] == "CLLS" and row[4] == "cash_runway" for row in results["upcoming_catalysts"])
    # No runway in the corpus ends within a year of its call: the query runs and says so.
    assert results["runways_ending_within_12_months_of_the_latest_call"] == []


def test_datasette_serves_every_canned_query(corpus_db):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")}
    env["CALLWATCH_DATABASE__PATH"] = str(corpus_db)
    log = corpus_db.parent / "datasette.log"
    with log.open("w") as stderr:
        process = subprocess.Popen([str(CALLWATCH), "datasette", "--port", str(port)], cwd=corpus_db.parent,
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}/callwatch"

    def get(path):
        with urllib.request.urlopen(base + path, timeout=5) as response:
            return json.loads(response.read())

    def ready():
        try:
            return get(".json") is not None
        except OSError:
            return False

    try:
        wait_until(ready, timeout=30)
        db = sqlite3.connect(corpus_db)
        for name, query in canned_queries(schema_text()).items():
            params = PARAMS.get(name, {})
            rows = get(f"/{name}.json?_shape=array&" + urllib.parse.urlencode(params))
            assert len(rows) == len(db.execute(query["sql"], params).fetchall()), name
            # Every question has an answer on the corpus but the runways one (none ends within a year).
            assert bool(rows) == (name != "runways_ending_within_12_months_of_the_latest_call"), name
        meta = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/-/metadata.json", timeout=5).read())
        assert meta["databases"]["callwatch"]["tables"]["calls"]["label_column"] == "title"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0, log.read_text()[-2000:]


def test_missing_database_is_a_clear_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")}
    result = subprocess.run([str(CALLWATCH), "datasette"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and "no database at callwatch.db" in result.stderr
