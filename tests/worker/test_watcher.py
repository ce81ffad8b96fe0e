"""The watcher: inotify events for files, polling when asked or when inotify cannot start."""

import errno
import time

import pytest

from tests.receivers import wait_until
from worker import watcher as watcher_module
from worker.settle import CLOSED, MOVED
from worker.watcher import Watcher


@pytest.fixture
def seen():
    events = []
    return events


def start(folder, events, **kwargs):
    return Watcher([folder], lambda path, how: events.append((path.name, how)), include=["*"],
                   exclude=[".*", "*.part"], **{"polling": False, "poll_interval": 0.1, **kwargs})


def test_inotify_sees_closed_and_renamed_files_and_skips_excluded(tmp_path, seen):
    w = start(tmp_path, seen)
    try:
        assert w.kind == "inotify"
        (tmp_path / "a.txt").write_text("x")
        (tmp_path / "b.part").write_text("x")
        (tmp_path / "b.part").rename(tmp_path / "b.txt")
        (tmp_path / ".hidden").write_text("x")
        wait_until(lambda: ("a.txt", CLOSED) in seen and ("b.txt", MOVED) in seen)
        assert not any(name in ("b.part", ".hidden") for name, _ in seen)
    finally:
        w.stop()


def test_polling_when_configured(tmp_path, seen):
    w = start(tmp_path, seen, polling=True)
    try:
        assert w.kind == "polling"
        (tmp_path / "a.txt").write_text("x")
        wait_until(lambda: any(name == "a.txt" for name, _ in seen))
    finally:
        w.stop()


def test_falls_back_to_polling_when_inotify_cannot_start(tmp_path, seen, monkeypatch, caplog):
    class Exhausted(watcher_module.Observer):
        def schedule(self, *args, **kwargs):
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(watcher_module, "Observer", Exhausted)
    w = start(tmp_path, seen)
    try:
        assert w.kind == "polling (inotify failed)"
        assert "inotify watch limit reached" in caplog.text and "falling back to polling" in caplog.text
        time.sleep(0.05)
        (tmp_path / "a.txt").write_text("x")
        wait_until(lambda: any(name == "a.txt" for name, _ in seen))
    finally:
        w.stop()
