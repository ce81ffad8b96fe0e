"""Scoring extraction and the diff against gold written by reading calls (format: biopharma/FORMAT.md).

Matching rule for items. An extracted item (reportable: confidence >= 0.5) matches a gold item when
1. the kind is the same;
2. it is about the same fact: its sentence overlaps the gold quote (after folding case and white
   space, one contains the other, or they share at least half of the shorter one's words), or its
   normalised subject (letters and digits, upper case) equals the gold subject's or an alias's;
3. the fields the gold gives agree: status (when the gold has one); amount within 1% (when both
   have one); for `cash_position` the as-of date (`date_start`) and for `cash_runway` the horizon's
   end (`date_end` within 45 days, or both open) when the gold gives them. The tolerance is for
   vague horizons: "early 2023" ends in March for one reader and April for another; a runway that
   moved by a quarter or more is a different fact.
Gold items are taken greedily, an extracted item by an extracted item in call order, preferring a
gold item whose quote overlaps. An extracted item matching a gold item marked `optional` counts
neither way; an unmatched extracted item is an extra (a false positive) only for kinds the gold file
is `complete_for`; an unmatched non-optional gold item is a miss.

Matching rule for changes. For each annotated pair (a gold file with `previous`), the changes the
diff engine computes from the two calls' extracted items are matched to the gold changes: same kind,
and the same subject (normalised, aliases of the gold items included) or overlapping after/before
quotes; a gold change is found when a computed change matches it with the same severity. A computed
notable or critical change that matches no gold change of any severity is a false alert.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handlers.extractors.model import KeyItem

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIRS = (ROOT / "tests" / "gold" / "seeds", ROOT / "tests" / "gold" / "biopharma")
CORE_KINDS = ("cash_position", "cash_runway", "clinical_hold", "milestone_payment", "regulatory_filing")
SEVERITIES = ("critical", "notable", "info")
# Companies whose gold is held out: extraction is developed on the others ("dev") and measured on
# these too, as a stand-in for the unseen companies' calls it is judged on. Chosen before tuning,
# to span both layouts and big pharma, medtech and small caps. Never tune a rule on them.
HOLDOUT = frozenset({"MRK", "EW", "MYL", "NKTR", "CORT", "ABMD", "PGNX", "MDXG", "DXCM"})
_WORD = re.compile(r"[a-z0-9]+")


def gold_paths(patterns: list[str] | None = None, *, subset: str = "all") -> list[Path]:
    """Every gold file, or those whose name matches one of `patterns` (globs such as `LLY_*`);
    `subset` "dev" or "holdout" keeps only those companies' files (see HOLDOUT)."""
    paths = sorted(path for folder in GOLD_DIRS for path in folder.glob("*.json"))
    if subset != "all":
        paths = [path for path in paths if (path.stem.split("_")[0] in HOLDOUT) == (subset == "holdout")]
    if patterns:
        paths = [path for path in paths if any(path.match(p) or path.match(p + ".json") for p in patterns)]
    return paths


def transcript_path(gold: dict) -> Path:
    source = gold["source"]
    if source.startswith("corpus:"):
        return ROOT.parent / "shared" / "corpus" / source.removeprefix("corpus:")
    return ROOT / source


def norm(subject: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (subject or "").upper())


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def overlaps(a: str | None, b: str | None) -> bool:
    """Whether two quotes are the same passage: one holds the other, or they share half the shorter's words."""
    if not a or not b:
        return False
    fa, fb = " ".join(a.lower().split()), " ".join(b.lower().split())
    if fa in fb or fb in fa:
        return True
    wa, wb = _words(fa), _words(fb)
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def _names(gold: dict) -> set[str]:
    return {norm(name) for name in [gold.get("subject"), *gold.get("aliases", [])] if norm(name)}


def _fields_agree(gold: dict, item: KeyItem) -> bool:
    if gold.get("status") and gold["kind"] not in ("cash_position", "cash_runway") and item.status != gold["status"]:
        return False
    if gold.get("amount") and item.amount is not None and abs(item.amount - gold["amount"]) > 0.01 * gold["amount"]:
        return False
    if gold["kind"] == "cash_position" and gold.get("date_start") and item.date_start is not None \
            and item.date_start.isoformat() != gold["date_start"]:
        return False
    if gold["kind"] == "cash_runway" and "date_end" in gold:
        if (item.date_end is None) != (gold["date_end"] is None):
            return False
        if item.date_end is not None and abs((item.date_end - dt.date.fromisoformat(gold["date_end"])).days) > 45:
            return False
    return True


