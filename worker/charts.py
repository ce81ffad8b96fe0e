"""The company report's charts (matplotlib, drawn as SVG for the page): cash, runway ends, timeline.

Each chart is drawn only from what the calls carry and says what it is: a runway end a call states is
drawn apart from one worked out from its cash and burn, so a guess never looks like a statement. A
chart with nothing to draw is a sentence saying why. Every data mark carries an SVG id starting with
`mark-` (the browser test counts them per chart).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from handlers.extractors.amounts import format_amount
from handlers.extractors.kinds import cash_runway, clinical_hold, milestone_payment
from worker.catalysts import Catalyst
from worker.runway import Estimate, estimate, period_end, reportable_by_call

# The timeline's rows, bottom to top: a label, a colour, and which items belong (kind, statuses or None for all).
TIMELINE_ROWS = (
    ("clinical holds", "#c0392b", clinical_hold.NAME, None),
    ("filings", "#2471a3", "regulatory_filing",
     {"planned", "submitted", "accepted", "delayed", "rejected", "withdrawn", "guidance_withdrawn"}),
    ("approvals", "#117864", "regulatory_filing", {"approved"}),
    ("milestone payments", "#1e8449", milestone_payment.NAME, None),
    ("partnerships", "#7d3c98", "partnership", None),
    # "dose escalation", "dose level", "data expected": statuses of rows stored before the gold's vocabulary.
    ("trials enrolling or dosing", "#dc7633", "trial_status", {"enrolling", "dose escalation", "dose level"}),
    ("readouts (expected) and trials completed", "#a04000", "trial_status",
     {"data expected", "data_expected", "data_reported", "enrollment_complete", "completed", "paused"}),
    ("financings", "#566573", "financing", None),
)
_STATED, _IMPLIED = "#1e8449", "#ca6f1e"


@dataclass(frozen=True)
class ReportData:
    """What a report shows: the company's calls (oldest first), their items and changes, its catalysts."""

    ticker: str
    company: str | None
    calls: list[dict[str, Any]]
    items: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    catalysts: list[Catalyst]


@dataclass(frozen=True)
class Chart:
    """A chart as SVG, or the sentence saying why there is none; and a note (HTML) to show under it."""

    svg: str | None
    empty: str | None = None
    note: str = ""


def period(call: dict[str, Any]) -> str:
    return f"{call['fiscal_year']}Q{call['fiscal_quarter']}"


def _figure(width: float = 10, height: float = 3.4) -> Any:
    import matplotlib

    matplotlib.use("svg")  # no display, no GUI toolkit
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # drop the XML prologue and DOCTYPE: the SVG is inline


def estimates(data: ReportData) -> list[tuple[dict[str, Any], Estimate]]:
    """Each call with a cash figure, oldest first, with what its figures say of the runway."""
    by_call = reportable_by_call(data.items)
    found: list[tuple[dict[str, Any], Estimate]] = []
    for call in data.calls:
        earlier = found[-1][1].cash if found else None
        if made := estimate(call, by_call.get(call["id"], []), [earlier] if earlier else None):
            found.append((call, made))
    return found


_GAP_DAYS = 200  # more than two quarters between figures: the axis shows the break instead of hiding it


def _positions(dates: list[dt.date]) -> list[float]:
    """Where each as-of date sits on the x axis: one step a call, two across a break of over two quarters.

    A true time axis squeezes calls years apart into unreadable ticks; even steps would hide the
    break, so the break gets its own step and a label (`_date_axis`)."""
    positions: list[float] = []
    for index, date in enumerate(dates):
        step = 2 if index and (date - dates[index - 1]).days > _GAP_DAYS else 1
        positions.append(positions[-1] + step if positions else 0)
    return positions


def _date_axis(axes: Any, points: list[tuple[dt.date, str]]) -> list[float]:
    """Ticks at the dates the figures are as of, in order, each with the call that gave it; the x of each."""
    dates = [d for d, _ in points]
    xs = _positions(dates)
    axes.set_xticks(xs, [f"{d:%b %d, %Y}\n{label} call" for d, label in points], fontsize=8)
    margin = max(0.7, (3 - xs[-1]) / 2)  # one or two figures: bars of a normal width, centred
    axes.set_xlim(-margin, xs[-1] + margin)
    for index in range(1, len(xs)):
        if xs[index] - xs[index - 1] > 1:
            months = round((dates[index] - dates[index - 1]).days / 30.44)
            axes.axvline(xs[index] - 1, color="#aab7b8", linestyle=":", linewidth=1)
            axes.annotate(f"{months} months\nwithout a figure", (xs[index] - 1, 0.5),
                          xycoords=("data", "axes fraction"), ha="center", va="center", fontsize=7,
                          color="#7f8c8d", backgroundcolor="white")
    axes.set_xlabel("the date the call's cash figure is as of (else the end of its quarter)", fontsize=8)
    return xs


