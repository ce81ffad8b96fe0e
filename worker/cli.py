"""The `callwatch` command line."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from handlers.extractors.kinds import cash_position
from handlers.extractors.model import REPORTABLE_CONFIDENCE
from worker.calls import list_calls, list_items, resolve_call, summarize
from worker.cli_alerts import alerts, changes, deliver_due, report
from worker.cli_calendar import calendar
from worker.cli_datasette import datasette
from worker.cli_report import report as report_command
from worker.cli_runway import runway
from worker.cli_service import run, status
from worker.cli_versions import versions
from worker.context import LazyChoice, err, out, settings_of, store_of
from worker.discovery import find_files
from worker.errors import CallwatchError, ConfigError, TurnNotFound
from worker.logs import configure as configure_logs

# Heavy modules (the pipeline and extractors, sqlite-utils, pydantic, apprise, rich's tables) are
# imported by the commands that use them: `callwatch --help`, `status` and `calls` start in a third
# of the time. tests/worker/test_cli_imports.py fails when one comes back to the top of a module.
if TYPE_CHECKING:
    from worker.pipeline import Outcome

log = logging.getLogger("callwatch")


class _Group(click.Group):
    """Turns every `CallwatchError` into one message on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CallwatchError as error:
            err.print(f"Error: {error}", markup=False)
            ctx.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False),
              help="TOML config file (default: $CALLWATCH_CONFIG, else ./callwatch.toml if present).")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Log lines for people, or one JSON object per line.")
@click.version_option(package_name="callwatch", prog_name="callwatch")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: bool, log_format: str) -> None:
    """Watch earnings-call transcripts and alert on what changed.

    \b
    Examples:
      callwatch ingest seeds/
      callwatch calls --ticker CLLS
      callwatch show CLLS:2021Q3
      callwatch versions CLLS:2021Q3
      callwatch items CLLS --call 2021Q3
      callwatch run
      callwatch --config /etc/callwatch.toml --log-format json run
    """
    configure_logs(level=logging.INFO if verbose else logging.WARNING, json_format=log_format == "json")
    ctx.obj = {"config": config, "verbose": verbose, "log_format": log_format}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Ingest transcript files, or every file below folders, once each, and send the alerts due.

    With no PATH, ingests the configured inbox folders (watch.paths). Prints one line per
    failure on stderr and a summary on stdout; exits 1 if any file failed. An alert a target
    does not accept stays in the outbox for `callwatch alerts retry` (or the service).

    \b
    Examples:
      callwatch ingest seeds/
      callwatch ingest inbox/CLLS_2021_Q3.txt
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from worker.pipeline import DUPLICATE, FAILED, INGESTED, SKIPPED, ingest_files

    settings = settings_of(ctx)
    if not paths:
        missing = [str(p) for p in settings.watch.paths if not p.exists()]
        if missing:
            raise ConfigError([("watch.paths", ", ".join(missing), "existing folders (or give PATH)")],
                              source="no PATH given")
        paths = tuple(settings.watch.paths)
    files = find_files(paths)
    store = store_of(ctx)
    max_bytes = int(settings.ingest.max_file_mb * 1_000_000)
    outcomes: list[Outcome] = []
    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.fields[name]}"), console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=len(files), name="")
        # Files found in a folder may not be links out of the folders given; a file named is followed.
        for outcome in ingest_files(store, files, max_bytes=max_bytes, alerts=settings.alerts,
                                    within=[path for path in paths if path.is_dir()],
                                    follow_links_outside=settings.watch.follow_links_outside,
                                    tickers=settings.ingest.tickers):
            outcomes.append(outcome)
            _report(outcome)
            progress.update(task, name=Path(outcome.path).name, advance=1)
    counts = Counter(outcome.status for outcome in outcomes)
    summary = f"{counts[INGESTED]} ingested, {counts[DUPLICATE]} duplicate, {counts[FAILED]} failed"
    if counts[SKIPPED]:
        summary += f", {counts[SKIPPED]} skipped"
    kept = sum(1 for outcome in outcomes if outcome.status == INGESTED and not outcome.current)
    if kept:
        summary += f"; {kept} kept as a version that is not current"
    for field in ("ticker", "fiscal_quarter", "call_date"):
        lacking = sum(1 for outcome in outcomes if field in outcome.missing)
        if lacking:
            summary += f"; {lacking} without {field.replace('_', ' ')}"
            if field == "ticker":
                summary += " (name their companies in [ingest.tickers] to compare them)"
    sources = Counter(outcome.period_source for outcome in outcomes if outcome.period_source)
    if sources:
        # A period from the file name or the call date is a guess; from the header or the call's words, a statement.
        summary += "\nfiscal period from: " + ", ".join(f"{source} {count}" for source, count in sources.most_common())
    out.print(summary, markup=False)
    # Alerts for what changed: sent now; a target that fails keeps its alert for a retry.
    report(deliver_due(ctx))
    if counts[FAILED]:
        ctx.exit(1)


