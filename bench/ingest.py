"""Benchmark: ingest the whole development corpus into a fresh database; print transcripts per second.

Usage: python bench/ingest.py [FOLDER ...]   (default: seeds/ and ../shared/corpus)

One process, one core, the way `callwatch ingest` does it (`worker.pipeline.ingest_files`; with
--per-file, a commit per file as the service does). Prints
the rate of the whole pipeline (read, parse, extract key items, store, compare) and of each stage
alone, so a slowdown can be traced to its stage.

Machines differ and drift, so each run is paired with a run of ../shared/bench/floor.py (the least
work any ingester must do) on the same folders, in turn, and the ratio of the two rates is printed:
ratio = callwatch files/s / floor files/s, per pair; the target is 0.9 or more.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
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
    floor = ROOT.parent / "shared" / "bench" / "floor.py"
    runs, floor_rates = [], []
    for run in range(1, args.repeat + 1):
        if floor.exists():
            floor_rates.append(_floor_rate(floor, args.folders))
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
    if floor_rates:
        ratios = [len(files) / ours / theirs for ours, theirs in zip(runs, floor_rates, strict=True)]
        print(f"floor.py:       {statistics.median(floor_rates):.0f} files/s median of {len(floor_rates)} runs, "
              "same folders, run in turn with ours")
        print(f"ratio to floor: {statistics.median(ratios):.2f} median ({min(ratios):.2f}-{max(ratios):.2f}), "
              "target >= 0.90")
    else:
        print(f"ratio to floor: not measured ({floor} not found)")
    return 0


def _floor_rate(floor: Path, folders: list[Path]) -> float:
    """Files per second of the floor script on `folders`, as it prints it."""
    result = subprocess.run([sys.executable, str(floor), *map(str, folders)], capture_output=True, text=True,
                            check=True)
    match = re.search(r"in ([\d.]+)s: (\d+) files/s", result.stdout)
    if match is None:
        raise SystemExit(f"cannot read floor.py's output: {result.stdout!r}")
    files = int(re.match(r"(\d+) files", result.stdout).group(1))
    return files / float(match.group(1))


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
