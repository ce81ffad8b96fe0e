"""The service's notion of now, injectable so tests control time."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def timestamp(clock: Clock) -> str:
    """`clock()` as stored in the database: ISO 8601 UTC to the second, e.g. 2026-11-24T05:57:21Z."""
    from alerts.outbox import stamp  # here: the outbox loads sqlite-utils, which read-only commands do without

    return stamp(clock())


# A test hook, documented as such (docs/deploy.md): `callwatch run` reads the time from this file
# (ISO 8601, e.g. 2026-12-04T03:00:00Z) each time it asks, so a test can move a real service's
# clock across quiet hours and a daily digest without waiting. An empty or missing file: real time.
TEST_CLOCK_ENV = "CALLWATCH_TEST_CLOCK"


def from_environment(environ: Mapping[str, str] | None = None) -> tuple[Clock, str | None]:
    """The clock `callwatch run` uses, and the test clock's file when `$CALLWATCH_TEST_CLOCK` names one."""
    named = (os.environ if environ is None else environ).get(TEST_CLOCK_ENV)
    if not named:
        return utc_now, None
    path = Path(named)

    def test_clock() -> dt.datetime:
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            text = ""
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC) if text else utc_now()

    return test_clock, named
