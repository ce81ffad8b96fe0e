"""Migration 0010 gives changes computed before it their call's date."""

import sqlite3

from worker.migrations import migrations
from worker.store import Store


def test_existing_changes_get_their_calls_date(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:  # the full schema, then undo 0010 as a database made before it would be
        store.db.executescript("""
            INSERT INTO calls (id, ticker, fiscal_year, fiscal_quarter, call_date, format, comparable, source_path,
                               sha256, ingested_at, updated_at)
            VALUES (1, 'ACME', 2021, 3, '2021-11-05', 'flat_txt', 1, '/x', 'abc', 'now', 'now');
            DROP INDEX changes_call_date;
            ALTER TABLE changes DROP COLUMN call_date;
            ALTER TABLE changes DROP COLUMN before_item_id;
            ALTER TABLE changes DROP COLUMN after_item_id;
            INSERT INTO changes (call_id, ticker, kind, change, rule, severity, summary, created_at)
            VALUES (1, 'ACME', 'cash_position', 'changed', 'cash_fell', 'notable', 'Cash fell', '2026-01-01T00:00:00Z');
            DELETE FROM _sqlite_migrations WHERE name = '0010_changes_call_date_evidence';
        """)
    assert "0010_changes_call_date_evidence" in [m.name for m in migrations._migrations]
    Store(path).close()  # applies 0010
    db = sqlite3.connect(path)
    assert db.execute("SELECT call_date, created_at, before_item_id FROM changes").fetchall() == [
        ("2021-11-05", "2026-01-01T00:00:00Z", None)]
    db.close()
