"""Commands about changes and alerts: `callwatch changes` and `callwatch alerts ...`."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import click

from alerts.errors import DeliveryFailed
from alerts.journal import Journal
from alerts.severity import SEVERITIES, rank
from alerts.targets import targets_from
from worker.calls import resolve_call
from worker.clock import utc_now
from worker.context import LazyChoice, err, out, settings_of, store_of
from worker.errors import UnknownAlert

# Loaded by the commands that use them: apprise, sqlite-utils (the outbox) and pydantic are not for --help.
if TYPE_CHECKING:
    from alerts.dispatcher import Delivery, Reroute
    from worker.settings import AlertSettings


def deliver_due(ctx: click.Context) -> list[Delivery]:
    """Send every due alert now (used after ingest and by `alerts retry`); say which wait, held."""
    from alerts import outbox
    from alerts.dispatcher import dispatch

    settings = settings_of(ctx).alerts
    store = store_of(ctx)
    deliveries = dispatch(store, targets_from(settings.targets), now=utc_now, max_attempts=settings.max_attempts,
                          backoff_seconds=settings.backoff_seconds, journal=Journal.beside(store.path),
                          templates_dir=settings.templates_dir, reroute=rerouter(settings))
    held = store.db.execute(
        "SELECT held_for, count(*), min(held_until) FROM alerts WHERE status = 'pending' AND held_until > ? "
        "GROUP BY held_for ORDER BY held_for", [outbox.stamp(utc_now())]).fetchall()
    for held_for, count, until in held:
        # Not an error: the target's schedule. The service (or the next command) sends them when due.
        out.print(f"alerts: {count} held for {held_for} until {until} (sent by `callwatch run` when due)",
                  markup=False)
    return deliveries


def rerouter(settings: AlertSettings) -> Reroute:
    """Routes a call's current changes with these settings (for alerts whose changes were recomputed)."""
    from worker.comparison import route_call

    return lambda call, current: route_call(call, current, settings)[1]


def report(deliveries: list[Delivery]) -> None:
    """One line per failure on stderr and a count on stdout."""
    from alerts import outbox

    for delivery in deliveries:
        if delivery.status != outbox.SENT:
            verb = {outbox.PENDING: "will retry", outbox.RETIRED: "retired"}.get(delivery.status, "gave up")
            err.print(f"{delivery.alerts} to {delivery.target} not delivered ({verb}): {delivery.error}",
                      markup=False)
    if deliveries:
        sent = sum(1 for delivery in deliveries if delivery.status == outbox.SENT)
        out.print(f"alerts: {sent} sent, {len(deliveries) - sent} not delivered")


