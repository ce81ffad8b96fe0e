"""The ingest pipeline for one file: read -> parse -> store, each outcome recorded in `files`.

Stages: `read_file` (a regular file, in the watched folders, within the size limit: bytes and sha256),
`handlers.registry.parse` (bytes -> Transcript),
`handlers.extractors.registry.extract` (Transcript -> key items), `Store.save_call` and
`Store.save_items` (-> rows), `worker.comparison.record_changes` (-> changes and alerts), all in
one transaction (or one savepoint, when `ingest_files` groups files). A failure at any stage is
recorded with its reason and never touches what is already stored.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from handlers.errors import HandlerError
from handlers.extractors.registry import extract
from handlers.registry import parse
from handlers.source import Source
from worker.comparison import ChangeReport, record_changes
from worker.errors import FileRefused, FileTooLarge, LinkOutsideInbox, NotARegularFile, StoreUnavailable
from worker.filenames import shown
from worker.settings import AlertSettings
from worker.store import Store
from worker.tickers import ticker_table, with_ticker

log = logging.getLogger(__name__)

# The cyclic garbage collector, tuned for ingest (nothing it frees changes: it only runs less often).
# What is loaded by now (modules, compiled patterns, tables: ~60,000 objects) lives as long as the
# process: frozen, a full collection no longer scans it. And a first-generation collection waits for
# 10,000 new objects, not 700: parsing and extracting make and drop objects by the thousand, nearly
# all freed at once by reference counting. Measured over the development corpus: 0.2-0.45 ms of
# collection a file (150 collections a run), down to 0.03 (2).
gc.freeze()
gc.set_threshold(10_000, 10, 10)

INGESTED, DUPLICATE, FAILED, SKIPPED = "ingested", "duplicate", "failed", "skipped"
_CHUNK = 1 << 20
# How long files ingested in a row share one transaction (see Store.grouped): measured on the
# development corpus, 9.1 -> 7.8 ms a file; a crash costs at most this much work, done again.
GROUP_SECONDS = 0.25


@dataclass(frozen=True)
class Outcome:
    """What ingesting one file did."""

    path: str
    status: str
    call_id: int | None = None
    error: str | None = None
    detail: str | None = None
    missing: tuple[str, ...] = ()
    period_source: str | None = None  # how the fiscal period was found (calls.period_source)
    alerts: int = 0  # alerts enqueued for this call
    current: bool = True  # stored as the call's current version (else kept as another version of it)
    changes: ChangeReport | None = None  # what the changes stage did, for the service's log


@dataclass(frozen=True)
class FileBytes:
    """A file's bytes with its size and sha256."""

    size: int
    sha256: str
    data: bytes


# Opened without blocking: opening a FIFO for reading otherwise waits for a writer, forever.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_file(path: Path, *, max_bytes: int, within: Sequence[Path] | None = None) -> FileBytes:
    """Read and hash a regular file of at most `max_bytes`; anything else is refused before it is read.

    Args:
        path: the file (a link is followed, if `within` allows).
        max_bytes: a larger file is refused from its size.
        within: folders the file must really be in: a link that leads out of them is refused without
            being opened. None: anywhere.

    Raises:
        LinkOutsideInbox, NotARegularFile, FileTooLarge: refused; nothing was read.
        OSError: the file cannot be opened or read.
    """
    if within is not None:
        _check_inside(os.path.realpath(path), within)  # before opening: a device out there is not even opened
    _check_file(os.stat(path), max_bytes=max_bytes)  # before opening: a FIFO is not opened either
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        # What was opened may not be what was checked (the name was replaced in between): again.
        info = os.fstat(descriptor)
        _check_file(info, max_bytes=max_bytes)
        if within is not None:
            _check_inside(_opened_path(descriptor, path), within)
        data = _read_at_most(descriptor, min(info.st_size, max_bytes) + 1, limit=max_bytes + 1)
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew while it was read
        raise FileTooLarge(size=len(data), limit=max_bytes)
    return FileBytes(len(data), hashlib.sha256(data).hexdigest(), data)


