"""Commands about the background service: `callwatch run` and `callwatch status`."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
from typing import TYPE_CHECKING

import click

from worker.clock import TEST_CLOCK_ENV, from_environment, utc_now
from worker.context import DEFAULT_HEARTBEAT_SECONDS, err, out, settings_of, store_of, unconfigured
from worker.errors import ConfigError
from worker.logs import configure as configure_logs

if TYPE_CHECKING:
    from worker.settings import Settings


@click.command()
@click.option("--once", is_flag=True, help="Ingest what is in the inbox, send the alerts due, and exit.")
@click.pass_context
def run(ctx: click.Context, once: bool) -> None:
    """Watch the inbox folders and ingest each transcript as it lands; send alerts as they are due.

    Files already in the inbox (or changed while the service was down) are ingested first.
    Stops on SIGTERM or SIGINT after the file in hand, within seconds, with exit code 0.

    \b
    Examples:
      callwatch run
      callwatch run --once
      callwatch --log-format json run
    """
    root = ctx.find_root().obj
    # A service logs what it does: INFO unless told otherwise.
    configure_logs(level=logging.INFO, json_format=root["log_format"] == "json")
    settings = settings_of(ctx)
    announce(settings)
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        logging.getLogger("callwatch.service").info("received %s: stopping", signal.Signals(signum).name)
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    clock, test_clock = from_environment()
    if test_clock:
        logging.getLogger("callwatch.service").warning(
            "test clock: the time is read from %s ($%s, for tests only)", test_clock, TEST_CLOCK_ENV)
    from worker.service import Service  # here: it loads the pipeline and apprise, which `status` does without

    Service(settings, stop=stop, clock=clock).run(once=once)


BUSY_EXIT = 3  # `status`: the database is locked by another connection (see `StoreUnavailable.exit_code`)


def announce(settings: Settings) -> None:
    """Log the targets (labels, never URLs) and the rules; a rule that can never send is a configuration error.

    Raises:
        ConfigError: a rule's tags match no target, or its kinds never change.
    """
    from alerts.routing import DEFAULT_RULES, Rule, describe, rule_problems
    from alerts.targets import targets_from

    log = logging.getLogger("callwatch.service")
    targets = targets_from(settings.alerts.targets)
    rules = tuple(Rule.from_settings(rule) for rule in settings.alerts.rules)
    if problems := rule_problems(rules, targets):
        raise ConfigError(problems, source="[[alerts.rules]]: these rules could never send anything")
    if targets:
        log.info("alert targets: %s", "; ".join(
            target.label + (f" [{target.schedule.describe()}]" if target.schedule.describe() else "")
            for target in targets))
    else:
        log.warning("no alert targets are configured ([[alerts.targets]] in the config): changes are stored, "
                    "nothing is sent")
    for number, rule in enumerate(rules or DEFAULT_RULES, start=1):
        log.info("alert rule %d%s: %s", number, "" if rules else " (default)", describe(rule))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Show whether the service runs, its last heartbeat, files and alerts, and the last error.

    Exits 0 when the service is running, 1 when it is not, 3 when the database is busy: another
    connection holds its write lock, so a live service cannot record its heartbeat.

    \b
    Examples:
      callwatch status
      callwatch status --json
    """
    import json
    import sqlite3

    from worker.errors import StoreUnavailable
    from worker.store import unavailable

    # Unconfigured, the defaults: pydantic is not loaded to read one number.
    heartbeat = DEFAULT_HEARTBEAT_SECONDS if unconfigured(ctx) else settings_of(ctx).service.heartbeat_seconds
    store = store_of(ctx, must_exist=True)
    db = store.reader
    try:
        row = next(iter(db.query("SELECT * FROM service WHERE id = 1")), None)
        files = dict(db.execute("SELECT status, count(*) FROM files GROUP BY status").fetchall())
        alerts = dict(db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall())
        running, age = _running(row, heartbeat)
        # An overdue heartbeat from a live process: is another connection keeping it from writing?
        busy = not running and _alive_and_overdue(row) and not store.writable_now()
    except sqlite3.OperationalError as error:
        problem = unavailable(error, store.path)
        if problem is None or problem.kind != StoreUnavailable.BUSY:
            raise
        click.echo(json.dumps({"state": "database busy"}) if as_json else
                   "service:    database busy (another connection holds the lock; try again)")
        ctx.exit(BUSY_EXIT)
    state = "running" if running else "database busy" if busy else "not running"
    report = {
        "running": running, "state": state, "pid": row["pid"] if row else None,
        "heartbeat_at": row["heartbeat_at"] if row else None, "heartbeat_age_seconds": age,
        "watching": row["watching"] if row else None, "observer": row["observer"] if row else None,
        "files": {name: files.get(name, 0) for name in ("ingested", "duplicate", "failed", "skipped")},
        "alerts": {name: alerts.get(name, 0) for name in ("pending", "sent", "failed", "retired")},
        "last_error": row["last_error"] if row else None,
    }
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        shown = {"running": f"running (pid {report['pid']})", "not running": "not running",
                 "database busy": f"database busy: another connection holds the write lock, so the service "
                                  f"(pid {report['pid']}) cannot record its heartbeat"}[state]
        out.print(f"service:    {shown}", markup=False)
        if row:
            out.print(f"heartbeat:  {row['heartbeat_at']} ({age:.0f} s ago)", markup=False)
            out.print(f"watching:   {row['watching']} ({row['observer']})", markup=False)
        out.print("files:      " + ", ".join(f"{n} {name}" for name, n in report["files"].items()), markup=False)
        out.print("alerts:     " + ", ".join(f"{n} {name}" for name, n in report["alerts"].items()), markup=False)
        if report["last_error"]:
            err.print(f"last error: {report['last_error']}", markup=False)
    ctx.exit(0 if running else BUSY_EXIT if busy else 1)


def _running(row: dict | None, heartbeat_seconds: float) -> tuple[bool, float | None]:
    """Running: the last heartbeat is recent, the service did not record a stop, and its pid lives here."""
    if row is None:
        return False, None
    beat = dt.datetime.strptime(row["heartbeat_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    age = (utc_now() - beat).total_seconds()
    if row["stopped_at"] or age > 3 * heartbeat_seconds + 2:
        return False, age
    return _alive(row["pid"]), age


def _alive_and_overdue(row: dict | None) -> bool:
    """A service that did not record a stop and whose process lives (its heartbeat being overdue)."""
    return row is not None and not row["stopped_at"] and _alive(row["pid"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, owned by another user
    return True
