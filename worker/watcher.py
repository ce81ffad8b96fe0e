"""The watcher: finds files in the inbox folders and hands them on. It never reads or parses them.

inotify (watchdog's Observer) by default; a PollingObserver when configured, or when inotify
cannot start (watch limit reached).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from worker.discovery import wanted
from worker.settle import CHANGED, CLOSED, MOVED

log = logging.getLogger(__name__)

# (path, how) -> None: called from the observer's thread for every candidate file event.
Sink = Callable[[Path, str], None]


class _Handler(FileSystemEventHandler):
    def __init__(self, sink: Sink, folders: list[Path], include: list[str], exclude: list[str]) -> None:
        self._sink, self._folders, self._include, self._exclude = sink, folders, include, exclude

    def _offer(self, path: str | bytes, how: str) -> None:
        candidate = Path(os.fsdecode(path))  # a name that is not UTF-8 stays as surrogate escapes
        folder = next((f for f in self._folders if candidate.is_relative_to(f)), None)
        if folder is None:
            return  # moved out of the inbox
        if wanted(candidate.relative_to(folder), include=self._include, exclude=self._exclude):
            self._sink(candidate, how)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        if isinstance(event, FileMovedEvent):
            self._offer(event.dest_path, MOVED)  # "b.tmp -> b.txt": complete on arrival
        elif isinstance(event, FileClosedEvent):
            self._offer(event.src_path, CLOSED)
        elif isinstance(event, FileCreatedEvent):
            # A file moved in from outside the inbox arrives as "created", already full; one being
            # written is created empty. The first needs only the short settle of a closed file.
            self._offer(event.src_path, CLOSED if _size(event.src_path) else CHANGED)
        elif isinstance(event, FileModifiedEvent):
            self._offer(event.src_path, CHANGED)


def _size(path: str | bytes) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class Watcher:
    """Watches folders recursively and passes candidate files to `sink`."""

    def __init__(self, folders: list[Path], sink: Sink, *, include: list[str], exclude: list[str], polling: bool,
                 poll_interval: float) -> None:
        self.folders = folders
        self._handler = _Handler(sink, folders, include, exclude)
        self._poll_interval = poll_interval
        self.kind = "polling" if polling else "inotify"
        self._observer = self._start(polling=polling)

    def _start(self, *, polling: bool):
        if not polling:
            observer = Observer()
            try:
                return self._schedule(observer)
            except OSError as error:
                _stop(observer)  # whatever it started before failing
                # ENOSPC ("inotify watch limit reached") or EMFILE: polling still works.
                log.warning("inotify cannot watch the inbox (%s); falling back to polling every %.1f s",
                            error.strerror or error, self._poll_interval)
                self.kind = "polling (inotify failed)"
        return self._schedule(PollingObserver(timeout=self._poll_interval))

    def _schedule(self, observer):
        # Filtering is ours (`wanted` on the destination), so a rename from an excluded name
        # ("x.part" -> "x.txt") is seen; watchdog's own pattern handlers would drop it.
        for folder in self.folders:
            observer.schedule(self._handler, str(folder), recursive=True)
        observer.start()
        return observer

    def stop(self) -> None:
        _stop(self._observer)


def _stop(observer) -> None:
    observer.unschedule_all()
    observer.stop()
    if observer.is_alive():
        observer.join(timeout=5)
