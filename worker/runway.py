"""The runway board: per company, cash, quarterly burn, the runway it states and the runway its cash implies.

Pure functions over stored rows. From each company's latest call with a cash figure:
- cash: its `cash_position` (consolidated scope first), and the date it is as of;
- burn per quarter, from the first of: a stated cash burn whose period the call says, the net loss
  whose period it says, the fall in cash between the company's last two calls (only for a company
  that states a loss, a burn or a runway), a stated cash burn or net loss whose period is not said
  (taken as one quarter, and marked so);
- the stated runway (`cash_runway`: as said and as dates) and the implied one (cash / burn);
- a flag when the stated and implied ends differ by more than six months, or the runway ends within
  the months the user asked about.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from handlers.extractors.kinds import cash_position, cash_runway
from handlers.extractors.model import REPORTABLE_CONFIDENCE

_FLAG_GAP_MONTHS = 6
# How many quarters a metric's period spans: "first quarter" 1, "six months ended ..." 2, "full year" 4.
_QUARTERS = ((re.compile(r"\bnine months\b|\bfirst three quarters\b", re.I), 3),
             (re.compile(r"\bsix months\b|\b(?:first|second) (?:half|semester)\b|\bhalf\b", re.I), 2),
             (re.compile(r"\btwelve months\b|\bfull year\b|^year\b|\bfiscal year\b", re.I), 4),
             (re.compile(r"\bquarter\b|\bthree months\b", re.I), 1))


@dataclass(frozen=True)
class RunwayRow:
    """One company's line on the board."""

    ticker: str
    call: str  # "CLLS 2021Q3"
    cash: float
    cash_as_of: dt.date | None
    burn_per_quarter: float | None
    burn_source: str | None  # stated cash burn | net loss | change in cash | ... (period not said)
    stated: str | None  # the runway as said: "into early 2023"
    stated_end: dt.date | None
    implied_months: float | None
    implied_end: dt.date | None
    months_left: float | None  # from today to the stated end, else the implied end
    flags: tuple[str, ...]
    quotes: dict[str, str]  # figure -> the sentence behind it

    def as_dict(self) -> dict[str, Any]:
        values = dict(self.__dict__)
        for key in ("cash_as_of", "stated_end", "implied_end"):
            values[key] = values[key].isoformat() if values[key] else None
        values["flags"] = list(self.flags)
        return values


def quarters_in(period: str | None) -> int | None:
    """The number of quarters a metric's period spans, or None when the call did not say."""
    if not period:
        return None
    return next((count for pattern, count in _QUARTERS if pattern.search(period)), None)


def add_months(date: dt.date, months: float) -> dt.date:
    whole = int(months)
    year, month = divmod(date.month - 1 + whole, 12)
    year, month = date.year + year, month + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=round((months - whole) * 30.4))


def months_between(start: dt.date, end: dt.date) -> float:
    return round((end - start).days / 30.44, 1)


def period_end(call: dict[str, Any]) -> dt.date:
    month = call["fiscal_quarter"] * 3
    return dt.date(call["fiscal_year"], month, calendar.monthrange(call["fiscal_year"], month)[1])


