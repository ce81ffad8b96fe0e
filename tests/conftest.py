"""Shared fixtures: real transcript files, a real SQLite file, and guards against leaks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from handlers.registry import parse
from handlers.source import Source
from handlers.transcript import Transcript

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_folder(name: str) -> Path:
    """A folder of the development corpus, or skip the test when the corpus is not beside the repo."""
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"development corpus not found at {folder} (it lives in ../shared/corpus)")
    return folder


def parse_file(path: Path) -> Transcript:
    """Parse a real file the way the pipeline does."""
    return parse(Source(path.name, path.read_bytes(), folder=path.parent.name))


def _library_pools() -> set[threading.Thread]:
    """Threads of apprise's process-wide worker pools: kept alive by design, not ours to stop."""
    import apprise.apprise as library

    threads: set[threading.Thread] = set()
    for pool in (library._shared_executor, library._coordinator_executor):
        if pool is not None:
            threads |= set(pool._threads)
    return threads


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail a test that leaves a thread running."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and t not in _library_pools()]
    assert not leaked, f"test leaked threads: {leaked}"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run every test in its own folder, untouched by the developer's CALLWATCH_* variables."""
    import os

    for key in list(os.environ):
        if key.startswith("CALLWATCH_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    from tests.receivers import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def http():
    """A real HTTP server on 127.0.0.1 that keeps the JSON it is posted."""
    from tests.receivers import HttpReceiver

    receiver = HttpReceiver().start()
    yield receiver
    receiver.stop()
