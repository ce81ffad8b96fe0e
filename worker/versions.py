"""Versions of a call: every file a user gave for one company and period is kept in `call_versions`.

The current version is the most complete: more speech text, then more turns. A version whose text
is part of the current one's (a truncated download: `head -c 3000`) is a fragment and never wins; an
equally complete one does not displace the version stored first; a version a user chose
(`callwatch versions CALL --use N`) stays current until the user chooses another. The tables
`calls`, `segments`, `participants` and `key_items` always describe the current version; the
others keep their parsed transcript in `call_versions.content`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handlers.transcript import Participant, Transcript, Turn
from worker.errors import VersionNotFound

if TYPE_CHECKING:
    from sqlite_utils import Database

    from worker.settings import AlertSettings
    from worker.store import Store

COMPLETENESS, USER = "completeness", "user"
# Columns of `call_versions` worth reading back (everything but the content).
_COLUMNS = ("id, call_id, version, sha256, source_path, size, format, encoding, turns, characters, current, "
            "chosen_by, fragment_of, reason, ingested_at")


@dataclass(frozen=True)
class SavedCall:
    """Where a transcript was stored: its call, its version, and whether it is now the current one.

    `previous` is the version that was current before (a `call_versions` row), when the call existed.
    """

    call_id: int
    version: int = 1
    current: bool = True
    turns: int = 0
    size: int | None = None
    characters: int = 0
    previous: dict[str, Any] | None = None
    relation: str = "new"  # new, more (complete), shorter, fragment, equal, pinned (a user chose the current one)

    @property
    def fragment_of(self) -> int | None:
        """The current version this one's text is a part of, if it is a fragment."""
        return self.previous["version"] if self.relation == "fragment" and self.previous else None

    @property
    def replaced_sha256(self) -> str | None:
        """The sha256 of the content this version replaced as current, if it did."""
        return self.previous["sha256"] if self.current and self.previous else None

    def describe(self) -> str | None:
        """What happened, for `files.detail` and the line `callwatch ingest` prints; None for a new call."""
        old = self.previous
        if old is None:
            return None
        this = f"{self.turns} turns, {_size(self.size, self.characters)}"
        then = f"{old['turns']} turns, {_size(old['size'], old['characters'])}"
        if self.current:
            return (f"replaced the content of call {self.call_id} with version {self.version}, more complete "
                    f"({this}; was version {old['version']}: {then}, sha256 {old['sha256'][:12]}, kept)")
        what = {"equal": "an equally complete version", "pinned": "a more complete version"}.get(
            self.relation, "a shorter version")
        chosen = ", chosen by a user" if old["chosen_by"] == USER else ""
        note = f"; its text is part of version {old['version']}'s" if self.relation == "fragment" else ""
        return (f"kept call {self.call_id}'s current version ({then}{chosen}); this file is {what} ({this}) "
                f"stored as version {self.version}{note}; `callwatch versions {self.call_id} --use "
                f"{self.version}` makes it current")


@dataclass(frozen=True)
class Switched:
    """What `use_version` did."""

    call_id: int
    version: int
    items: int
    changes: int
    alerts: int
    already_current: bool = False


def measure(transcript: Transcript) -> tuple[int, int]:
    """(characters of speech, turns): the completeness of a version, compared in this order."""
    return sum(len(turn.text) for turn in transcript.turns), len(transcript.turns)


def save_version(store: Store, call_id: int | None, transcript: Transcript, *, source_path: str, sha256: str,
                 size: int | None) -> SavedCall:
    """Add a version of a call (a new call when `call_id` is None) and decide whether it is current.

    Writes the call's content when the version becomes current; the caller's transaction holds it all.
    """
    db = store.db
    characters, turns = measure(transcript)
    measured = {"turns": turns, "characters": characters, "size": size}
    if call_id is None:
        call_id = store.write_content(None, transcript, source_path=source_path, sha256=sha256)
        # What `explain` would say, without reading it back: the ingest hot path.
        _insert(store, call_id, 1, transcript, source_path, sha256, measured, current=True,
                reason=f"the only version ({_measured(turns, characters)})")
        return SavedCall(call_id, 1, True, turns, size, characters)
    old = current_version(db, call_id)
    old_text, new_text = _stored_text(db, call_id), _speech(transcript)
    relation = _relation(old, old_text, new_text, (characters, turns))
    number = 1 + db.execute("SELECT coalesce(max(version), 0) FROM call_versions WHERE call_id = ?",
                            [call_id]).fetchone()[0]
    current = relation == "more"
    if current:
        stash_current(store, call_id)
        store.write_content(call_id, transcript, source_path=source_path, sha256=sha256)
        if _is_part(old_text, new_text):
            db.execute("UPDATE call_versions SET fragment_of = ? WHERE id = ?", [number, old["id"]])
    _insert(store, call_id, number, transcript, source_path, sha256, measured, current=current,
            fragment_of=old["version"] if relation == "fragment" else None)
    explain(db, call_id)
    return SavedCall(call_id, number, current, turns, size, characters, previous=old, relation=relation)


