"""A company report: one self-contained HTML file with charts (matplotlib, inline SVG), changes and catalysts.

Nothing is fetched when the file is opened: the charts are SVG inside the page, the style sheet is
inline and there is no script. Built from stored rows, so it is tested without the service.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from handlers.extractors.amounts import format_amount
from handlers.extractors.kinds import cash_position, cash_runway, clinical_hold, milestone_payment
from handlers.extractors.model import REPORTABLE_CONFIDENCE
from worker.catalysts import Catalyst

# The kinds shown on the timeline, bottom to top, and a colour each.
TIMELINE_KINDS = {clinical_hold.NAME: "#c0392b", "regulatory_filing": "#2471a3", milestone_payment.NAME: "#1e8449",
                  "partnership": "#7d3c98", "trial_status": "#ca6f1e", "financing": "#566573"}
_SEVERITY_COLOURS = {"critical": "#c0392b", "notable": "#d68910", "info": "#5d6d7e"}

_STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px;
       color: #1b2631; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } .sub { color: #5d6d7e; margin-top: 0; }
.chart { border: 1px solid #d5d8dc; border-radius: 6px; margin: 1em 0; padding: 0.5em; }
.chart svg { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.5em; border-bottom: 1px solid #eaecee; }
.sev { color: white; border-radius: 3px; padding: 0.1em 0.4em; font-size: 0.85em; }
blockquote { margin: 0.2em 0; color: #424949; font-style: italic; }
.empty { color: #7f8c8d; }
"""


@dataclass(frozen=True)
class ReportData:
    """What a report shows: the company's calls (oldest first), their items and changes, its catalysts."""

    ticker: str
    company: str | None
    calls: list[dict[str, Any]]
    items: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    catalysts: list[Catalyst]


def period(call: dict[str, Any]) -> str:
    return f"{call['fiscal_year']}Q{call['fiscal_quarter']}"


def _figure(width: float = 10, height: float = 3.2) -> Any:
    import matplotlib

    matplotlib.use("svg")  # no display, no GUI toolkit
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # drop the XML prologue and DOCTYPE: the SVG is inline


def _reportable(data: ReportData, kind: str) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for item in data.items:
        if item["kind"] == kind and item["confidence"] >= REPORTABLE_CONFIDENCE:
            found.setdefault(item["call_id"], []).append(item)
    return found


def cash_chart(data: ReportData) -> str | None:
    """Cash by quarter (consolidated scope where the call gives several), or None without cash figures."""
    cash = _reportable(data, cash_position.NAME)
    points = []
    for call in data.calls:
        items = cash.get(call["id"], [])
        item = next((i for i in items if i["subject"] == "consolidated"), items[0] if items else None)
        if item and item.get("amount"):
            points.append((period(call), item["amount"] / 1e6))
    if not points:
        return None
    figure = _figure()
    axes = figure.subplots()
    bars = axes.bar([p for p, _ in points], [v for _, v in points], color="#2471a3")
    axes.bar_label(bars, labels=[format_amount(v * 1e6, "USD") for _, v in points], fontsize=8)
    axes.set_title("Cash by quarter")
    axes.set_ylabel("USD millions")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def runway_chart(data: ReportData) -> str | None:
    """The runway end each call stated: a line that falls is the warning. None without stated runways."""
    runway = _reportable(data, cash_runway.NAME)
    points = [(period(call), dt.date.fromisoformat(item["date_end"])) for call in data.calls
              for item in runway.get(call["id"], [])[:1] if item.get("date_end")]
    if not points:
        return None
    figure = _figure()
    axes = figure.subplots()
    axes.plot([p for p, _ in points], [d for _, d in points], marker="o", color="#1e8449")
    ends = [d for _, d in points]
    # A flat line autoscales to years around it: show half a year either side of what was said.
    axes.set_ylim(min(ends) - dt.timedelta(days=183), max(ends) + dt.timedelta(days=183))
    for label, end in points:
        axes.annotate(end.isoformat(), (label, end), textcoords="offset points", xytext=(0, 6), ha="center",
                      fontsize=8)
    axes.set_title("Runway end stated at each call")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def timeline_chart(data: ReportData) -> str | None:
    """Holds, filings, milestones, partnerships, readouts and financings at the call that stated them."""
    kinds = list(TIMELINE_KINDS)
    periods = [period(call) for call in data.calls]
    by_id = {call["id"]: period(call) for call in data.calls}
    points = [(by_id[i["call_id"]], kinds.index(i["kind"]), i) for i in data.items
              if i["kind"] in TIMELINE_KINDS and i["confidence"] >= REPORTABLE_CONFIDENCE and i["call_id"] in by_id]
    if not points:
        return None
    figure = _figure(height=3.6)
    axes = figure.subplots()
    counts = Counter((p, k) for p, k, _ in points)
    for (label, row), count in counts.items():
        colour = TIMELINE_KINDS[kinds[row]]
        axes.scatter([periods.index(label)], [row], color=colour, s=40 + 25 * min(count, 12), alpha=0.75)
        if count > 1:  # several items of a kind in one call: say how many
            axes.annotate(str(count), (periods.index(label), row), ha="center", va="center", fontsize=7,
                          color="white")
    axes.set_xticks(range(len(periods)), periods)
    axes.set_yticks(range(len(kinds)), [kind.replace("_", " ") for kind in kinds])
    axes.set_xlim(-0.5, len(periods) - 0.5)
    axes.set_title("What each call said: holds, filings, milestones, partnerships, readouts, financings")
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def _chart(title: str, svg: str | None, *, empty: str) -> str:
    body = svg or f'<p class="empty">{html.escape(empty)}</p>'
    return f'<div class="chart" data-chart="{html.escape(title)}">{body}</div>'


