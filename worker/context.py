"""What every command shares: the consoles, and the settings and store, loaded once per command."""

from __future__ import annotations

import sys

import click
from rich.console import Console

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


def store_of(ctx: click.Context) -> Store:
    """The store, opened (and migrated) once, closed when the command ends."""
    root = ctx.find_root()
    if "store" not in root.obj:
        store = Store(settings_of(ctx).database.path)
        root.call_on_close(store.close)
        root.obj["store"] = store
    return root.obj["store"]
