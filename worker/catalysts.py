"""The catalyst calendar: dated events ahead, from each company's latest call, and what became of past ones.

Pure functions over stored rows (calls and key items, as the store returns them). A catalyst is a
key item with a date: a filing's expected decision or submission (`regulatory_filing`), a data
readout (`trial_status`), the end of the cash runway (`cash_runway`). Each company's latest call
gives the events ahead; an event an earlier call dated before a later call is shown as past, with
what the latest call says about the same subject.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from handlers.extractors.kinds import cash_runway
from handlers.extractors.model import REPORTABLE_CONFIDENCE

# What a dated item of each kind and status is, as a calendar event. A status not listed is not a
# catalyst (an approval already given, a trial already completed).
_EVENTS = {
    ("regulatory_filing", "planned"): "filing planned",
    ("regulatory_filing", "submitted"): "regulatory decision expected",
    ("regulatory_filing", "accepted"): "regulatory action date",
    ("regulatory_filing", "delayed"): "regulatory decision expected (delayed)",
    ("trial_status", "data expected"): "data readout",
    ("trial_status", "data_expected"): "data readout",
    (cash_runway.NAME, None): "cash runway ends",
}
UPCOMING, PASSED, PAST = "ahead", "passed", "past"


@dataclass(frozen=True)
class Catalyst:
    """One dated event, with the evidence for it."""

    uid: str  # stable across calls: re-importing an updated calendar moves the event, not duplicates it
    ticker: str
    company: str | None
    product: str | None
    event: str
    start: dt.date
    end: dt.date
    precision: str  # day | month | quarter | half | year | range | by (a deadline: no start said)
    when: str  # ahead | passed (by today) | past (a later call came after its date)
    quote: str
    call: str  # "CLLS 2021Q3"
    later: str | None = None  # for a past event: what the latest call says of the subject

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "start": self.start.isoformat(), "end": self.end.isoformat()}


def precision_of(start: dt.date, end: dt.date) -> str:
    """How exact a date range is: a day, a calendar month, quarter, half or year, or another range."""
    if start == end:
        return "day"
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if not whole_months:
        return "range"
    for span, name in ((1, "month"), (3, "quarter"), (6, "half"), (12, "year")):
        if months == span and (start.month - 1) % span == 0:
            return name
    return "range"


def _period_end(call: dict[str, Any]) -> dt.date | None:
    if call.get("fiscal_year") is None or call.get("fiscal_quarter") is None:
        return None
    month = call["fiscal_quarter"] * 3
    return dt.date(call["fiscal_year"], month, calendar.monthrange(call["fiscal_year"], month)[1])


def _reference_date(call: dict[str, Any]) -> dt.date | None:
    """When a call was held: its date, else (for ordering what it overtook) its fiscal period's end."""
    return dt.date.fromisoformat(call["call_date"]) if call.get("call_date") else _period_end(call)


def _event(item: dict[str, Any]) -> str | None:
    key = (item["kind"], None if item["kind"] == cash_runway.NAME else item.get("status"))
    event = _EVENTS.get(key)
    if event and item["kind"] == "regulatory_filing":
        attributes = item.get("attributes") or {}
        attributes = json.loads(attributes) if isinstance(attributes, str) else attributes
        if attributes.get("filing_type"):
            event = f"{attributes['filing_type']}: {event}"
    return event


def _uid(ticker: str, item: dict[str, Any], event: str) -> str:
    key = "|".join([ticker, item["kind"], item.get("subject") or "", event])
    return hashlib.sha1(key.encode()).hexdigest()[:16] + "@callwatch"


def catalysts(calls: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]], *, today: dt.date) -> list[Catalyst]:
    """The catalysts of every company, sorted by date.

    Args:
        calls: `calls` rows (comparable ones: ticker and period known).
        items: `key_items` rows of those calls.
        today: what "ahead" and "passed" are measured from (injectable for tests).
    """
    by_call: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        if item["confidence"] >= REPORTABLE_CONFIDENCE and (item.get("date_end") or item.get("date_start")):
            by_call.setdefault(item["call_id"], []).append(item)
    companies: dict[str, list[dict[str, Any]]] = {}
    for call in calls:
        if call.get("ticker") and _period_end(call):
            companies.setdefault(call["ticker"], []).append(call)
    found: list[Catalyst] = []
    for ticker, company_calls in companies.items():
        company_calls.sort(key=lambda c: (c["fiscal_year"], c["fiscal_quarter"]))
        latest = company_calls[-1]
        latest_items = by_call.get(latest["id"], [])
        latest_by_subject = {(i["kind"], i.get("subject")): i for i in latest_items}
        for call in company_calls:
            is_latest = call is latest
            overtaken_by = _reference_date(latest)
            for item in by_call.get(call["id"], []):
                event = _event(item)
                if event is None:
                    continue
                start = dt.date.fromisoformat(item.get("date_start") or item["date_end"])
                end = dt.date.fromisoformat(item.get("date_end") or item["date_start"])
                precision = precision_of(start, end) if item.get("date_start") else "by"
                if is_latest:
                    when, later = (UPCOMING if end >= today else PASSED), None
                elif overtaken_by is not None and end < overtaken_by:
                    said = latest_by_subject.get((item["kind"], item.get("subject")))
                    when = PAST
                    later = (f"{said.get('status') or 'mentioned'}: {said['quote']}" if said
                             else "not mentioned in the latest call")
                else:
                    continue  # still open when the latest call spoke: the latest call's word stands
                found.append(Catalyst(
                    uid=_uid(ticker, item, event), ticker=ticker, company=call.get("company"),
                    product=item.get("subject"), event=event, start=start, end=end,
                    precision=precision, when=when, quote=item["quote"],
                    call=f"{ticker} {call['fiscal_year']}Q{call['fiscal_quarter']}", later=later))
    return sorted(found, key=lambda c: (c.start, c.end, c.ticker, c.product or "", c.event))


def to_ics(found: list[Catalyst], *, now: dt.datetime) -> bytes:
    """An iCalendar file: one all-day (or multi-day, by precision) event per catalyst, stable UIDs."""
    from icalendar import Calendar, Event  # deferred: only the ics format needs it

    cal = Calendar()
    cal.add("prodid", "-//callwatch//catalyst calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "callwatch catalysts")
    for catalyst in found:
        event = Event()
        event.add("uid", catalyst.uid)
        event.add("dtstamp", now)
        event.add("dtstart", catalyst.start)
        event.add("dtend", catalyst.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        name = " ".join(part for part in (catalyst.ticker, catalyst.product) if part)
        event.add("summary", f"{name}: {catalyst.event} ({catalyst.precision})")
        lines = [f'"{catalyst.quote}"', f"From the {catalyst.call} call."]
        if catalyst.later:
            lines.append(f"Latest call: {catalyst.later}")
        event.add("description", "\n".join(lines))
        event.add("categories", [catalyst.event])
        cal.add_component(event)
    return cal.to_ical()