def _changes_section(data: ReportData) -> str:
    parts = ["<h2>What changed at each call</h2>"]
    by_call: dict[int, list[dict[str, Any]]] = {}
    for change in data.changes:
        by_call.setdefault(change["call_id"], []).append(change)
    for call in reversed(data.calls):
        changes = by_call.get(call["id"], [])
        when = f" ({call['call_date']})" if call.get("call_date") else ""
        parts.append(f"<h3>{html.escape(period(call))}{html.escape(when)}</h3>")
        if not changes:
            parts.append('<p class="empty">No changes from the previous call (or no previous call).</p>')
            continue
        rows = []
        for change in changes:
            colour = _SEVERITY_COLOURS.get(change["severity"], "#5d6d7e")
            quotes = "".join(f"<blockquote>{label}: “{html.escape(change[key])}”</blockquote>"
                             for key, label in (("before_quote", "before"), ("after_quote", "after"))
                             if change.get(key))
            rows.append(f'<tr><td><span class="sev" style="background:{colour}">{html.escape(change["severity"])}'
                        f"</span></td><td>{html.escape(change['summary'])}{quotes}</td></tr>")
        parts.append("<table><tr><th>severity</th><th>change</th></tr>" + "".join(rows) + "</table>")
    return "\n".join(parts)


def _catalysts_section(data: ReportData) -> str:
    if not data.catalysts:
        return '<h2>Catalysts</h2><p class="empty">No dated catalysts.</p>'
    rows = "".join(
        f"<tr><td>{c.start}{'' if c.start == c.end else ' to ' + str(c.end)}</td><td>{html.escape(c.precision)}</td>"
        f"<td>{html.escape(c.when)}</td><td>{html.escape(c.product or '')}</td><td>{html.escape(c.event)}</td>"
        f"<td><blockquote>“{html.escape(c.quote)}”</blockquote>{html.escape(c.call)}</td></tr>"
        for c in data.catalysts)
    return ("<h2>Catalysts</h2><table><tr><th>date</th><th>exact to</th><th>when</th><th>product</th>"
            f"<th>event</th><th>evidence</th></tr>{rows}</table>")


def render(data: ReportData, *, generated: dt.datetime) -> str:
    """The whole report as one HTML page."""
    name = data.company or data.ticker
    span = f"{period(data.calls[0])} to {period(data.calls[-1])}" if data.calls else "no calls"
    charts = "\n".join((
        _chart("cash", cash_chart(data), empty="No cash figures in the stored calls."),
        _chart("runway", runway_chart(data), empty="No call stated a cash runway."),
        _chart("timeline", timeline_chart(data), empty="No holds, filings, milestones, partnerships, readouts "
                                                        "or financings in the stored calls."),
    ))
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(data.ticker)}: callwatch report</title><style>{_STYLE}</style></head><body>"
            f"<h1>{html.escape(name)} ({html.escape(data.ticker)})</h1>"
            f"<p class=\"sub\">{len(data.calls)} calls, {html.escape(span)}; made by callwatch on "
            f"{generated:%Y-%m-%d %H:%M} UTC</p>{charts}{_changes_section(data)}{_catalysts_section(data)}"
            "</body></html>\n")
