"""Check biopharma gold files against their transcripts: `python -m tests.gold.validate [FILE ...]`.

Every quote must be an exact substring of its transcript (whitespace folded), every field must be
one the format allows (tests/gold/biopharma/FORMAT.md). Prints one line per problem; exits 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "biopharma"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

KINDS = {"cash_position", "cash_runway", "clinical_hold", "milestone_payment", "regulatory_filing",
         "partnership", "financing", "trial_status", "financial_metric", "cash_guidance"}
STATUSES = {
    "clinical_hold": {"placed", "ongoing", "lifted", "mentioned"},
    "milestone_payment": {"received", "earned", "expected", "eligible", "paid", "owed"},
    "regulatory_filing": {"planned", "submitted", "accepted", "approved", "rejected", "delayed", "withdrawn",
                          "guidance_withdrawn"},
    "partnership": {"new", "ongoing", "expanded", "ended"},
    "financing": {"completed", "planned", "available", "repaid"},
    "trial_status": {"planned", "started", "enrolling", "enrollment_complete", "completed", "data_reported",
                     "data_expected", "paused", "stopped"},
}
ITEM_FIELDS = {"kind", "quote", "subject", "aliases", "status", "amount", "currency", "date_start", "date_end",
               "timing", "filing_type", "regulator", "jurisdiction", "indication", "designations", "direction",
               "counterparty", "optional", "reason", "open"}
CHANGE_FIELDS = {"kind", "subject", "rule", "severity", "summary", "before_quote", "after_quote", "reason"}
TOP_FIELDS = {"source", "ticker", "fiscal_period", "period_evidence", "call_date", "annotator", "complete_for",
              "note", "items", "previous", "changes"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def fold(text: str) -> str:
    return " ".join(text.split())


def problems(path: Path) -> list[str]:
    out: list[str] = []
    try:
        gold = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        return [f"{path.name}: not JSON: {error}"]
    out += [f"{path.name}: unknown field {k!r}" for k in set(gold) - TOP_FIELDS]
    source = CORPUS / gold.get("source", "").removeprefix("corpus:")
    if not source.is_file():
        return [*out, f"{path.name}: source {source} not found"]
    text = fold(source.read_bytes().decode("utf-8", "replace"))
    previous = None
    if gold.get("previous"):
        prev_path = path.with_name(gold["previous"] + ".json")
        if not prev_path.is_file():
            out.append(f"{path.name}: previous {gold['previous']} has no gold file")
        else:
            prev = json.loads(prev_path.read_text())
            previous = fold((CORPUS / prev["source"].removeprefix("corpus:")).read_bytes().decode("utf-8", "replace"))
    for n, item in enumerate(gold.get("items", [])):
        where = f"{path.name}: item {n} ({item.get('kind')} {item.get('subject')})"
        out += [f"{where}: unknown field {k!r}" for k in set(item) - ITEM_FIELDS]
        if item.get("kind") not in KINDS:
            out.append(f"{where}: unknown kind")
        allowed = STATUSES.get(item.get("kind"))
        if allowed and item.get("status") not in allowed:
            out.append(f"{where}: status {item.get('status')!r} not in {sorted(allowed)}")
        if not item.get("quote") or fold(item["quote"]) not in text:
            out.append(f"{where}: quote not found in transcript: {item.get('quote', '')[:80]!r}")
        for name in ("date_start", "date_end"):
            if item.get(name) is not None and not DATE.match(str(item[name])):
                out.append(f"{where}: {name} {item[name]!r} is not YYYY-MM-DD")
    for n, change in enumerate(gold.get("changes", [])):
        where = f"{path.name}: change {n} ({change.get('rule')} {change.get('subject')})"
        out += [f"{where}: unknown field {k!r}" for k in set(change) - CHANGE_FIELDS]
        if change.get("severity") not in {"critical", "notable", "info"}:
            out.append(f"{where}: severity {change.get('severity')!r}")
        if change.get("after_quote") and fold(change["after_quote"]) not in text:
            out.append(f"{where}: after_quote not found in this call")
        if change.get("before_quote") and previous is not None and fold(change["before_quote"]) not in previous:
            out.append(f"{where}: before_quote not found in the previous call")
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(GOLD.glob("*.json"))
    found = [p for path in paths for p in problems(path)]
    print("\n".join(found) if found else f"{len(paths)} gold files ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
