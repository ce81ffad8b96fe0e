"""Benchmark: precision and recall of key-item extraction per kind, against every gold file.

Usage: python bench/extraction.py [--verbose]

Gold files live in tests/gold/ (see its __init__.py). Targets: precision >= 0.95 and recall >= 0.90
for clinical_hold, milestone_payment, cash_position, cash_runway and regulatory_filing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.extractors.registry import extract  # noqa: E402
from handlers.registry import parse  # noqa: E402
from handlers.source import Source  # noqa: E402
from tests.gold import TARGET_KINDS, Score, gold_files, load, source_path  # noqa: E402


def evaluate() -> tuple[Score, list[str]]:
    """Score extraction on every gold file whose transcript is available."""
    score, skipped = Score(), []
    for path in gold_files():
        gold = load(path)
        transcript_path = source_path(gold)
        if not transcript_path.exists():
            skipped.append(f"{path.name} ({transcript_path} not found)")
            continue
        transcript = parse(Source(transcript_path.name, transcript_path.read_bytes(),
                                  folder=transcript_path.parent.name))
        score.add(path.stem, gold["items"], extract(transcript))
    return score, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list every extra and missed item")
    args = parser.parse_args()
    score, skipped = evaluate()
    print(f"{'kind':20} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}  target")
    failed = False
    for kind in score.kinds():
        target = kind in TARGET_KINDS
        ok = score.precision(kind) >= 0.95 and score.recall(kind) >= 0.90
        failed |= target and not ok
        mark = ("met" if ok else "MISSED") if target else "-"
        print(f"{kind:20} {score.tp[kind]:4} {score.fp[kind]:4} {score.fn[kind]:4} {score.precision(kind):10.2f} "
              f"{score.recall(kind):8.2f}  {mark}")
    for name in skipped:
        print(f"skipped: {name}")
    if args.verbose:
        print("\n".join(score.mistakes))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
