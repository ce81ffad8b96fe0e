"""`callwatch run`: the long-running service.

Threads: the watcher's observer (finds files, never reads them), one writer (the only thread that
ingests: it drains a queue, one transaction per file), and the alert dispatcher (its own database
connection). On start the inboxes are scanned to catch up; they are scanned again periodically
for events the kernel dropped. `stop` (SIGTERM, SIGINT) finishes the current file and returns.

When the database cannot be written (another connection holds the write lock past the busy
timeout, or the disk is full), the writer pauses: the file in hand and those that arrive stay in
the inbox, unrecorded, and are tried again with backoff until the database takes them.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

from alerts.dispatcher import dispatch
from alerts.journal import Journal
from alerts.targets import targets_from
from worker.clock import Clock, timestamp, utc_now
from worker.comparison import route_call
from worker.discovery import find_files
from worker.errors import StoreUnavailable
from worker.filenames import shown
from worker.pipeline import FAILED, INGESTED, ingest_file
from worker.settings import Settings
from worker.settle import CHANGED, Settler
from worker.store import Store
from worker.watcher import Watcher

log = logging.getLogger("callwatch.service")

# Waits between attempts to write a database that is busy or full: doubled each time, up to the last.
RETRY_SECONDS = (0.5, 1.0, 2.0, 4.0, 8.0)
# How long a stop waits for a delivery in flight; the process then exits without it (the alert
# stays pending and is sent after the next start). With the rest of the stop, within 5 s.
DELIVERY_GRACE_SECONDS = 1.5


def trouble(error: StoreUnavailable) -> str:
    """What a store problem is, in the words of the service's log."""
    if error.kind == StoreUnavailable.BUSY:
        return "database busy (another connection holds the write lock)"
    if error.kind == StoreUnavailable.FULL:
        return "disk is full"
    return f"database unwritable ({error.reason})"


