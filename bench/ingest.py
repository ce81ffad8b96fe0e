"""Benchmark: ingest the whole development corpus into a fresh database; print transcripts per second.

Usage: python bench/ingest.py [FOLDER ...]   (default: seeds/ and ../shared/corpus)

One process, one core, the way `callwatch ingest` does it (`worker.pipeline.ingest_files`; with
--per-file, a commit per file as the service does). Prints
the rate of the whole pipeline (read, parse, extract key items, store, compare) and of each stage
alone, so a slowdown can be traced to its stage.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worker.discovery import find_files  # noqa: E402
from worker.pipeline import ingest_file, ingest_files  # noqa: E402
from worker.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "seeds", ROOT.parent / "shared" / "corpus"])
    parser.add_argument("--per-file", action="store_true",
                        help="commit after every file, as `callwatch run` does (default: as `callwatch ingest`)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs, each into a fresh database (the best and the median are shown)")
    args = parser.parse_args()
    files = [f for f in find_files(args.folders) if f.name != "README.md"]
    if not files:
        print("no files found in", ", ".join(map(str, args.folders)), file=sys.stderr)
        return 1
    runs = []
    for run in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            if args.per_file:
                outcomes = (ingest_file(store, f, max_bytes=20_000_000) for f in files)
            else:
                outcomes = ingest_files(store, files, max_bytes=20_000_000)
            statuses = Counter(outcome.status for outcome in outcomes)
            runs.append(time.perf_counter() - started)
        print(f"run {run}/{args.repeat}: {runs[-1]:.2f} s", file=sys.stderr)
    elapsed, median = min(runs), statistics.median(runs)
    parse_s, extract_s = _stage_times(files)
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"files:          {len(files)} ({size_mb:.1f} MB) from {', '.join(str(f) for f in args.folders)}")
    print(f"outcomes:       {dict(statuses)}")
    print(f"elapsed:        {elapsed:.2f} s best, {median:.2f} s median of {args.repeat} runs")
    print(f"transcripts/s:  {len(files) / elapsed:.0f} best, {len(files) / median:.0f} median "
          f"(whole pipeline, all files, {'a commit per file' if args.per_file else 'files grouped'})")
    print(f"  parse alone:  {len(files) / parse_s:.0f}/s ({parse_s * 1000 / len(files):.1f} ms per file)")
    print(f"  extract alone:{len(files) / extract_s:.0f}/s ({extract_s * 1000 / len(files):.1f} ms per file)")
    store_s = max(elapsed - parse_s - extract_s, 0)
    print(f"  read + store: {store_s * 1000 / len(files):.1f} ms per file (the rest)")
    return 0


def _stage_times(files: list[Path], *, rounds: int = 3) -> tuple[float, float]:
    """Seconds to parse every file, and to extract key items from every transcript (best of `rounds`)."""
    from handlers.extractors.registry import extract
    from handlers.registry import parse
    from handlers.source import Source

    data = [(f.name, f.read_bytes(), f.parent.name) for f in files]
    best_parse = best_extract = float("inf")
    for _ in range(rounds):
        sources = [Source(name, content, folder=folder) for name, content, folder in data]  # nothing decoded yet
        started = time.perf_counter()
        transcripts = [parse(source) for source in sources]
        parsed = time.perf_counter()
        for transcript in transcripts:
            extract(transcript)
        best_parse, best_extract = min(best_parse, parsed - started), min(best_extract, time.perf_counter() - parsed)
    return best_parse, best_extract


if __name__ == "__main__":
    sys.exit(main())