def _check_file(info: os.stat_result, *, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((kind for test, kind in _KINDS if test(info.st_mode)), "not a file")
        raise NotARegularFile(kind=kind)
    if info.st_size > max_bytes:
        raise FileTooLarge(size=info.st_size, limit=max_bytes)


def _check_inside(real: str, within: Sequence[Path]) -> None:
    if not any(Path(real).is_relative_to(os.path.realpath(folder)) for folder in within):
        raise LinkOutsideInbox(target=shown(real))


def _opened_path(descriptor: int, path: Path) -> str:
    """Where the open file really is (Linux tells; elsewhere, where its name leads now)."""
    try:
        return os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return os.path.realpath(path)


def _read_at_most(descriptor: int, expected: int, *, limit: int) -> bytes:
    """Up to `limit` bytes; `expected` (the size plus one, to see the end) is read in one call if it can be."""
    chunks = []
    total = 0
    want = expected
    while total < limit:
        chunk = os.read(descriptor, min(want, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = _CHUNK
    return b"".join(chunks)


def ingest_files(store: Store, paths: Iterable[Path], *, max_bytes: int, alerts: AlertSettings | None = None,
                 within: Sequence[Path] = (), follow_links_outside: bool = False,
                 tickers: Mapping[str, str] | None = None) -> Iterator[Outcome]:
    """Ingest `paths` in order, yielding each outcome; files in a row share a transaction for a moment.

    `within`, `follow_links_outside` and `tickers` are as for `ingest_file`.

    Raises:
        StoreUnavailable: the database is locked or broken; the files of the open group are not stored.
    """
    with store.grouped(seconds=GROUP_SECONDS) as next_unit:
        for path in paths:
            next_unit()
            yield ingest_file(store, path, max_bytes=max_bytes, alerts=alerts, within=within,
                              follow_links_outside=follow_links_outside, tickers=tickers)


def ingest_file(store: Store, path: Path, *, max_bytes: int, alerts: AlertSettings | None = None,
                retry_failed: bool = True, within: Sequence[Path] = (), follow_links_outside: bool = False,
                tickers: Mapping[str, str] | None = None) -> Outcome:
    """Ingest one file and record the outcome.

    Args:
        store: where calls and file outcomes are written.
        path: the file.
        max_bytes: larger files fail with `FileTooLarge` without being read.
        alerts: severities, routing and targets for the alerts the call's changes call for.
        retry_failed: parse bytes that already failed at this path again (the service says no).
        within: the watched folders. A file found in one (its name is there) must really be in one:
            a link out of them fails with `LinkOutsideInbox`, unless `follow_links_outside`.
            A file named elsewhere (by the user, on the command line) may be a link to anywhere.
        follow_links_outside: follow links out of `within` all the same (`watch.follow_links_outside`).
        tickers: company name -> ticker (`ingest.tickers`), for a file that names its company but no ticker.
    """
    # A file's row is where its name is (a link's is the link's), stored and shown escaped.
    location = Path(os.path.realpath(path.parent)) / path.name
    key = shown(location)
    folders = [Path(os.path.realpath(folder)) for folder in within]
    confined = not follow_links_outside and any(location.is_relative_to(folder) for folder in folders)
    try:
        content = read_file(path, max_bytes=max_bytes, within=folders if confined else None)
    except FileRefused as error:
        size = error.size if isinstance(error, FileTooLarge) else 0
        if not retry_failed and _refused_before(store, key, error.code, size):
            return Outcome(key, SKIPPED, detail="refused before and has not changed")
        store.record_file(key, size=size, status=FAILED, error=str(error), error_code=error.code)
        return Outcome(key, FAILED, error=str(error))
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        store.record_file(key, size=0, status=FAILED, error=message, error_code="unreadable")
        return Outcome(key, FAILED, error=message)

    # A version of any call seen before: a duplicate, which changes nothing (not which version is current).
    existing = store.call_id_by_sha(content.sha256)
    if existing is not None:
        store.record_file(key, size=content.size, sha256=content.sha256, status=DUPLICATE, call_id=existing)
        return Outcome(key, DUPLICATE, call_id=existing)
    if not retry_failed and store.failed_before(key, content.sha256):
        store.record_file(key, size=content.size, sha256=content.sha256, status=SKIPPED)  # counted, kept failed
        return Outcome(key, SKIPPED, detail="failed before and has not changed")

    try:
        source = Source(shown(path.name), content.data, folder=shown(path.parent.name))
        transcript = with_ticker(parse(source), ticker_table(tickers)) if tickers else parse(source)
        items = extract(transcript)
    except HandlerError as error:
        store.record_file(key, size=content.size, sha256=content.sha256, status=FAILED,
                          error=str(error), error_code=error.code)
        return Outcome(key, FAILED, error=str(error))
    except Exception as error:  # a bug in a handler or extractor must cost one file, not the batch
        return _internal_error(store, key, content, "reading the transcript", error)

    try:
        with store.write():
            saved = store.save_call(transcript, source_path=key, sha256=content.sha256, size=content.size)
            report = None
            if saved.current:  # a version kept but not current leaves the call, its items and changes alone
                store.save_items(saved.call_id, items)
                report = record_changes(store, saved.call_id, alerts or AlertSettings(),
                                        text="\n".join(turn.text for turn in transcript.turns))
            detail = saved.describe()
            store.record_file(key, size=content.size, sha256=content.sha256, status=INGESTED,
                              call_id=saved.call_id, encoding=transcript.encoding, format=transcript.format,
                              detail=detail)
    except sqlite3.OperationalError as error:
        raise StoreUnavailable(str(store.path), str(error)) from error  # locked or broken: not the file's fault
    except Exception as error:  # a bug must cost one file, not the batch; the transaction rolled back
        return _internal_error(store, key, content, "storing the call", error)
    missing = tuple(name for name in ("ticker", "fiscal_year", "fiscal_quarter", "call_date")
                    if getattr(transcript, name) is None)
    return Outcome(key, INGESTED, call_id=saved.call_id, detail=detail, missing=missing,
                   period_source=transcript.period_source, alerts=report.targets if report else 0,
                   current=saved.current, changes=report)


def _refused_before(store: Store, key: str, code: str, size: int) -> bool:
    """Whether this path was refused for the same reason at the same size (it has not changed)."""
    row = store.db.execute(
        "SELECT 1 FROM files WHERE path = ? AND sha256 IS NULL AND status = 'failed' AND error_code = ? AND size = ?",
        [key, code, size]).fetchone()
    return row is not None


def _internal_error(store: Store, key: str, content: FileBytes, stage: str, error: Exception) -> Outcome:
    """Record a bug met while handling one file, with the traceback in the log."""
    log.exception("internal error while %s from %s", stage, key)
    message = f"internal error while {stage} ({type(error).__name__}: {error}); please report it"
    store.record_file(key, size=content.size, sha256=content.sha256, status=FAILED, error=message,
                      error_code="internal_error")
    return Outcome(key, FAILED, error=message)
