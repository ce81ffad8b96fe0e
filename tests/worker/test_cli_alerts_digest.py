"""Real `callwatch` processes: the turn an alert points at, preview's reasons, clear errors, no database
created by a command that only reads, changes by call date, and the README's Q3 alert, exactly."""

import json
import re

import pytest

from tests.conftest import ROOT, SEEDS
from tests.worker.test_cli import run

Q2, Q3 = str(SEEDS / "CLLS_2021_Q2.txt"), str(SEEDS / "CLLS_2021_Q3.txt")


@pytest.fixture
def seeded(tmp_path, http):
    (tmp_path / "callwatch.toml").write_text(f'[[alerts.targets]]\nurl = "{http.url()}"\ntags = ["json"]\n')
    result = run("ingest", Q2, Q3, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_show_turn_prints_the_turn_with_its_neighbours(seeded):
    result = run("show", "CLLS:2021Q3", "--turn", "17", cwd=seeded)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Cellectis SA (CLLS), Q3 2021, held 2021-11-05, from CLLS_2021_Q3.txt"
    headings = [line for line in lines if "turn " in line and "(qa)" in line]
    assert headings == ["   turn 16 (qa): Operator", ">> turn 17 (qa): Gena Wang, Barclays, CFA- Manager Director",
                        "   turn 18 (qa): Andre Choulika, Chief Executive Officer"]
    assert "your partner Allogene had the clinical hold" in result.stdout
    missing = run("show", "2", "--turn", "500", cwd=seeded)
    assert (missing.returncode, missing.stderr.strip()) == (2, "Error: call 2 has turns 1 to 89; there is no turn 500")


def test_the_readme_shows_the_q3_alert_exactly(seeded, http):
    readme = (ROOT / "README.md").read_text()
    shown = re.search(r"<!-- q3-alert -->\n```text\n(.*?)```\n", readme, re.DOTALL)
    assert shown, "README.md has no Q3 alert example"
    [posted] = http.bodies
    # The README leaves out the zero-width spaces (in "CLLS_2021_Q3.txt"): invisible, and confusing in a document.
    received = f"Title: {posted['title']}\n\n{posted['message']}".replace("\u200b", "")
    assert received.rstrip("\n") == shown[1].rstrip("\n")


def test_preview_says_why_a_baseline_sends_nothing(seeded, http):
    result = run("alerts", "preview", "CLLS:2021Q2", cwd=seeded)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "baseline: the first call of CLLS, not alerted"
    data = json.loads(run("alerts", "preview", "CLLS:2021Q3", "--json", cwd=seeded).stdout)
    [posted] = http.bodies
    [piece] = data["targets"][0]["pieces"]
    assert (piece["body"], piece["title"], piece["notify_type"]) == (posted["message"], posted["title"],
                                                                      posted["type"])
    assert piece["data"] == {**posted["callwatch"], "alert_id": None}


def test_changes_since_filters_by_the_call_date(seeded):
    def count(*args):
        return len(json.loads(run("changes", *args, "--json", cwd=seeded).stdout))

    assert count("--since", "2021-11-05") == 17  # Q3's call date: all of them
    assert count("--since", "2021-11-06") == 0  # computed today, but the call was held before
    assert count("CLLS") == 17 and count("ABCD") == 0
    row = json.loads(run("changes", "--json", cwd=seeded).stdout)[0]
    assert row["call_date"] == "2021-11-05" and row["created_at"] > "2025"


def test_clear_messages_for_a_bad_period_and_an_unknown_alert(seeded):
    items = run("items", "CLLS", "--call", "2021Q9", cwd=seeded)
    assert (items.returncode, items.stderr.strip()) == (
        2, "Error: --call takes a fiscal period, YYYYQN with N from 1 to 4 (for example 2021Q3); got '2021Q9'")
    retry = run("alerts", "retry", "99", cwd=seeded)
    assert (retry.returncode, retry.stderr.strip()) == (
        2, "Error: no alert 99 in the outbox (see `callwatch alerts list`)")
    sent = run("alerts", "retry", "1", cwd=seeded)
    assert sent.stderr.strip() == "nothing to retry: alert 1 was sent already"


@pytest.mark.parametrize("command", [["calls"], ["show", "1"], ["items", "CLLS"], ["changes"], ["status"],
                                     ["alerts", "list"], ["alerts", "preview", "1"], ["alerts", "retry"],
                                     ["calendar"], ["runway"], ["report", "CLLS"]])
def test_read_commands_never_create_a_database(tmp_path, command):
    mistyped = tmp_path / "data" / "calwatch.db"
    result = run(*command, cwd=tmp_path, env={"CALLWATCH_DATABASE__PATH": str(mistyped)})
    assert result.returncode == 2, result.stderr
    assert f"no database at {mistyped}" in result.stderr
    assert not mistyped.parent.exists()
