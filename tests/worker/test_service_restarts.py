"""A real `callwatch run`, restarted over an inbox that holds two versions of one call."""

import json
import os
import subprocess
import time

from tests.conftest import SEEDS
from tests.receivers import wait_until
from tests.worker.test_cli import CALLWATCH
from tests.worker.test_service import service, transcript  # noqa: F401 (service is a fixture)

Q3 = (SEEDS / "CLLS_2021_Q3.txt").read_bytes()
ORIGINALS = ("CLLS_2021_Q2.txt", "CLLS_2021_Q3.txt", "CLLS_2021_Q3 (cut).txt")


def status(svc) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")}
    result = subprocess.run([str(CALLWATCH), "status", "--json"], cwd=svc.folder, env=env, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["files"]


def test_three_restarts_ingest_each_file_once_and_keep_the_status_counts(service):  # noqa: F811
    svc = service()
    (svc.inbox / ORIGINALS[0]).write_bytes((SEEDS / "CLLS_2021_Q2.txt").read_bytes())
    (svc.inbox / ORIGINALS[1]).write_bytes(Q3)
    (svc.inbox / ORIGINALS[2]).write_bytes(Q3[:3000])  # head -c 3000: a second, truncated version of Q3
    settled = time.time() - 5
    for path in svc.inbox.iterdir():
        os.utime(path, (settled, settled))
    svc.start()
    wait_until(lambda: svc.query("SELECT count(*) FROM files") == [(3,)], timeout=30)
    originals = "SELECT path, status, call_id FROM files WHERE id <= 3 ORDER BY id"
    first_outcomes = svc.query(originals)
    calls = svc.query("SELECT id, sha256, updated_at FROM calls ORDER BY id")
    changes = svc.query("SELECT id FROM changes ORDER BY id")
    assert status(svc) == {"ingested": 3, "duplicate": 0, "failed": 0, "skipped": 0}

    for restart in range(1, 4):
        assert svc.stop()[0] == 0
        svc.start()
        # A new file lands after the start; once it is in, the catch-up scan of the others is done.
        (svc.inbox / f"sentinel_{restart}.txt").write_text(transcript(restart))
        wait_until(lambda: svc.query("SELECT count(*) FROM files") == [(3 + restart,)], timeout=30)  # noqa: B023
        assert svc.query(originals) == first_outcomes
        assert status(svc) == {"ingested": 3 + restart, "duplicate": 0, "failed": 0, "skipped": 0}
        assert svc.query("SELECT id, sha256, updated_at FROM calls WHERE id <= 2 ORDER BY id") == calls
        assert svc.query("SELECT id FROM changes WHERE call_id <= 2 ORDER BY id") == changes

    # Each file was ingested once and seen on every start; the whole Q3 stayed current.
    assert svc.query("SELECT attempts FROM files WHERE id <= 3") == [(4,), (4,), (4,)]
    assert svc.query("SELECT count(*) FROM segments WHERE call_id = 2") == [(89,)]
    assert svc.query("SELECT current, turns FROM call_versions WHERE call_id = 2 ORDER BY turns") == [(0, 3), (1, 89)]
    assert svc.stop()[0] == 0
