"""`callwatch versions`: the versions of one call, and choosing which one is current."""

from __future__ import annotations

import json

import click

from worker.calls import resolve_call
from worker.context import out, settings_of, store_of


@click.command()
@click.argument("ref")
@click.option("--use", "use", type=click.IntRange(min=1), metavar="N",
              help="Make version N the current one (it stays current until you choose another).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def versions(ctx: click.Context, ref: str, use: int | None, as_json: bool) -> None:
    """List the versions of one call, or make another one current: REF is a call id or TICKER:YYYYQN.

    Every file given for the same company and fiscal period is kept as a version of its call;
    the most complete one (more speech, then more turns) is current, and a fragment of another
    (a truncated download) never is. With --use N, version N becomes current, chosen by you:
    the call's turns are replaced by its own, its key items extracted again and its changes
    (and the next quarter's) recomputed, as a more complete download would; the alerts due
    are sent. Exits 1 when the call has no version N.

    \b
    Examples:
      callwatch versions CLLS:2021Q3
      callwatch versions 2 --use 1
      callwatch versions 2 --json
    """
    from worker.versions import list_versions, use_version  # the extractors load only for a switch

    store = store_of(ctx)
    call = resolve_call(store.db, ref)
    if use is not None:
        switched = use_version(store, call["id"], use, alerts=settings_of(ctx).alerts)
        if switched.already_current:
            out.print(f"call {call['id']}: version {use} was already current; it now stays current until you "
                      "choose another", markup=False)
        else:
            out.print(f"call {call['id']}: version {use} is now current (chosen by you): {switched.items} key "
                      f"items extracted, {switched.changes} changes recomputed", markup=False)
            from worker.cli_alerts import deliver_due, report

            report(deliver_due(ctx))
        return
    rows = list_versions(store.db, call["id"], content=False)
    for row in rows:
        row["current"] = bool(row["current"])
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    table = Table("version", "current", "turns", "characters", "bytes", "ingested", "file", "why")
    for row in rows:
        table.add_row(str(row["version"]), "yes" if row["current"] else "", str(row["turns"]),
                      f"{row['characters']:,}", f"{row['size']:,}" if row["size"] is not None else "?",
                      row["ingested_at"], row["source_path"], row["reason"])
    out.print(table)
