"""The SQLite store: one connection, write transactions, and the rows each stage writes."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handlers.extractors.model import KeyItem
from handlers.transcript import Transcript
from worker.clock import Clock, timestamp, utc_now
from worker.errors import StoreUnavailable
from worker.migrations import migrations
from worker.rows import Reader
from worker.versions import SavedCall, save_version

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["Reader", "SavedCall", "Store"]

# How long a writer waits for another connection (a user's sqlite3 shell) to release its lock.
BUSY_TIMEOUT_SECONDS = 5.0
# 16 KiB pages, not SQLite's 4: a turn of a call is often longer than a 4 KiB page (its text then
# spills into a chain of overflow pages), and each commit of an ingest group writes a page per WAL
# frame. With a page cache of 32 MiB (default 2), a group's pages stay in memory until its commit
# instead of being spilled to the WAL and written again. Measured on the development corpus (the
# store stage alone, replayed: every write, index, commit and the changes stage): 2.65 ms a file
# instead of 2.77, best of ten. Neither changes what a commit guarantees.
PAGE_SIZE = 16384
CACHE_KIB = 32768
# SQLite's primary result codes that say the store, not the statement, is the problem.
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_FULL_CODES = {13}  # SQLITE_FULL
_BROKEN_CODES = {8, 10, 11, 14, 15, 26}  # READONLY, IOERR, CORRUPT, CANTOPEN, PROTOCOL, NOTADB


def unavailable(error: sqlite3.Error, path: Path | str) -> StoreUnavailable | None:
    """`error` as a `StoreUnavailable` when it is about the database file (locked, full, broken), else None."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _BUSY_CODES:
        return StoreUnavailable(str(path), f"the database is locked: another connection holds the write lock "
                                           f"(waited {BUSY_TIMEOUT_SECONDS:.0f} s)", kind=StoreUnavailable.BUSY)
    if primary in _FULL_CODES:
        return StoreUnavailable(str(path), "the disk is full", kind=StoreUnavailable.FULL)
    if primary in _BROKEN_CODES:
        return StoreUnavailable(str(path), str(error), kind=StoreUnavailable.BROKEN)
    return None