def item_matches(gold: dict, item: KeyItem) -> tuple[bool, bool]:
    """(matches, by quote): whether `item` is the gold item, and whether their quotes overlap."""
    if item.kind != gold["kind"]:
        return False, False
    by_quote = overlaps(item.quote, gold.get("quote"))
    same_fact = by_quote or (norm(item.subject) != "" and norm(item.subject) in _names(gold))
    return same_fact and _fields_agree(gold, item), by_quote


@dataclass
class Score:
    """Counts per kind and per severity, with the mistakes behind them."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    changes_found: Counter = field(default_factory=Counter)
    changes_wanted: Counter = field(default_factory=Counter)
    false_alerts: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)
    files: int = 0
    pairs: int = 0

    def add_items(self, name: str, gold: dict, items: list[KeyItem]) -> None:
        self.files += 1
        complete = set(gold.get("complete_for", CORE_KINDS))
        unmatched = list(gold["items"])
        for item in (i for i in items if i.reportable):
            candidates = [(g, by_quote) for g in unmatched for ok, by_quote in [item_matches(g, item)] if ok]
            if not candidates:
                if item.kind in complete:
                    self.fp[item.kind] += 1
                    self.mistakes.append(f"{name}: extra {item.kind} {item.subject} {item.status} "
                                         f"{item.amount} {item.date_end}: {item.quote[:160]}")
                continue
            hit = max(candidates, key=lambda pair: pair[1])[0]
            unmatched.remove(hit)
            if not hit.get("optional"):
                self.tp[item.kind] += 1
        for missing in unmatched:
            if not missing.get("optional"):
                self.fn[missing["kind"]] += 1
                self.mistakes.append(f"{name}: missed {missing['kind']} {missing.get('subject')} "
                                     f"{missing.get('status')}: {missing['quote'][:160]}")

    def add_changes(self, name: str, gold: dict, gold_items: list[dict], computed: list[Any]) -> None:
        """Score the diff of one annotated pair; `computed` are `alerts.changes.Change`s."""
        self.pairs += 1
        aliases: dict[str, set[str]] = {}
        for item in gold_items:
            names = _names(item)
            for n in names:
                aliases.setdefault(n, set()).update(names)
        matched: set[int] = set()
        for wanted in gold.get("changes", []):
            self.changes_wanted[wanted["severity"]] += 1
            names = aliases.get(norm(wanted.get("subject")), set()) | ({norm(wanted.get("subject"))} - {""})
            found = False
            for i, change in enumerate(computed):
                if change.kind != wanted["kind"] or not self._same_subject(change, wanted, names):
                    continue
                matched.add(i)
                found = found or change.severity == wanted["severity"]
            if found:
                self.changes_found[wanted["severity"]] += 1
            else:
                self.mistakes.append(f"{name}: change missed [{wanted['severity']}] {wanted['kind']} "
                                     f"{wanted.get('subject')}: {wanted['summary']}")
        for i, change in enumerate(computed):
            if i not in matched and change.severity in ("critical", "notable"):
                self.false_alerts[change.severity] += 1
                self.mistakes.append(f"{name}: false alert [{change.severity}] {change.rule}: {change.summary}")

    @staticmethod
    def _same_subject(change: Any, wanted: dict, names: set[str]) -> bool:
        if norm(change.subject) and norm(change.subject) in names:
            return True
        after = change.after["quote"] if change.after else None
        before = change.before["quote"] if change.before else None
        return overlaps(after, wanted.get("after_quote")) or overlaps(before, wanted.get("before_quote"))

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp[kind] + self.fn[kind]
        return self.tp[kind] / wanted if wanted else 1.0

    def change_recall(self, severity: str) -> float:
        wanted = self.changes_wanted[severity]
        return self.changes_found[severity] / wanted if wanted else 1.0

    def kinds(self) -> list[str]:
        seen = set(self.tp) | set(self.fp) | set(self.fn)
        return [*CORE_KINDS, *sorted(seen - set(CORE_KINDS))]


def load(path: Path) -> dict:
    return json.loads(path.read_text())