def cash_chart(data: ReportData) -> Chart:
    """Cash at each call, at the date the call gives it as of (consolidated scope where it gives several)."""
    points: dict[dt.date, tuple[str, dict[str, Any]]] = {}
    for call, made in estimates(data):
        points[made.cash_as_of] = (period(call), made.cash)  # a later call restating a date wins
    if not points:
        return Chart(None, empty="No call gives a cash figure, so there is no cash to chart.")
    ordered = sorted(points.items())
    currency = ordered[-1][1][1].get("currency") or "USD"
    amounts = [item["amount"] for _, (_, item) in ordered]
    scale, unit = (1e9, "billions") if max(amounts) >= 2e9 else (1e6, "millions")
    figure = _figure()
    axes = figure.subplots()
    xs = _date_axis(axes, [(d, label) for d, (label, _) in ordered])
    bars = axes.bar(xs, [a / scale for a in amounts], width=0.6, color="#2471a3")
    for index, bar in enumerate(bars):
        bar.set_gid(f"mark-cash-{index}")
    axes.bar_label(bars, labels=[format_amount(a, currency) for a in amounts], fontsize=8)
    axes.set_title("Cash at each call")
    axes.set_ylabel(f"{currency} {unit}")
    axes.spines[["top", "right"]].set_visible(False)
    scopes = sorted({item.get("subject") or "consolidated" for _, (_, item) in ordered})
    note = "" if scopes == ["consolidated"] else f"Scope as the calls give it: {', '.join(scopes)}."
    return Chart(_svg(figure), note=note)


def _runway_points(data: ReportData) -> tuple[list[tuple[dt.date, dt.date, str, str]],
                                              list[tuple[dt.date, Estimate, str]]]:
    """The stated ends (as of, end, period, the words if short), and the implied ones where a call with
    cash states none."""
    by_call = reportable_by_call(data.items)
    made = {call["id"]: e for call, e in estimates(data)}
    stated: list[tuple[dt.date, dt.date, str, str]] = []
    implied: list[tuple[dt.date, Estimate, str]] = []
    for call in data.calls:
        found = made.get(call["id"])
        runway = next((i for i in by_call.get(call["id"], []) if i["kind"] == cash_runway.NAME and i.get("date_end")),
                      None)
        as_of = found.cash_as_of if found else period_end(call)
        if runway:
            said = runway.get("text_value") or ""
            end = dt.date.fromisoformat(runway["date_end"])
            stated.append((as_of, end, period(call), said if len(said) <= 30 else ""))
        elif found and found.implied_end:  # a worked-out end only where the call states none
            implied.append((as_of, found, period(call)))
    return stated, implied


def _short_source(source: str) -> str:
    for start, short in (("stated cash burn", "stated burn"), ("net loss", "net loss"),
                         ("change in cash", "fall in cash")):
        if source.startswith(start):
            return short + (", period not said" if "period not said" in source else "")
    return source


