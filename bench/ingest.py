"""Benchmark: ingest the whole development corpus into a fresh database; print transcripts per second.

Usage: python bench/ingest.py [FOLDER ...]   (default: seeds/ and ../shared/corpus)

One process, one core, the way `callwatch ingest` does it (`worker.pipeline.ingest_files`; with
--per-file, a commit per file as the service does). Prints
the rate of the whole pipeline (read, parse, extract key items, store, compare) and of each stage
alone, so a slowdown can be traced to its stage.

Machines differ and drift, so each run is paired with a run of ../shared/bench/floor.py (the least
work any ingester must do) on the same folders, in turn, and the ratio of the two rates is printed:
ratio = callwatch files/s / floor files/s, per pair; the target is 0.9 or more.

Wall-clock time on a shared machine scatters (another process takes the core), so the ratio of CPU
time is printed beside it: callwatch's `time.process_time()` over the ingest, against the floor
subprocess's user + system time (`getrusage(RUSAGE_CHILDREN)`) less that of a floor run over an
empty folder (its start-up: interpreter, imports, compiling its patterns, none of which its
timed loop counts).
"""

from __future__ import annotations

import argparse
import re
import resource
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
    runs, floor_rates, cpu_runs, floor_cpu = [], [], [], []
    floor_start_cpu = _floor_start_cpu(floor) if floor.exists() else 0.0
    for run in range(1, args.repeat + 1):
        if floor.exists():
            count, seconds, cpu = _floor_run(floor, args.folders)
            floor_rates.append(count / seconds)
            floor_cpu.append(max(cpu - floor_start_cpu, 1e-9) / count)  # CPU seconds per file
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            started, started_cpu = time.perf_counter(), time.process_time()
            if args.per_file:
                outcomes = (ingest_file(store, f, max_bytes=20_000_000) for f in files)
            else:
                outcomes = ingest_files(store, files, max_bytes=20_000_000)
            statuses = Counter(outcome.status for outcome in outcomes)
            runs.append(time.perf_counter() - started)
            cpu_runs.append(time.process_time() - started_cpu)
        print(f"run {run}/{args.repeat}: {runs[-1]:.2f} s ({cpu_runs[-1]:.2f} s CPU)", file=sys.stderr)
    elapsed, median = min(runs), statistics.median(runs)
    parse_s, extract_s = _stage_times(files)
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"files:          {len(files)} ({size_mb:.1f} MB) from {', '.join(str(f) for f in args.folders)}")
    print(f"outcomes:       {dict(statuses)}")
    print(f"elapsed:        {elapsed:.2f} s best, {median:.2f} s median of {args.repeat} runs")
    print(f"CPU time:       {statistics.median(cpu_runs):.2f} s median "
          f"({statistics.median(cpu_runs) * 1000 / len(files):.1f} ms per file)")
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
              "target >= 0.90 (wall clock)")
        cpu_ratios = [theirs / (ours / len(files)) for ours, theirs in zip(cpu_runs, floor_cpu, strict=True)]
        print(f"floor.py CPU:   {statistics.median(floor_cpu) * 1000:.1f} ms per file median "
              f"(its start-up, {floor_start_cpu:.2f} s, taken off)")
        print(f"CPU ratio:      {statistics.median(cpu_ratios):.2f} median "
              f"({min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}), floor CPU time / ours, per pair "
              "(steadier than wall clock on a shared machine)")
    else:
        print(f"ratio to floor: not measured ({floor} not found)")
    return 0


def _floor_run(floor: Path, folders: list[Path]) -> tuple[int, float, float]:
    """The files the floor script read in `folders` and the seconds it took, as it prints them, and the CPU
    seconds its process used."""
    result, cpu = _run_floor(floor, folders)
    match = re.search(r"in ([\d.]+)s: (\d+) files/s", result.stdout)
    if match is None:
        raise SystemExit(f"cannot read floor.py's output: {result.stdout!r}")
    files = int(re.match(r"(\d+) files", result.stdout).group(1))
    return files, float(match.group(1)), cpu


def _run_floor(floor: Path, folders: list[Path]) -> tuple[subprocess.CompletedProcess[str], float]:
    """The floor script's run on `folders`, and its user + system CPU seconds (children's rusage, before and after)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, str(floor), *map(str, folders)], capture_output=True, text=True,
                            check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _floor_start_cpu(floor: Path, *, rounds: int = 3) -> float:
    """CPU seconds of the floor script over an empty folder: what it spends outside its timed loop
    (the least of `rounds`)."""
    with tempfile.TemporaryDirectory() as empty:
        return min(_run_floor(floor, [Path(empty)])[1] for _ in range(rounds))


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
