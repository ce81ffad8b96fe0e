"""The service's notion of now, injectable so tests control time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def timestamp(clock: Clock) -> str:
    """`clock()` as stored in the database: ISO 8601 UTC to the second, e.g. 2026-11-24T05:57:21Z."""
    from alerts.outbox import stamp  # here: the outbox loads sqlite-utils, which read-only commands do without

    return stamp(clock())
