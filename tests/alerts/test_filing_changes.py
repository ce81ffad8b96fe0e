"""Filing changes between two calls, product by product (invented products, stored-item dicts)."""

import json

import pytest

from alerts.changes import compare
from tests.alerts.test_changes import item


def filing(subject, status, *, place=None, said=None, end=None, timing=None, kind=None):
    attributes = {"jurisdiction": place, "as_said": said or subject.title(), "filing_type": kind}
    return item("regulatory_filing", subject, status=status, date_end=end, text_value=timing,
                attributes=json.dumps({k: v for k, v in attributes.items() if v}))


def rules(before, after, **kwargs):
    return [(c.rule, c.severity) for c in compare(before, after, **kwargs)]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("submitted", "approved", [("filing_approved", "notable")]),
    ("planned", "approved", [("filing_approved", "notable")]),  # a plan that became an approval is an advance
    ("planned", "submitted", [("filing_submitted", "notable")]),
    ("submitted", "accepted", [("filing_accepted", "notable")]),
    ("submitted", "rejected", [("filing_rejected", "critical")]),
    ("submitted", "withdrawn", [("filing_withdrawn", "critical")]),
    ("planned", "guidance_withdrawn", [("filing_guidance_withdrawn", "critical")]),
    ("planned", "delayed", [("filing_delayed", "critical")]),
    ("approved", "approved", []),  # the same approval said again
    ("approved", "submitted", []),  # a stage already passed
])
def test_each_move_of_a_product(old, new, expected):
    assert rules([filing("ZORVEX", old, place="US")], [filing("ZORVEX", new, place="US")]) == expected


def test_approval_in_a_new_jurisdiction_is_news_and_spellings_are_one_product():
    before = [filing("ZORVEX", "approved", place="US")]
    after = [filing("ZORVEXX", "approved", place="Japan")]
    assert rules(before, after) == [("filing_approved", "notable")]


def test_first_mention_of_a_plan_is_info():
    assert rules([], [filing("ABC101", "planned", timing="2026", end="2026-12-31")]) == [("filing_new_plan", "info")]


@pytest.mark.parametrize(("status", "end", "rule", "severity", "months"), [
    ("planned", "2026-06-30", "filing_slipped", "critical", 6),
    ("planned", "2025-06-30", "filing_pulled_in", "notable", -6),
    ("accepted", "2026-03-31", "filing_delayed", "critical", 3),  # the PDUFA date moved later
])
def test_timing_moves_in_months(status, end, rule, severity, months):
    before = [filing("ABC101", status, end="2025-12-31", timing="by year-end")]
    after = [filing("ABC101", status, end=end, timing="later")]
    [change] = compare(before, after)
    assert (change.rule, change.severity, change.figures["months"]) == (rule, severity, months)


def test_timing_said_another_way_is_no_change():
    before = [filing("ABC101", "planned", end="2025-12-31", timing="later this year")]
    after = [filing("ABC101", "planned", end="2025-11-30", timing="around the end of this year")]
    assert compare(before, after) == []


def test_a_plan_is_silent_only_when_the_later_call_names_it_nowhere():
    before = [filing("UCART20X22", "planned", said="UCART20x22", kind="IND", timing="2022")]
    named = "We continue preclinical work on UCART-20x22 and expect data next year."
    assert compare(before, [], later_text=named) == []
    [change] = compare(before, [], later_text="We discussed other programs.")
    assert (change.rule, change.severity, change.summary) == (
        "regulatory_filing_not_repeated", "info", "UCART20x22 IND: not mentioned this quarter (was: planned, 2022)")


def test_a_done_event_not_repeated_is_never_an_alert():
    assert compare([filing("ZORVEX", "approved", place="US")], [], later_text="") == []
    assert compare([filing("ZORVEX", "submitted", place="US")], [], later_text="") == []


