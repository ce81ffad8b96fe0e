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
