"""Read-only commands start without the heavy libraries: each command imports what it uses.

Not timed (speed is measured, not tested): a fresh process runs the command and reports which
modules it loaded, so an import moved back to the top of a module fails here, by name.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

# Loaded by the commands that need them: alerts (apprise, jinja2), layouts (selectolax, pypdf, docx),
# the calendar (icalendar), the report (matplotlib), writes (sqlite-utils, and numpy through it), the
# pipeline and the extractors.
HEAVY = ("apprise", "jinja2", "matplotlib", "numpy", "selectolax", "pypdf", "docx", "icalendar", "sqlite_utils",
         "rich.progress", "worker.pipeline", "handlers.extractors.registry", "handlers.registry", "alerts.outbox")
# What each command needs beyond that list is allowed; these it must not load either.
NOT_FOR = {
    "--help": (*HEAVY, "pydantic", "rich.table", "worker.settings", "worker.store"),
    # With nothing configured (no file, no CALLWATCH_* variable), the defaults: pydantic is not loaded.
    "status": (*HEAVY, "rich.table", "pydantic", "pydantic_settings", "worker.settings"),
    "calls": (*HEAVY, "pydantic", "pydantic_settings", "worker.settings"),
}

_PROBE = """
import json, sys
from worker.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="callwatch")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str, cwd) -> set[str]:
    """The modules loaded by a fresh process that ran `callwatch ARGS`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CALLWATCH_")}
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, env=environ, capture_output=True,
                            text=True, timeout=60)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A folder whose ./callwatch.db holds the seeds (ingested by a real `callwatch` process)."""
    folder = tmp_path_factory.mktemp("db")
    callwatch = os.path.join(os.path.dirname(sys.executable), "callwatch")
    subprocess.run([callwatch, "ingest", str(SEEDS)], cwd=folder, check=True, capture_output=True, timeout=120)
    return folder


@pytest.mark.parametrize("command", sorted(NOT_FOR))
def test_read_only_commands_leave_heavy_modules_unloaded(command, database):
    loaded = _loaded(command, cwd=database)
    assert "worker.cli" in loaded  # the probe ran the command line
    assert sorted(set(NOT_FOR[command]) & loaded) == []


def test_the_probe_sees_what_a_command_imports_as_it_runs(database):
    # `items --kind` checks the kind against the extractors' registry, loaded only then, and reads
    # rows through sqlite-utils, loaded when the store is first asked for it.
    loaded = _loaded("items", "CLLS", "--kind", "clinical_hold", cwd=database)
    assert {"handlers.extractors.registry", "sqlite_utils"} <= loaded