class Store:
    """The callwatch database.

    Args:
        path: the SQLite file; created (with its folder) and migrated if needed.
        clock: gives the time written into `*_at` columns.
    """

    def __init__(self, path: Path | str, *, clock: Clock = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see `write`), and
        # sqlite-utils nests its own atomic() blocks inside as savepoints.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                               check_same_thread=False)
        try:  # a new database on a full disk, or one locked while it turns to WAL, fails here
            # A new database gets pages of PAGE_SIZE (an existing one keeps its own: the size is fixed
            # once the file has content); must come before WAL, which fixes it too.
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        except sqlite3.Error as error:
            conn.close()
            if (problem := unavailable(error, self.path)) is None:
                raise
            raise problem from error
        self.conn = conn
        # Turns stored in the open transaction, by call, not yet in the full-text index (see `_commit`).
        self._unindexed: dict[int, list[tuple[int, str]]] = {}
        # Only a database that needs migrating is written on open: `status` and `calls` read while
        # another connection holds the write lock (WAL lets them), and start on a full disk.
        if migrations.pending_in(conn):
            with self.write():
                migrations.apply(self.db)

    @cached_property
    def db(self) -> Database:
        """The connection as sqlite-utils' `Database`, made on first use: importing sqlite-utils (and
        numpy, which it loads) is 0.2 s that a read-only command does without (it reads `reader`)."""
        from sqlite_utils import Database

        return Database(self.conn)

    @cached_property
    def reader(self) -> Reader:
        """The same connection, for reading rows as dicts without sqlite-utils."""
        return Reader(self.conn)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """A write transaction: all of it is stored, or none of it.

        BEGIN IMMEDIATE takes the write lock up front, so a concurrent reader's lock makes us
        wait (up to the busy timeout) instead of failing halfway. Inside an open transaction,
        a savepoint: an error rolls back this block alone (and a SQLite error stays itself,
        for the caller that handles it).

        Raises:
            StoreUnavailable: (outermost block) the lock was not released within the busy
                timeout, the disk is full or the file is broken; the transaction was rolled back.
        """
        conn = self.conn
        if conn.in_transaction:
            unindexed = dict(self._unindexed)
            try:
                with self.db.atomic():
                    yield self.db
            except BaseException:
                self._unindexed = unindexed  # the turns rolled back are not to be indexed
                raise
            return
        self._begin()
        try:
            yield self.db
            self._commit()
        except sqlite3.Error as error:
            self._rollback()
            if (problem := unavailable(error, self.path)) is None:
                raise
            raise problem from error
        except BaseException:
            self._rollback()
            raise

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            if (problem := unavailable(error, self.path)) is None:
                raise
            raise problem from error

    @contextmanager
    def grouped(self, *, seconds: float, clock: Callable[[], float] = time.monotonic) -> Iterator[Callable[[], None]]:
        """Share one write transaction among many units of work; yields `next_unit`, to call before each.

        `next_unit` commits the open transaction once it is `seconds` old, and opens a new one. Each
        commit rewrites the pages every call touches (the ends of a dozen b-trees, the full-text
        index): committing per file wrote 100 pages for 23 pages of new data. A unit that fails
        inside its own `write()` is rolled back alone (a savepoint), so the group stays consistent;
        an error that escapes rolls back the open group, whose units leave no trace and are done
        again next time. Closing the caller's generator between units (GeneratorExit) commits.

        Raises:
            StoreUnavailable: the database cannot be written (locked, full, broken), with `stored`,
                the units (files) committed before it; the open group is rolled back.
        """
        conn = self.conn
        deadline = 0.0
        committed = opened = 0  # units committed; units in the open transaction

        def next_unit() -> None:
            nonlocal deadline, committed, opened
            if conn.in_transaction and clock() >= deadline:
                self._commit()
                committed, opened = committed + opened, 0
            if not conn.in_transaction:
                self._begin()
                deadline = clock() + seconds
            opened += 1

        try:
            yield next_unit
            if conn.in_transaction:
                self._commit()
        except GeneratorExit:
            if conn.in_transaction:
                self._commit()
            raise
        except (StoreUnavailable, sqlite3.Error) as error:
            self._rollback()
            problem = error if isinstance(error, StoreUnavailable) else unavailable(error, self.path)
            if problem is None:
                raise
            raise StoreUnavailable(problem.path, problem.reason, kind=problem.kind, stored=committed) from error
        except BaseException:
            if conn.in_transaction:
                self._rollback()
            raise

    def _commit(self) -> None:
        """Full-text index the turns stored in this transaction, then commit.

        Indexing waits until now, outside every savepoint: FTS5 writes its pending index to disk
        at each savepoint, so indexing inside each file's savepoint wrote one small index segment
        per call (and merged them again); feeding it the texts in one statement per transaction
        took 1.25 ms a call instead of 2.0 ms. The delete trigger skips rows not indexed yet
        (migration 0006), so a call replaced within the transaction leaves no trace in the index.
        Turns are never updated in place, which the update trigger could not tell apart.
        """
        if self._unindexed:
            rows = [row for rows in self._unindexed.values() for row in rows]
            self._unindexed = {}
            self.conn.executemany("INSERT INTO segments_fts (rowid, text) VALUES (?, ?)", rows)
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self._unindexed = {}
        # SQLite rolls a transaction back by itself after some errors (a full disk): nothing left to undo.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def writable_now(self) -> bool:
        """Whether the write lock can be had at once (False: another connection holds it)."""
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError as error:
            problem = unavailable(error, self.path)
            if problem is None or problem.kind != StoreUnavailable.BUSY:
                raise
            return False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")

    def now(self) -> str:
        """The clock's time in the database's format."""
        return timestamp(self.clock)

    def call_id_by_sha(self, sha256: str) -> int | None:
        """The call these exact bytes are a version of (current or not), if any."""
        row = self.db.execute("SELECT call_id FROM call_versions WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else row[0]

    def failed_before(self, path: str, sha256: str) -> bool:
        """Whether these exact bytes at this path already failed (retried only when they change)."""
        row = self.db.execute(
            "SELECT 1 FROM files WHERE path = ? AND sha256 = ? AND status = 'failed'", [path, sha256]
        ).fetchone()
        return row is not None

    def insert(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert `rows` (dicts with the same keys) into `table`; returns their ids, in order.

        The ingest hot path's insert: sqlite-utils' `insert` looks the table up in sqlite_master and
        opens a savepoint for every call, which cost 0.5 ms of the 10 ms budget a transcript has.
        """
        if not rows:
            return []
        columns = list(rows[0])
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
               "RETURNING id")
        conn = self.conn
        return [conn.execute(sql, [row[column] for column in columns]).fetchone()[0] for row in rows]

    def save_items(self, call_id: int, items: list[KeyItem]) -> None:
        """Replace the call's key items."""
        with self.write():
            self.db.execute("DELETE FROM key_items WHERE call_id = ?", [call_id])
            rows = [item_row(item) for item in items]
            if rows:  # one statement for all (their ids are not needed): `insert` ran one per row
                columns = ["call_id", *rows[0]]
                self.conn.executemany(
                    f"INSERT INTO key_items ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [(call_id, *row.values()) for row in rows])

    def save_call(self, transcript: Transcript, *, source_path: str, sha256: str,
                  size: int | None = None) -> SavedCall:
        """Store a call, or a new version of the same company's call for the same period.

        Every version is kept (`call_versions`); the most complete one is current, and only then
        does it write the call's content (see worker/versions.py). The caller extracts items and
        records changes only for a version that became current (`SavedCall.current`).
        """
        with self.write():
            existing = self._same_period(transcript)
            return save_version(self, existing[0] if existing else None, transcript, source_path=source_path,
                                sha256=sha256, size=size)

    def write_content(self, call_id: int | None, transcript: Transcript, *, source_path: str, sha256: str) -> int:
        """Make `transcript` the content of call `call_id` (a new call when None), keeping its id; returns it."""
        now = self.now()
        row = {
            "ticker": transcript.ticker,
            "company": transcript.company,
            "fiscal_year": transcript.fiscal_year,
            "fiscal_quarter": transcript.fiscal_quarter,
            "period_source": transcript.period_source,
            "call_date": transcript.call_date.isoformat() if transcript.call_date else None,
            "call_time": transcript.call_time,
            "title": transcript.title,
            "format": transcript.format,
            "duration_minutes": transcript.duration_minutes,
            "comparable": int(transcript.comparable),
            "source_path": source_path,
            "sha256": sha256,
            "updated_at": now,
        }
        if call_id is None:
            call_id = self.insert("calls", [{**row, "ingested_at": now}])[0]
        else:
            self.db["calls"].update(call_id, row)
            self.db.execute("DELETE FROM participants WHERE call_id = ?", [call_id])
            self._unindexed.pop(call_id, None)  # stored earlier in this transaction: never to be indexed
            self.db.execute("DELETE FROM segments WHERE call_id = ?", [call_id])
        self._insert_content(call_id, transcript)
        return call_id

    def _same_period(self, transcript: Transcript) -> tuple[int, str] | None:
        if not transcript.comparable:
            return None
        row = self.db.execute(
            "SELECT id, sha256 FROM calls WHERE ticker = ? AND fiscal_year = ? AND fiscal_quarter = ?",
            [transcript.ticker, transcript.fiscal_year, transcript.fiscal_quarter],
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def _insert_content(self, call_id: int, transcript: Transcript) -> None:
        # The hot path of every ingest: plain executemany (sqlite-utils' insert_all spent 2 ms a
        # call checking each value for JSON); the turns are full-text indexed at commit (`_commit`).
        conn = self.conn
        conn.executemany(
            "INSERT INTO participants (call_id, name, title, affiliation, kind) VALUES (?, ?, ?, ?, ?)",
            [(call_id, p.name, p.title, p.affiliation, p.kind) for p in transcript.participants],
        )
        # The ids SQLite would give (max + 1, on), given here so they need not be read back for the index.
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM segments").fetchone()[0]
        conn.executemany(
            "INSERT INTO segments (id, call_id, seq, section, speaker, role, affiliation, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + index, call_id, index + 1, turn.section, turn.speaker, turn.role, turn.affiliation, turn.text)
             for index, turn in enumerate(transcript.turns)],
        )
        self._unindexed[call_id] = [(first + index, turn.text) for index, turn in enumerate(transcript.turns)]

    def record_file(
        self,
        path: str,
        *,
        size: int,
        status: str,
        sha256: str | None = None,
        call_id: int | None = None,
        error: str | None = None,
        error_code: str | None = None,
        encoding: str | None = None,
        format: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Record what happened to one version of a file: one row per path and content.

        A file already recorded keeps its first outcome (a restart seeing an ingested file again
        must not make it a `duplicate`); the sighting is counted in `attempts` and `last_seen_at`.
        Only a failure is replaced, by the outcome of trying it again (`ingested` or `failed`).
        An unreadable file (no sha256) is one row however often it is tried.
        """
        now = self.now()
        row = {
            "path": path, "sha256": sha256, "size": size, "status": status, "error": error,
            "error_code": error_code, "encoding": encoding, "format": format, "detail": detail,
            "call_id": call_id, "seen_at": now, "last_seen_at": now,
        }
        with self.write():
            # `IS`, not `=`: an unreadable file's sha256 is NULL.
            known = self.db.execute("SELECT id, status FROM files WHERE path = ? AND sha256 IS ?",
                                    [path, sha256]).fetchone()
            if known is None:
                self.insert("files", [row])
            elif known[1] == "failed" and status in ("ingested", "failed"):
                outcome = {k: v for k, v in row.items() if k not in ("path", "sha256", "seen_at")}
                self.db.execute(
                    f"UPDATE files SET {', '.join(f'{k} = ?' for k in outcome)}, attempts = attempts + 1 "
                    "WHERE id = ?", [*outcome.values(), known[0]])
            else:
                self.db.execute("UPDATE files SET last_seen_at = ?, attempts = attempts + 1 WHERE id = ?",
                                [now, known[0]])


def item_row(item: KeyItem) -> dict[str, Any]:
    """A key item as a `key_items` row (without its call id): what the diff engine reads back."""
    return {
        "kind": item.kind,
        "subject": item.subject,
        "status": item.status,
        "confidence": item.confidence,
        "amount": item.amount,
        "currency": item.currency,
        "amount_usd": item.amount_usd,
        "amount_text": item.amount_text,
        "date_start": item.date_start.isoformat() if item.date_start else None,
        "date_end": item.date_end.isoformat() if item.date_end else None,
        "text_value": item.text_value,
        "counterparty": item.counterparty,
        "attributes": json.dumps({k: v for k, v in item.attributes.items() if v is not None}, sort_keys=True),
        "quote": item.quote,
        "speaker": item.sentence.speaker,
        "section": item.sentence.section,
        "segment_seq": item.sentence.seq,
        "start_offset": item.sentence.start,
        "end_offset": item.sentence.end,
        "notes": "; ".join(item.notes) or None,
    }
