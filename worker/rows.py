"""Rows as dicts on a plain sqlite3 connection: what read-only commands need of sqlite-utils."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any


class Reader:
    """The reading half of sqlite-utils' `Database` (`query`, `execute`) on a plain connection: read-only
    commands answer without importing sqlite-utils (and numpy, which it loads), 0.2 s of their start."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        """Run one statement; the cursor."""
        return self.conn.execute(sql, parameters or ())

    def query(self, sql: str, parameters: Any = None) -> Iterator[dict[str, Any]]:
        """Each row as a dict, keyed by column name (as `Database.query`)."""
        cursor = self.conn.execute(sql, parameters or ())
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))
