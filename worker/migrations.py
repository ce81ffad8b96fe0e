"""The store's schema, as numbered migrations applied on start (never a drop and re-create).

The schema is a public interface (docs/schema.md): add columns and tables in a new migration,
never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations


class _Registry:
    """sqlite-utils' `Migrations`, made on first use: the migrations' names are known without importing
    sqlite-utils (and numpy, which it loads: 0.2 s), so a read-only command on a current database
    starts without it (`Store`). Anything else (`pending`, `apply`, `applied`) goes to the real one."""

    migrations_table_name = "_sqlite_migrations"  # where sqlite-utils records what it applied

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Callable[[Database], None]]] = []
        self._real: Migrations | None = None

    def __call__(self, *, name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def register(function: Callable[[Database], None]) -> Callable[[Database], None]:
            self._steps.append((name, function))
            return function
        return register

    @property
    def names(self) -> list[str]:
        """Every migration's name, in order."""
        return [name for name, _ in self._steps]

    def pending_in(self, conn: sqlite3.Connection) -> bool:
        """Whether a migration is not applied yet to the database of `conn` (`pending`, without sqlite-utils)."""
        table = self.migrations_table_name
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone() is None:
            return True
        applied = {row[0] for row in conn.execute(f"SELECT name FROM {table} WHERE migration_set = ?", [self.name])}
        return not applied.issuperset(self.names)

    def __getattr__(self, attribute: str) -> Any:
        if self._real is None:
            from sqlite_utils.migrations import Migrations

            real = Migrations(self.name)
            for name, function in self._steps:
                real(name=name)(function)
            self._real = real
        return getattr(self._real, attribute)


migrations = _Registry("callwatch")


@migrations(name="0001_calls_files_segments")
def _0001(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            ticker TEXT,
            company TEXT,
            fiscal_year INTEGER,
            fiscal_quarter INTEGER CHECK (fiscal_quarter BETWEEN 1 AND 4),
            call_date TEXT,
            call_time TEXT,
            title TEXT,
            format TEXT NOT NULL,
            duration_minutes INTEGER,
            comparable INTEGER NOT NULL DEFAULT 0,
            source_path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- One call per company and fiscal period; a re-download replaces its content.
        CREATE UNIQUE INDEX calls_period ON calls (ticker, fiscal_year, fiscal_quarter)
            WHERE ticker IS NOT NULL AND fiscal_year IS NOT NULL AND fiscal_quarter IS NOT NULL;
        CREATE INDEX calls_call_date ON calls (call_date);

        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            title TEXT,
            affiliation TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('executive', 'analyst', 'operator', 'unknown'))
        );
        CREATE INDEX participants_call ON participants (call_id);
        CREATE INDEX participants_name ON participants (name);

        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            section TEXT NOT NULL,
            speaker TEXT,
            role TEXT,
            affiliation TEXT,
            text TEXT NOT NULL,
            UNIQUE (call_id, seq)
        );
        CREATE INDEX segments_speaker ON segments (speaker);

        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT,
            size INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ingested', 'duplicate', 'failed', 'skipped')),
            error TEXT,
            error_code TEXT,
            encoding TEXT,
            format TEXT,
            detail TEXT,
            call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL,
            seen_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX files_path_sha ON files (path, sha256);
        CREATE INDEX files_status ON files (status);
        CREATE INDEX files_call ON files (call_id);
        """
    )
    db["segments"].enable_fts(["text"], fts_version="FTS5", create_triggers=True, tokenize="porter")


@migrations(name="0002_key_items")
def _0002(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE key_items (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            subject TEXT,
            status TEXT,
            confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
            amount REAL,
            currency TEXT,
            amount_usd REAL,
            amount_text TEXT,
            date_start TEXT,
            date_end TEXT,
            text_value TEXT,
            counterparty TEXT,
            attributes TEXT NOT NULL DEFAULT '{}',
            quote TEXT NOT NULL,
            speaker TEXT,
            section TEXT NOT NULL,
            segment_seq INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            notes TEXT
        );
        CREATE INDEX key_items_call ON key_items (call_id);
        CREATE INDEX key_items_kind_subject ON key_items (kind, subject);
        """
    )


@migrations(name="0003_changes_alerts")
def _0003(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            previous_call_id INTEGER REFERENCES calls (id) ON DELETE CASCADE,
            ticker TEXT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT,
            change TEXT NOT NULL CHECK (change IN ('new', 'removed', 'changed')),
            rule TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('critical', 'notable', 'info')),
            summary TEXT NOT NULL,
            before_quote TEXT,
            before_speaker TEXT,
            after_quote TEXT,
            after_speaker TEXT,
            figures TEXT NOT NULL DEFAULT '{}',
            alerted INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX changes_call ON changes (call_id);
        CREATE INDEX changes_ticker ON changes (ticker, created_at);

        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            target_label TEXT NOT NULL,
            change_ids TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            sent_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (call_id, target)
        );
        CREATE INDEX alerts_due ON alerts (status, next_attempt_at);
        """
    )


@migrations(name="0004_service")
def _0004(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE service (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL,
            stopped_at TEXT,
            watching TEXT NOT NULL,
            observer TEXT NOT NULL,
            last_error TEXT
        );
        """
    )


