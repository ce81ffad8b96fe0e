"""What every command shares: the consoles, and the settings and store, loaded once per command."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from worker.errors import NoDatabase

if TYPE_CHECKING:
    from worker.settings import Settings
    from worker.store import Store

# Piped output is read by scripts and people alike: do not squeeze tables into 80 columns.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 200)


class LazyChoice(click.Choice):
    """A `click.Choice` whose choices come from `load()` when first needed (a command's own --help, a value
    to check): the modules that define them (the extractors, the outbox) are not loaded to start every command."""

    def __init__(self, load: Callable[[], Sequence[str]], **kwargs: Any) -> None:
        self._load = load
        super().__init__((), **kwargs)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._load())

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        pass  # click.Choice sets them in __init__: they are loaded instead


# What the read-only commands need of the settings when nothing configures them (no file, no
# CALLWATCH_* variable): the defaults, known without loading pydantic (0.16 s of their start).
# tests/worker/test_settings.py checks they are `Settings()`'s.
DEFAULT_DATABASE = Path("callwatch.db")
DEFAULT_HEARTBEAT_SECONDS = 5.0


def unconfigured(ctx: click.Context) -> bool:
    """Whether nothing configures this command: no `--config`, no `./callwatch.toml`, no `CALLWATCH_*`
    variable (in any case: the settings read them so). Its settings are then the defaults, which
    cannot be invalid; anything else is loaded and validated in full (`settings_of`)."""
    return (ctx.find_root().obj["config"] is None and not Path("callwatch.toml").is_file()
            and not any(name.upper().startswith("CALLWATCH_") for name in os.environ))


def database_path(ctx: click.Context) -> Path:
    """The database file this command uses (`database.path`)."""
    return DEFAULT_DATABASE if unconfigured(ctx) else settings_of(ctx).database.path


def settings_of(ctx: click.Context) -> Settings:
    """The settings for this command (exits 2 with a clear message when invalid)."""
    root = ctx.find_root()
    if "settings" not in root.obj:
        from worker.settings import load_settings  # here: pydantic is not needed for --help

        root.obj["settings"] = load_settings(root.obj["config"])
    return root.obj["settings"]


def store_of(ctx: click.Context, *, must_exist: bool = False) -> Store:
    """The store, opened (and migrated) once, closed when the command ends.

    Args:
        must_exist: for commands that only read: a database that is not there is an error
            (a mistyped path), never a new empty file.

    Raises:
        NoDatabase: `must_exist` and there is no database file at the configured path.
    """
    root = ctx.find_root()
    if "store" not in root.obj:
        path = database_path(ctx)
        if must_exist and not Path(path).is_file():
            raise NoDatabase(str(path))
        from worker.store import Store

        store = Store(path)
        root.call_on_close(store.close)
        root.obj["store"] = store
    return root.obj["store"]
