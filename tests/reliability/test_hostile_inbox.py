"""Reliability: one service through a hostile inbox: odd names, a FIFO, links out, a truncated copy,
another connection holding the write lock, and alerts throughout. The invariants a user counts on:
every file recorded once, every call's most complete version current, every alert delivered,
`PRAGMA integrity_check` ok, the service alive."""

import os
import sqlite3

import pytest

from tests.receivers import SmtpServer, free_port, wait_until
from tests.worker.test_service import Service, ticker, transcript

pytestmark = pytest.mark.reliability

COMPANIES = 20


def test_hostile_inbox_with_a_lock_in_the_middle(tmp_path):
    smtp = SmtpServer(free_port()).start()
    svc = Service(tmp_path, f'[alerts]\nbackoff_seconds = 0.2\n[[alerts.targets]]\nurl = "{smtp.url()}"\n')
    inbox = svc.inbox
    try:
        svc.start()
        for number in range(COMPANIES // 2):  # half the companies before the lock
            (inbox / f"Q2_{number}.txt").write_text(transcript(number + 500))
        wait_until(lambda: svc.ingested() == COMPANIES // 2, timeout=60)
        os.mkfifo(inbox / "pipe.txt")
        os.symlink("/etc/passwd", inbox / "passwd.txt")
        (inbox / os.fsdecode(b"odd_\xff_name.txt")).write_text(transcript(600))
        (inbox / "new\nline.txt").write_text(transcript(601))
        holder = sqlite3.connect(tmp_path / "callwatch.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a user's sqlite3 shell holds the write lock for a while
        try:
            for number in range(COMPANIES // 2, COMPANIES):
                (inbox / f"Q2_{number}.txt").write_text(transcript(number + 500))
            wait_until(lambda: "database busy" in svc.log() or "locked" in svc.log(), timeout=20)
            assert svc.alive()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        for number in range(COMPANIES):
            (inbox / f"Q3_{number}.txt").write_text(transcript(number + 500, quarter=3))
        # A truncated copy of a call already stored must not replace it.
        (inbox / "Q3_0_copy.txt").write_text(transcript(500, quarter=3)[:3000])
        good = 2 * COMPANIES + 2  # the Q2s, the Q3s and the two odd names
        wait_until(lambda: svc.query("SELECT count(*) FROM files") == [(good + 3,)], timeout=90)
        wait_until(lambda: svc.query("SELECT count(*) FROM alerts WHERE status = 'sent'") == [(COMPANIES,)],
                   timeout=90)

        assert svc.query("SELECT count(*), count(DISTINCT path) FROM files") == [(good + 3, good + 3)]
        codes = dict(svc.query("SELECT error_code, count(*) FROM files WHERE status = 'failed' GROUP BY 1"))
        assert codes == {"not_a_regular_file": 1, "link_outside_inbox": 1}
        # The truncated copy was kept as a version that is not current; the full Q3 stays current.
        assert svc.query("SELECT count(*) FROM call_versions WHERE current = 0 AND fragment_of IS NOT NULL") == [(1,)]
        segments = svc.query("SELECT count(*) FROM segments s JOIN calls c ON c.id = s.call_id "
                             "WHERE c.ticker = ? AND c.fiscal_quarter = 3", ticker(500))
        assert segments == [(89,)]
        keys = {message["X-Callwatch-Alert"] for message in smtp.messages}
        assert len(keys) == len(smtp.messages) == COMPANIES  # every alert once
        db = sqlite3.connect(tmp_path / "callwatch.db")
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        db.close()
        assert svc.alive() and svc.stop()[0] == 0
    finally:
        if svc.process is not None and svc.process.poll() is None:
            svc.process.kill()
        smtp.stop()
