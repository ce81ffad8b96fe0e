"""A company report: one self-contained HTML file with charts (matplotlib, inline SVG), changes and catalysts.

Nothing is fetched when the file is opened: the charts are SVG inside the page, the style sheet is
inline and there is no script. Built from stored rows, so it is tested without the service.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from worker.catalysts import UPCOMING, Catalyst
from worker.charts import Chart, ReportData, cash_chart, period, runway_chart, timeline_chart

__all__ = ["ReportData", "render"]

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
.note { font-size: 0.88em; color: #424949; }
"""


def _chart(name: str, chart: Chart) -> str:
    body = chart.svg or f'<p class="empty">{html.escape(chart.empty or "Nothing to chart.")}</p>'
    note = f'<div class="note">{chart.note}</div>' if chart.note else ""  # the note is HTML made by charts.py
    return f'<div class="chart" data-chart="{html.escape(name)}">{body}{note}</div>'


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


def _catalyst_rows(found: list[Catalyst]) -> str:
    seen: set[tuple[Any, ...]] = set()
    rows = []
    for c in found:
        key = (c.start, c.end, c.product, c.event, c.quote)
        if key in seen:  # two items of one sentence (an NDA and an MAA dated alike) read as one event here
            continue
        seen.add(key)
        later = f"<br>Latest call: {html.escape(c.later)}" if c.later else ""
        rows.append(
            f"<tr><td>{c.start}{'' if c.start == c.end else ' to ' + str(c.end)}</td><td>{html.escape(c.precision)}"
            f"</td><td>{html.escape(c.product or '')}</td><td>{html.escape(c.event)}</td>"
            f"<td><blockquote>“{html.escape(c.quote)}”</blockquote>{html.escape(c.call)}{later}</td></tr>")
    return ("<table><tr><th>date</th><th>exact to</th><th>product</th><th>event</th><th>evidence</th></tr>"
            f"{''.join(rows)}</table>")


def _catalysts_section(data: ReportData, *, today: dt.date) -> str:
    ahead = [c for c in data.catalysts if c.when == UPCOMING]
    behind = [c for c in data.catalysts if c.when != UPCOMING]
    parts = ["<h2>Upcoming catalysts</h2>"]
    if ahead:
        parts.append(_catalyst_rows(ahead))
    else:
        latest = period(data.calls[-1]) if data.calls else "no"
        parts.append(f'<p class="empty">None ahead of {today}: no dated event of the latest call ({latest}) '
                     "is still to come.</p>")
    if behind:
        parts.append("<h3>Dated events now behind us</h3><p class=\"sub\">Passed by today, or dated before a "
                     "later call (with what the latest call says of the subject).</p>" + _catalyst_rows(behind))
    return "\n".join(parts)


def render(data: ReportData, *, generated: dt.datetime) -> str:
    """The whole report as one HTML page."""
    name = data.ticker if data.company in (None, data.ticker) else f"{data.company} ({data.ticker})"
    span = f"{period(data.calls[0])} to {period(data.calls[-1])}" if data.calls else "no calls"
    charts = "\n".join((_chart("cash", cash_chart(data)), _chart("runway", runway_chart(data)),
                        _chart("timeline", timeline_chart(data))))
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(data.ticker)}: callwatch report</title><style>{_STYLE}</style></head><body>"
            f"<h1>{html.escape(name)}</h1>"
            f"<p class=\"sub\">{len(data.calls)} calls, {html.escape(span)}; made by callwatch on "
            f"{generated:%Y-%m-%d %H:%M} UTC</p>{charts}{_changes_section(data)}"
            f"{_catalysts_section(data, today=generated.date())}</body></html>\n")
