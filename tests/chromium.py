"""Headless Chromium for tests of what a person looks at: the DOM after load, console messages, screenshots.

Chromium comes from Debian's packages (`apt-get install -y chromium`; .ci/run installs it when absent).
Where it is missing the test skips, saying so. Screenshots go to tests/output/ to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

OUTPUT = Path(__file__).resolve().parent / "output"
# The flags a sandboxed root session needs, and none of Chromium's background traffic (the network is closed).
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--enable-logging=stderr", "--v=0"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium not installed (apt-get install -y chromium; .ci/run does it)")
    return found


def _run(url: str, *extra: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([chromium(), *_FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=90)


def load(url: str) -> tuple[str, list[str]]:
    """The DOM after the page loaded, and every console message it logged."""
    result = _run(url, "--dump-dom")
    return result.stdout, [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def screenshot(url: str, name: str, *, width: int = 1200, height: int = 2400) -> Path:
    """A PNG of the page in tests/output/NAME."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    path.unlink(missing_ok=True)
    _run(url, f"--window-size={width},{height}", f"--screenshot={path}")
    assert path.is_file() and path.stat().st_size > 10_000, f"no screenshot at {path}"
    return path
