"""Ingesting real files: idempotent, replacing re-downloads, and every bad file recorded."""

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time

import pytest

from tests.conftest import SEEDS
from worker.pipeline import ingest_file, ingest_files
from worker.store import Store

MAX = 20_000_000


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "callwatch.db") as store:
        yield store


def files(store):
    return {row["path"].rsplit("/", 1)[-1]: row for row in store.db.query("SELECT * FROM files")}


def test_same_bytes_twice_is_one_call(store, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SEEDS / "CLLS_2021_Q2.txt", copy)
    first = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    second = ingest_file(store, copy, max_bytes=MAX)
    again = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    assert (first.status, second.status, again.status) == ("ingested", "duplicate", "duplicate")
    assert first.call_id == second.call_id == again.call_id
    assert store.db["calls"].count == 1
    assert files(store)["copy.txt"]["call_id"] == first.call_id


def test_redownload_of_same_period_replaces_content(store, tmp_path):
    original = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    redownload = tmp_path / "CLLS Q2 2021 (1).txt"
    text = (SEEDS / "CLLS_2021_Q2.txt").read_text().replace("$238 million", "$238.0 million")
    redownload.write_text(text)
    outcome = ingest_file(store, redownload, max_bytes=MAX)
    assert outcome.status == "ingested" and outcome.call_id == original.call_id
    assert "replaced the content of call" in outcome.detail
    assert store.db["calls"].count == 1
    hits = store.db.execute("SELECT count(*) FROM segments WHERE call_id = ? AND text LIKE '%$238.0 million%'",
                            [original.call_id]).fetchone()[0]
    assert hits >= 1
    assert files(store)["CLLS Q2 2021 (1).txt"]["detail"] == outcome.detail


def test_bad_files_recorded_and_good_call_untouched(store, tmp_path):
    good = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    before = store.db.execute("SELECT count(*) FROM segments").fetchone()[0]
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50,
        "invalid.txt": b"Prepared Remarks:\nOperator\nbad \x81 byte\n",
        "shopping.txt": b"Eggs, milk and bread.\n",
        # Same name pattern as the good call, but no turns: must not replace Q2.
        "CLLS_2021_Q2.txt": b"Prepared Remarks:\nnothing anyone said\nCall participants:\n",
        "big.txt": b"x" * 101,
    }
    codes = {}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
        outcome = ingest_file(store, tmp_path / name, max_bytes=100 if name == "big.txt" else MAX)
        assert outcome.status == "failed", name
        codes[name] = files(store)[name]["error_code"]
    assert codes == {
        "empty.txt": "empty_file", "binary.txt": "binary_file", "invalid.txt": "undecodable_text",
        "shopping.txt": "unrecognized_format", "CLLS_2021_Q2.txt": "malformed_transcript",
        "big.txt": "file_too_large",
    }
    assert files(store)["big.txt"]["error"] == "the file is 0.0 MB, over the 0 MB limit (ingest.max_file_mb)"
    assert store.db["calls"].count == 1
    assert store.db.execute("SELECT count(*) FROM segments").fetchone()[0] == before
    seed_sha = hashlib.sha256((SEEDS / "CLLS_2021_Q2.txt").read_bytes()).hexdigest()
    assert store.db["calls"].get(good.call_id)["sha256"] == seed_sha


def test_cp1252_file_decoded_and_encoding_recorded(store, tmp_path):
    data = ((SEEDS / "CLLS_2021_Q3.txt").read_text().replace("Andre Choulika", "André Choulika")
            .replace("Cellectis'", "Cellectis\u2019")).encode("cp1252")
    path = tmp_path / "CLLS_2021_Q3.txt"
    path.write_bytes(data)
    outcome = ingest_file(store, path, max_bytes=MAX)
    assert outcome.status == "ingested"
    assert files(store)["CLLS_2021_Q3.txt"]["encoding"] == "cp1252"
    names = {row["name"] for row in store.db.query("SELECT name FROM participants")}
    assert "André Choulika" in names
    texts = " ".join(row["text"] for row in store.db.query("SELECT text FROM segments"))
    assert "Cellectis\u2019" in texts


