"""`callwatch runway` on the seeds: the figures Cellectis's Q3 2021 call gives, in every format."""

import csv
import io
import json

from tests.conftest import SEEDS
from tests.worker.test_cli import run


def test_runway_board_of_the_seeds(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    [row] = json.loads(run("runway", "--format", "json", "--within", "600", cwd=tmp_path).stdout)
    assert (row["ticker"], row["call"], row["cash"], row["cash_as_of"]) == ("CLLS", "CLLS 2021Q3", 216e6, "2021-09-30")
    # $257M at June 30 to $216M at September 30: the stated burn's period is not said in Q3.
    assert (row["burn_per_quarter"], row["burn_source"]) == (41e6, "change in cash since the previous call")
    assert (row["stated_end"], row["implied_months"], row["implied_end"]) == ("2023-04-30", 15.8, "2023-01-23")
    assert row["flags"] == ["runway ends within 600 months"]
    assert "into early 2023" in row["quotes"]["runway"] and "216" in row["quotes"]["cash"]

    [line] = csv.DictReader(io.StringIO(run("runway", "--format", "csv", cwd=tmp_path).stdout))
    assert (line["ticker"], line["implied_end"], line["flags"]) == ("CLLS", "2023-01-23", "")
    table = run("runway", "--ticker", "CLLS", cwd=tmp_path).stdout
    assert "$216M" in table and "2023-01-23" in table
    assert "no company with a cash figure among NOPE" in run("runway", "--ticker", "nope", cwd=tmp_path).stdout


def test_runway_board_of_the_biopharma_corpus_has_the_transcripts_figures(tmp_path):
    from tests.conftest import corpus_folder
    from worker.discovery import find_files
    from worker.pipeline import ingest_files
    from worker.store import Store

    with Store(tmp_path / "callwatch.db") as store:
        list(ingest_files(store, find_files([corpus_folder("biopharma")]), max_bytes=20_000_000))
    rows = {row["ticker"]: row for row in json.loads(run("runway", "--format", "json", cwd=tmp_path).stdout)}
    # Every company with a cash figure has a row: as many as the database has companies with one.
    with Store(tmp_path / "callwatch.db") as store:
        with_cash = {r["ticker"] for r in store.db.query(
            "SELECT DISTINCT c.ticker FROM key_items k JOIN calls c ON c.id = k.call_id "
            "WHERE k.kind = 'cash_position' AND k.amount > 0 AND k.confidence >= 0.5 AND c.comparable = 1")}
    assert set(rows) == with_cash and len(rows) >= 9
    assert {"CORT", "EW", "LCI", "MNTA", "SUPN"} <= set(rows)

    def figures(ticker):
        row = rows[ticker]
        return row["cash"], row["cash_as_of"], row["burn_per_quarter"], row["burn_source"], row["implied_months"]

    # "Our cash balance on September 30, 2015 was $36.5 million"; "Our GAAP net loss in the third quarter was
    # $600,000" (not the $3.9 million "in the same period last year" of the next sentence).
    assert figures("CORT") == (36.5e6, "2015-09-30", 600_000, "net loss (third quarter)", 182.5)
    # "we ended the first quarter with $346 million"; "a net loss for the first quarter of $48 million".
    assert figures("MNTA") == (346e6, "2018-03-31", 48e6, "net loss (first quarter)", 21.6)
    # "At September 30, 2021, cash and cash equivalents totaled approximately $105 million"; "Net loss was
    # $10.6 million" in a quarter's call that does not name the period in that sentence.
    assert figures("LCI") == (105e6, "2021-09-30", 10.6e6, "net loss (period not said: taken as one quarter)", 29.7)
