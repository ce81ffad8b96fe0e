"""Versions of a call, in the store: every version kept, the most complete current, a user's pick.

Pure store tests on real SQLite files; the command line and the service are tested in
test_cli_versions.py and test_service_restarts.py.
"""

import dataclasses
import sqlite3

import pytest
from sqlite_utils import Database

from handlers.transcript import Participant, Transcript, Turn
from worker.migrations import migrations
from worker.settings import AlertSettings
from worker.store import Store
from worker.versions import list_versions, use_version

FULL_TURNS = (
    Turn("prepared_remarks", "Jane Doe", "Cash was $238 million at the end of the quarter.",
         role="Chief Financial Officer"),
    Turn("prepared_remarks", "Jane Doe", "We expect our runway to last into early 2023."),
    Turn("qa", "John Roe", "What about the clinical hold?", role="Analyst", affiliation="Big Bank"),
    Turn("qa", "Jane Doe", "The FDA lifted the clinical hold on UCART22 in October."),
)


def transcript(turns=FULL_TURNS, **changes):
    base = Transcript(
        format="motley_fool_txt", turns=turns,
        participants=(Participant("Jane Doe", "executive", "Chief Financial Officer"),
                      Participant("John Roe", "analyst", "Analyst", "Big Bank")),
        company="Example Bio", ticker="EXB", fiscal_year=2021, fiscal_quarter=2, encoding="utf-8",
        period_source="header",
    )
    return dataclasses.replace(base, **changes)


# What `head -c` leaves of the call: the first turn and a half.
FRAGMENT = transcript(turns=(FULL_TURNS[0], Turn("prepared_remarks", "Jane Doe", "We expect our run")))


def segments(store, call_id):
    return [row[0] for row in store.db.execute("SELECT text FROM segments WHERE call_id = ? ORDER BY seq",
                                                [call_id])]


def test_a_fragment_after_the_full_call_is_kept_as_a_version_but_never_current(tmp_path):
    with Store(tmp_path / "c.db") as store:
        full = store.save_call(transcript(), source_path="/in/full.txt", sha256="a" * 64, size=4000)
        fragment = store.save_call(FRAGMENT, source_path="/in/cut.txt", sha256="b" * 64, size=3000)
        assert (full.version, full.current) == (1, True)
        assert (fragment.call_id, fragment.version, fragment.current) == (full.call_id, 2, False)
        assert fragment.fragment_of == 1
        assert segments(store, full.call_id) == [turn.text for turn in FULL_TURNS]
        assert store.db["calls"].get(full.call_id)["sha256"] == "a" * 64
        rows = {row["version"]: row for row in list_versions(store.db, full.call_id)}
        assert (rows[1]["current"], rows[2]["current"]) == (1, 0)
        assert (rows[2]["turns"], rows[2]["size"], rows[2]["source_path"]) == (2, 3000, "/in/cut.txt")
        assert rows[2]["reason"].startswith("a fragment of version 1")
        assert rows[1]["reason"].startswith("the most complete version")
        assert "kept call 1's current version (4 turns, 4 kB); this file is a shorter version (2 turns, 3 kB) " \
               "stored as version 2" in fragment.describe()


def test_the_full_call_after_a_fragment_becomes_current_and_the_fragment_is_kept(tmp_path):
    with Store(tmp_path / "c.db") as store:
        fragment = store.save_call(FRAGMENT, source_path="/in/cut.txt", sha256="b" * 64, size=3000)
        full = store.save_call(transcript(), source_path="/in/full.txt", sha256="a" * 64, size=4000)
        assert (full.call_id, full.version, full.current) == (fragment.call_id, 2, True)
        assert segments(store, full.call_id) == [turn.text for turn in FULL_TURNS]
        assert "replaced the content of call 1 with version 2, more complete (4 turns, 4 kB; " \
               "was version 1: 2 turns, 3 kB" in full.describe()
        rows = {row["version"]: row for row in list_versions(store.db, full.call_id)}
        assert (rows[1]["current"], rows[2]["current"]) == (0, 1)
        assert rows[1]["fragment_of"] == 2 and rows[1]["content"] is not None  # kept, not deleted
        assert store.call_id_by_sha("b" * 64) == full.call_id  # a version, seen before, of this call