@click.command()
@click.argument("ticker_argument", metavar="[TICKER]", required=False)
@click.option("--ticker", help="Only this company (the same as TICKER).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only changes of calls held on or after this date (YYYY-MM-DD).")
@click.option("--severity", type=click.Choice(SEVERITIES), help="Only changes at least this severe.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text (the same as --format json).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="How to print the changes.")
@click.pass_context
def changes(ctx: click.Context, ticker_argument: str | None, ticker: str | None, since: dt.datetime | None,
            severity: str | None, as_json: bool, fmt: str) -> None:
    """List what changed between each call and the company's previous call.

    `--since` is about the call's date (`call_date`); when a change was computed is `created_at`.

    \b
    Examples:
      callwatch changes CLLS
      callwatch changes --ticker CLLS --severity notable
      callwatch changes --since 2021-11-01 --json
      callwatch changes CLLS --format csv > clls_changes.csv
    """
    ticker = ticker or ticker_argument
    where, params = ["1 = 1"], []
    if ticker:
        where.append("ch.ticker = ?")
        params.append(ticker.upper())
    if since:
        where.append("ch.call_date >= ?")  # a call of unknown date is not "since" any date
        params.append(since.strftime("%Y-%m-%d"))
    rows = [row for row in store_of(ctx, must_exist=True).db.query(
        "SELECT ch.*, c.fiscal_year, c.fiscal_quarter FROM changes ch JOIN calls c ON c.id = ch.call_id "
        f"WHERE {' AND '.join(where)} ORDER BY c.fiscal_year DESC, c.fiscal_quarter DESC, ch.id", params)
        if severity is None or rank(row["severity"]) >= rank(severity)]
    if fmt == "csv":
        from worker.tables import to_csv

        click.echo(to_csv(rows, rows[0].keys() if rows else ["ticker", "severity", "rule", "summary"]), nl=False)
        return
    if as_json or fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        err.print("no changes")
        return
    for row in sorted(rows, key=lambda r: (-r["fiscal_year"], -r["fiscal_quarter"], -rank(r["severity"]), r["id"])):
        out.print(f"{row['ticker']} {row['fiscal_year']}Q{row['fiscal_quarter']}  {row['severity']:<8} "
                  f"{row['summary']}", markup=False)


@click.group()
def alerts() -> None:
    """Preview, test, list and retry alerts.

    \b
    Examples:
      callwatch alerts preview CLLS:2021Q3
      callwatch alerts test
      callwatch alerts list --status pending
      callwatch alerts retry
    """


@alerts.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: per target, exactly what it receives.")
@click.pass_context
def preview(ctx: click.Context, ref: str, as_json: bool) -> None:
    """Show exactly what each target would receive for a call, sending nothing.

    The message goes through the same rendering and the same apprise conversion as a real
    delivery (Slack's mrkdwn, HTML for email); for JSON targets, the data too (docs/alerts.md).

    \b
    Examples:
      callwatch alerts preview CLLS:2021Q3
      callwatch alerts preview 2 --json
    """
    from alerts.message import compose
    from alerts.preview import preview as preview_of
    from worker.comparison import decoded, not_alerted, route_call

    settings = settings_of(ctx).alerts
    db = store_of(ctx, must_exist=True).db
    call = resolve_call(db, ref)
    reason = not_alerted(db, call, settings)
    rows = [] if reason else [decoded(row) for row in db.query(
        "SELECT * FROM changes WHERE call_id = ? AND alerted = 1 ORDER BY id", [call["id"]])]
    targets, routed = route_call(call, rows, settings)
    if not targets:
        err.print("no alert targets are configured ([[alerts.targets]] in the config)", markup=False)
    shown = []
    for target in targets:
        ids = routed.get(target.id, [])
        pieces = []
        if ids:
            message = compose(db, call_id=call["id"], change_ids=ids, target=target,
                              templates_dir=settings.templates_dir)
            pieces = preview_of(target, message, key=f"{call['id']}-{target.id}")
        shown.append((target, pieces))
    if as_json:
        click.echo(json.dumps({"call_id": call["id"], "not_alerted": reason, "targets": [
            {"target": target.label, "schedule": target.schedule.describe() or None,  # None: sent at once
             "pieces": [vars(piece) for piece in pieces]} for target, pieces in shown]},
            indent=2))
        return
    if reason:
        out.print(reason, markup=False)
    for target, pieces in shown:
        schedule = target.schedule.describe()  # when it would go: the message is the same
        out.rule(f"{target.label} ({target.body_format}{'; ' + schedule if schedule else ''})", characters="-")
        if not pieces:
            out.print(reason or "nothing: no change of this call passes this target's rules", markup=False)
        for piece in pieces:
            out.print(f"Type: {piece.notify_type}\nTitle: {piece.title}\n", markup=False)
            click.echo(piece.body)  # as is: the exact characters the target gets
            if piece.data is not None:
                click.echo('\nData (the "callwatch" key, docs/alerts.md):\n' + json.dumps(piece.data, indent=2))


@alerts.command(name="test")
@click.pass_context
def test_targets(ctx: click.Context) -> None:
    """Send a test message to every target and report each one; exits 1 if any failed.

    \b
    Examples:
      callwatch alerts test
    """
    from alerts.delivery import send

    targets = targets_from(settings_of(ctx).alerts.targets)
    if not targets:
        err.print("no alert targets are configured ([[alerts.targets]] in the config)", markup=False)
        ctx.exit(1)
    failed = 0
    for target in targets:
        try:
            send(target, title="callwatch test", body="This is a test message from callwatch.")
            out.print(f"ok      {target.label}", markup=False)
        except DeliveryFailed as error:
            failed += 1
            out.print(f"failed  {target.label}: {error.reason}", markup=False)
    ctx.exit(1 if failed else 0)


@alerts.command(name="list")
@click.option("--status", type=LazyChoice(lambda: _statuses()),
              help="Only this status.")
@click.pass_context
def list_alerts(ctx: click.Context, status: str | None) -> None:
    """List alerts in the outbox, newest first.

    \b
    Examples:
      callwatch alerts list
      callwatch alerts list --status failed
    """
    where, params = ("WHERE a.status = ?", [status]) if status else ("", [])
    rows = list(store_of(ctx, must_exist=True).db.query(
        "SELECT a.*, c.ticker, c.fiscal_year, c.fiscal_quarter FROM alerts a JOIN calls c ON c.id = a.call_id "
        f"{where} ORDER BY a.id DESC", params))
    if not rows:
        err.print("no alerts")
        return
    from rich.table import Table

    from alerts import outbox

    table = Table("id", "call", "target", "status", "attempts", "next attempt", "sent", "last error")
    for row in rows:
        due = row["next_attempt_at"] if row["status"] == outbox.PENDING else ""
        if due and row["held_until"] and row["held_until"] > due:
            due = f"{row['held_until']} ({row['held_for']})"
        call = f"{row['ticker']} {row['fiscal_year']}Q{row['fiscal_quarter']}"
        table.add_row(str(row["id"]), call + (" (update)" if row["purpose"] == outbox.CORRECTION else ""),
                      row["target_label"], row["status"], str(row["attempts"]), due, row["sent_at"] or "",
                      row["last_error"] or "")
    out.print(table)


@alerts.command()
@click.argument("alert_ids", nargs=-1, type=int)
@click.pass_context
def retry(ctx: click.Context, alert_ids: tuple[int, ...]) -> None:
    """Send failed alerts, and those waiting to be tried again, now (all, or the given ids); exits 1 if
    any is still undelivered. An alert held for its target's quiet hours or daily digest keeps waiting
    for it (the line "alerts: N held for ... until ..." says so); `callwatch run` sends it when due.

    \b
    Examples:
      callwatch alerts retry
      callwatch alerts retry 3 4
    """
    from alerts import outbox

    store = store_of(ctx, must_exist=True)
    if alert_ids:
        known = {row[0]: row[1] for row in store.db.execute(
            f"SELECT id, status FROM alerts WHERE id IN ({','.join('?' * len(alert_ids))})", list(alert_ids))}
        if missing := sorted(set(alert_ids) - set(known)):
            raise UnknownAlert(missing)
    with store.write():
        count = outbox.retry(store.db, now=utc_now(), alert_ids=list(alert_ids) or None)
    if not count:
        sent = [str(alert_id) for alert_id in alert_ids if known.get(alert_id) == outbox.SENT]
        err.print(f"nothing to retry: alert {', '.join(sent)} was sent already" if sent else "nothing to retry",
                  markup=False)
        return
    deliveries = deliver_due(ctx)
    report(deliveries)
    # A retired alert is settled (it has nothing left to report), not undelivered.
    ctx.exit(1 if any(d.status not in (outbox.SENT, outbox.RETIRED) for d in deliveries) else 0)


def _statuses() -> tuple[str, ...]:
    from alerts import outbox

    return outbox.PENDING, outbox.SENT, outbox.FAILED, outbox.RETIRED
