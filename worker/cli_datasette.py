"""`callwatch datasette`: Datasette on the live database, with the schema's descriptions and canned queries."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from worker.context import settings_of
from worker.errors import MissingExtra, NoDatabase


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.pass_context
def datasette(ctx: click.Context, port: int, host: str) -> None:
    """Start Datasette on the live database (read while the service writes, never immutable), with
    every table and column described as docs/schema.md does, foreign keys labelled, and the canned
    queries of its "Questions analysts ask". Datasette is an optional extra:
    pip install 'callwatch[datasette]'. Stop with Ctrl-C.

    \b
    Examples:
      callwatch datasette
      callwatch datasette --port 8002
      callwatch --config /etc/callwatch.toml datasette --host 0.0.0.0
    """
    from worker.datasette import metadata, schema_text

    try:
        import datasette as _  # noqa: F401 - only to say clearly that it is missing
    except ImportError:
        raise MissingExtra(package="Datasette", extra="datasette") from None
    path = Path(settings_of(ctx).database.path)
    if not path.is_file():
        raise NoDatabase(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(schema_text(), database=path.stem)))
        command = [sys.executable, "-m", "datasette", "serve", str(path), "-m", str(meta),
                   "--host", host, "--port", str(port)]
        process = subprocess.Popen(command)
        # Stopping callwatch stops Datasette: pass SIGTERM on, and wait for it to exit.
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
        try:
            code = process.wait()
        except KeyboardInterrupt:
            process.terminate()
            code = process.wait()
    ctx.exit(0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else 1)
