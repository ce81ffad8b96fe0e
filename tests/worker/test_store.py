"""The SQLite store: schema, migrations on an existing file, WAL, FTS, and call replacement."""

import dataclasses
import sqlite3

from handlers.transcript import Participant, Transcript, Turn
from worker.migrations import migrations
from worker.store import Store


def transcript(**changes):
    base = Transcript(
        format="motley_fool_txt",
        turns=(Turn("prepared_remarks", "Jane Doe", "Cash was $238 million.", role="Chief Financial Officer"),
               Turn("qa", "John Roe", "What about the runway?", role="Analyst", affiliation="Big Bank")),
        participants=(Participant("Jane Doe", "executive", "Chief Financial Officer"),
                      Participant("John Roe", "analyst", "Analyst", "Big Bank")),
        company="Example Bio", ticker="EXB", fiscal_year=2021, fiscal_quarter=2,
    )
    return dataclasses.replace(base, **changes)


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "callwatch.db"
    with Store(path) as store:
        assert {"calls", "participants", "segments", "files", "segments_fts"} <= set(store.db.table_names())
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert path.exists()


def test_new_database_gets_16k_pages_and_an_existing_one_keeps_its_own(tmp_path):
    # The page size is fixed when a file gets content: a database made before keeps 4 KiB pages
    # and opens, migrates and stores as before.
    with Store(tmp_path / "new.db") as store:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == 16384
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -32768
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("PRAGMA page_size=4096")
    old.execute("CREATE TABLE t (x)")
    old.close()
    with Store(tmp_path / "old.db") as store:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
        call_id = store.save_call(transcript(), source_path="/x/a.txt", sha256="a" * 64).call_id
    with Store(tmp_path / "old.db") as store:
        assert store.db["calls"].get(call_id)["ticker"] == "EXB"
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == 4096