def runway_chart(data: ReportData) -> Chart:
    """The runway end stated at each call, and where none is stated the end its cash and burn imply."""
    from matplotlib import dates as mdates
    stated, implied = _runway_points(data)
    if not stated and not implied:
        with_cash = len(estimates(data))
        why = ("no call gives a cash figure to work one out from" if not with_cash else
               f"{with_cash} of {len(data.calls)} calls give cash but none a burn to divide it by: no cash burn "
               "or net loss is stated, and cash does not fall between calls of a company reporting a loss "
               "(a company that makes money has no runway to chart)")
        return Chart(None, empty=f"No call states a cash runway, and {why}.")
    labels = {x: p for x, _, p, _ in stated} | {x: p for x, _, p in implied}
    labels = dict(sorted(labels.items()))
    figure = _figure()
    axes = figure.subplots()
    at = dict(zip(labels, _date_axis(axes, list(labels.items())), strict=True))
    if stated:
        axes.plot([at[x] for x, _, _, _ in stated], [y for _, y, _, _ in stated], marker="o", markersize=8,
                  color=_STATED, label="stated by the call", gid="mark-runway-stated")
        for x, y, _, said in stated:  # the horizon's end, and the words it was said in where short
            axes.annotate(f"{y:%b %Y}" + (f"\n“{said}”" if said else ""), (at[x], y), textcoords="offset points",
                          xytext=(0, 8), ha="center",
                          fontsize=8, color=_STATED)
    if implied:
        axes.plot([at[x] for x, _, _ in implied], [e.implied_end for _, e, _ in implied], marker="s", markersize=8,
                  linestyle="--", color=_IMPLIED, markerfacecolor="white", markeredgewidth=2,
                  label="implied: cash ÷ quarterly burn (not said by the call)", gid="mark-runway-implied")
        for x, e, _ in implied:
            axes.annotate(f"{e.implied_end:%b %Y}\n({_short_source(e.burn_source or '')})", (at[x], e.implied_end),
                          textcoords="offset points", xytext=(0, -24), ha="center", fontsize=7, color=_IMPLIED)
    ends = [y for _, y, _, _ in stated] + [e.implied_end for _, e, _ in implied if e.implied_end]
    axes.set_ylim(min(ends) - dt.timedelta(days=240), max(ends) + dt.timedelta(days=200))
    locator = mdates.AutoDateLocator(maxticks=6)
    axes.yaxis.set_major_locator(locator)
    axes.yaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_ylabel("cash runs out")
    axes.set_title("Runway end at each call (a line that falls is the warning)")
    axes.legend(loc="upper right", fontsize=8, framealpha=0.9)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    return Chart(_svg(figure), note=_implied_note(implied))


def _implied_note(implied: list[tuple[dt.date, Estimate, str]]) -> str:
    import html

    if not implied:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{format_amount(e.cash['amount'], e.cash.get('currency') or 'USD')} "
        f"at {e.cash_as_of}</td><td>{format_amount(e.burn_per_quarter or 0, e.cash.get('currency') or 'USD')}</td>"
        f"<td>{html.escape(e.burn_source or '')}</td><td>{e.implied_months:g} months: {e.implied_end}</td>"
        f"<td><blockquote>“{html.escape(e.burn_item['quote'] if e.burn_item else e.cash['quote'])}”</blockquote>"
        "</td></tr>" for _, e, label in implied)
    return ("<p class=\"sub\">How each implied end was worked out (no call said these dates):</p><table><tr>"
            "<th>call</th><th>cash</th><th>burn per quarter</th><th>burn from</th><th>implied runway</th>"
            f"<th>burn as said</th></tr>{rows}</table>")


def _row_of(item: dict[str, Any]) -> int | None:
    for index, (_, _, kind, statuses) in enumerate(TIMELINE_ROWS):
        if item["kind"] == kind and (statuses is None or item.get("status") in statuses):
            return index
    return None


def timeline_chart(data: ReportData) -> Chart:
    """Holds, filings, approvals, milestones, partnerships, trials, readouts and financings, at the call
    that stated them (not at the event's own date: the catalysts below carry those)."""
    by_call = reportable_by_call(data.items)
    counts: Counter[tuple[int, int]] = Counter()
    for column, call in enumerate(data.calls):
        for item in by_call.get(call["id"], []):
            if (row := _row_of(item)) is not None:
                counts[(column, row)] += 1
    labels = [label for label, _, _, _ in TIMELINE_ROWS]
    if not counts:
        return Chart(None, empty=f"None of the {len(data.calls)} calls names any of: {', '.join(labels)}.")
    rows = sorted({row for _, row in counts})
    figure = _figure(height=1.4 + 0.45 * len(rows))
    axes = figure.subplots()
    for (column, row), count in sorted(counts.items()):
        _, colour, _, _ = TIMELINE_ROWS[row]
        axes.scatter([column], [rows.index(row)], color=colour, s=60 + 25 * min(count, 12), alpha=0.8,
                     gid=f"mark-timeline-{column}-{row}")
        if count > 1:  # several items of a kind in one call: say how many
            axes.annotate(str(count), (column, rows.index(row)), ha="center", va="center", fontsize=7, color="white")
    axes.set_xticks(range(len(data.calls)), [period(c) + (f"\n{c['call_date']}" if c.get("call_date") else "")
                                             for c in data.calls], fontsize=8)
    axes.set_yticks(range(len(rows)), [labels[row] for row in rows], fontsize=8)
    axes.set_xlim(-0.5, len(data.calls) - 0.5)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_title("What each call named (a number: how many)")
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    missing = [labels[row] for row in range(len(labels)) if row not in rows]
    note = f"None in these calls: {', '.join(missing)}." if missing else ""
    return Chart(_svg(figure), note=note)
