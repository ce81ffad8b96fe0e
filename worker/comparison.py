"""The changes stage: after a call's items are stored, diff it with the company's previous call
(by fiscal period, not arrival order), recompute its successor's changes, and write the alerts
those changes call for, all in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from alerts import outbox
from alerts.changes import Change, compare
from alerts.routing import DEFAULT_RULES, Rule, route
from alerts.targets import Target, targets_from
from worker.settings import AlertSettings
from worker.store import Store


@dataclass(frozen=True)
class ChangeReport:
    """What the changes stage did with one call, for the service's log line."""

    changes: int = 0  # changes found since the previous call
    alerted: int = 0  # of those, how many go to at least one target
    targets: int = 0  # alerts enqueued: one per target
    reason: str | None = None  # why nothing is alerted: "baseline: the first call of CLLS, not alerted"
    already: int = 0  # targets this call (replaced) was alerted to before: not alerted again
    followups: int = 0  # of those, how many get a follow-up with what the corrected transcript made new

    def __str__(self) -> str:
        if self.reason:
            return self.reason if not self.changes else f"{self.changes} changes; {self.reason}"
        line = (f"{self.changes} change{'s' if self.changes != 1 else ''}, {self.alerted} alerted to "
                f"{self.targets} target{'s' if self.targets != 1 else ''}")
        if self.already:
            before = f"alerted to {self.already} target{'s' if self.already != 1 else ''} before"
            line += (f" ({before}; a follow-up with what is new to {self.followups})" if self.followups
                     else f" ({before}, not sent again)")
        return line


def record_changes(store: Store, call_id: int, settings: AlertSettings, *, text: str | None = None) -> ChangeReport:
    """Store the changes of a call (and its successor's, recomputed); enqueue alerts.

    `text` is the call's text as `_text` would read it back (the ingest pipeline has it: reading it
    again cost 0.3 ms a call); None: read from `segments`.
    """
    db = store.db
    call = next(db.query("SELECT * FROM calls WHERE id = ?", [call_id]), None)
    if not call or not call["comparable"]:
        db.execute("DELETE FROM changes WHERE call_id = ?", [call_id])
        return ChangeReport(reason="not comparable: the call's ticker or fiscal period is unknown, not alerted")
    previous = _neighbour(db, call, before=True)
    following = _neighbour(db, call, before=False)
    # A call that arrives after a later quarter is history: stored, not alerted (unless configured).
    alert = (following is None or settings.alert_history) and (previous is not None or settings.alert_baseline)
    change_ids = _store_changes(store, call, previous, settings, alerted=alert, text=text)
    if following is not None:
        _store_changes(store, following, call, settings, alerted=False)
    if not alert:
        return ChangeReport(len(change_ids), reason=not_alerted(db, call, settings))
    if not change_ids:
        return ChangeReport()
    placeholders = ",".join("?" * len(change_ids))
    changes = [decoded(row) for row in db.query(f"SELECT * FROM changes WHERE id IN ({placeholders})", change_ids)]
    targets, routed = route_call(call, changes, settings)
    by_id = {change["id"]: change for change in changes}
    # A replaced call's alerts that went out (or were given up on) are not sent again: a follow-up
    # with only what is new goes instead, when there is something (outbox.offer).
    offered = outbox.offer_all(db, call_id=call_id, targets=targets, routed=routed, changes=by_id, now=store.clock())
    sending = {target_id: ids for target_id, (what, ids) in offered.items() if what != "told"}
    followups = sum(1 for what, _ in offered.values() if what == "follow-up")
    already = sum(1 for what, _ in offered.values() if what in ("follow-up", "told"))
    return ChangeReport(len(change_ids), len({i for ids in sending.values() for i in ids}), len(sending),
                        already=already, followups=followups)


