"""What every command shares: the consoles, and the settings and store, loaded once per command."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from worker.errors import NoDatabase
from worker.settings import Settings, load_settings
from worker.store import Store

# Piped output is read by scripts and people alike: do not squeeze tables into 80 columns.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 200)


def settings_of(ctx: click.Context) -> Settings:
    """The settings for this command (exits 2 with a clear message when invalid)."""
    root = ctx.find_root()
    if "settings" not in root.obj:
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
        path = settings_of(ctx).database.path
        if must_exist and not Path(path).is_file():
            raise NoDatabase(str(path))
        store = Store(path)
        root.call_on_close(store.close)
        root.obj["store"] = store
    return root.obj["store"]
