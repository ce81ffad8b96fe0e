"""Benchmark: key-item extraction and the diff, scored against gold written by reading the calls.

Usage:
    python bench/extraction.py                  every gold file (tests/gold/seeds, tests/gold/biopharma)
    python bench/extraction.py --files 'LLY_*' CLLS_2021Q3
    python bench/extraction.py --verbose        also every missed and extra item and change, with quotes
    python bench/extraction.py --set dev        only the companies extraction is developed on
    python bench/extraction.py --set holdout    only the held-out companies (tests/gold/score.py HOLDOUT)

Gold: tests/gold/biopharma/FORMAT.md says what a gold file holds. Items are scored per kind:
precision only on the kinds a file is `complete_for`, recall on every non-optional gold item.
Changes are scored per severity on every annotated pair (a gold file naming its `previous`): the
changes `alerts.changes.compare` computes from the two calls' extracted items, against the gold
changes. The matching rules (kind, subject, status, amount, dates, quote overlap) are written in
tests/gold/score.py's docstring.

Targets (issue "Extraction that generalises"): precision >= 0.95 and recall >= 0.90 for
cash_position, cash_runway, clinical_hold and milestone_payment; regulatory_filing precision >= 0.90
and recall >= 0.85; change recall >= 0.85 for critical and notable changes, no false critical alert.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alerts.changes import compare  # noqa: E402
from handlers.extractors.kinds import TABLES  # noqa: E402
from handlers.extractors.model import REGULATORY_FILING, KeyItem  # noqa: E402
from handlers.extractors.registry import extract  # noqa: E402
from handlers.registry import parse  # noqa: E402
from handlers.source import Source  # noqa: E402
from tests.gold.score import (  # noqa: E402
    CORE_KINDS,
    SEVERITIES,
    Score,
    gold_paths,
    item_matches,
    load,
    transcript_path,
)
from worker.store import item_row  # noqa: E402

TABLE_KINDS = frozenset(kind.name for kind in TABLES)
TARGETS = {kind: (0.95, 0.90) for kind in CORE_KINDS}
TARGETS[REGULATORY_FILING] = (0.90, 0.85)


class RuleScore(Score):
    """A `Score` that also counts, per rule that fired (`attributes["rule"]`), the items that are in the
    gold and those that are not (on the kinds a file is complete for)."""

    def __init__(self, *, tables: bool = True) -> None:
        super().__init__()
        self.rule_tp: Counter = Counter()
        self.rule_fp: Counter = Counter()
        # The changes of the kinds written as tables alone (their targets are theirs).
        self.tables = RuleScore(tables=False) if tables else None

    def add_changes(self, name: str, gold: dict, gold_items: list[dict], computed: list) -> None:
        super().add_changes(name, gold, gold_items, computed)
        if self.tables is not None:
            wanted = [c for c in gold.get("changes", []) if c["kind"] in TABLE_KINDS]
            self.tables.add_changes(name, {**gold, "changes": wanted}, gold_items,
                                    [c for c in computed if c.kind in TABLE_KINDS])

    def add_items(self, name: str, gold: dict, items: list[KeyItem]) -> None:
        super().add_items(name, gold, items)
        complete, unmatched = set(gold.get("complete_for", CORE_KINDS)), list(gold["items"])
        for item in (i for i in items if i.reportable and i.attributes.get("rule") and i.kind in complete):
            hits = [(by_quote, n) for n, g in enumerate(unmatched) for ok, by_quote in [item_matches(g, item)] if ok]
            if hits:  # the same greedy matching as `Score.add_items`: the quote's match first
                unmatched.pop(max(hits, key=lambda hit: (hit[0], -hit[1]))[1])
            (self.rule_tp if hits else self.rule_fp)[item.attributes["rule"]] += 1

    def rule_lines(self) -> list[str]:
        lines = [f"{'rule':44} {'in gold':>7} {'not':>4} {'precision':>10}"]
        for rule in sorted(set(self.rule_tp) | set(self.rule_fp)):
            tp, fp = self.rule_tp[rule], self.rule_fp[rule]
            lines.append(f"{rule:44} {tp:7} {fp:4} {tp / (tp + fp):10.2f}")
        return lines


def evaluate(patterns: list[str] | None = None, *, subset: str = "all") -> tuple[RuleScore, list[str]]:
    """Score every gold file (or those matching `patterns`, in `subset`) whose transcript is available."""
    score, skipped = RuleScore(), []
    golds: dict[str, dict] = {}
    extracted: dict[str, list[KeyItem]] = {}
    texts: dict[str, str] = {}
    paths = gold_paths(patterns, subset=subset)
    for path in paths:
        gold = load(path)
        source = transcript_path(gold)
        if not source.exists():
            skipped.append(f"{path.name} ({source} not found)")
            continue
        transcript = parse(Source(source.name, source.read_bytes(), folder=source.parent.name))
        golds[path.stem], extracted[path.stem] = gold, extract(transcript)
        texts[path.stem] = "\n".join(turn.text for turn in transcript.turns)
        score.add_items(path.stem, gold, extracted[path.stem])
    for name, gold in golds.items():
        previous = gold.get("previous")
        if not previous:
            continue
        if previous not in extracted:  # the earlier call is outside the subset: extract it too
            earlier = next((p for p in gold_paths() if p.stem == previous), None)
            if earlier is None or not transcript_path(load(earlier)).exists():
                continue
            golds[previous] = load(earlier)
            source = transcript_path(golds[previous])
            extracted[previous] = extract(parse(Source(source.name, source.read_bytes(), folder=source.parent.name)))
        computed = compare([item_row(i) for i in extracted[previous]], [item_row(i) for i in extracted[name]],
                           later_text=texts[name])
        score.add_changes(name, gold, golds[previous]["items"] + gold["items"], computed)
    return score, skipped


def _change_lines(score: Score) -> list[str]:
    lines = [f"{'changes':20} {'gold':>5} {'found':>6} {'recall':>7} {'false alerts':>13}"]
    for severity in SEVERITIES:
        false = str(score.false_alerts[severity]) if severity != "info" else "-"
        lines.append(f"{severity:20} {score.changes_wanted[severity]:5} {score.changes_found[severity]:6} "
                     f"{score.change_recall(severity):7.2f} {false:>13}")
    return lines


def report(score: RuleScore) -> list[str]:
    lines = [f"{'kind':20} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}  target"]
    for kind in score.kinds():
        target = TARGETS.get(kind)
        mark = "-" if target is None else (
            "met" if score.precision(kind) >= target[0] and score.recall(kind) >= target[1] else "MISSED")
        lines.append(f"{kind:20} {score.tp[kind]:4} {score.fp[kind]:4} {score.fn[kind]:4} "
                     f"{score.precision(kind):10.2f} {score.recall(kind):8.2f}  {mark}")
    lines.append("")
    lines.extend(_change_lines(score))
    if score.tables is not None:
        lines.extend(["", f"of the kinds written as tables ({', '.join(sorted(TABLE_KINDS))}):",
                      *_change_lines(score.tables)])
    core = sum(score.tp[k] + score.fn[k] for k in CORE_KINDS)
    lines.append(f"\n{score.files} gold calls, {score.pairs} annotated pairs, {core} core-kind gold items, "
                 f"{sum(score.changes_wanted.values())} gold changes")
    return [*lines, "", "precision per rule that fired (a rule's items in the gold / not):",
            *score.rule_lines()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", nargs="+", metavar="NAME", help="gold file names or globs (e.g. 'LLY_*')")
    parser.add_argument("--set", dest="subset", choices=("all", "dev", "holdout"), default="all",
                        help="all gold, the companies extraction is developed on, or the held-out ones")
    parser.add_argument("--verbose", action="store_true", help="list every missed and extra item and change")
    args = parser.parse_args()
    score, skipped = evaluate(args.files, subset=args.subset)
    if not score.files:
        print("no gold file matched (or no transcript found)", file=sys.stderr)
        return 2
    print("\n".join(report(score)))
    for name in skipped:
        print(f"skipped: {name}")
    if args.verbose:
        print("\n".join(score.mistakes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