@migrations(name="0005_index_segments_per_call")
def _0005(db: Database) -> None:
    # A row-by-row insert trigger made FTS5 build one index segment per turn; indexing a call's
    # turns in one INSERT ... SELECT (Store._insert_content) is four times faster. Deletes and
    # updates keep their triggers.
    db.execute("DROP TRIGGER IF EXISTS segments_ai")


@migrations(name="0006_index_turns_at_commit")
def _0006(db: Database) -> None:
    # Turns are full-text indexed when their transaction commits (Store._commit). A turn deleted
    # before that (a call replaced by a re-download in the same transaction) is not in the index,
    # and telling FTS5 to delete what it never indexed corrupts it: skip those. The docsize
    # table holds one row per indexed turn.
    db.executescript(
        """
        DROP TRIGGER IF EXISTS segments_ad;
        CREATE TRIGGER segments_ad AFTER DELETE ON segments
        WHEN EXISTS (SELECT 1 FROM segments_fts_docsize WHERE id = old.id) BEGIN
          INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """
    )


@migrations(name="0007_period_source")
def _0007(db: Database) -> None:
    # How the fiscal period was found: header, text, file name or call date (a guess from the date).
    db.execute("ALTER TABLE calls ADD COLUMN period_source TEXT")


@migrations(name="0008_call_versions")
def _0008(db: Database) -> None:
    # Every version of a call a user gave is kept; `calls`, `segments`, `participants` and
    # `key_items` keep describing the current one. A version's content lives in those tables while
    # it is current, and in `content` (its parsed transcript, zlib-compressed JSON) while it is not.
    # Calls stored before this migration become their own version 1. Statement by statement, inside
    # the migration's transaction: all of it is applied, or none.
    statements = """
        CREATE TABLE call_versions (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            source_path TEXT NOT NULL,
            size INTEGER,
            format TEXT NOT NULL,
            encoding TEXT,
            turns INTEGER NOT NULL,
            characters INTEGER NOT NULL,
            current INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1)),
            chosen_by TEXT CHECK (chosen_by IN ('completeness', 'user')),
            fragment_of INTEGER,
            reason TEXT NOT NULL,
            content BLOB,
            ingested_at TEXT NOT NULL,
            UNIQUE (call_id, version)
        );
        CREATE UNIQUE INDEX call_versions_current ON call_versions (call_id) WHERE current = 1;

        INSERT INTO call_versions (call_id, version, sha256, source_path, size, format, encoding, turns, characters,
                                   current, chosen_by, reason, ingested_at)
        SELECT c.id, 1, c.sha256, c.source_path,
               (SELECT f.size FROM files f WHERE f.sha256 = c.sha256 ORDER BY f.id LIMIT 1), c.format,
               (SELECT f.encoding FROM files f WHERE f.sha256 = c.sha256 ORDER BY f.id LIMIT 1),
               (SELECT count(*) FROM segments s WHERE s.call_id = c.id),
               (SELECT coalesce(sum(length(s.text)), 0) FROM segments s WHERE s.call_id = c.id),
               1, 'completeness', 'the only version kept (stored before callwatch kept versions)', c.updated_at
        FROM calls c;

        -- A file keeps its first outcome, and later sightings (restarts, re-runs) are counted.
        ALTER TABLE files ADD COLUMN last_seen_at TEXT;
        ALTER TABLE files ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
        UPDATE files SET last_seen_at = seen_at;
        -- Restarts rewrote the outcome of the file a call came from to 'duplicate': put it back.
        UPDATE files SET status = 'ingested'
        WHERE status = 'duplicate' AND EXISTS (SELECT 1 FROM calls c WHERE c.sha256 = files.sha256
                                               AND c.source_path = files.path);
        -- An unreadable file (no sha256) got a row per attempt: one row per path, attempts counted.
        UPDATE files SET
            attempts = (SELECT count(*) FROM files o WHERE o.path = files.path AND o.sha256 IS NULL),
            last_seen_at = (SELECT max(o.seen_at) FROM files o WHERE o.path = files.path AND o.sha256 IS NULL)
        WHERE sha256 IS NULL AND id = (SELECT min(o.id) FROM files o WHERE o.path = files.path AND o.sha256 IS NULL);
        DELETE FROM files WHERE sha256 IS NULL
            AND id != (SELECT min(o.id) FROM files o WHERE o.path = files.path AND o.sha256 IS NULL);
        CREATE UNIQUE INDEX files_path_unread ON files (path) WHERE sha256 IS NULL;
        """
    # No statement above holds a ";" inside it, so splitting on it is safe.
    for statement in statements.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0009_alerts_retired")
