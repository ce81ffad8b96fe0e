"""Odd things in the inbox, as a hostile user leaves them: names that are not UTF-8, FIFOs, devices,
huge sparse files and links that leave the inbox. Real `callwatch ingest` and `callwatch run`
processes on real files; each refused file gets a specific error and a files row, and nothing
else is held up."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.conftest import SEEDS
from tests.receivers import wait_until
from tests.worker import test_service
from tests.worker.test_cli import run
from tests.worker.test_service import transcript

service = test_service.service  # the fixture that starts and cleans up `callwatch run` processes

BAD_NAME = os.fsdecode(b"CLLS_\xff_2021_Q2.txt")  # not UTF-8: held as a surrogate escape by Python
SHOWN_BAD_NAME = "CLLS_\\xff_2021_Q2.txt"  # how it is stored and shown


def rows(db_path: Path, sql: str, *params) -> list[tuple]:
    db = sqlite3.connect(db_path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def statuses(db_path: Path) -> dict[str, tuple]:
    """File name -> (status, error_code, sha256 is known)."""
    return {path.rsplit("/", 1)[-1]: (status, code, sha is not None)
            for path, status, code, sha in rows(db_path, "SELECT path, status, error_code, sha256 FROM files")}


# --- names that are not UTF-8 (issue 11, item 1) --------------------------------------------------

def test_ingest_batch_with_a_name_that_is_not_utf8_stores_all_three(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / BAD_NAME).write_text(transcript(1))
    (inbox / "ZAAC_2021_Q2.txt").write_text(transcript(2))
    (inbox / "ZAAD_2021_Q2.txt").write_text(transcript(3))
    (inbox / os.fsdecode(b"junk_\xfe.txt")).write_text("Buy milk.")
    result = run("ingest", str(inbox), cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # the junk file failed; the batch went on
    assert result.stdout.splitlines()[0] == "3 ingested, 0 duplicate, 1 failed"
    assert f"failed: {inbox}/junk_\\xfe.txt: not a transcript" in result.stderr  # shown escaped
    db = tmp_path / "callwatch.db"
    assert statuses(db)[SHOWN_BAD_NAME] == ("ingested", None, True)
    assert rows(db, "SELECT count(*) FROM calls") == [(3,)]
    assert rows(db, "SELECT source_path FROM calls WHERE source_path LIKE '%xff%'") == [
        (f"{inbox}/{SHOWN_BAD_NAME}",)]


def test_service_starts_with_a_name_that_is_not_utf8_ingests_it_and_keeps_running(service):
    svc = service()
    (svc.inbox / BAD_NAME).write_text(transcript(1))
    (svc.inbox / "ZAAC_2021_Q2.txt").write_text(transcript(2))
    svc.start()
    wait_until(lambda: svc.ingested() == 2, timeout=20)
    # One arriving while it runs (the watcher's path), and a good file after it.
    (svc.inbox / os.fsdecode(b"late_\xe9.txt")).write_text(transcript(3))
    (svc.inbox / "ZAAE_2021_Q2.txt").write_text(transcript(4))
    wait_until(lambda: svc.ingested() == 4, timeout=20)
    assert svc.process.poll() is None  # still running
    found = statuses(svc.folder / "callwatch.db")
    assert found[SHOWN_BAD_NAME] == found["late_\\xe9.txt"] == ("ingested", None, True)
    code, seconds = svc.stop()
    assert code == 0 and seconds < 5
    # A restart meets the same names again in its catch-up scan: no crash, nothing new.
    svc.start()
    wait_until(lambda: svc.query("SELECT heartbeat_at > started_at FROM service") == [(1,)], timeout=10)
    assert svc.process.poll() is None
    assert svc.query("SELECT count(*) FROM calls") == [(4,)]
    assert svc.stop()[0] == 0


# --- FIFOs, devices and huge files (item 5) -------------------------------------------------------

def test_service_refuses_fifo_device_and_huge_sparse_file_and_stays_responsive(service):
    # Links may leave the inbox here, so that /dev/zero is reached and refused for what it is.
    svc = service()
    (svc.folder / "callwatch.toml").write_text(
        "[watch]\nstable_seconds = 0.5\nclose_settle_seconds = 0.2\nfollow_links_outside = true\n"
        "[service]\nheartbeat_seconds = 0.5\n[ingest]\nmax_file_mb = 5\n")
    os.mkfifo(svc.inbox / "pipe.txt")
    os.symlink("/dev/zero", svc.inbox / "zero.txt")
    with (svc.inbox / "huge.txt").open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB, sparse: costs no disk
    (svc.inbox / "ZAAB_2021_Q2.txt").write_text(transcript(1))
    svc.start()
    wait_until(lambda: len(svc.query("SELECT 1 FROM files")) == 4, timeout=20)
    # Arriving while it runs (the watcher's path): another FIFO, then a good file behind it.
    os.mkfifo(svc.inbox / "late_pipe.txt")
    (svc.inbox / "ZAAC_2021_Q2.txt").write_text(transcript(2))
    wait_until(lambda: svc.ingested() == 2, timeout=20)
    wait_until(lambda: len(svc.query("SELECT 1 FROM files")) == 6, timeout=20)
    found = statuses(svc.folder / "callwatch.db")
    assert found == {
        "pipe.txt": ("failed", "not_a_regular_file", False),
        "late_pipe.txt": ("failed", "not_a_regular_file", False),
        "zero.txt": ("failed", "not_a_regular_file", False),
        "huge.txt": ("failed", "file_too_large", False),  # refused from its size: never hashed
        "ZAAB_2021_Q2.txt": ("ingested", None, True),
        "ZAAC_2021_Q2.txt": ("ingested", None, True),
    }
    assert svc.query("SELECT error FROM files WHERE path LIKE '%/pipe.txt'") == [
        ("not a regular file (a FIFO); only regular files are read",)]
    assert svc.query("SELECT size FROM files WHERE path LIKE '%/huge.txt'") == [(8 * 1024**3,)]
    code, seconds = svc.stop()
    assert code == 0 and seconds < 5


def test_ingest_of_a_fifo_named_explicitly_is_refused_not_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run("ingest", str(fifo), str(SEEDS / "CLLS_2021_Q2.txt"), cwd=tmp_path)  # run() has a timeout
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "1 ingested, 0 duplicate, 1 failed"
    assert f"failed: {fifo}: not a regular file (a FIFO)" in result.stderr


# --- links that leave the inbox (item 13) ---------------------------------------------------------

def _links(inbox: Path, elsewhere: Path) -> None:
    """An inbox holding links out of it, one link within it, and a real transcript."""
    elsewhere.mkdir()
    (elsewhere / "CLLS_2021_Q3.txt").write_bytes((SEEDS / "CLLS_2021_Q3.txt").read_bytes())
    os.symlink(elsewhere / "CLLS_2021_Q3.txt", inbox / "outside.txt")
    os.symlink("/etc/passwd", inbox / "passwd.txt")
    os.symlink("/proc/self/environ", inbox / "environ.txt")
    # A link that stays in the inbox is followed (to a hidden folder, which is not scanned itself).
    (inbox / ".archive").mkdir()
    (inbox / ".archive" / "ZAAB_2021_Q2.txt").write_text(transcript(1))
    os.symlink(".archive/ZAAB_2021_Q2.txt", inbox / "inside.txt")


REFUSED = ("failed", "link_outside_inbox", False)


def test_service_follows_no_link_out_of_the_inbox(service, tmp_path):
    svc = service()
    _links(svc.inbox, tmp_path / "elsewhere")
    svc.start()
    wait_until(lambda: len(svc.query("SELECT 1 FROM files")) == 4, timeout=20)
    os.symlink("/etc/hostname", svc.inbox / "late.txt")  # arriving while it runs
    wait_until(lambda: len(svc.query("SELECT 1 FROM files")) == 5, timeout=20)
    found = statuses(svc.folder / "callwatch.db")
    assert {name: found[name] for name in ("outside.txt", "passwd.txt", "environ.txt", "late.txt")} == {
        "outside.txt": REFUSED, "passwd.txt": REFUSED, "environ.txt": REFUSED, "late.txt": REFUSED}
    assert found["inside.txt"] == ("ingested", None, True)  # a link that stays inside is followed
    assert svc.query("SELECT count(*) FROM calls") == [(1,)]  # the outside transcript was not stored
    # The row is the link's, in the inbox, and says where it points.
    assert svc.query("SELECT error FROM files WHERE path = ?", str(svc.inbox.resolve() / "passwd.txt")) == [
        ("a link to /etc/passwd, outside the watched folders; not read (watch.follow_links_outside)",)]
    assert svc.process.poll() is None
    assert svc.stop()[0] == 0


def test_service_follows_links_out_when_configured(service, tmp_path):
    svc = service()
    (svc.folder / "callwatch.toml").write_text(
        "[watch]\nstable_seconds = 0.5\nfollow_links_outside = true\n[service]\nheartbeat_seconds = 0.5\n")
    _links(svc.inbox, tmp_path / "elsewhere")
    svc.start()
    wait_until(lambda: svc.query("SELECT count(*) FROM calls") == [(2,)], timeout=20)
    assert svc.query("SELECT ticker, fiscal_quarter FROM calls ORDER BY ticker") == [("CLLS", 3), ("ZAAB", 2)]
    assert svc.stop()[0] == 0


def test_ingest_of_a_folder_refuses_links_out_but_follows_a_link_named_explicitly(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    _links(inbox, tmp_path / "elsewhere")
    result = run("ingest", str(inbox), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "1 ingested, 0 duplicate, 3 failed"
    assert f"failed: {inbox}/passwd.txt: a link to /etc/passwd, outside the watched folders" in result.stderr
    db = tmp_path / "callwatch.db"
    assert statuses(db)["environ.txt"] == statuses(db)["outside.txt"] == REFUSED
    assert rows(db, "SELECT count(*) FROM calls") == [(1,)]

    named = run("ingest", str(inbox / "outside.txt"), cwd=tmp_path)  # the user named this link
    assert named.returncode == 0, named.stderr
    assert rows(db, "SELECT ticker, fiscal_quarter FROM calls ORDER BY id") == [("ZAAB", 2), ("CLLS", 3)]