class Service:
    """The watcher, the writer and the dispatcher, started and stopped together.

    Args:
        settings: all settings.
        clock: wall-clock time for stored timestamps (tests inject one).
        stop: set it to stop the service (signal handlers do).
    """

    def __init__(self, settings: Settings, *, clock: Clock = utc_now, stop: threading.Event | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.stop_event = stop or threading.Event()
        self._events: queue.Queue[tuple[Path, str]] = queue.Queue()
        self._wake_dispatcher = threading.Event()
        self._settler = Settler(stable_seconds=settings.watch.stable_seconds,
                                close_settle_seconds=settings.watch.close_settle_seconds)
        self._handled: dict[Path, tuple[int, float] | None] = {}  # path -> (size, mtime) when handled
        self._waiting: dict[Path, None] = {}  # files that met an unwritable database, in arrival order
        self._paused_until = 0.0  # monotonic time of the next attempt while the database is unwritable
        self._failures = 0  # attempts in a row that met an unwritable database
        self._trouble: str | None = None  # what is wrong with the database, once logged
        self._held_logged: set[int] = set()  # held alerts already logged (dispatcher thread only)
        # The failed/ folder that failed files are moved to is not part of the inbox.
        self._exclude = [*settings.watch.exclude, *(["failed"] if settings.watch.move_failed else [])]

    # --- the writer --------------------------------------------------------------------------

    def run(self, *, once: bool = False) -> None:
        """Catch up, then watch until stopped (or, with `once`, catch up, send alerts and return)."""
        folders = [folder.resolve() for folder in self.settings.watch.paths]
        missing = [str(folder) for folder in folders if not folder.is_dir()]
        if missing:
            from worker.errors import ConfigError

            raise ConfigError([("watch.paths", ", ".join(missing), "existing folders")], source="callwatch run")
        # The writer is CPU-bound (parsing, extraction); the dispatcher mostly waits on the network.
        # A short GIL switch interval lets the dispatcher record a delivery the moment it happens,
        # which narrows the window in which a kill -9 could make an alert go out twice.
        sys.setswitchinterval(0.0005)
        store = self._open_store()
        if store is None:
            return  # stopped while waiting for the database
        dispatcher = None if once else threading.Thread(target=self._dispatch_loop, name="dispatcher", daemon=True)
        watcher = None
        try:
            self._heartbeat(store, folders, observer="none (once)" if once else "starting")
            if not once:
                watcher = Watcher(folders, self._seen, include=self.settings.watch.include,
                                  exclude=self._exclude, polling=self.settings.watch.polling,
                                  poll_interval=self.settings.watch.poll_interval)
                log.info("watching %s (%s)", ", ".join(map(str, folders)), watcher.kind)
                self._heartbeat(store, folders, observer=watcher.kind)
                dispatcher.start()
            self._catch_up(store, folders, observer=watcher.kind if watcher else "none (once)")
            if once:
                self._dispatch_once(store)
                return
            self._writer_loop(store, folders, watcher.kind)
        finally:
            grace_ends = time.monotonic() + DELIVERY_GRACE_SECONDS
            self.stop_event.set()
            self._wake_dispatcher.set()
            if watcher is not None:
                watcher.stop()
            if dispatcher is not None:
                # A delivery to a server that does not answer is not waited for: the dispatcher is a
                # daemon thread and sends in its own thread, so the process exits without it.
                dispatcher.join(timeout=max(0.0, grace_ends - time.monotonic()))
                if dispatcher.is_alive():
                    log.warning("stopping with a delivery in flight: its alert stays pending and is sent "
                                "after the next start")
            self._stopped(store)
            store.close()
            log.info("stopped")

    def _seen(self, path: Path, how: str) -> None:
        self._events.put((path, how))  # from the observer's thread: only a queue put

    def _writer_loop(self, store: Store, folders: list[Path], observer: str) -> None:
        next_rescan = time.monotonic() + self.settings.watch.rescan_seconds
        next_beat = 0.0
        while not self.stop_event.is_set():
            now = time.monotonic()
            if now >= next_beat:
                self._heartbeat(store, folders, observer=observer)
                next_beat = now + self.settings.service.heartbeat_seconds
            if now >= next_rescan:
                self._catch_up(store, folders, observer=observer)
                next_rescan = now + self.settings.watch.rescan_seconds
            wait = self._settler.next_due(now=now)
            try:
                path, how = self._events.get(timeout=min(wait if wait is not None else 0.5, 0.5))
                self._settler.saw(path, how, now=time.monotonic(), **_stat_fields(path))
            except queue.Empty:
                pass
            for path in self._settler.ready(now=time.monotonic(), stat=_stat):
                if self.stop_event.is_set():
                    return  # leave the rest: the catch-up scan on the next start finds them
                self._submit(store, path)
            self._retry_waiting(store)

    def _catch_up(self, store: Store, folders: list[Path], *, observer: str) -> None:
        """Ingest every file in the inboxes that arrived or changed while nobody was watching.

        Files this process has already handled, unchanged in size and mtime, are skipped without
        being read (periodic rescans of a large inbox stay cheap); others cost a hash at most.
        """
        stable = self.settings.watch.stable_seconds
        next_beat = time.monotonic() + self.settings.service.heartbeat_seconds
        for path in find_files(folders, include=self.settings.watch.include, exclude=self._exclude):
            if self.stop_event.is_set():
                return
            if time.monotonic() >= next_beat:  # a long catch-up is not a dead service
                self._heartbeat(store, folders, observer=observer)
                next_beat = time.monotonic() + self.settings.service.heartbeat_seconds
            current = _stat(path)
            if current is None or self._handled.get(path) == current:
                continue
            if time.time() - current[1] >= stable:
                self._submit(store, path)
            else:  # still being written: wait until it is stable, like any changing file
                self._settler.saw(path, CHANGED, now=time.monotonic(), **_stat_fields(path))

    def _submit(self, store: Store, path: Path) -> None:
        """Ingest `path` now, or queue it behind the others while the database is unwritable."""
        if self._waiting or time.monotonic() < self._paused_until:
            self._waiting[path] = None
            return
        self._ingest(store, path)

    def _retry_waiting(self, store: Store) -> None:
        """Once the pause is over, ingest the files that wait, in order, until one meets the problem again."""
        while self._waiting and time.monotonic() >= self._paused_until and not self.stop_event.is_set():
            path = next(iter(self._waiting))
            del self._waiting[path]
            if path.exists():
                self._ingest(store, path)

    def _ingest(self, store: Store, path: Path) -> None:
        settings = self.settings
        self._handled[path] = _stat(path)
        try:
            # One transaction per file, opened here: a lock or a full disk stops it before
            # anything is recorded, and the file is tried again rather than marked as handled.
            with store.write():
                outcome = ingest_file(store, path, max_bytes=int(settings.ingest.max_file_mb * 1_000_000),
                                      alerts=settings.alerts, retry_failed=False, within=settings.watch.paths,
                                      follow_links_outside=settings.watch.follow_links_outside,
                                      tickers=settings.ingest.tickers)
        except StoreUnavailable as error:
            del self._handled[path]
            self._waiting = {path: None, **self._waiting}
            self._pause(error)
            return
        except Exception as error:  # the service never exits because of one file
            log.exception("could not ingest %s", shown(path))
            self._record_error(store, f"{shown(path)}: {error}")
            return
        self._store_ok()
        # outcome.path is the file's name escaped (bytes that are not UTF-8, control characters).
        if outcome.status == INGESTED:
            # One line per call: baseline, "N changes, M alerted to K targets", or replaced.
            log.info("ingested %s as call %s: %s%s", outcome.path, outcome.call_id,
                     f"{outcome.detail}; " if outcome.detail else "",
                     outcome.changes or "kept as a version, not current")
            if outcome.alerts:
                self._wake_dispatcher.set()
        elif outcome.status == FAILED:
            log.warning("failed %s: %s", outcome.path, outcome.error)
            self._record_error(store, f"{outcome.path}: {outcome.error}")
            if settings.watch.move_failed:
                _move_to_failed(path)

    def _pause(self, error: StoreUnavailable) -> None:
        wait = RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS) - 1)]
        self._failures += 1
        self._paused_until = time.monotonic() + wait
        self._trouble = trouble(error)
        log.warning("%s: ingesting paused, %d file(s) wait in the inbox, unrecorded; next try in %.1f s",
                    self._trouble, len(self._waiting), wait)

    def _store_ok(self) -> None:
        if self._trouble is not None:
            log.info("the database takes writes again (was: %s)", self._trouble)
        self._failures, self._paused_until, self._trouble = 0, 0.0, None

    def _open_store(self) -> Store | None:
        """The store, waiting out a lock or a full disk met while opening (migrating) it; None if stopped."""
        failures = 0
        while not self.stop_event.is_set():
            try:
                return Store(self.settings.database.path, clock=self.clock)
            except StoreUnavailable as error:
                wait = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning("%s: cannot open the database yet; next try in %.1f s", trouble(error), wait)
                self.stop_event.wait(wait)
        return None

    # --- the dispatcher ----------------------------------------------------------------------

    def _dispatch_loop(self) -> None:
        store = self._open_store()
        if store is None:
            return
        try:
            while not self.stop_event.is_set():
                self._dispatch_once(store)
                self._wake_dispatcher.wait(timeout=1.0)
                self._wake_dispatcher.clear()
        finally:
            store.close()

    def _dispatch_once(self, store: Store) -> None:
        alerts = self.settings.alerts
        try:
            for delivery in dispatch(store, targets_from(alerts.targets), now=self.clock,
                                     max_attempts=alerts.max_attempts, backoff_seconds=alerts.backoff_seconds,
                                     journal=Journal.beside(store.path), templates_dir=alerts.templates_dir,
                                     reroute=lambda call, current: route_call(call, current, alerts)[1]):
                if delivery.error:
                    log.warning("%s to %s not delivered (%s): %s", delivery.alerts, delivery.target,
                                delivery.status, delivery.error)
                else:
                    log.info("%s sent to %s", delivery.alerts, delivery.target)
            self._log_held(store)
        except StoreUnavailable as error:  # what was sent is in the journal; the rest is tried again
            log.warning("alert dispatch paused: %s", trouble(error))
        except Exception:  # a database hiccup: log, keep the service up, try again
            log.exception("alert dispatch failed")

    def _log_held(self, store: Store) -> None:
        """Say, once per alert, that one waits for its target's quiet hours or daily digest, and until when."""
        for row in store.db.query("SELECT id, target_label, held_for, held_until FROM alerts WHERE status = 'pending' "
                                  "AND held_until > ? ORDER BY id", [timestamp(self.clock)]):
            if row["id"] not in self._held_logged:
                self._held_logged.add(row["id"])
                log.info("alert %s to %s held for %s until %s", row["id"], row["target_label"], row["held_for"],
                         row["held_until"])

    # --- the heartbeat -----------------------------------------------------------------------

    def _heartbeat(self, store: Store, folders: list[Path], *, observer: str) -> None:
        """Record a sign of life; a busy or full database skips this beat (logged once) and the next one tries again."""
        now = timestamp(self.clock)
        try:
            with store.write():
                store.db.execute(
                    "INSERT INTO service (id, pid, host, started_at, heartbeat_at, watching, observer) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, "
                    "host = excluded.host, heartbeat_at = excluded.heartbeat_at, watching = excluded.watching, "
                    "observer = excluded.observer, stopped_at = NULL, "
                    "started_at = CASE WHEN service.pid = excluded.pid THEN service.started_at "
                    "ELSE excluded.started_at END",
                    [os.getpid(), socket.gethostname(), now, now, ", ".join(map(str, folders)), observer])
        except StoreUnavailable as error:
            if self._trouble != trouble(error):
                self._trouble = trouble(error)
                log.warning("%s: the heartbeat is not recorded; trying again", self._trouble)
            return
        if not self._waiting:
            self._store_ok()

    def _record_error(self, store: Store, message: str) -> None:
        try:
            with store.write():
                store.db.execute("UPDATE service SET last_error = ? WHERE id = 1", [message[:2000]])
        except StoreUnavailable as error:
            log.warning("%s: the last error is not recorded", trouble(error))

    def _stopped(self, store: Store) -> None:
        try:
            with store.write():
                store.db.execute("UPDATE service SET stopped_at = ? WHERE id = 1 AND pid = ?",
                                 [timestamp(self.clock), os.getpid()])
        except StoreUnavailable as error:  # stopping must not fail because the database is busy or full
            log.warning("%s: the stop is not recorded in the database", trouble(error))


def _stat(path: Path) -> tuple[int, float] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime


def _stat_fields(path: Path) -> dict:
    current = _stat(path)
    return {"size": current[0], "mtime": current[1]} if current else {"size": None, "mtime": None}


def _move_to_failed(path: Path) -> None:
    target = path.parent / "failed" / path.name
    try:
        target.parent.mkdir(exist_ok=True)
        shutil.move(str(path), str(target))
        log.info("moved %s to %s", path, target)
    except OSError as error:
        log.warning("could not move %s to the failed folder: %s", path, error)
