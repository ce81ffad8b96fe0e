"""Changes of a trial's expected readout between two calls: its timing moved, or a readout newly expected.

The differ (`alerts/changes.py`) matches trial statements by program and keeps the most telling status
of each (a program enrolling and expecting data is enrolling), so the readout a call expects is read
here on its own: "we're hoping to see some data in the first half of next year", then "at some point
next year", is a readout moved (info); a program the earlier call named without expecting data, now
with a readout expected, is one newly expected (info). A program new to the call is the differ's
`item_new` already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from handlers.extractors.model import REPORTABLE_CONFIDENCE, TRIAL_STATUS

# (rule, summary, figures, before, after), as `filing_changes` gives them.
ReadoutChange = tuple[str, str, dict, Mapping[str, Any] | None, Mapping[str, Any]]
_EXPECTED = ("data_expected", "data expected")  # the second: rows stored before the gold's vocabulary


def readout_changes(previous: list[dict], current: list[dict]) -> list[ReadoutChange]:
    """The readout changes from `previous` call's items to `current`'s (reportable items only)."""
    named = {item["subject"] for item in _trials(previous)}
    before = _readouts(previous)
    changes: list[ReadoutChange] = []
    for subject, new in _readouts(current).items():
        old = before.get(subject)
        when = f": {new['text_value']}" if new.get("text_value") else ""
        if old is None and subject in named:
            changes.append(("readout_expected", f"{subject} readout expected{when}", {}, None, new))
        elif old is not None and old.get("date_end") and new.get("date_end") \
                and _month(new["date_end"]) != _month(old["date_end"]):
            changes.append(("readout_moved", f"{subject} readout now expected{when} (was: {old.get('text_value')})",
                            {}, old, new))
    return changes


def _trials(items: list[dict]) -> list[dict]:
    return [item for item in items if item["kind"] == TRIAL_STATUS and item["confidence"] >= REPORTABLE_CONFIDENCE
            and item.get("subject")]


def _readouts(items: list[dict]) -> dict[str, dict]:
    """subject -> the first readout the call expects of it."""
    found: dict[str, dict] = {}
    for item in _trials(items):
        if item.get("status") in _EXPECTED:
            found.setdefault(item["subject"], item)
    return found


def _month(date: str | dt.date) -> tuple[int, int]:
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return day.year, day.month
