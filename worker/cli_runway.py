"""`callwatch runway`: the runway board across companies, as a table, CSV or JSON."""

from __future__ import annotations

import json

import click

from handlers.extractors.amounts import format_amount
from handlers.extractors.kinds import cash_position, cash_runway
from worker.calls import comparable_calls_and_items
from worker.clock import utc_now
from worker.context import out, store_of
from worker.tables import to_csv

_FIELDS = ("ticker", "call", "cash", "cash_as_of", "burn_per_quarter", "burn_source", "stated", "stated_end",
           "implied_months", "implied_end", "months_left", "flags")


@click.command()
@click.option("--ticker", "tickers", multiple=True, help="Only this company (repeat for several).")
@click.option("--within", type=click.FloatRange(min=0), help="Flag runways ending within MONTHS from today.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="How to print the board.")
@click.pass_context
def runway(ctx: click.Context, tickers: tuple[str, ...], within: float | None, fmt: str) -> None:
    """One row per company from its latest call with a cash figure: cash and its date, quarterly
    burn (and where it came from), the runway the call states and the one its cash implies, and
    months left from today.

    Burn is the stated cash burn when the call says its period, else the net loss, else the fall in
    cash since the previous call. A row is flagged when the stated and implied ends differ by more
    than six months, or when the runway ends within --within months. `--format json` carries the
    sentence behind each figure.

    \b
    Examples:
      callwatch runway
      callwatch runway --within 12
      callwatch runway --ticker CLLS --format json
      callwatch runway --format csv > runway.csv
    """
    from worker.runway import board

    db = store_of(ctx, must_exist=True).db
    wanted = [t.upper() for t in tickers]
    calls, items = comparable_calls_and_items(db, tickers=wanted,
                                              kinds=(cash_position.NAME, cash_runway.NAME, "financial_metric"))
    rows = board(calls, items, today=utc_now().date(), within_months=within)
    if fmt == "json":
        click.echo(json.dumps([row.as_dict() for row in rows], indent=2))
    elif fmt == "csv":
        click.echo(to_csv(({**row.as_dict(), "flags": "; ".join(row.flags)} for row in rows), _FIELDS), nl=False)
    elif not rows:
        out.print("no company with a cash figure" + (f" among {', '.join(wanted)}" if wanted else ""))
    else:
        from rich.table import Table

        table = Table("company", "cash", "as of", "burn/qtr", "stated runway", "implied end", "months left", "flag")
        for row in rows:
            table.add_row(
                row.ticker, format_amount(row.cash, "USD"), str(row.cash_as_of or ""),
                format_amount(row.burn_per_quarter, "USD") if row.burn_per_quarter else "-",
                f"{row.stated} ({row.stated_end})" if row.stated else "-",
                str(row.implied_end or "-"), f"{row.months_left:g}" if row.months_left is not None else "-",
                "; ".join(row.flags))
        out.print(table, markup=False)