def _relation(old: dict[str, Any], old_text: str, new_text: str, measured: tuple[int, int]) -> str:
    if _is_part(new_text, old_text):
        return "fragment"
    stored = (old["characters"], old["turns"])
    if measured > stored:
        return "pinned" if old["chosen_by"] == USER else "more"
    return "equal" if measured == stored else "shorter"


def _speech(transcript: Transcript) -> str:
    """A version's speech, whitespace collapsed (a re-flowed or cut line does not hide a fragment)."""
    return " ".join(" ".join(turn.text for turn in transcript.turns).split())


def _stored_text(db: Database, call_id: int) -> str:
    """The current version's speech, from its stored turns, as `_speech` makes it."""
    texts = (row[0] for row in db.execute("SELECT text FROM segments WHERE call_id = ? ORDER BY seq", [call_id]))
    return " ".join(" ".join(texts).split())


def _is_part(part: str, whole: str) -> bool:
    """Whether one version's speech is a strict part of another's (the start of it, when truncated)."""
    return len(part) < len(whole) and part in whole


def _insert(store: Store, call_id: int, number: int, transcript: Transcript, source_path: str, sha256: str,
            measured: dict[str, Any], *, current: bool, fragment_of: int | None = None, reason: str = "") -> None:
    store.insert("call_versions", [{
        "call_id": call_id, "version": number, "sha256": sha256, "source_path": source_path,
        "size": measured["size"], "format": transcript.format, "encoding": transcript.encoding,
        "turns": measured["turns"], "characters": measured["characters"], "current": int(current),
        "chosen_by": COMPLETENESS if current else None, "fragment_of": fragment_of, "reason": reason,
        "content": None if current else _pack(transcript), "ingested_at": store.now(),
    }])


def current_version(db: Database, call_id: int) -> dict[str, Any]:
    """The `call_versions` row (without content) of the call's current version."""
    return dict(next(db.query(f"SELECT {_COLUMNS} FROM call_versions WHERE call_id = ? AND current = 1",
                              [call_id])))


def list_versions(db: Database, call_id: int, *, content: bool = True) -> list[dict[str, Any]]:
    """Every version of a call, oldest first."""
    columns = f"{_COLUMNS}, content" if content else _COLUMNS
    return list(db.query(f"SELECT {columns} FROM call_versions WHERE call_id = ? ORDER BY version", [call_id]))


def stash_current(store: Store, call_id: int) -> None:
    """Keep the current version's content in its own row (from the call's tables) and make it not current."""
    db = store.db
    old = current_version(db, call_id)
    if _content(db, old["id"]) is None:
        db.execute("UPDATE call_versions SET content = ? WHERE id = ?",
                   [_pack(transcript_from_tables(db, call_id, encoding=old["encoding"])), old["id"]])
    db.execute("UPDATE call_versions SET current = 0, chosen_by = NULL WHERE id = ?", [old["id"]])


def use_version(store: Store, call_id: int, number: int, *, alerts: AlertSettings) -> Switched:
    """Make version `number` the call's current one, chosen by a user: its content, re-extracted items,
    and recomputed changes (the call's and its successor's), with the alerts they call for.

    Raises:
        VersionNotFound: the call has no such version.
    """
    from handlers.extractors.registry import extract  # the extractors load only for a switch
    from worker.comparison import record_changes

    db = store.db
    with store.write():
        versions = {row["version"]: row for row in list_versions(db, call_id, content=False)}
        if number not in versions:
            raise VersionNotFound(call_id, number, sorted(versions))
        target = versions[number]
        if target["current"]:
            db.execute("UPDATE call_versions SET chosen_by = ? WHERE id = ?", [USER, target["id"]])
            explain(db, call_id)
            items = db.execute("SELECT count(*) FROM key_items WHERE call_id = ?", [call_id]).fetchone()[0]
            return Switched(call_id, number, items, _count_changes(db, call_id), 0, already_current=True)
        transcript = _unpack(_content(db, target["id"]))
        stash_current(store, call_id)
        store.write_content(call_id, transcript, source_path=target["source_path"], sha256=target["sha256"])
        db.execute("UPDATE call_versions SET current = 1, chosen_by = ?, content = NULL WHERE id = ?",
                   [USER, target["id"]])
        items = extract(transcript)
        store.save_items(call_id, items)
        enqueued = record_changes(store, call_id, alerts)
        explain(db, call_id)
        return Switched(call_id, number, len(items), _count_changes(db, call_id), enqueued)


