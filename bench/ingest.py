"""Benchmark: ingest the whole development corpus into a fresh database; print transcripts per second.

Usage: python bench/ingest.py [FOLDER ...]   (default: seeds/ and ../shared/corpus)

One process, one core. Counts every file (ingested or failed) and reports the rate for each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worker.discovery import find_files  # noqa: E402
from worker.pipeline import ingest_file  # noqa: E402
from worker.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "seeds", ROOT.parent / "shared" / "corpus"])
    parser.add_argument("--repeat", type=int, default=3, help="runs, each into a fresh database (best is shown)")
    args = parser.parse_args()
    files = [f for f in find_files(args.folders) if f.name != "README.md"]
    if not files:
        print("no files found in", ", ".join(map(str, args.folders)), file=sys.stderr)
        return 1
    best = None
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            statuses = Counter(ingest_file(store, f, max_bytes=20_000_000).status for f in files)
            elapsed = time.perf_counter() - started
        if best is None or elapsed < best[0]:
            best = (elapsed, statuses)
    elapsed, statuses = best
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"files:          {len(files)} ({size_mb:.1f} MB) from {', '.join(str(f) for f in args.folders)}")
    print(f"outcomes:       {dict(statuses)}")
    print(f"elapsed:        {elapsed:.2f} s (best of {args.repeat})")
    print(f"transcripts/s:  {len(files) / elapsed:.0f} (all files, ingested or failed)")
    if statuses["ingested"]:
        print(f"ingested/s:     {statuses['ingested'] / elapsed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