def test_reopening_keeps_data_and_applies_each_migration_once(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as store:
        call_id = store.save_call(transcript(), source_path="/x/a.txt", sha256="a" * 64).call_id
    with Store(path) as store:
        assert store.db["calls"].count == 1
        assert store.db["calls"].get(call_id)["ticker"] == "EXB"
        names = [m.name for m in migrations.applied(store.db)]
        assert names == [m.name for m in migrations._migrations]


def test_save_call_writes_rows_and_fts(tmp_path):
    with Store(tmp_path / "c.db") as store:
        saved = store.save_call(transcript(), source_path="/x/a.txt", sha256="a" * 64)
        call = store.db["calls"].get(saved.call_id)
        assert (call["fiscal_year"], call["fiscal_quarter"], call["comparable"]) == (2021, 2, 1)
        segments = list(store.db["segments"].rows_where("call_id = ?", [saved.call_id], order_by="seq"))
        assert [(s["seq"], s["speaker"], s["section"]) for s in segments] == [
            (1, "Jane Doe", "prepared_remarks"), (2, "John Roe", "qa")]
        hits = store.db.execute(
            "SELECT s.speaker FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid "
            "WHERE segments_fts MATCH 'runway'").fetchall()
        assert hits == [("John Roe",)]


def test_same_period_replaces_content_keeping_the_id(tmp_path):
    with Store(tmp_path / "c.db") as store:
        first = store.save_call(transcript(), source_path="/x/a.txt", sha256="a" * 64)
        # A more complete re-download (a version that is no more complete is kept, not current: test_versions.py).
        newer = transcript(turns=(Turn("qa", "Jane Doe", "Cash was $201 million at the end of the quarter."),
                                  Turn("qa", "John Roe", "What about the runway?")))
        second = store.save_call(newer, source_path="/x/b.txt", sha256="b" * 64)
        assert second.call_id == first.call_id
        assert second.replaced_sha256 == "a" * 64
        assert store.db["calls"].count == 1
        assert [r["text"] for r in store.db["segments"].rows] == ["Cash was $201 million at the end of the quarter.",
                                                                  "What about the runway?"]
        assert store.db.execute("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '238'").fetchone()[0] == 0


def test_calls_without_period_are_kept_apart_and_marked(tmp_path):
    with Store(tmp_path / "c.db") as store:
        a = store.save_call(transcript(fiscal_quarter=None), source_path="/a", sha256="a" * 64)
        b = store.save_call(transcript(fiscal_quarter=None), source_path="/b", sha256="b" * 64)
        assert a.call_id != b.call_id
        assert store.db["calls"].get(a.call_id)["comparable"] == 0


def test_failed_transaction_leaves_nothing(tmp_path):
    with Store(tmp_path / "c.db") as store:
        try:
            with store.write():
                store.save_call(transcript(), source_path="/a", sha256="a" * 64)
                raise RuntimeError("crash between stages")
        except RuntimeError:
            pass
        assert store.db["calls"].count == 0 and store.db["segments"].count == 0


def test_reader_sees_committed_data_while_store_is_open(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as store:
        store.save_call(transcript(), source_path="/a", sha256="a" * 64)
        reader = sqlite3.connect(path)
        try:
            assert reader.execute("SELECT ticker FROM calls").fetchall() == [("EXB",)]
        finally:
            reader.close()


def test_record_file_one_row_per_path_and_content(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.record_file("/in/a.txt", size=3, sha256="1" * 64, status="failed", error="bad", error_code="x")
        store.record_file("/in/a.txt", size=3, sha256="1" * 64, status="failed", error="still bad", error_code="x")
        store.record_file("/in/a.txt", size=4, sha256="2" * 64, status="skipped")
        rows = list(store.db.query("SELECT sha256, status, error FROM files ORDER BY id"))
        assert rows == [{"sha256": "1" * 64, "status": "failed", "error": "still bad"},
                        {"sha256": "2" * 64, "status": "skipped", "error": None}]
        assert store.failed_before("/in/a.txt", "1" * 64)
        assert not store.failed_before("/in/a.txt", "2" * 64)


def _calls_seen_by_another_connection(path):
    reader = sqlite3.connect(path)
    try:
        return reader.execute("SELECT count(*) FROM calls").fetchone()[0]
    finally:
        reader.close()


def test_grouped_writes_commit_when_the_group_is_old_enough(tmp_path):
    path, now = tmp_path / "c.db", [0.0]
    with Store(path) as store, store.grouped(seconds=1.0, clock=lambda: now[0]) as next_unit:
        for year in (2019, 2020, 2021):
            next_unit()
            store.save_call(transcript(fiscal_year=year), source_path=f"/{year}", sha256=str(year) * 16)
        assert _calls_seen_by_another_connection(path) == 0  # one open group: nothing committed yet
        now[0] = 1.0
        next_unit()  # the group is a second old: committed, a new one opened
        assert _calls_seen_by_another_connection(path) == 3
        store.save_call(transcript(fiscal_year=2022), source_path="/2022", sha256="2022" * 16)
    assert _calls_seen_by_another_connection(path) == 4  # the last group is committed on leaving


def test_a_unit_that_fails_in_its_own_write_leaves_the_group_whole(tmp_path):
    with Store(tmp_path / "c.db") as store:
        with store.grouped(seconds=60) as next_unit:
            next_unit()
            store.save_call(transcript(fiscal_year=2020), source_path="/a", sha256="a" * 64)
            next_unit()
            try:
                with store.write():
                    store.save_call(transcript(fiscal_year=2021), source_path="/b", sha256="b" * 64)
                    raise RuntimeError("a bug while storing")
            except RuntimeError:
                pass
        assert [row["fiscal_year"] for row in store.db.query("SELECT fiscal_year FROM calls")] == [2020]
        assert store.db["segments"].count == 2


def test_an_error_escaping_the_group_rolls_back_only_the_open_group(tmp_path):
    now = [0.0]
    with Store(tmp_path / "c.db") as store:
        try:
            with store.grouped(seconds=1.0, clock=lambda: now[0]) as next_unit:
                next_unit()
                store.save_call(transcript(fiscal_year=2020), source_path="/a", sha256="a" * 64)
                now[0] = 5.0
                next_unit()  # commits 2020
                store.save_call(transcript(fiscal_year=2021), source_path="/b", sha256="b" * 64)
                raise sqlite3.OperationalError("disk I/O error")
        except sqlite3.OperationalError:
            pass
        assert not store.db.conn.in_transaction
        assert [row["fiscal_year"] for row in store.db.query("SELECT fiscal_year FROM calls")] == [2020]


def _index_matches_turns(store):
    """Every stored turn is in the full-text index once, and nothing else is."""
    indexed = [row[0] for row in store.db.execute("SELECT id FROM segments_fts_docsize ORDER BY id")]
    return indexed == [row[0] for row in store.db.execute("SELECT id FROM segments ORDER BY id")]


def _found(store, word):
    return [row[0] for row in store.db.execute(
        "SELECT segments.text FROM segments_fts JOIN segments ON segments.id = segments_fts.rowid "
        "WHERE segments_fts MATCH ?", [word])]


def _said(text):
    return transcript(turns=(Turn("prepared_remarks", "Jane Doe", text, role="Chief Financial Officer"),))


def test_turns_are_searchable_once_their_transaction_commits(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as store, store.grouped(seconds=60) as next_unit:
        next_unit()
        store.save_call(_said("The quokka program is on hold."), source_path="/a", sha256="a" * 64)
        reader = sqlite3.connect(path)
        try:
            match = "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'quokka'"
            assert reader.execute(match).fetchone()[0] == 0
        finally:
            reader.close()
    with Store(path) as store:
        assert _found(store, "quokka") == ["The quokka program is on hold."]
        assert _index_matches_turns(store)


def test_a_call_replaced_in_the_same_transaction_leaves_a_sound_index(tmp_path):
    with Store(tmp_path / "c.db") as store:
        with store.grouped(seconds=60) as next_unit:
            next_unit()
            store.save_call(_said("First draft mentions wombats."), source_path="/a", sha256="a" * 64)
            next_unit()
            store.save_call(_said("Corrected text mentions quokkas."), source_path="/b", sha256="b" * 64)
        assert store.db["calls"].count == 1
        assert _found(store, "wombats") == [] and _found(store, "quokkas") == ["Corrected text mentions quokkas."]
        assert _index_matches_turns(store)
        # Replaced again in a later transaction: the indexed turns are deleted from the index.
        final = "Final, corrected text mentions numbats."
        store.save_call(_said(final), source_path="/c", sha256="c" * 64)
        assert _found(store, "quokkas") == [] and _found(store, "numbats") == [final]
        assert _index_matches_turns(store)


def test_turns_of_a_unit_rolled_back_are_not_indexed(tmp_path):
    with Store(tmp_path / "c.db") as store:
        with store.grouped(seconds=60) as next_unit:
            next_unit()
            store.save_call(_said("Kept: wombats."), source_path="/a", sha256="a" * 64)
            next_unit()
            try:
                with store.write():
                    another_quarter = dataclasses.replace(_said("Lost: quokkas."), fiscal_year=2022)
                    store.save_call(another_quarter, source_path="/b", sha256="b" * 64)
                    raise RuntimeError("a bug while storing")
            except RuntimeError:
                pass
        assert _found(store, "wombats") == ["Kept: wombats."] and _found(store, "quokkas") == []
        assert _index_matches_turns(store)
