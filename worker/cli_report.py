"""`callwatch report TICKER`: one self-contained HTML file about a company."""

from __future__ import annotations

from pathlib import Path

import click

from worker.clock import utc_now
from worker.context import out, store_of
from worker.errors import UnknownTicker


@click.command()
@click.argument("ticker")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the report (default: TICKER.html).")
@click.pass_context
def report(ctx: click.Context, ticker: str, output: Path | None) -> None:
    """Write a company report: charts of cash at each call, of the runway end at each call (as the
    call states it; where it states none, as its cash over its quarterly burn implies, drawn apart
    and explained) and a timeline of holds, filings, approvals, milestones, partnerships, trials,
    readouts and financings; then the changes of every call with their quotes, and the upcoming
    catalysts. One HTML file that opens offline. A chart with nothing to draw says why.

    \b
    Examples:
      callwatch report CLLS
      callwatch report CLLS -o reports/cellectis.html
    """
    from worker.catalysts import catalysts
    from worker.report import ReportData, render

    db = store_of(ctx, must_exist=True).db
    symbol = ticker.upper()
    calls = list(db.query("SELECT * FROM calls WHERE ticker = ? AND comparable = 1 "
                          "ORDER BY fiscal_year, fiscal_quarter", [symbol]))
    if not calls:
        raise UnknownTicker(symbol)
    ids = [call["id"] for call in calls]
    marks = ",".join("?" * len(ids))
    items = list(db.query(f"SELECT * FROM key_items WHERE call_id IN ({marks})", ids))
    changes = list(db.query(f"SELECT * FROM changes WHERE call_id IN ({marks}) ORDER BY id", ids))
    now = utc_now()
    company = next((call["company"] for call in reversed(calls) if call["company"]), None)
    data = ReportData(symbol, company, calls, items, changes, catalysts(calls, items, today=now.date()))
    path = output or Path(f"{symbol}.html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(data, generated=now), encoding="utf-8")
    out.print(f"wrote {path} ({len(calls)} calls)", markup=False)