def _cash(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    positions = [i for i in items if i["kind"] == cash_position.NAME and i.get("amount")]
    return next((i for i in positions if i.get("subject") == "consolidated"), positions[0] if positions else None)


def _burn(items: list[dict[str, Any]], cash: dict[str, Any], earlier_cash: dict[str, Any] | None
          ) -> tuple[float | None, str | None, dict[str, Any] | None]:
    metrics: dict[str, dict[str, Any]] = {}
    for item in items:  # the first statement of a metric is the most explicit (items come in call order)
        if item["kind"] == "financial_metric" and item.get("amount"):
            metrics.setdefault(item["subject"], item)
    for name, label in (("cash burn", "stated cash burn"), ("net loss", "net loss")):
        item = metrics.get(name)
        if item and (quarters := quarters_in(item.get("text_value"))):
            return item["amount"] / quarters, f"{label} ({item['text_value']})", item
    # A fall in cash is burn only for a company that says it loses money or has a runway: a profitable
    # company's cash falls with buybacks and acquisitions.
    burner = bool(metrics.keys() & {"cash burn", "net loss"}) or any(i["kind"] == cash_runway.NAME for i in items)
    if burner and earlier_cash and earlier_cash.get("subject") == cash.get("subject") \
            and earlier_cash["amount"] > cash["amount"]:
        return earlier_cash["amount"] - cash["amount"], "change in cash since the previous call", None
    for name, label in (("cash burn", "stated cash burn"), ("net loss", "net loss")):
        if item := metrics.get(name):
            return item["amount"], f"{label} (period not said: taken as one quarter)", item
    return None, None, None


@dataclass(frozen=True)
class Estimate:
    """What one call's figures say of the runway: the stated end, and the end its cash and burn imply."""

    cash: dict[str, Any]  # the `cash_position` item used
    cash_as_of: dt.date
    burn_per_quarter: float | None
    burn_source: str | None
    burn_item: dict[str, Any] | None
    runway: dict[str, Any] | None  # the `cash_runway` item, where the call states one
    stated_end: dt.date | None
    implied_months: float | None
    implied_end: dt.date | None


def estimate(call: dict[str, Any], items: list[dict[str, Any]],
             earlier_items: list[dict[str, Any]] | None = None) -> Estimate | None:
    """The runway at one call, from its reportable items (and the previous call's with a cash figure,
    for the fall in cash); None when the call gives no cash figure."""
    cash = _cash(items)
    if cash is None:
        return None
    earlier = _cash(earlier_items) if earlier_items else None
    burn, source, burn_item = _burn(items, cash, earlier)
    as_of = dt.date.fromisoformat(cash["date_start"]) if cash.get("date_start") else period_end(call)
    runway = next((i for i in items if i["kind"] == cash_runway.NAME), None)
    stated_end = dt.date.fromisoformat(runway["date_end"]) if runway and runway.get("date_end") else None
    implied_months = round(cash["amount"] / burn * 3, 1) if burn else None
    implied_end = add_months(as_of, implied_months) if implied_months is not None else None
    return Estimate(cash, as_of, burn, source, burn_item, runway, stated_end, implied_months, implied_end)


def reportable_by_call(items: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    by_call: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        if item["confidence"] >= REPORTABLE_CONFIDENCE:
            by_call.setdefault(item["call_id"], []).append(item)
    return by_call


def board(calls: list[dict[str, Any]], items: list[dict[str, Any]], *, today: dt.date,
          within_months: float | None = None) -> list[RunwayRow]:
    """One row per company whose latest call with a cash figure states one, by ticker."""
    by_call = reportable_by_call(items)
    companies: dict[str, list[dict[str, Any]]] = {}
    for call in calls:
        if call.get("ticker") and call.get("fiscal_year") and _cash(by_call.get(call["id"], [])):
            companies.setdefault(call["ticker"], []).append(call)
    rows = []
    for ticker in sorted(companies):
        with_cash = sorted(companies[ticker], key=lambda c: (c["fiscal_year"], c["fiscal_quarter"]))
        latest = with_cash[-1]
        found = estimate(latest, by_call[latest["id"]], by_call[with_cash[-2]["id"]] if len(with_cash) > 1 else None)
        assert found is not None
        end = found.stated_end or found.implied_end
        months_left = months_between(today, end) if end else None
        flags = []
        if found.stated_end and found.implied_end \
                and abs(months_between(found.stated_end, found.implied_end)) > _FLAG_GAP_MONTHS:
            flags.append("stated and implied ends differ by more than 6 months")
        if within_months is not None and months_left is not None and months_left <= within_months:
            flags.append(f"runway ends within {within_months:g} months")
        quotes = {"cash": found.cash["quote"]}
        if found.burn_item:
            quotes["burn"] = found.burn_item["quote"]
        if found.runway:
            quotes["runway"] = found.runway["quote"]
        runway = found.runway
        rows.append(RunwayRow(
            ticker=ticker, call=f"{ticker} {latest['fiscal_year']}Q{latest['fiscal_quarter']}",
            cash=found.cash["amount"], cash_as_of=found.cash_as_of, burn_per_quarter=found.burn_per_quarter,
            burn_source=found.burn_source, stated=(runway.get("text_value") or runway["quote"]) if runway else None,
            stated_end=found.stated_end, implied_months=found.implied_months, implied_end=found.implied_end,
            months_left=months_left, flags=tuple(flags), quotes=quotes))
    return rows
