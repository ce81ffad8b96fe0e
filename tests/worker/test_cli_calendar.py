"""`callwatch calendar` on the seeds, in every format; the iCalendar output parsed back."""

import csv
import io
import json

from icalendar import Calendar

from tests.conftest import SEEDS
from tests.worker.test_cli import run


def test_calendar_of_the_seeds_in_every_format(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    as_json = json.loads(run("calendar", "--format", "json", cwd=tmp_path).stdout)
    runway = next(row for row in as_json if row["event"] == "cash runway ends")
    assert (runway["ticker"], runway["start"], runway["end"], runway["call"]) == (
        "CLLS", "2023-01-01", "2023-04-30", "CLLS 2021Q3")
    assert "into early 2023" in runway["quote"]

    rows = list(csv.DictReader(io.StringIO(run("calendar", "--format", "csv", cwd=tmp_path).stdout)))
    assert [row["event"] for row in rows] == [row["event"] for row in as_json]

    ics = run("calendar", "--format", "ics", cwd=tmp_path)
    assert ics.returncode == 0
    events = Calendar.from_ical(ics.stdout.encode()).walk("VEVENT")
    assert len(events) == len(as_json) and all(str(e["uid"]).endswith("@callwatch") for e in events)

    table = run("calendar", "--ticker", "clls", cwd=tmp_path)
    assert "cash runway ends" in table.stdout and "CLLS 2021Q3" in table.stdout
    assert "no dated catalysts for NOPE" in run("calendar", "--ticker", "NOPE", cwd=tmp_path).stdout
    assert run("calendar", "--from", "2030-01-01", "--format", "json", cwd=tmp_path).stdout.strip() == "[]"


def test_bad_date_is_a_usage_error(tmp_path):
    result = run("calendar", "--from", "soon", cwd=tmp_path)
    assert result.returncode == 2 and "--from" in result.stderr


def test_the_documented_calendar_query_runs(tmp_path):
    import re
    import sqlite3

    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "schema.md").read_text()
    section = doc[doc.index("### Upcoming catalysts"):]
    query = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    rows = sqlite3.connect(tmp_path / "callwatch.db").execute(query).fetchall()
    assert ("2023-01-01", "2023-04-30", "CLLS", None, "cash_runway") in [row[:5] for row in rows]
