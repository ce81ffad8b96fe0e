"""A small, bounded fuzz: damaged copies of real transcripts never end as `internal_error`.

Every mutant goes through the real pipeline into a real SQLite file and must end ingested, a
duplicate, or failed with a specific code of a `HandlerError` (a handler that meets input it
cannot read says so; anything else is a handler bug). The random seed is fixed: a failure here
reproduces. About 270 files, some 10 s (the corpus adds most of them).
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from handlers import errors
from tests.conftest import CORPUS, SEEDS
from tests.layouts import render_pdf
from worker.pipeline import ingest_files
from worker.store import Store

SEED = 20_260_511
MUTANTS_PER_FILE = 16

# Lines that open a list of participants in the layouts we know.
_LIST_HEADINGS = ("call participants", "executives", "analysts", "company participants",
                  "conference call participants", "corporate participants", "call participants:")
_ODD_LINES = (b"--", b" -- ", b"-- --", b"--\r", b"-- Analyst", b"Name --", b"---", b":", b"*",
              b"Operator", b"Call participants:", b"Prepared Remarks:", b"Questions and Answers:")
_FILTERS = (b"/BogusDecode", b"/JBIG2Decode", b"/CCITTFaxDecode", b"[/FlateDecode /Unknown]", b"/LZWDecode",
            b"/DCTDecode", b"/RunLengthDecode")


def seed_files() -> list[tuple[str, bytes]]:
    """The seeds, a PDF and a few files of each corpus layout (when the corpus is beside the repo)."""
    found = [(path.name, path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]
    found.append(("CLLS_2021_Q2.pdf", render_pdf((SEEDS / "CLLS_2021_Q2.txt").read_text())))
    if CORPUS.is_dir():
        for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
            files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "README.md")
            found += [(path.name, path.read_bytes()) for path in files[:2]]
    return found


def mutate(name: str, data: bytes, rng: random.Random) -> bytes:
    if name.endswith(".pdf") and rng.random() < 0.6:  # a stream filter the reader may not know
        return data.replace(b"/FlateDecode", rng.choice(_FILTERS), rng.choice((1, 2, -1)))
    kind = rng.choice(("truncate", "participants", "anywhere", "flip", "delete", "duplicate"))
    if kind == "truncate":
        return data[:rng.randrange(len(data))]
    if kind == "flip":
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        return bytes(damaged)
    lines = data.split(b"\n")
    if kind in ("participants", "anywhere"):
        starts = [i for i, line in enumerate(lines) if line.strip().lower().decode("latin-1") in _LIST_HEADINGS]
        for _ in range(rng.randint(1, 4)):
            at = rng.choice(starts) + rng.randint(1, 4) if kind == "participants" and starts else \
                rng.randrange(len(lines) + 1)
            lines.insert(at, rng.choice(_ODD_LINES))
    elif kind == "delete":
        for _ in range(rng.randint(1, 30)):
            if len(lines) > 1:
                del lines[rng.randrange(len(lines))]
    else:
        for _ in range(rng.randint(1, 10)):
            lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
    return b"\n".join(lines)


def handler_codes() -> set[str]:
    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {cls.code for cls in below(errors.HandlerError)}


def test_no_mutant_of_a_real_transcript_ends_as_internal_error(tmp_path):
    rng = random.Random(SEED)
    folder = tmp_path / "mutants"
    folder.mkdir()
    paths: list[Path] = []
    for number, (name, data) in enumerate(seed_files()):
        for copy in range(MUTANTS_PER_FILE):
            path = folder / f"{number:02d}_{copy:02d}_{name}"
            path.write_bytes(mutate(name, data, rng))
            paths.append(path)
    with Store(tmp_path / "callwatch.db") as store:
        outcomes = list(ingest_files(store, paths, max_bytes=20_000_000))
        codes = Counter(row[0] for row in store.db.execute("SELECT error_code FROM files WHERE status = 'failed'"))
    statuses = Counter(outcome.status for outcome in outcomes)
    assert len(outcomes) == len(paths) >= 2 * MUTANTS_PER_FILE
    bugs = [(outcome.path.rsplit("/", 1)[-1], outcome.error) for outcome in outcomes
            if outcome.error and "internal error" in outcome.error]
    assert not bugs, bugs[:5]
    assert set(codes) <= handler_codes(), codes
    assert statuses["ingested"] and statuses["failed"]  # the mutants are neither all fine nor all broken
