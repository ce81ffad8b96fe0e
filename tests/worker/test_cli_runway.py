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
