"""Deciding when a file is complete, with an injected clock (no threads, no sleeps)."""

from pathlib import Path

from worker.settle import CHANGED, CLOSED, MOVED, Settler

A = Path("/inbox/a.txt")


def settler():
    return Settler(stable_seconds=1.0, close_settle_seconds=0.2)


def test_moved_file_is_ready_at_once():
    s = settler()
    s.saw(A, MOVED, now=10.0, size=100, mtime=5.0)
    assert s.ready(now=10.0, stat=lambda p: (100, 5.0)) == [A]
    assert len(s) == 0


def test_changing_file_waits_until_stable():
    s = settler()
    s.saw(A, CHANGED, now=10.0, size=10, mtime=1.0)
    assert s.ready(now=10.5, stat=lambda p: (10, 1.0)) == []  # too soon
    assert s.ready(now=11.0, stat=lambda p: (20, 2.0)) == []  # grew meanwhile: wait again
    assert s.next_due(now=11.0) == 1.0
    assert s.ready(now=12.0, stat=lambda p: (20, 2.0)) == [A]


def test_close_shortens_the_wait_and_more_writes_lengthen_it():
    s = settler()
    s.saw(A, CHANGED, now=10.0, size=0, mtime=1.0)
    s.saw(A, CLOSED, now=10.1, size=50, mtime=1.1)
    assert s.ready(now=10.3, stat=lambda p: (50, 1.1)) == [A]
    s.saw(A, CLOSED, now=20.0, size=50, mtime=2.0)
    s.saw(A, CHANGED, now=20.1, size=60, mtime=2.1)
    assert s.ready(now=20.4, stat=lambda p: (60, 2.1)) == []


def test_file_gone_before_it_settles_is_dropped():
    s = settler()
    s.saw(A, CHANGED, now=0.0, size=1, mtime=1.0)
    assert s.ready(now=5.0, stat=lambda p: None) == []
    assert len(s) == 0 and s.next_due(now=5.0) is None
