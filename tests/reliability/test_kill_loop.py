"""Reliability: a burst of 300 files with alerts, the service killed with SIGKILL ten times along the way.

Asserts what a user must be able to count on: every file recorded once, every call stored once,
every alert delivered (at most one copy per kill: the alert handed to the SMTP server in the
instant of the kill, see README, Reliability), the database sound, the service alive at the end.
"""

import signal
import sqlite3

import pytest

from tests.receivers import SmtpServer, free_port, wait_until
from tests.worker.test_service import Service, transcript

pytestmark = pytest.mark.reliability

COMPANIES = 150  # Q2 and Q3 each: 300 files, one alert per company (its Q3 changes)
KILLS = 10


def test_ten_kills_in_a_burst_of_300_lose_nothing(tmp_path):
    smtp = SmtpServer(free_port()).start()
    svc = Service(tmp_path, f'[alerts]\nbackoff_seconds = 0.2\n[[alerts.targets]]\nurl = "{smtp.url()}"\n')
    try:
        for number in range(COMPANIES):  # Q2s first, so every Q3 has its baseline
            (tmp_path / f"q2_{number}.txt").write_text(transcript(number + 100))
            (tmp_path / f"q3_{number}.txt").write_text(transcript(number + 100, quarter=3))
        svc.start()
        files = [f"q2_{n}.txt" for n in range(COMPANIES)] + [f"q3_{n}.txt" for n in range(COMPANIES)]
        step = len(files) // (KILLS + 1)
        for kill in range(KILLS):
            for name in files[kill * step:(kill + 1) * step]:
                (tmp_path / name).rename(svc.inbox / name)
            target = min(len(files), (kill + 1) * step) - step // 2
            wait_until(lambda target=target: svc.ingested() >= target, timeout=60)
            assert svc.stop(signal.SIGKILL)[0] == -signal.SIGKILL
            svc.start()
        for name in files[KILLS * step:]:
            (tmp_path / name).rename(svc.inbox / name)
        wait_until(lambda: svc.ingested() == len(files), timeout=120)
        wait_until(lambda: svc.query("SELECT count(*) FROM alerts WHERE status = 'sent'") == [(COMPANIES,)],
                   timeout=120)

        assert svc.query("SELECT count(*), count(DISTINCT path) FROM files") == [(len(files), len(files))]
        assert svc.query("SELECT count(*), count(DISTINCT ticker) FROM calls") == [(len(files), COMPANIES)]
        keys = [message["X-Callwatch-Alert"] for message in smtp.messages]
        assert len(set(keys)) == COMPANIES  # every alert arrived
        assert len(keys) - len(set(keys)) <= KILLS  # at most the one documented copy per kill
        db = sqlite3.connect(tmp_path / "callwatch.db")
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        db.close()
        assert svc.process.poll() is None  # alive
        assert svc.stop()[0] == 0
    finally:
        if svc.process is not None and svc.process.poll() is None:
            svc.process.kill()
        smtp.stop()
