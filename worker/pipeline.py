"""The ingest pipeline for one file: read -> parse -> store, each outcome recorded in `files`.

Stages: `read_file` (size limit, bytes, sha256), `handlers.registry.parse` (bytes -> Transcript),
`handlers.extractors.registry.extract` (Transcript -> key items), `Store.save_call` and
`Store.save_items` (-> rows), `worker.comparison.record_changes` (-> changes and alerts), all in
one transaction (or one savepoint, when `ingest_files` groups files). A failure at any stage is
recorded with its reason and never touches what is already stored.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from handlers.errors import HandlerError
from handlers.extractors.registry import extract
from handlers.registry import parse
from handlers.source import Source
from worker.comparison import ChangeReport, record_changes
from worker.errors import FileTooLarge, StoreUnavailable
from worker.settings import AlertSettings
from worker.store import Store

log = logging.getLogger(__name__)

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
    changes: ChangeReport | None = None  # what the changes stage did, for the service's log


@dataclass(frozen=True)
class FileBytes:
    """A file's bytes (None when over the size limit) with its size and sha256."""

    size: int
    sha256: str
    data: bytes | None


def read_file(path: Path, *, max_bytes: int) -> FileBytes:
    """Read `path`, hashing it; a file over `max_bytes` is hashed in chunks but not kept."""
    size = path.stat().st_size
    if size <= max_bytes:
        data = path.read_bytes()
        return FileBytes(len(data), hashlib.sha256(data).hexdigest(), data)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return FileBytes(size, digest.hexdigest(), None)


def ingest_files(store: Store, paths: Iterable[Path], *, max_bytes: int,
                 alerts: AlertSettings | None = None) -> Iterator[Outcome]:
    """Ingest `paths` in order, yielding each outcome; files in a row share a transaction for a moment.

    Raises:
        StoreUnavailable: the database is locked or broken; the files of the open group are not stored.
    """
    with store.grouped(seconds=GROUP_SECONDS) as next_unit:
        for path in paths:
            next_unit()
            yield ingest_file(store, path, max_bytes=max_bytes, alerts=alerts)


def ingest_file(store: Store, path: Path, *, max_bytes: int, alerts: AlertSettings | None = None,
                retry_failed: bool = True) -> Outcome:
    """Ingest one file and record the outcome.

    Args:
        store: where calls and file outcomes are written.
        path: the file.
        max_bytes: larger files fail with `FileTooLarge` without being parsed.
        alerts: severities, routing and targets for the alerts the call's changes call for.
        retry_failed: parse bytes that already failed at this path again (the service says no).
    """
    key = str(path.resolve())
    try:
        content = read_file(path, max_bytes=max_bytes)
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        store.record_file(key, size=0, status=FAILED, error=message, error_code="unreadable")
        return Outcome(key, FAILED, error=message)

    existing = store.call_id_by_sha(content.sha256)
    if existing is not None:
        store.record_file(key, size=content.size, sha256=content.sha256, status=DUPLICATE, call_id=existing)
        return Outcome(key, DUPLICATE, call_id=existing)
    if not retry_failed and store.failed_before(key, content.sha256):
        return Outcome(key, SKIPPED, detail="failed before and has not changed")

    try:
        if content.data is None:
            raise FileTooLarge(size=content.size, limit=max_bytes)
        source = Source(path.name, content.data, folder=path.parent.name)
        transcript = parse(source)
        items = extract(transcript)
    except (HandlerError, FileTooLarge) as error:
        store.record_file(key, size=content.size, sha256=content.sha256, status=FAILED,
                          error=str(error), error_code=error.code)
        return Outcome(key, FAILED, error=str(error))
    except Exception as error:  # a bug in a handler or extractor must cost one file, not the batch
        return _internal_error(store, key, content, "reading the transcript", error)

    try:
        with store.write():
            saved = store.save_call(transcript, source_path=key, sha256=content.sha256)
            store.save_items(saved.call_id, items)
            report = record_changes(store, saved.call_id, alerts or AlertSettings())
            detail = None
            if saved.replaced_sha256:
                detail = f"replaced the content of call {saved.call_id} (was sha256 {saved.replaced_sha256[:12]})"
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
                   period_source=transcript.period_source, alerts=report.targets, changes=report)


def _internal_error(store: Store, key: str, content: FileBytes, stage: str, error: Exception) -> Outcome:
    """Record a bug met while handling one file, with the traceback in the log."""
    log.exception("internal error while %s from %s", stage, key)
    message = f"internal error while {stage} ({type(error).__name__}: {error}); please report it"
    store.record_file(key, size=content.size, sha256=content.sha256, status=FAILED, error=message,
                      error_code="internal_error")
    return Outcome(key, FAILED, error=message)
