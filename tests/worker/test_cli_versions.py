"""Versions of a call from the command line: real `callwatch` processes on the seeds and cut copies."""

import json
import sqlite3

from tests.conftest import SEEDS
from tests.worker.test_cli import run

Q3 = SEEDS / "CLLS_2021_Q3.txt"


def cut_copy(folder, *, size=3000):
    """What `head -c 3000 CLLS_2021_Q3.txt > t/CLLS_2021_Q3.txt` makes."""
    folder.mkdir(exist_ok=True)
    path = folder / "CLLS_2021_Q3.txt"
    path.write_bytes(Q3.read_bytes()[:size])
    return path


def query(tmp_path, sql, *params):
    db = sqlite3.connect(tmp_path / "callwatch.db")
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def test_a_truncated_copy_of_a_seed_does_not_replace_it(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    cut_copy(tmp_path / "t")
    result = run("ingest", "t/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "replaced" not in result.stderr
    assert ("kept call 2's current version (89 turns, 55 kB); this file is a shorter version (3 turns, 3 kB) "
            "stored as version 2") in result.stderr
    assert "1 ingested, 0 duplicate, 0 failed; 1 kept as a version that is not current" in result.stdout
    assert query(tmp_path, "SELECT count(*) FROM segments WHERE call_id = 2") == [(89,)]
    assert query(tmp_path, "SELECT version, current, turns FROM call_versions WHERE call_id = 2 ORDER BY version") == [
        (1, 1, 89), (2, 0, 3)]


def test_the_good_copy_arriving_after_a_fragment_wins_and_says_so(tmp_path):
    cut_copy(tmp_path / "t")
    assert run("ingest", "t/", cwd=tmp_path).returncode == 0
    assert query(tmp_path, "SELECT count(*) FROM segments") == [(3,)]
    result = run("ingest", str(Q3), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("replaced the content of call 1 with version 2, more complete (89 turns, 55 kB; was version 1: "
            "3 turns, 3 kB") in result.stderr
    assert query(tmp_path, "SELECT count(*) FROM segments") == [(89,)]
    shown = run("show", "CLLS:2021Q3", cwd=tmp_path)
    assert "version 2 of 2 is current: the most complete version (89 turns" in shown.stdout
    assert "callwatch versions 1" in shown.stdout


def test_versions_lists_them_and_use_switches_and_recomputes_changes(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    cut_copy(tmp_path / "t")
    assert run("ingest", "t/", cwd=tmp_path).returncode == 0
    changes_full = query(tmp_path, "SELECT kind, subject, change FROM changes WHERE call_id = 2 ORDER BY 1, 2, 3")
    items_full = query(tmp_path, "SELECT count(*) FROM key_items WHERE call_id = 2")

    listed = run("versions", "CLLS:2021Q3", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["version"], r["current"], r["turns"]) for r in rows] == [(1, True, 89), (2, False, 3)]
    assert rows[1]["reason"].startswith("a fragment of version 1")
    table = run("versions", "2", cwd=tmp_path)
    assert "a fragment of version 1" in table.stdout and "CLLS_2021_Q3.txt" in table.stdout

    used = run("versions", "2", "--use", "2", cwd=tmp_path)
    assert used.returncode == 0, used.stderr
    assert "call 2: version 2 is now current" in used.stdout
    assert query(tmp_path, "SELECT count(*) FROM segments WHERE call_id = 2") == [(3,)]
    changes_cut = query(tmp_path, "SELECT kind, subject, change FROM changes WHERE call_id = 2 ORDER BY 1, 2, 3")
    assert changes_cut != changes_full and query(tmp_path, "SELECT count(*) FROM key_items WHERE call_id = 2") != \
        items_full
    assert "chosen by a user" in run("show", "2", cwd=tmp_path).stdout

    back = run("versions", "2", "--use", "1", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert query(tmp_path, "SELECT count(*) FROM segments WHERE call_id = 2") == [(89,)]
    assert query(tmp_path, "SELECT kind, subject, change FROM changes WHERE call_id = 2 ORDER BY 1, 2, 3") == \
        changes_full
    assert query(tmp_path, "SELECT count(*) FROM key_items WHERE call_id = 2") == items_full


def test_versions_of_an_unknown_version_exits_1_with_the_versions_there_are(tmp_path):
    assert run("ingest", str(Q3), cwd=tmp_path).returncode == 0
    result = run("versions", "1", "--use", "7", cwd=tmp_path)
    assert result.returncode == 1
    assert "call 1 has no version 7 (versions: 1)" in result.stderr
