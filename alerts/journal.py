"""The delivery journal: a line per alert a target accepted, written the moment it accepts.

Marking an alert sent is a database transaction, which may wait for the writer's lock; a crash in
that wait would send the alert again after a restart. An append to this file takes microseconds
and survives `kill -9` (the kernel keeps the write), so the dispatcher reconciles the journal into
the database before it sends anything, and a delivered alert is not delivered twice.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class Journal:
    """An append-only file of delivered alert ids, beside the database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, database: Path) -> Journal:
        return cls(database.with_name(database.name + ".delivered"))

    def record(self, alert_id: int) -> None:
        """Note that `alert_id` was accepted by its target."""
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{alert_id}\n".encode())
        finally:
            os.close(fd)

    def delivered(self) -> set[int]:
        """Every alert id recorded (a torn last line, from a crash mid-write, is ignored)."""
        try:
            text = self.path.read_text()
        except FileNotFoundError:
            return set()
        return {int(line) for line in text.split("\n")[:-1] if line.strip().isdigit()}

    def clear(self) -> None:
        """Forget the recorded ids, once the database has them all."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