def _0009(db: Database) -> None:
    # An alert can be `retired`: its changes were recomputed (a late quarter, a replaced call) and
    # none of the current ones is for its target, so it will never be sent; `last_error` says why.
    # SQLite cannot alter a CHECK constraint: the table is rebuilt, rows and ids kept.
    db.executescript(
        """
        CREATE TABLE alerts_0009 (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            target_label TEXT NOT NULL,
            change_ids TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'retired')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            sent_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (call_id, target)
        );
        INSERT INTO alerts_0009 (id, call_id, target, target_label, change_ids, status, attempts, next_attempt_at,
                                 last_error, sent_at, created_at)
            SELECT id, call_id, target, target_label, change_ids, status, attempts, next_attempt_at,
                   last_error, sent_at, created_at FROM alerts;
        DROP TABLE alerts;
        ALTER TABLE alerts_0009 RENAME TO alerts;
        CREATE INDEX alerts_due ON alerts (status, next_attempt_at);
        """
    )


@migrations(name="0010_changes_call_date_evidence")
def _0010(db: Database) -> None:
    # The call's date on each change, so `callwatch changes --since` filters by when the call was
    # held (created_at stays the time the change was computed); and the key items behind each side,
    # so a digest can say who said it (role, firm), in which turn, how sure callwatch is and why.
    db.executescript(
        """
        ALTER TABLE changes ADD COLUMN call_date TEXT;
        ALTER TABLE changes ADD COLUMN before_item_id INTEGER;
        ALTER TABLE changes ADD COLUMN after_item_id INTEGER;
        UPDATE changes SET call_date = (SELECT call_date FROM calls WHERE calls.id = changes.call_id);
        CREATE INDEX changes_call_date ON changes (call_date);
        """
    )


@migrations(name="0011_alerts_held_and_corrections")
def _0011(db: Database) -> None:
    # Alerts can wait (`held_until`, `held_for`: a target's quiet hours or its daily digest) and a
    # call can have more than one alert per target: a corrected transcript's follow-up
    # (`purpose` = 'correction') beside the first digest ('call'). `reported` keeps what each
    # alert reported (kind, subject, change, rule, severity, summary of each change), so a
    # correction is compared with what the target was told even after the changes are recomputed.
    # The table is rebuilt (SQLite cannot drop the old UNIQUE (call_id, target)), rows and ids kept;
    # `reported` is filled from the changes the old rows still point at.
    db.executescript(
        """
        CREATE TABLE alerts_0011 (
            id INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            target_label TEXT NOT NULL,
            change_ids TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'retired')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            sent_at TEXT,
            created_at TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'call' CHECK (purpose IN ('call', 'correction')),
            held_until TEXT,
            held_for TEXT,
            reported TEXT NOT NULL DEFAULT '[]'
        );
        INSERT INTO alerts_0011 (id, call_id, target, target_label, change_ids, status, attempts, next_attempt_at,
                                 last_error, sent_at, created_at, reported)
            SELECT id, call_id, target, target_label, change_ids, status, attempts, next_attempt_at,
                   last_error, sent_at, created_at,
                   (SELECT json_group_array(json_array(c.kind, c.subject, c.change, c.rule, c.severity, c.summary))
                    FROM changes c WHERE c.call_id = alerts.call_id
                    AND c.id IN (SELECT value FROM json_each(alerts.change_ids)))
            FROM alerts;
        DROP TABLE alerts;
        ALTER TABLE alerts_0011 RENAME TO alerts;
        CREATE INDEX alerts_due ON alerts (status, next_attempt_at);
        -- One first digest per call and target; follow-ups for corrections come beside it.
        CREATE UNIQUE INDEX alerts_call_target ON alerts (call_id, target) WHERE purpose = 'call';
        CREATE INDEX alerts_call ON alerts (call_id, target);
        """
    )


@migrations(name="0012_fts_automerge")
def _0012(db: Database) -> None:
    # FTS5 merges an index's b-trees once `automerge` of them (default 4) are at one level: with a
    # commit every quarter second, ingest rewrote each turn's index entries again and again. At 16 (the
    # most FTS5 allows), indexing the development corpus took 0.3 ms less a file; a search reads a
    # few more small b-trees, which no one notices. Searches find exactly the same rows.
    db.execute("INSERT INTO segments_fts (segments_fts, rank) VALUES ('automerge', 16)")


@migrations(name="0013_trial_statuses")
def _0013(db: Database) -> None:
    # Trial statuses took the gold's words (2026-12): a trial in dose escalation or at a dose level is
    # `enrolling`, its stage kept in `attributes.stage`; "data expected" is `data_expected`. Rows stored
    # before would read as a change of status against every new call ("enrolling (was: dose escalation)").
    db.executescript(
        """
        UPDATE key_items SET attributes = json_set(coalesce(attributes, '{}'), '$.stage', status), status = 'enrolling'
            WHERE kind = 'trial_status' AND status IN ('dose escalation', 'dose level');
        UPDATE key_items SET status = 'data_expected' WHERE kind = 'trial_status' AND status = 'data expected';
        """
    )
