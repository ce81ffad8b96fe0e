"""When a target takes its alerts: at once, after its quiet hours, or in its daily digest.

Pure functions of the target's schedule, the digest's severity and the time: the outbox stores
the answer (`alerts.held_until`), so a restart neither forgets a held alert nor sends it early.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

IMMEDIATE, DAILY = "immediate", "daily"
QUIET_HOURS, DAILY_DIGEST = "quiet hours", "daily digest"  # `alerts.held_for`

# "22:00-07:00": a start and an end, 24-hour clock; the end may be the next morning.
QUIET_HOURS_FORMAT = re.compile(r"^(?P<start>\d{2}:\d{2})-(?P<end>\d{2}:\d{2})$")


def clock_time(text: str) -> dt.time:
    """"07:00" -> 07:00. Raises ValueError for anything but HH:MM on a 24-hour clock."""
    if not re.fullmatch(r"\d{2}:\d{2}", text):
        raise ValueError(text)
    return dt.time.fromisoformat(text)


def quiet_range(text: str) -> tuple[dt.time, dt.time]:
    """"22:00-07:00" -> (22:00, 07:00). Raises ValueError for a malformed or empty range."""
    match = QUIET_HOURS_FORMAT.match(text.strip())
    if not match:
        raise ValueError(text)
    start, end = clock_time(match["start"]), clock_time(match["end"])
    if start == end:
        raise ValueError(text)
    return start, end


@dataclass(frozen=True)
class Schedule:
    """A target's `quiet_hours`, `timezone`, `critical_at_once`, `cadence` and `daily_at`."""

    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    quiet: tuple[dt.time, dt.time] | None = None
    critical_at_once: bool = True
    cadence: str = IMMEDIATE
    daily_at: dt.time = dt.time(18, 0)

    @property
    def immediate(self) -> bool:
        """Whether this schedule ever holds anything."""
        return self.quiet is None and self.cadence == IMMEDIATE

    def describe(self) -> str:
        """The schedule in a few words for the service's start-up log; "" when it never holds anything."""
        parts = []
        if self.cadence == DAILY:
            parts.append(f"daily digest at {self.daily_at:%H:%M}")
        if self.quiet:
            parts.append(f"quiet hours {self.quiet[0]:%H:%M}-{self.quiet[1]:%H:%M}")
        if not parts:
            return ""
        critical = "critical at once" if self.critical_at_once else "critical waits too"
        return f"{', '.join(parts)} {self.zone.key}, {critical}"

    def hold(self, severity: str, now: dt.datetime) -> tuple[dt.datetime | None, str | None]:
        """(until when, why) a digest of this severity, made `now`, waits; (None, None) to send it now."""
        if severity == "critical" and self.critical_at_once:
            return None, None
        if self.cadence == DAILY:
            return self.next_daily(now), DAILY_DIGEST
        if self.quiet and self.in_quiet_hours(now):
            return self.quiet_ends(now), QUIET_HOURS
        return None, None

    def in_quiet_hours(self, moment: dt.datetime) -> bool:
        start, end = self.quiet or (dt.time(0), dt.time(0))
        local = moment.astimezone(self.zone).time()
        if start < end:
            return start <= local < end
        return local >= start or local < end  # overnight: 22:00-07:00

    def quiet_ends(self, moment: dt.datetime) -> dt.datetime:
        """The first end of quiet hours after `moment` (UTC)."""
        return _next(self.quiet[1] if self.quiet else dt.time(0), moment, self.zone, folds=(0, 1))

    def next_daily(self, moment: dt.datetime) -> dt.datetime:
        """The first `daily_at` after `moment` (UTC): the digest this moment's alerts go into. One a day:
        a `daily_at` the clock shows twice (the hour clocks go back) counts at its first showing."""
        return _next(self.daily_at, moment, self.zone, folds=(0,))

    def day_of(self, sent_at: dt.datetime) -> dt.date:
        """The local date a daily digest sent at `sent_at` (its `daily_at`) is for."""
        return sent_at.astimezone(self.zone).date()


def _next(at: dt.time, moment: dt.datetime, zone: ZoneInfo, *, folds: tuple[int, ...]) -> dt.datetime:
    """The first instant strictly after `moment` when the local wall clock shows `at`, in UTC.

    Compared in UTC: two datetimes with the same zone compare by wall clock and ignore `fold`, so in
    the hour clocks go back (01:30 EDT, then 01:30 EST) the past first 01:30 looked ahead of 01:15 EST.
    That hour's time is tried at each of `folds` (the quiet hours end at either showing); a time the
    clocks skip (02:30 when 02:00 jumps to 03:00) is taken at fold 0, which lands after the skip (03:30)."""
    local = moment.astimezone(zone)
    for days in range(3):
        day = local.date() + dt.timedelta(days=days)
        for fold in folds:
            wall = dt.datetime.combine(day, at, tzinfo=zone).replace(fold=fold)
            candidate = wall.astimezone(dt.UTC)
            skipped = candidate.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None)
            if candidate > moment and not (fold and skipped):
                return candidate
    raise AssertionError("unreachable: a time of day recurs within two days")
