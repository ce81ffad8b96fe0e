"""Legacy gold files (the first 8, mostly non-biotech calls): the key items found by reading a call.

The gold that measures extraction now is in `seeds/` and `biopharma/` (format: biopharma/FORMAT.md,
scored by `tests/gold/score.py` and `bench/extraction.py`). These files stay as a regression check:
they hold few biotech items and many calls where no target-kind item may be found.

Each `*.json` names its source (`seeds/...` in this repository, or `corpus:<folder>/<file>` in
../shared/corpus) and lists items by kind and subject, with the fields that must match (status,
amount within 1%, date_start, date_end). `optional` items are neither required nor counted against.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handlers.extractors.model import KeyItem

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parent.parent
TARGET_KINDS = ("clinical_hold", "milestone_payment", "cash_position", "cash_runway", "regulatory_filing")


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def source_path(gold: dict) -> Path:
    """Where the transcript of a gold file is."""
    source = gold["source"]
    if source.startswith("corpus:"):
        return ROOT.parent / "shared" / "corpus" / source.removeprefix("corpus:")
    return ROOT / source


def matches(expected: dict, item: KeyItem) -> bool:
    """Whether an extracted item is the gold item."""
    if item.kind != expected["kind"] or item.subject != expected.get("subject"):
        return False
    alternatives = expected.get("alternatives", {})
    for name in ("status", "amount", "date_start", "date_end"):
        if name not in expected:
            continue
        actual = getattr(item, name)
        allowed = [expected[name], *alternatives.get(name, [])]
        if name == "amount":
            if actual is None or not any(abs(actual - value) <= 0.01 * value for value in allowed):
                return False
        elif (actual.isoformat() if hasattr(actual, "isoformat") else actual) not in allowed:
            return False
    return True


@dataclass
class Score:
    """True positives, false positives and false negatives per kind."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    def add(self, name: str, gold: list[dict], items: list[KeyItem]) -> None:
        kinds = {g["kind"] for g in gold} | set(TARGET_KINDS)
        predicted = [item for item in items if item.reportable and item.kind in kinds]
        unmatched = list(gold)
        for item in predicted:
            hit = next((g for g in unmatched if matches(g, item)), None)
            if hit is None:
                self.fp[item.kind] += 1
                self.mistakes.append(f"{name}: extra {item.kind} {item.subject} {item.status} {item.amount} "
                                     f"{item.date_start}: {item.quote[:100]}")
                continue
            unmatched.remove(hit)
            if not hit.get("optional"):
                self.tp[item.kind] += 1
        for missing in unmatched:
            if not missing.get("optional"):
                self.fn[missing["kind"]] += 1
                self.mistakes.append(f"{name}: missed {missing}")

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / wanted if wanted else 1.0

    def kinds(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn) | set(TARGET_KINDS))


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def evaluate_legacy() -> tuple[Score, list[str]]:
    """Score extraction on every legacy gold file whose transcript is available."""
    from handlers.extractors.registry import extract
    from handlers.registry import parse
    from handlers.source import Source

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
