"""The service under stress, as users meet it: another connection holding the write lock, a full
disk, an SMTP server that accepts and never answers. Real `callwatch run` processes throughout."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.receivers import SmtpServer, wait_until
from tests.worker.test_cli import CALLWATCH, run
from tests.worker.test_service import transcript

pytestmark = pytest.mark.reliability

BUSY_TIMEOUT = 5.0  # worker.store.BUSY_TIMEOUT_SECONDS


def status(folder: Path) -> subprocess.CompletedProcess:
    return run("status", cwd=folder)


def test_write_lock_held_past_the_busy_timeout_is_waited_out_and_loses_no_file(service):
    svc = service().start()
    holder = sqlite3.connect(svc.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a user's sqlite3 shell
    locked_at = time.monotonic()
    try:
        (svc.inbox / "during_lock.txt").write_text(transcript(21))
        outside = svc.folder / "outside.txt"
        outside.write_text(transcript(22))
        ingest = subprocess.Popen([str(CALLWATCH), "ingest", str(outside)], cwd=svc.folder, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Once the heartbeat is overdue, status says why instead of "not running".
        busy = wait_until(lambda: (r := status(svc.folder)).returncode == 3 and r, timeout=8)
        assert "database busy" in busy.stdout and "not running" not in busy.stdout
        _, stderr = ingest.communicate(timeout=30)
        assert "Traceback" not in stderr
        assert ingest.returncode == 3 and "locked" in stderr and "run the command again" in stderr
        wait_until(lambda: time.monotonic() - locked_at > BUSY_TIMEOUT + 2)  # past the busy timeout, twice over
        assert svc.alive()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    wait_until(lambda: svc.ingested() == 1, timeout=30)  # the file that met the lock, without a restart
    assert svc.query("SELECT path FROM files") == [(str((svc.inbox / "during_lock.txt").resolve()),)]
    assert "database busy" in svc.log()
    assert status(svc.folder).returncode == 0
    assert run("ingest", str(outside), cwd=svc.folder).returncode == 0  # ingested when tried again
    assert svc.stop()[0] == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs, or skip when this machine cannot mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True,
                           text=True)
    if tried.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {tried.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with pytest.raises(OSError) as full:
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    assert full.value.errno == errno.ENOSPC
    return filler


def test_full_disk_pauses_ingest_and_it_resumes_when_space_returns(service, small_disk):
    config = f'[database]\npath = "{small_disk / "callwatch.db"}"\n'
    svc = service(config)
    svc.database = small_disk / "callwatch.db"
    svc.start()
    filler = fill(small_disk)
    (svc.inbox / "while_full.txt").write_text(transcript(31))
    wait_until(lambda: "disk is full" in svc.log(), timeout=15)
    assert svc.alive()
    assert svc.query("SELECT count(*) FROM files") == [(0,)]  # not recorded: it waits in the inbox
    # A restart while the disk is full does not kill the service either.
    assert svc.stop()[0] == 0
    before = svc.log().count("disk is full")
    svc.start(wait=False)
    wait_until(lambda: svc.log().count("disk is full") > before, timeout=15)
    assert svc.alive()
    # A one-shot ingest stops with a clear message and says what it stored.
    other = svc.folder / "other.txt"
    other.write_text(transcript(32))
    once = run("ingest", str(other), cwd=svc.folder)
    assert "Traceback" not in once.stderr
    assert once.returncode == 3 and "disk is full" in once.stderr and "0 files stored" in once.stderr
    filler.unlink()
    wait_until(lambda: svc.ingested() == 1, timeout=30)
    assert svc.alive()
    assert svc.query("SELECT status FROM files") == [("ingested",)]
    assert svc.stop()[0] == 0


class BlackHole:
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, name="black-hole", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.accepted.append(self.listener.accept()[0])

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._thread.join(timeout=5)
        for connection in self.accepted:
            connection.close()


def test_sigterm_during_a_delivery_to_a_silent_smtp_server_exits_within_5_s(service):
    hole = BlackHole()
    try:
        smtp_url = SmtpServer(hole.port).url()
        svc = service(f'[alerts]\nbackoff_seconds = 0.2\n[[alerts.targets]]\nurl = "{smtp_url}"\n').start()
        (svc.inbox / "q2.txt").write_text(transcript(41))
        wait_until(lambda: svc.ingested() == 1)
        (svc.inbox / "q3.txt").write_text(transcript(41, quarter=3))
        wait_until(lambda: hole.accepted, timeout=15)  # the delivery is in flight
        time.sleep(0.5)  # and has been waiting for the server's greeting a while
        code, seconds = svc.stop()
        print(f"SIGTERM with a delivery in flight: exit {code} in {seconds:.2f} s")
        assert code == 0 and seconds < 5, seconds
        assert svc.query("SELECT status, sent_at FROM alerts") == [("pending", None)]
    finally:
        hole.close()
    # Once a server answers, the alert is delivered, once.
    smtp = SmtpServer(hole.port).start()
    try:
        svc.start()
        wait_until(lambda: svc.query("SELECT status FROM alerts") == [("sent",)], timeout=30)
        assert len(smtp.messages) == 1
        assert svc.stop()[0] == 0
    finally:
        smtp.stop()