def test_an_equally_complete_version_does_not_displace_the_first(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.save_call(transcript(), source_path="/in/a.txt", sha256="a" * 64, size=4000)
        same_length = transcript(turns=(*FULL_TURNS[:3], Turn("qa", "Jane Doe", FULL_TURNS[3].text.upper())))
        second = store.save_call(same_length, source_path="/in/b.txt", sha256="b" * 64, size=4000)
        assert not second.current and "this file is an equally complete version" in second.describe()
        assert store.db["calls"].get(second.call_id)["sha256"] == "a" * 64


def test_use_version_switches_content_items_and_changes_and_back(tmp_path):
    settings = AlertSettings()
    with Store(tmp_path / "c.db") as store:
        q1 = store.save_call(transcript(fiscal_quarter=1), source_path="/in/q1.txt", sha256="1" * 64, size=4000)
        from handlers.extractors.registry import extract
        from worker.comparison import record_changes

        store.save_items(q1.call_id, extract(transcript(fiscal_quarter=1)))
        full = store.save_call(transcript(), source_path="/in/full.txt", sha256="a" * 64, size=4000)
        store.save_items(full.call_id, extract(transcript()))
        record_changes(store, full.call_id, settings)
        items_full = store.db.execute("SELECT kind, subject, quote FROM key_items WHERE call_id = ? ORDER BY 1, 2, 3",
                                      [full.call_id]).fetchall()
        store.save_call(FRAGMENT, source_path="/in/cut.txt", sha256="b" * 64, size=3000)

        assert _changes(store, full.call_id) == []  # Q1 and Q2 say the same
        switched = use_version(store, full.call_id, 2, alerts=settings)
        assert segments(store, full.call_id) == [turn.text for turn in FRAGMENT.turns]
        call = store.db["calls"].get(full.call_id)
        assert (call["sha256"], call["source_path"]) == ("b" * 64, "/in/cut.txt")
        items_cut = store.db.execute("SELECT kind, subject, quote FROM key_items WHERE call_id = ? ORDER BY 1, 2, 3",
                                     [full.call_id]).fetchall()
        assert items_cut != items_full and switched.items == len(items_cut)
        # The changes against Q1 were recomputed from the fragment's items: the hold is no longer said.
        assert ("clinical_hold", "removed") in _changes(store, full.call_id)
        assert switched.changes == len(_changes(store, full.call_id))
        rows = {row["version"]: row for row in list_versions(store.db, full.call_id)}
        assert rows[2]["current"] == 1 and rows[2]["chosen_by"] == "user" and rows[1]["content"] is not None

        use_version(store, full.call_id, 1, alerts=settings)
        assert segments(store, full.call_id) == [turn.text for turn in FULL_TURNS]
        assert store.db.execute("SELECT kind, subject, quote FROM key_items WHERE call_id = ? ORDER BY 1, 2, 3",
                                [full.call_id]).fetchall() == items_full
        names = [row[0] for row in store.db.execute("SELECT name FROM participants WHERE call_id = ? ORDER BY id",
                                                    [full.call_id])]
        assert names == ["Jane Doe", "John Roe"]
        assert _changes(store, full.call_id) == []
        assert _index_matches_turns(store)


def _changes(store, call_id):
    return store.db.execute("SELECT kind, change FROM changes WHERE call_id = ? ORDER BY 1, 2", [call_id]).fetchall()


def test_a_user_choice_is_kept_when_a_more_complete_version_arrives(tmp_path):
    with Store(tmp_path / "c.db") as store:
        first = store.save_call(FRAGMENT, source_path="/in/cut.txt", sha256="b" * 64, size=3000)
        use_version(store, first.call_id, 1, alerts=AlertSettings())
        later = store.save_call(transcript(), source_path="/in/full.txt", sha256="a" * 64, size=4000)
        assert not later.current and "chosen by a user" in later.describe()
        assert segments(store, first.call_id) == [turn.text for turn in FRAGMENT.turns]


def test_use_version_refuses_a_version_the_call_does_not_have(tmp_path):
    from worker.errors import VersionNotFound

    with Store(tmp_path / "c.db") as store:
        saved = store.save_call(transcript(), source_path="/in/a.txt", sha256="a" * 64, size=4000)
        with pytest.raises(VersionNotFound) as raised:
            use_version(store, saved.call_id, 5, alerts=AlertSettings())
        assert str(raised.value) == "call 1 has no version 5 (versions: 1)"
        assert (raised.value.call_id, raised.value.version, raised.value.versions) == (1, 5, [1])


def test_record_file_keeps_the_first_outcome_and_counts_sightings(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.record_file("/in/a.txt", size=3, sha256="1" * 64, status="ingested", call_id=None)
        store.record_file("/in/a.txt", size=3, sha256="1" * 64, status="duplicate")  # a restart saw it again
        store.record_file("/in/gone.txt", size=0, status="failed", error="cannot read", error_code="unreadable")
        store.record_file("/in/gone.txt", size=0, status="failed", error="cannot read", error_code="unreadable")
        store.record_file("/in/gone.txt", size=0, status="failed", error="cannot read", error_code="unreadable")
        rows = store.db.execute("SELECT path, status, attempts FROM files ORDER BY id").fetchall()
        assert rows == [("/in/a.txt", "ingested", 2), ("/in/gone.txt", "failed", 3)]
        seen = store.db.execute("SELECT seen_at <= last_seen_at FROM files").fetchall()
        assert seen == [(1,), (1,)]


def test_migration_0008_keeps_old_calls_as_their_first_version_and_repairs_files(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0008_call_versions")
    db.execute("INSERT INTO calls (ticker, fiscal_year, fiscal_quarter, format, comparable, source_path, sha256, "
               "ingested_at, updated_at) VALUES ('EXB', 2021, 2, 'motley_fool_txt', 1, '/in/a.txt', ?, 't', 't')",
               ["a" * 64])
    db.execute("INSERT INTO segments (call_id, seq, section, text) VALUES (1, 1, 'qa', 'Hello there.')")
    # What a restart did to the file that made the call, and nine reads of an unreadable file.
    db.execute("INSERT INTO files (path, sha256, size, status, call_id, seen_at) VALUES ('/in/a.txt', ?, 50, "
               "'duplicate', 1, 't2')", ["a" * 64])
    for attempt in range(9):
        db.execute("INSERT INTO files (path, size, status, error_code, seen_at) VALUES ('/in/x', 0, 'failed', "
                   "'unreadable', ?)", [f"t{attempt}"])
    db.conn.commit()
    db.close()
    with Store(path) as store:
        assert [(r["version"], r["current"], r["sha256"], r["size"], r["turns"], r["characters"])
                for r in list_versions(store.db, 1)] == [(1, 1, "a" * 64, 50, 1, 12)]
        assert store.db.execute("SELECT path, status, attempts, last_seen_at FROM files ORDER BY id").fetchall() == [
            ("/in/a.txt", "ingested", 1, "t2"), ("/in/x", "failed", 9, "t8")]
        # The old call can be displaced: its content is kept as a version, not lost.
        saved = store.save_call(transcript(), source_path="/in/b.txt", sha256="b" * 64, size=4000)
        assert saved.current and list_versions(store.db, 1)[0]["content"] is not None


def _index_matches_turns(store):
    indexed = [row[0] for row in store.db.execute("SELECT id FROM segments_fts_docsize ORDER BY id")]
    return indexed == [row[0] for row in store.db.execute("SELECT id FROM segments ORDER BY id")]
