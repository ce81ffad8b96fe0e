"""Benchmark: time from a transcript's rename into the inbox to its alert email's arrival.

Usage: python bench/latency.py [--calls N]

Starts `callwatch run` (the installed command) with a local SMTP server, lands each company's
previous quarter first (a baseline: no alert), then delivers each new quarter one by one and waits
for its email. Two ways of delivering, as downloaders and people do: a rename inside the inbox
from a temporary name ("x.tmp" -> "x.txt"), and a move in from another folder. Prints p50, p95 and
max for each. Target: p95 under 500 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.receivers import SmtpServer, wait_until  # noqa: E402
from tests.worker.test_service import ticker, transcript  # noqa: E402

CALLWATCH = Path(sys.executable).parent / "callwatch"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=30, help="alerts to time (default 30)")
    args = parser.parse_args()
    smtp = SmtpServer().start()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inbox, staging = work / "inbox", work / "staging"
        inbox.mkdir()
        staging.mkdir()
        (work / "callwatch.toml").write_text(f'[[alerts.targets]]\nurl = "{smtp.url()}"\n')
        with (work / "service.log").open("w") as log:
            service = subprocess.Popen([str(CALLWATCH), "run"], cwd=work, stdout=subprocess.DEVNULL, stderr=log,
                                       env={k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")})
        try:
            for number in range(2 * args.calls):  # baselines for both rounds: not timed
                (staging / "q2.tmp").write_text(transcript(number))
                os.rename(staging / "q2.tmp", inbox / f"{ticker(number)}_q2.txt")
            wait_until(lambda: _ingested(work) == 2 * args.calls, timeout=120)
            results = {}
            rounds = (("rename inside the inbox", inbox, range(args.calls)),
                      ("move in from another folder", staging, range(args.calls, 2 * args.calls)))
            for how, folder_of_temp, numbers in rounds:
                latencies = []
                for number in numbers:
                    temporary = folder_of_temp / f"{ticker(number)}_q3.tmp"
                    temporary.write_text(transcript(number, quarter=3))
                    expected = len(smtp.messages) + 1
                    started = time.perf_counter()
                    os.rename(temporary, inbox / temporary.with_suffix(".txt").name)
                    wait_until(lambda expected=expected: len(smtp.messages) >= expected, timeout=30, interval=0.002)
                    latencies.append((time.perf_counter() - started) * 1000)
                results[how] = sorted(latencies)
        finally:
            service.terminate()
            service.wait(timeout=10)
            smtp.stop()
    worst = 0.0
    for how, latencies in results.items():
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        worst = max(worst, p95)
        print(f"{how}: {len(latencies)} alerts, p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
              f"max {latencies[-1]:.0f} ms (file landing -> email received from a local SMTP server)")
    print("target p95 < 500 ms: " + ("met" if worst < 500 else "MISSED"))
    return 0 if worst < 500 else 1


def _ingested(folder: Path) -> int:
    import sqlite3

    path = folder / "callwatch.db"
    if not path.exists():
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(*) FROM files WHERE status = 'ingested'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
