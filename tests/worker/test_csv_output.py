"""`--format csv` for items and changes, read back with the csv module: the same rows as the JSON."""

import csv
import io
import json

from tests.conftest import SEEDS
from tests.worker.test_cli import run
from worker.tables import to_csv


def test_items_and_changes_as_csv(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    for command in (["items", "CLLS"], ["changes", "CLLS"]):
        as_json = json.loads(run(*command, "--format", "json", cwd=tmp_path).stdout)
        rows = list(csv.DictReader(io.StringIO(run(*command, "--format", "csv", cwd=tmp_path).stdout)))
        assert len(rows) == len(as_json) > 0
        assert [row["quote" if command[0] == "items" else "summary"] for row in rows] == [
            row["quote" if command[0] == "items" else "summary"] for row in as_json]
    changes = list(csv.DictReader(io.StringIO(run("changes", "CLLS", "--format", "csv", cwd=tmp_path).stdout)))
    assert "Cash (excluding Calyxt) fell 15.5% to $201M (from $238M)" in [row["summary"] for row in changes]


def test_to_csv_quotes_commas_and_writes_nested_values_as_json():
    text = to_csv([{"a": 'say "so", then', "b": ["x"], "c": None}], ["a", "b", "c"])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b", "c"], ['say "so", then', '["x"]', ""]]