def _report(outcome: Outcome) -> None:
    """One line on stderr for a failure, or for a call stored without what comparing needs."""
    from worker.pipeline import FAILED, INGESTED

    if outcome.status == FAILED:
        err.print(f"failed: {outcome.path}: {outcome.error}", markup=False)
    elif outcome.status == INGESTED:
        lacking = [name for name in outcome.missing if name != "call_date"]
        if lacking:
            err.print(f"note: {outcome.path}: stored as call {outcome.call_id} without {', '.join(lacking)} "
                      "(not comparable with other calls)", markup=False)
        if outcome.detail:
            err.print(f"note: {outcome.path}: {outcome.detail}", markup=False)


@cli.command()
@click.option("--ticker", help="Only this company's calls.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def calls(ctx: click.Context, ticker: str | None, as_json: bool) -> None:
    """List stored calls, newest fiscal period first.

    \b
    Examples:
      callwatch calls
      callwatch calls --ticker CLLS --json
    """
    rows = list_calls(store_of(ctx, must_exist=True).reader, ticker=ticker)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        err.print("no calls stored" + (f" for {ticker.upper()}" if ticker else ""))
        return
    from worker.cli_table import print_table

    cells = []
    for row in rows:
        known = row["fiscal_year"] and row["fiscal_quarter"]
        period = f"{row['fiscal_year']}Q{row['fiscal_quarter']}" if known else "?"
        cells.append((str(row["id"]), row["ticker"] or "?", period, row["call_date"] or "?", row["company"] or "",
                      row["format"], str(row["segments"]), str(row["participants"])))
    print_table(out, ("id", "ticker", "period", "call date", "company", "format", "turns", "people"), cells)


@cli.command()
@click.argument("ref")
@click.option("--turn", type=click.IntRange(min=1), metavar="N",
              help="Print turn N (an alert's 'read it' line names it) with the turns before and after it.")
@click.pass_context
def show(ctx: click.Context, ref: str, turn: int | None) -> None:
    """Show a readable summary of one call: REF is a call id or TICKER:YYYYQN.

    \b
    Examples:
      callwatch show 1
      callwatch show CLLS:2021Q3
      callwatch show CLLS:2021Q3 --turn 17
    """
    db = store_of(ctx, must_exist=True).db
    if turn is not None:
        _show_turn(db, resolve_call(db, ref), turn)
        return
    summary = summarize(db, resolve_call(db, ref))
    call = summary.call
    out.print(f"[bold]{call['title'] or call['source_path']}[/bold]")
    period = f"Q{call['fiscal_quarter']} {call['fiscal_year']}" if call["fiscal_year"] else "unknown period"
    out.print(f"call {call['id']}: {call['company'] or '?'} ({call['ticker'] or '?'}), {period}, "
              f"held {call['call_date'] or '?'} {call['call_time'] or ''}".rstrip())
    duration = f"{call['duration_minutes']} minutes" if call["duration_minutes"] else "duration unknown"
    out.print(f"format {call['format']}, {duration}, from {call['source_path']}", markup=False)
    if not call["comparable"]:
        out.print("[yellow]not comparable: ticker or fiscal period unknown[/yellow]")
    if summary.version:
        out.print(f"version {summary.version['version']} of {summary.versions} is current: "
                  f"{summary.version['reason']}; see `callwatch versions {call['id']}`", markup=False)
    out.print("\n[bold]Sections[/bold]")
    for section in summary.sections:
        out.print(f"  {section['section']}: {_turns(section['turns'])}, {section['characters']:,} characters")
    out.print("\n[bold]Participants[/bold]")
    for person in summary.participants:
        role = " -- ".join(part for part in (person["affiliation"], person["title"]) if part)
        out.print(f"  {person['kind']:<9} {person['name']}" + (f" -- {role}" if role else ""), markup=False)
    out.print("\n[bold]Speakers, most text first[/bold]")
    for speaker in summary.speakers:
        out.print(f"  {speaker['speaker']}: {_turns(speaker['turns'])}, {speaker['characters']:,} characters",
                  markup=False)


def _show_turn(db: Any, call: dict, seq: int) -> None:
    """Turn `seq` of a call, with its neighbours, each headed by its number, speaker, role and firm."""
    turns = list(db.query("SELECT seq, section, speaker, role, affiliation, text FROM segments "
                          "WHERE call_id = ? AND seq BETWEEN ? AND ? ORDER BY seq", [call["id"], seq - 1, seq + 1]))
    if not any(row["seq"] == seq for row in turns):
        last = db.execute("SELECT max(seq) FROM segments WHERE call_id = ?", [call["id"]]).fetchone()[0] or 0
        raise TurnNotFound(call_id=call["id"], turn=seq, last=last)
    period = f"Q{call['fiscal_quarter']} {call['fiscal_year']}" if call["fiscal_year"] else "unknown period"
    out.print(f"{call['company'] or call['ticker'] or '?'} ({call['ticker'] or '?'}), {period}, held "
              f"{call['call_date'] or '?'}, from {Path(call['source_path']).name}", markup=False)
    for row in turns:
        who = ", ".join(part for part in (row["speaker"] or "speaker unknown", row["affiliation"], row["role"]) if part)
        marker = ">>" if row["seq"] == seq else "  "
        out.print(f"\n{marker} turn {row['seq']} ({row['section']}): {who}", markup=False,
                  style="bold" if row["seq"] == seq else None)
        for paragraph in row["text"].splitlines():
            out.print(f"   {paragraph}", markup=False)


def _kinds() -> tuple[str, ...]:
    """The kinds of key item the registry lists (loaded only when `items` needs them)."""
    from handlers.extractors.registry import NAMES

    return NAMES


@cli.command()
@click.argument("ticker")
@click.option("--call", "period", metavar="YYYYQN", help="Only this fiscal period's call.")
@click.option("--kind", type=LazyChoice(_kinds), help="Only this kind of item.")
@click.option("--all", "show_all", is_flag=True, help=f"Include items under {REPORTABLE_CONFIDENCE} confidence.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text (the same as --format json).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="How to print the items.")
@click.pass_context
def items(ctx: click.Context, ticker: str, period: str | None, kind: str | None, show_all: bool,
          as_json: bool, fmt: str) -> None:
    """Show a company's key items with the quotes that state them.

    \b
    Examples:
      callwatch items CLLS
      callwatch items CLLS --call 2021Q3 --kind clinical_hold
      callwatch items CLLS --json
      callwatch items CLLS --format csv > clls_items.csv
    """
    rows = list_items(store_of(ctx, must_exist=True).db, ticker=ticker, period=period, kind=kind,
                      minimum_confidence=0.0 if show_all else REPORTABLE_CONFIDENCE)
    if as_json or fmt in ("json", "csv"):
        for row in rows:
            row["attributes"] = json.loads(row["attributes"])
        if fmt == "csv":
            from worker.tables import to_csv

            click.echo(to_csv(rows, rows[0].keys() if rows else ["kind", "subject", "status", "quote"]), nl=False)
        else:
            click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        err.print(f"no key items for {ticker.upper()}" + (f" {period}" if period else ""))
        return
    current = None
    for row in rows:
        call = f"{ticker.upper()} {row['fiscal_year']}Q{row['fiscal_quarter']} (call {row['call_id']})"
        if call != current:
            out.print(f"\n[bold]{call}[/bold]")
            current = call
        out.print(f"  {_describe(row)}  [dim](confidence {row['confidence']:.2f})[/dim]")
        out.print(f"    \"{row['quote']}\" -- {row['speaker'] or 'speaker unknown'}", markup=False)
        if row["notes"]:
            out.print(f"    note: {row['notes']}", markup=False, style="dim")


def _describe(row: dict) -> str:
    """One line: kind, subject, status and the figures of an item."""
    parts = [row["kind"].replace("_", " ")]
    if row["subject"]:
        parts.append(row["subject"])
    if row["status"]:
        parts.append(row["status"])
    if row["amount_text"]:
        parts.append(row["amount_text"])
    if row["text_value"]:
        parts.append(f"({row['text_value']})")
    if row["date_start"] and row["kind"] == cash_position.NAME:
        parts.append(f"as of {row['date_start']}")
    elif row["date_start"]:
        parts.append(f"[{row['date_start']} .. {row['date_end']}]")
    if row["counterparty"] and row["counterparty"].upper() != (row["subject"] or ""):
        parts.append(f"with {row['counterparty']}")
    return " | ".join(parts)


def _turns(count: int) -> str:
    return f"{count} turn" if count == 1 else f"{count} turns"


cli.add_command(changes)
cli.add_command(alerts)
cli.add_command(run)
cli.add_command(status)
cli.add_command(calendar)
cli.add_command(runway)
cli.add_command(datasette)
cli.add_command(report_command)
cli.add_command(versions)


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="callwatch"))
