"""Deciding when a file in the inbox is complete: moved in (at once), closed (after a short
settle), or otherwise unchanged in size and mtime for a while. Pure: the clock and the file
system's answers are passed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MOVED, CLOSED, CHANGED = "moved", "closed", "changed"


@dataclass
class _Watch:
    seen_at: float
    size: int | None
    mtime: float | None
    wait: float


class Settler:
    """Files seen by events, waiting until they are complete.

    Args:
        stable_seconds: how long an appearing or changing file must stay the same.
        close_settle_seconds: how long a file closed after writing must stay the same.
    """

    def __init__(self, *, stable_seconds: float, close_settle_seconds: float) -> None:
        self._waits = {MOVED: 0.0, CLOSED: close_settle_seconds, CHANGED: stable_seconds}
        self._files: dict[Path, _Watch] = {}

    def saw(self, path: Path, how: str, *, now: float, size: int | None, mtime: float | None) -> None:
        """Record an event for `path`; the wait starts again (a moved file needs none)."""
        previous = self._files.get(path)
        wait = self._waits[how] if previous is None else min(previous.wait, self._waits[how])
        if how != MOVED and previous is not None:
            wait = max(wait, self._waits[how])
        self._files[path] = _Watch(now, size, mtime, wait)

    def ready(self, *, now: float, stat) -> list[Path]:
        """Files now complete, removed from the waiting list.

        Args:
            now: the current time (seconds, monotonic).
            stat: `stat(path) -> (size, mtime)`, or None when the file is gone.
        """
        done = []
        for path, watch in list(self._files.items()):
            if now - watch.seen_at < watch.wait:
                continue
            current = stat(path)
            if current is None:
                del self._files[path]  # deleted or moved away before it settled
                continue
            if watch.wait > 0 and current != (watch.size, watch.mtime):
                self._files[path] = _Watch(now, *current, watch.wait)  # still changing: wait again
                continue
            del self._files[path]
            done.append(path)
        return done

    def next_due(self, *, now: float) -> float | None:
        """Seconds until the next file may be ready, or None when none is waiting."""
        if not self._files:
            return None
        return max(0.0, min(w.seen_at + w.wait - now for w in self._files.values()))

    def __len__(self) -> int:
        return len(self._files)
