"""`callwatch calendar`: the catalyst calendar, as a table, CSV, iCalendar or JSON."""

from __future__ import annotations

import datetime as dt
import json

import click

from worker.calls import comparable_calls_and_items
from worker.clock import utc_now
from worker.context import out, store_of
from worker.tables import to_csv

_FIELDS = ("start", "end", "precision", "when", "ticker", "company", "product", "event", "quote", "call", "later")


@click.command()
@click.option("--ticker", "tickers", multiple=True, help="Only this company (repeat for several).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="Only events ending on or after DATE.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Only events starting on or before DATE.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "ics", "json"]), default="table",
              show_default=True, help="How to print the calendar.")
@click.pass_context
def calendar(ctx: click.Context, tickers: tuple[str, ...], start: dt.datetime | None, end: dt.datetime | None,
             fmt: str) -> None:
    """The dated catalysts of every company: expected regulatory decisions and action (PDUFA) dates,
    planned filings, data readouts and runway ends, from each company's latest call.

    Each row gives the date or range and how exact it is (day, month, quarter, half, year), the
    company, product, event, the quote and the call it came from. An event an earlier call dated
    before the latest call is shown as past, with what the latest call says about it. The iCalendar
    output has one event per catalyst with a stable UID, so re-importing it updates the events.

    \b
    Examples:
      callwatch calendar
      callwatch calendar --ticker CLLS --from 2022-01-01
      callwatch calendar --format ics > catalysts.ics
      callwatch calendar --format csv --to 2025-12-31
    """
    from worker.catalysts import catalysts, to_ics

    db = store_of(ctx, must_exist=True).db
    wanted = [t.upper() for t in tickers]
    calls, items = comparable_calls_and_items(db, tickers=wanted)
    found = catalysts(calls, items, today=utc_now().date())
    if start:
        found = [c for c in found if c.end >= start.date()]
    if end:
        found = [c for c in found if c.start <= end.date()]
    if fmt == "ics":
        click.echo(to_ics(found, now=utc_now()).decode(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in found], indent=2))
    elif fmt == "csv":
        click.echo(to_csv((c.as_dict() for c in found), _FIELDS), nl=False)
    elif not found:
        out.print("no dated catalysts" + (f" for {', '.join(wanted)}" if wanted else ""))
    else:
        from rich.table import Table

        table = Table("date", "exact to", "when", "company", "product", "event", "from call")
        for c in found:
            dates = c.start.isoformat() if c.start == c.end else f"{c.start} to {c.end}"
            table.add_row(dates, c.precision, c.when, c.ticker, c.product or "", c.event, c.call)
        out.print(table)