def test_unchanged_failure_is_skipped_when_not_retrying(store, tmp_path):
    path = tmp_path / "shopping.txt"
    path.write_bytes(b"Eggs.\n")
    assert ingest_file(store, path, max_bytes=MAX).status == "failed"
    assert ingest_file(store, path, max_bytes=MAX, retry_failed=False).status == "skipped"
    path.write_bytes(b"Eggs and milk.\n")
    assert ingest_file(store, path, max_bytes=MAX, retry_failed=False).status == "failed"


def test_unreadable_file(store, tmp_path):
    outcome = ingest_file(store, tmp_path / "gone.txt", max_bytes=MAX)
    assert outcome.status == "failed" and "cannot read the file" in outcome.error


def test_a_bug_in_a_handler_costs_one_file_not_the_batch(store, tmp_path, monkeypatch):
    import worker.pipeline as pipeline

    def broken(transcript):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "extract", broken)
    outcome = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    assert outcome.status == "failed"
    assert "internal error while reading the transcript (IndexError" in outcome.error
    assert files(store)["CLLS_2021_Q2.txt"]["error_code"] == "internal_error"
    assert store.db["calls"].count == 0


def test_ingest_files_stores_each_file_once_and_records_the_bad_one(store, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    outcomes = list(ingest_files(store, [SEEDS / "CLLS_2021_Q2.txt", bad, SEEDS / "CLLS_2021_Q3.txt"], max_bytes=MAX))
    assert [outcome.status for outcome in outcomes] == ["ingested", "failed", "ingested"]
    assert not store.db.conn.in_transaction  # committed when the files ran out
    assert store.db["calls"].count == 2 and files(store)["empty.txt"]["error_code"] == "empty_file"
    # Q3 was compared with Q2 inside the same transaction.
    assert store.db.execute("SELECT count(*) FROM changes WHERE call_id = ?", [outcomes[2].call_id]).fetchone()[0]


def test_ingest_files_stopped_early_keeps_what_it_did(store):
    outcomes = ingest_files(store, [SEEDS / "CLLS_2021_Q2.txt", SEEDS / "CLLS_2021_Q3.txt"], max_bytes=MAX)
    first = next(outcomes)
    outcomes.close()  # the caller stops after one file
    assert not store.db.conn.in_transaction
    assert [row["id"] for row in store.db.query("SELECT id FROM calls")] == [first.call_id]


def test_name_that_is_not_utf8_is_stored_escaped(store, tmp_path):
    path = tmp_path / os.fsdecode(b"CLLS_\xff_2021_Q2.txt")
    shutil.copy(SEEDS / "CLLS_2021_Q2.txt", path)
    outcome = ingest_file(store, path, max_bytes=MAX)
    assert outcome.status == "ingested"
    assert outcome.path == f"{tmp_path}/CLLS_\\xff_2021_Q2.txt"
    assert files(store)["CLLS_\\xff_2021_Q2.txt"]["status"] == "ingested"
    assert store.db["calls"].get(outcome.call_id)["source_path"] == outcome.path


def test_sparse_8_gb_file_is_refused_from_its_size_without_being_read(store, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(8 * 1024**3)
    outcome = ingest_file(store, path, max_bytes=MAX)
    assert outcome.status == "failed"
    row = files(store)["huge.txt"]
    assert (row["error_code"], row["size"], row["sha256"]) == ("file_too_large", 8 * 1024**3, None)  # never hashed
    assert row["error"] == "the file is 8589.9 MB, over the 20 MB limit (ingest.max_file_mb)"


def test_file_that_grows_past_the_limit_after_its_size_was_checked_is_refused(store, tmp_path, monkeypatch):
    import worker.pipeline as pipeline

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 50)
    real_fstat = pipeline.os.fstat

    def grown(descriptor):  # the file grew between the size check and the read
        path.write_bytes(b"x" * 500)
        return real_fstat(descriptor)

    monkeypatch.setattr(pipeline.os, "fstat", grown)
    outcome = ingest_file(store, path, max_bytes=100)
    assert outcome.status == "failed" and files(store)["growing.txt"]["error_code"] == "file_too_large"


def test_link_out_of_the_folder_is_refused_unless_allowed(store, tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    shutil.copy(SEEDS / "CLLS_2021_Q2.txt", elsewhere / "call.txt")
    os.symlink(elsewhere / "call.txt", inbox / "link.txt")
    refused = ingest_file(store, inbox / "link.txt", max_bytes=MAX, within=[inbox])
    assert refused.status == "failed" and refused.path == str(inbox / "link.txt")
    assert files(store)["link.txt"]["error_code"] == "link_outside_inbox"
    assert store.db["calls"].count == 0
    followed = ingest_file(store, inbox / "link.txt", max_bytes=MAX, within=[inbox], follow_links_outside=True)
    assert followed.status == "ingested"
    named = ingest_file(store, inbox / "link.txt", max_bytes=MAX)  # not from a folder: no restriction
    assert named.status == "duplicate"


@contextlib.contextmanager
def rescued(fifo):
    """If a reader blocks on `fifo` (old code did, forever), open and close it for writing after
    2 s: the reader sees an empty file and the test fails instead of hanging."""
    done = threading.Event()

    def writer():
        deadline = time.monotonic() + 2
        while not done.wait(0.05):
            if time.monotonic() < deadline:
                continue
            try:  # succeeds only while a reader waits
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                continue

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def test_fifo_is_refused_without_blocking_and_recorded_once(store, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with rescued(tmp_path / "pipe.txt"):
        first = ingest_file(store, tmp_path / "pipe.txt", max_bytes=MAX)
        again = ingest_file(store, tmp_path / "pipe.txt", max_bytes=MAX, retry_failed=False)
    assert first.status == "failed" and first.error == "not a regular file (a FIFO); only regular files are read"
    assert files(store)["pipe.txt"]["error_code"] == "not_a_regular_file"
    assert again.status == "skipped"
    assert store.db["files"].count == 1


def test_a_file_seen_again_keeps_its_first_outcome(store):
    first = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)
    again = ingest_file(store, SEEDS / "CLLS_2021_Q2.txt", max_bytes=MAX)  # a restart's catch-up
    assert (first.status, again.status) == ("ingested", "duplicate")
    row = files(store)["CLLS_2021_Q2.txt"]
    assert (row["status"], row["attempts"], row["call_id"]) == ("ingested", 2, first.call_id)


def test_an_unreadable_file_is_one_row_however_often_it_is_tried(store, tmp_path):
    for _ in range(3):
        assert ingest_file(store, tmp_path / "gone.txt", max_bytes=MAX).status == "failed"
    assert store.db.execute("SELECT count(*), max(attempts) FROM files").fetchone() == (1, 3)


def test_two_versions_of_a_call_are_not_ingested_against_each_other_again(store, tmp_path):
    cut = tmp_path / "CLLS_2021_Q3.txt"
    cut.write_bytes((SEEDS / "CLLS_2021_Q3.txt").read_bytes()[:3000])
    paths = [SEEDS / "CLLS_2021_Q2.txt", SEEDS / "CLLS_2021_Q3.txt", cut]
    assert [o.status for o in ingest_files(store, paths, max_bytes=MAX)] == ["ingested"] * 3
    state = store.db.execute("SELECT id, sha256, updated_at FROM calls ORDER BY id").fetchall()
    changes = store.db.execute("SELECT id FROM changes ORDER BY id").fetchall()
    assert [o.status for o in ingest_files(store, paths[::-1], max_bytes=MAX)] == ["duplicate"] * 3
    assert store.db.execute("SELECT id, sha256, updated_at FROM calls ORDER BY id").fetchall() == state
    assert store.db.execute("SELECT id FROM changes ORDER BY id").fetchall() == changes
    assert store.db.execute("SELECT count(*) FROM segments WHERE call_id = 2").fetchone()[0] == 89
    assert [row["status"] for row in store.db.query("SELECT status FROM files")] == ["ingested"] * 3


def test_loading_the_pipeline_freezes_what_is_loaded_and_spaces_out_collections():
    # A fresh process: what the pipeline loads is frozen (not scanned by each full collection),
    # and a first-generation collection waits for 10,000 new objects (Python's default is 700).
    import subprocess
    import sys

    probe = ("import gc, json; before = gc.get_freeze_count(); import worker.pipeline; "
             "print(json.dumps([before, gc.get_freeze_count(), gc.get_threshold()]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    before, frozen, threshold = json.loads(result.stdout)
    assert before == 0 and frozen > 10_000
    assert threshold == [10_000, 10, 10]