def explain(db: Database, call_id: int) -> None:
    """Write each version's `reason`: why it is, or is not, the current one."""
    rows = list_versions(db, call_id, content=False)
    current = next(row for row in rows if row["current"])
    best = (current["characters"], current["turns"])
    for row in rows:
        measured = _measured(row["turns"], row["characters"])
        if row["current"] and row["chosen_by"] == USER:
            reason = f"chosen by a user (callwatch versions {call_id} --use {row['version']}); {measured}"
        elif row["current"]:
            reason = "the only version" if len(rows) == 1 else "the most complete version"
            reason += f" ({measured})"
        elif row["fragment_of"]:
            reason = f"a fragment of version {row['fragment_of']} (its text is part of that version's); {measured}"
        elif (row["characters"], row["turns"]) > best:
            reason = f"more complete ({measured}) than version {current['version']}, which a user chose"
        elif (row["characters"], row["turns"]) == best:
            reason = f"as complete as version {current['version']}, which stays current ({measured})"
        else:
            reason = (f"less complete than version {current['version']}: {measured} against "
                      f"{current['turns']} turns, {current['characters']:,} characters")
        db.execute("UPDATE call_versions SET reason = ? WHERE id = ?", [reason, row["id"]])


def transcript_from_tables(db: Database, call_id: int, *, encoding: str | None) -> Transcript:
    """The current version's transcript, rebuilt from `calls`, `segments` and `participants`."""
    call = dict(next(db.query("SELECT * FROM calls WHERE id = ?", [call_id])))
    turns = tuple(Turn(r["section"], r["speaker"], r["text"], r["role"], r["affiliation"]) for r in db.query(
        "SELECT section, speaker, text, role, affiliation FROM segments WHERE call_id = ? ORDER BY seq", [call_id]))
    participants = tuple(Participant(r["name"], r["kind"], r["title"], r["affiliation"]) for r in db.query(
        "SELECT name, kind, title, affiliation FROM participants WHERE call_id = ? ORDER BY id", [call_id]))
    return Transcript(
        format=call["format"], turns=turns, participants=participants, company=call["company"],
        ticker=call["ticker"], fiscal_year=call["fiscal_year"], fiscal_quarter=call["fiscal_quarter"],
        call_date=dt.date.fromisoformat(call["call_date"]) if call["call_date"] else None,
        call_time=call["call_time"], title=call["title"], duration_minutes=call["duration_minutes"],
        encoding=encoding, period_source=call["period_source"],
    )


def _pack(transcript: Transcript) -> bytes:
    fields = dataclasses.asdict(transcript)
    fields["call_date"] = transcript.call_date.isoformat() if transcript.call_date else None
    return zlib.compress(json.dumps(fields, ensure_ascii=False).encode(), 6)


def _unpack(content: bytes) -> Transcript:
    fields = json.loads(zlib.decompress(content))
    fields["turns"] = tuple(Turn(**turn) for turn in fields["turns"])
    fields["participants"] = tuple(Participant(**person) for person in fields["participants"])
    fields["call_date"] = dt.date.fromisoformat(fields["call_date"]) if fields["call_date"] else None
    return Transcript(**fields)


def _content(db: Database, version_id: int) -> bytes | None:
    return db.execute("SELECT content FROM call_versions WHERE id = ?", [version_id]).fetchone()[0]


def _count_changes(db: Database, call_id: int) -> int:
    return db.execute("SELECT count(*) FROM changes WHERE call_id = ?", [call_id]).fetchone()[0]


def _measured(turns: int, characters: int) -> str:
    return f"{turns} turns, {characters:,} characters"


def _size(size: int | None, characters: int) -> str:
    """A version's size as people see it in `ls`: 55 kB (its characters, for a version stored before 0008)."""
    if size is None:
        return f"{characters:,} characters"
    return f"{size} bytes" if size < 1000 else f"{size / 1000:.0f} kB"