def test_an_approval_dated_before_the_last_call_is_history_not_news():
    """"PREMNAR 20, as I said, was approved in March" in a February call: recalled, not this quarter's news."""
    import datetime as dt

    from handlers.extractors.registry import extract
    from tests.extraction import call
    from worker.store import item_row

    def rows(text, day):
        return [item_row(i) for i in extract(call(("Ceo", text), call_date=day)) if i.kind == "regulatory_filing"]

    old = rows("Zorvex sales grew 12% in the quarter.", dt.date(2024, 10, 29))
    recalled = rows("Zorvex, as I said, was approved in Japan in March.", dt.date(2025, 2, 4))
    fresh = rows("Zorvex was approved in Japan in January.", dt.date(2025, 2, 4))
    assert [r["status"] for r in recalled] == ["approved"]  # still an item of the call
    assert rules(old, recalled) == []
    assert rules(old, fresh) == [("filing_approved", "notable")]


def test_a_supplemental_application_advances_beside_the_approved_product():
    before = [filing("ZORVEX", "approved", place="US"), filing("ZORVEX", "planned", place="US", kind="sBLA")]
    after = [{**filing("ZORVEX", "accepted", place="US"),
              "quote": "We've submitted an update to the Zorvex U.S. label, and the FDA granted it priority review."}]
    assert rules(before, after) == [("filing_accepted", "notable")]
    # The same supplement said again is no news.
    assert rules(after, after) == []


def _rows(*texts, day):
    from handlers.extractors.registry import extract
    from tests.extraction import call
    from worker.store import item_row

    return [item_row(i) for i in extract(call(*(("Ceo", text) for text in texts), call_date=day))
            if i.kind == "regulatory_filing" and i.reportable]


def test_a_submission_pushed_out_said_without_the_product_is_a_critical_slip():
    import datetime as dt

    before = _rows("We remain on track to submit a regulatory application for Zorvex around the end of this year.",
                   day=dt.date(2024, 10, 30))
    after = _rows("We are generating additional CMC data on Zorvex requested by the agency. "
                  "The regulatory submission will likely occur around the middle of the year.", day=dt.date(2025, 2, 1))
    assert rules(before, after) == [("filing_slipped", "critical")]


def test_holding_off_on_filing_is_a_delay_of_the_product_before():
    import datetime as dt

    after = _rows("The ABC-101 program completed its analytical work. As we stated, the BLA is ready, but we are "
                  "holding off on filing pending conclusion of our business development discussions.",
                  day=dt.date(2025, 2, 1))
    assert ("ABC101", "delayed") in {(r["subject"], r["status"]) for r in after}


def test_each_plan_moves_against_the_earlier_plan_of_its_filing_type():
    # "submit an IND later this year ..., submit the BLA in 2022", then the BLA in the first half of 2023.
    before = [filing("ABC101", "planned", end="2021-12-31", timing="later this year", kind="IND"),
              filing("ABC101", "planned", end="2022-12-31", timing="in 2022", kind="BLA")]
    after = [filing("ABC101", "planned", end="2021-12-31", timing="around year-end", kind="IND"),
             filing("ABC101", "planned", end="2023-06-30", timing="the first half of 2023", kind="BLA")]
    [change] = compare(before, after)
    assert (change.rule, change.severity, change.figures["months"]) == ("filing_slipped", "critical", 6)
    # A plan of another type is no earlier plan to move from.
    assert rules([filing("ABC101", "planned", end="2021-12-31", kind="IND")],
                 [filing("ABC101", "planned", end="2023-06-30", kind="BLA")]) == []


def test_an_approval_in_a_recap_is_history_not_news():
    recap = filing("ZORVEX", "approved", place="US")
    recap["attributes"] = json.dumps({**json.loads(recap["attributes"]), "recap": True})
    assert rules([], [recap]) == []
    assert rules([], [filing("ZORVEX", "approved", place="US")]) == [("filing_approved", "notable")]