def not_alerted(db: Any, call: dict, settings: AlertSettings) -> str | None:
    """Why a stored call's changes are not alerted at all ("baseline: the first call of CLLS, not alerted"), or None."""
    ticker = call["ticker"] or "this company"
    if not call["comparable"]:
        return "not comparable: the call's ticker or fiscal period is unknown, not alerted"
    if _neighbour(db, call, before=True) is None and not settings.alert_baseline:
        return f"baseline: the first call of {ticker}, not alerted"
    following = _neighbour(db, call, before=False)
    if following is not None and not settings.alert_history:
        return (f"history: {ticker} {following['fiscal_year']}Q{following['fiscal_quarter']} was stored before "
                "this earlier quarter arrived, not alerted")
    return None


def route_call(call: dict, changes: list[dict], settings: AlertSettings) -> tuple[list[Target], dict[str, list[int]]]:
    """The configured targets, and the ids of the call's changes (figures decoded) each one receives."""
    targets = targets_from(settings.targets)
    rules = tuple(Rule.from_settings(rule) for rule in settings.rules) or DEFAULT_RULES
    return targets, route(changes, targets, rules, ticker=call["ticker"] or "", call_date=_date(call["call_date"]))


def decoded(change: dict) -> dict:
    """A `changes` row with its `figures` JSON decoded."""
    return {**change, "figures": json.loads(change["figures"] or "{}")}


def _store_changes(store: Store, call: dict, previous: dict | None, settings: AlertSettings, *,
                   alerted: bool, text: str | None = None) -> list[int]:
    db = store.db
    db.execute("DELETE FROM changes WHERE call_id = ?", [call["id"]])
    if previous is None and not settings.alert_baseline:
        return []
    before = list(db.query("SELECT * FROM key_items WHERE call_id = ?", [previous["id"]])) if previous else []
    after = list(db.query("SELECT * FROM key_items WHERE call_id = ?", [call["id"]]))
    now = store.now()
    later_text = _text(db, call["id"]) if text is None else text
    found = compare(before, after, overrides=settings.severity, later_text=later_text,
                    cash_fell_notable_pct=settings.cash_fell_notable_pct)
    return store.insert("changes", [_row(change, call, previous, alerted=alerted, now=now) for change in found])


def _text(db: Any, call_id: int) -> str:
    """The call's text, turn after turn: where a silent filing plan is looked for by name."""
    return "\n".join(row["text"] for row in db.query("SELECT text FROM segments WHERE call_id = ? ORDER BY seq",
                                                     [call_id]))


def _row(change: Change, call: dict, previous: dict | None, *, alerted: bool, now: str) -> dict[str, Any]:
    return {
        "call_id": call["id"], "previous_call_id": previous["id"] if previous else None, "ticker": call["ticker"],
        "kind": change.kind, "subject": change.subject, "change": change.change, "rule": change.rule,
        "severity": change.severity, "summary": change.summary,
        "before_quote": change.before["quote"] if change.before else None,
        "before_speaker": change.before["speaker"] if change.before else None,
        "after_quote": change.after["quote"] if change.after else None,
        "after_speaker": change.after["speaker"] if change.after else None,
        "figures": json.dumps(dict(change.figures), sort_keys=True), "alerted": int(alerted), "created_at": now,
        "call_date": call["call_date"],
        "before_item_id": change.before.get("id") if change.before else None,
        "after_item_id": change.after.get("id") if change.after else None,
    }


def _neighbour(db: Any, call: dict, *, before: bool) -> dict | None:
    """The same company's call just before (or after) this one by fiscal period."""
    sign, order = ("<", "DESC") if before else (">", "ASC")
    return next(db.query(f"SELECT * FROM calls WHERE ticker = ? AND comparable = 1 AND id != ? AND "
                         f"(fiscal_year * 4 + fiscal_quarter) {sign} ? ORDER BY fiscal_year {order}, "
                         f"fiscal_quarter {order} LIMIT 1",
                         [call["ticker"], call["id"], call["fiscal_year"] * 4 + call["fiscal_quarter"]]), None)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

