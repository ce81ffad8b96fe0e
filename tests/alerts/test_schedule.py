"""When a target takes its alerts: pure functions of the schedule, the severity and the time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from alerts.schedule import DAILY, DAILY_DIGEST, QUIET_HOURS, Schedule, quiet_range

NEW_YORK = ZoneInfo("America/New_York")


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


NIGHT = Schedule(zone=NEW_YORK, quiet=quiet_range("22:00-07:00"))


@pytest.mark.parametrize(("now", "held"), [
    ("2026-12-04T02:59:59", None),  # 21:59:59 in New York: not yet quiet
    ("2026-12-04T03:00:00", "2026-12-04T12:00:00"),  # 22:00: quiet until 07:00 the next morning
    ("2026-12-04T11:59:59", "2026-12-04T12:00:00"),  # 06:59:59
    ("2026-12-04T12:00:00", None),  # 07:00: over
])
def test_overnight_quiet_hours_hold_notable_until_they_end(now, held):
    until, why = NIGHT.hold("notable", utc(now))
    assert until == (utc(held) if held else None)
    assert why == (QUIET_HOURS if held else None)


def test_critical_goes_at_once_unless_the_target_says_otherwise():
    night = utc("2026-12-04T04:00:00")
    assert NIGHT.hold("critical", night) == (None, None)
    strict = Schedule(zone=NEW_YORK, quiet=quiet_range("22:00-07:00"), critical_at_once=False)
    assert strict.hold("critical", night) == (utc("2026-12-04T12:00:00"), QUIET_HOURS)


def test_quiet_hours_within_one_day_and_across_a_change_of_clocks():
    lunch = Schedule(zone=ZoneInfo("Europe/Paris"), quiet=quiet_range("12:00-14:00"))
    assert lunch.hold("info", utc("2026-07-01T10:30:00")) == (utc("2026-07-01T12:00:00"), QUIET_HOURS)  # 12:30 CEST
    assert lunch.hold("info", utc("2026-07-01T12:00:00")) == (None, None)
    # New York leaves daylight time on 2026-11-01: 07:00 that morning is 12:00 UTC, the night before 11:00 would be.
    assert NIGHT.hold("info", utc("2026-11-01T04:00:00")) == (utc("2026-11-01T12:00:00"), QUIET_HOURS)


def test_a_daily_digest_holds_everything_until_the_next_daily_time():
    daily = Schedule(zone=NEW_YORK, cadence=DAILY, daily_at=dt.time(18, 0), critical_at_once=False)
    assert daily.hold("info", utc("2026-12-04T15:00:00")) == (utc("2026-12-04T23:00:00"), DAILY_DIGEST)
    assert daily.hold("critical", utc("2026-12-04T23:00:00")) == (utc("2026-12-05T23:00:00"), DAILY_DIGEST)
    assert daily.day_of(utc("2026-12-04T23:00:00")) == dt.date(2026, 12, 4)
    at_once = Schedule(zone=NEW_YORK, cadence=DAILY)
    assert at_once.hold("critical", utc("2026-12-04T15:00:00")) == (None, None)


@pytest.mark.parametrize("text", ["22:00", "22:00-22:00", "25:00-07:00", "10pm-7am", "22:00-07:00-08:00"])
def test_a_malformed_range_is_refused(text):
    with pytest.raises(ValueError):
        quiet_range(text)


def test_quiet_hours_ending_in_the_hour_clocks_go_back_end_after_now():
    # 2026-11-01, New York: 01:00-02:00 happens twice (EDT, then EST). At 01:15 EST (06:15 UTC) the
    # first 01:30 (05:30 UTC) is past: the quiet hours end at the second, 01:30 EST (06:30 UTC),
    # not at a time before the alert was made (which would send it at once, in quiet hours).
    late = Schedule(zone=NEW_YORK, quiet=quiet_range("22:00-01:30"))
    assert late.hold("notable", utc("2026-11-01T06:15:00")) == (utc("2026-11-01T06:30:00"), QUIET_HOURS)
    assert late.hold("notable", utc("2026-11-01T05:15:00")) == (utc("2026-11-01T05:30:00"), QUIET_HOURS)  # 01:15 EDT
    daily = Schedule(zone=NEW_YORK, cadence=DAILY, daily_at=dt.time(1, 30), critical_at_once=False)
    # A daily digest is one a day: its 01:30 is the first showing; after it, the next day's.
    assert daily.hold("info", utc("2026-11-01T05:15:00")) == (utc("2026-11-01T05:30:00"), DAILY_DIGEST)
    assert daily.hold("info", utc("2026-11-01T06:15:00")) == (utc("2026-11-02T06:30:00"), DAILY_DIGEST)


def test_a_time_the_clocks_skip_is_taken_after_the_skip():
    # 2026-03-08, New York: 02:00 EST jumps to 03:00 EDT; "02:30" that day is 03:30 EDT (07:30 UTC).
    daily = Schedule(zone=NEW_YORK, cadence=DAILY, daily_at=dt.time(2, 30), critical_at_once=False)
    assert daily.hold("info", utc("2026-03-08T06:45:00")) == (utc("2026-03-08T07:30:00"), DAILY_DIGEST)  # 01:45 EST
