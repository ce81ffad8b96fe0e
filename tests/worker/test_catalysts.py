"""The catalyst calendar: which items are catalysts, how exact their dates are, past events, iCalendar."""

import datetime as dt
import json

import pytest
from icalendar import Calendar

from worker.catalysts import catalysts, precision_of, to_ics

TODAY = dt.date(2022, 1, 15)


def call(id, year, quarter, *, ticker="ACME", date=None):
    return {"id": id, "ticker": ticker, "company": "Acme Bio", "fiscal_year": year, "fiscal_quarter": quarter,
            "call_date": date, "comparable": 1}


def item(call_id, kind, subject, status, start, end, quote="We expect it.", **attributes):
    return {"call_id": call_id, "kind": kind, "subject": subject, "status": status, "date_start": start,
            "date_end": end, "quote": quote, "confidence": 0.9, "attributes": json.dumps(attributes)}


@pytest.mark.parametrize(("start", "end", "precision"), [
    ("2022-06-12", "2022-06-12", "day"),
    ("2022-06-01", "2022-06-30", "month"),
    ("2022-04-01", "2022-06-30", "quarter"),
    ("2022-07-01", "2022-12-31", "half"),
    ("2022-01-01", "2022-12-31", "year"),
    ("2023-01-01", "2023-04-30", "range"),
    ("2022-05-01", "2022-07-31", "range"),  # three whole months, but not a calendar quarter
])
def test_precision(start, end, precision):
    assert precision_of(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == precision


def test_dated_items_of_the_latest_call_are_the_catalysts():
    calls = [call(1, 2021, 3, date="2021-11-05")]
    items = [
        item(1, "regulatory_filing", "ACM101", "accepted", "2022-06-12", "2022-06-12", filing_type="BLA"),
        item(1, "regulatory_filing", "ACM202", "planned", "2022-01-01", "2022-12-31"),
        item(1, "regulatory_filing", "ACM303", "approved", "2021-10-01", "2021-10-01"),  # done: no catalyst
        item(1, "cash_runway", None, None, "2023-01-01", "2023-04-30"),
        item(1, "trial_status", "ACM101", "data expected", "2022-07-01", "2022-12-31"),
        item(1, "regulatory_filing", "ACM404", "planned", None, None),  # no date: no catalyst
    ]
    found = catalysts(calls, items, today=TODAY)
    assert [(c.product, c.event, c.precision, c.when) for c in found] == [
        ("ACM202", "filing planned", "year", "ahead"),
        ("ACM101", "BLA: regulatory action date", "day", "ahead"),
        ("ACM101", "data readout", "half", "ahead"),
        (None, "cash runway ends", "range", "ahead"),
    ]
    assert found[1].call == "ACME 2021Q3" and found[1].quote == "We expect it."


def test_an_event_a_later_call_came_after_is_past_with_what_the_later_call_said():
    calls = [call(1, 2021, 2, date="2021-08-06"), call(2, 2021, 3, date="2021-11-05")]
    items = [
        item(1, "regulatory_filing", "ACM101", "submitted", "2021-10-01", "2021-10-31"),
        item(1, "regulatory_filing", "ACM202", "planned", "2022-01-01", "2022-12-31"),  # still open: superseded
        item(2, "regulatory_filing", "ACM101", "approved", "2021-10-20", "2021-10-20", quote="The FDA approved it."),
    ]
    found = catalysts(calls, items, today=TODAY)
    assert [(c.product, c.when, c.later) for c in found] == [
        ("ACM101", "past", "approved: The FDA approved it."),
    ]


def test_uid_is_stable_when_the_date_moves():
    first = catalysts([call(1, 2021, 3)], [item(1, "regulatory_filing", "ACM101", "accepted", "2022-06-12",
                                                "2022-06-12")], today=TODAY)
    moved = catalysts([call(1, 2021, 3)], [item(1, "regulatory_filing", "ACM101", "accepted", "2022-09-12",
                                                "2022-09-12")], today=TODAY)
    assert first[0].uid == moved[0].uid and first[0].uid.endswith("@callwatch")


def test_ics_parses_back_with_all_day_events():
    found = catalysts([call(1, 2021, 3, date="2021-11-05")], [
        item(1, "regulatory_filing", "ACM101", "accepted", "2022-06-12", "2022-06-12"),
        item(1, "cash_runway", None, None, "2023-01-01", "2023-04-30"),
    ], today=TODAY)
    cal = Calendar.from_ical(to_ics(found, now=dt.datetime(2022, 1, 15, 12, tzinfo=dt.UTC)))
    events = cal.walk("VEVENT")
    assert [(str(e["summary"]), e["dtstart"].dt, e["dtend"].dt) for e in events] == [
        ("ACME ACM101: regulatory action date (day)", dt.date(2022, 6, 12), dt.date(2022, 6, 13)),
        ("ACME: cash runway ends (range)", dt.date(2023, 1, 1), dt.date(2023, 5, 1)),
    ]
    assert len({str(e["uid"]) for e in events}) == 2
    assert "We expect it." in str(events[0]["description"])
