"""Reading stored calls back: listing, resolving `42` or `CLLS:2021Q3`, and a call's summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from worker.errors import BadCallReference, BadPeriod, CallNotFound

if TYPE_CHECKING:
    from sqlite_utils import Database

_PERIOD_REF = re.compile(r"^(?P<ticker>[A-Za-z][A-Za-z0-9.\-]{0,9}):(?P<year>\d{4})Q(?P<quarter>[1-4])$", re.IGNORECASE)


def list_calls(db: Database, *, ticker: str | None = None) -> list[dict[str, Any]]:
    """Calls with their segment counts, newest period first."""
    where, params = ("WHERE c.ticker = ?", [ticker.upper()]) if ticker else ("", [])
    sql = f"""
        SELECT c.id, c.ticker, c.company, c.fiscal_year, c.fiscal_quarter, c.call_date, c.format,
               (SELECT count(*) FROM segments s WHERE s.call_id = c.id) AS segments,
               (SELECT count(*) FROM participants p WHERE p.call_id = c.id) AS participants
        FROM calls c {where}
        ORDER BY c.ticker, c.fiscal_year DESC, c.fiscal_quarter DESC, c.id DESC
    """
    return list(db.query(sql, params))


def resolve_call(db: Database, ref: str) -> dict[str, Any]:
    """The call row a reference names: an id (`12`) or `TICKER:YYYYQN`.

    Raises:
        BadCallReference: `ref` has neither form.
        CallNotFound: no such call is stored.
    """
    if ref.isdigit():
        rows = list(db.query("SELECT * FROM calls WHERE id = ?", [int(ref)]))
    elif match := _PERIOD_REF.match(ref):
        rows = list(db.query(
            "SELECT * FROM calls WHERE ticker = ? AND fiscal_year = ? AND fiscal_quarter = ?",
            [match["ticker"].upper(), int(match["year"]), int(match["quarter"])],
        ))
    else:
        raise BadCallReference(ref)
    if not rows:
        raise CallNotFound(ref)
    return dict(rows[0])


@dataclass(frozen=True)
class CallSummary:
    """What `callwatch show` prints about one call."""

    call: dict[str, Any]
    participants: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    version: dict[str, Any] | None = None  # the current `call_versions` row (without its content)
    versions: int = 0  # how many versions the call has


def summarize(db: Database, call: dict[str, Any]) -> CallSummary:
    """Participants, turns per section and turns per speaker of a stored call."""
    call_id = call["id"]
    participants = list(db.query(
        "SELECT name, title, affiliation, kind FROM participants WHERE call_id = ? ORDER BY "
        "CASE kind WHEN 'executive' THEN 0 WHEN 'analyst' THEN 1 WHEN 'operator' THEN 2 ELSE 3 END, id",
        [call_id],
    ))
    sections = list(db.query(
        "SELECT section, count(*) AS turns, sum(length(text)) AS characters, min(seq) AS first "
        "FROM segments WHERE call_id = ? GROUP BY section ORDER BY first",
        [call_id],
    ))
    speakers = list(db.query(
        "SELECT coalesce(speaker, '(unknown)') AS speaker, count(*) AS turns, sum(length(text)) AS characters "
        "FROM segments WHERE call_id = ? GROUP BY speaker ORDER BY characters DESC",
        [call_id],
    ))
    version = next(db.query("SELECT version, reason, chosen_by FROM call_versions WHERE call_id = ? AND current = 1",
                            [call_id]), None)
    count = db.execute("SELECT count(*) FROM call_versions WHERE call_id = ?", [call_id]).fetchone()[0]
    return CallSummary(call, participants, sections, speakers, version, count)


def list_items(db: Database, *, ticker: str, period: str | None = None, kind: str | None = None,
               minimum_confidence: float = 0.0) -> list[dict[str, Any]]:
    """A company's key items, newest call first, in call order within a call.

    Raises:
        BadPeriod: `period` is not `YYYYQN`.
    """
    where = ["c.ticker = ?", "k.confidence >= ?"]
    params: list[Any] = [ticker.upper(), minimum_confidence]
    if period is not None:
        match = re.match(r"^(\d{4})Q([1-4])$", period.upper())
        if match is None:
            raise BadPeriod(period, option="--call")
        where.append("c.fiscal_year = ? AND c.fiscal_quarter = ?")
        params += [int(match[1]), int(match[2])]
    if kind is not None:
        where.append("k.kind = ?")
        params.append(kind)
    sql = f"""
        SELECT c.id AS call_id, c.fiscal_year, c.fiscal_quarter, k.*
        FROM key_items k JOIN calls c ON c.id = k.call_id
        WHERE {" AND ".join(where)}
        ORDER BY c.fiscal_year DESC, c.fiscal_quarter DESC, k.segment_seq, k.start_offset, k.id
    """
    return list(db.query(sql, params))


def comparable_calls_and_items(db: Database, *, tickers: list[str],
                               kinds: tuple[str, ...] = ()) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The comparable calls of these companies (all when `tickers` is empty) and their key items
    (of `kinds`, or all): what the calendar, the runway board and the report are made from."""
    wanted = [t.upper() for t in tickers]
    where = f"AND ticker IN ({','.join('?' * len(wanted))})" if wanted else ""
    calls = list(db.query(f"SELECT * FROM calls WHERE comparable = 1 {where}", wanted))
    ids = [call["id"] for call in calls]
    if not ids:
        return calls, []
    kind_filter = f"kind IN ({','.join('?' * len(kinds))}) AND " if kinds else ""
    items = list(db.query(f"SELECT * FROM key_items WHERE {kind_filter}call_id IN ({','.join('?' * len(ids))})",
                          [*kinds, *ids]))
    return calls, items
