"""Migration 0013 gives trial items stored before the gold's vocabulary the statuses new calls get."""

import json
import sqlite3

from worker.store import Store

_OLD = [("ZX12", "dose escalation", '{"phase": "1"}'), ("ZX13", "dose level", "{}"), ("ZX14", "data expected", "{}"),
        ("ZX15", "paused", "{}")]


def test_old_trial_statuses_are_renamed_and_the_stage_kept(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:  # the full schema, then rows as the code before 0013 stored them
        db = store.db
        db.execute("INSERT INTO calls (id, ticker, fiscal_year, fiscal_quarter, format, comparable, source_path, "
                   "sha256, ingested_at, updated_at) VALUES (1, 'ACME', 2021, 3, 'flat_txt', 1, '/x', 'abc', 'n', 'n')")
        for subject, status, attributes in _OLD:
            db.execute("INSERT INTO key_items (call_id, kind, subject, status, confidence, attributes, quote, "
                       "section, segment_seq, start_offset, end_offset) "
                       "VALUES (1, 'trial_status', ?, ?, 0.9, ?, 'q', 'qa', 0, 0, 1)", [subject, status, attributes])
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '0013_trial_statuses'")
    Store(path).close()  # applies 0013
    db = sqlite3.connect(path)
    rows = db.execute("SELECT subject, status, attributes FROM key_items ORDER BY subject").fetchall()
    db.close()
    assert [(subject, status, json.loads(attributes)) for subject, status, attributes in rows] == [
        ("ZX12", "enrolling", {"phase": "1", "stage": "dose escalation"}),
        ("ZX13", "enrolling", {"stage": "dose level"}),
        ("ZX14", "data_expected", {}),
        ("ZX15", "paused", {}),
    ]
