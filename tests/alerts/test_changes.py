"""The diff engine, rule by rule, on stored-item dicts (no files, no database)."""

import pytest

from alerts.changes import compare


def item(kind, subject=None, *, confidence=0.9, quote="q", speaker="CFO", **fields):
    return {"kind": kind, "subject": subject, "status": None, "amount": None, "currency": "USD", "amount_text": None,
            "date_start": None, "date_end": None, "text_value": None, "counterparty": None, "attributes": "{}",
            "confidence": confidence, "quote": quote, "speaker": speaker, **fields}


def summaries(before, after, **kwargs):
    return [(c.rule, c.severity, c.change, c.summary) for c in compare(before, after, **kwargs)]


def test_cash_fell_with_percentage_same_scope_only():
    before = [item("cash_position", "excluding Sub", amount=238e6), item("cash_position", "consolidated", amount=257e6)]
    after = [item("cash_position", "excluding Sub", amount=201e6)]
    found = summaries(before, after)
    assert ("cash_fell", "notable", "changed", "Cash (excluding Sub) fell 15.5% to $201M (from $238M)") in found
    assert ("item_removed", "info", "removed", "Cash: not mentioned this quarter (was: $257M)") in found


def test_same_runway_in_other_words_is_no_change():
    before = [item("cash_runway", date_start="2023-01-01", date_end="2023-04-30", text_value="early 2023")]
    after = [item("cash_runway", date_start="2023-01-01", date_end="2023-04-30", text_value="the first months of 2023")]
    assert compare(before, after) == []


@pytest.mark.parametrize(("end", "rule", "severity", "months"), [
    ("2023-12-31", "runway_extended", "notable", 8),
    ("2022-12-31", "runway_shortened", "critical", -4),
])
def test_runway_moves_in_months(end, rule, severity, months):
    before = [item("cash_runway", date_end="2023-04-30", text_value="early 2023")]
    after = [item("cash_runway", date_end=end, text_value="later")]
    [change] = compare(before, after)
    assert (change.rule, change.severity, change.figures["months"]) == (rule, severity, months)


def test_an_open_runway_that_now_has_an_end_and_the_reverse():
    open_ = item("cash_runway", text_value="for the foreseeable future", attributes='{"open": true}')
    dated = item("cash_runway", date_start="2026-01-01", date_end="2026-12-31", text_value="into 2026")
    [change] = compare([open_], [dated])
    assert (change.rule, change.severity, change.summary, change.figures) == (
        "runway_dated", "notable", "Cash runway now has an end: into 2026 (was: for the foreseeable future)",
        {"runway_end": "2026-12-31"})
    [change] = compare([dated], [open_])
    assert (change.rule, change.severity, change.summary) == (
        "runway_open", "notable", "Cash runway now open-ended: for the foreseeable future (was: into 2026)")
    # Said open both times, in other words: nothing changed.
    assert compare([open_], [item("cash_runway", text_value="to profitability", attributes='{"open": true}')]) == []


def test_filing_guidance_withdrawn_names_the_program_as_spelled():
    before = [item("regulatory_filing", "TALGLOBIN01", status="planned", text_value="2022", date_end="2022-12-31",
                   attributes='{"filing_type": "IND", "as_said": "TALGlobin01"}')]
    after = [item("regulatory_filing", "TALGLOBIN01", status="guidance_withdrawn",
                  attributes='{"filing_type": "IND"}')]
    assert summaries(before, after) == [
        ("filing_guidance_withdrawn", "critical", "changed", "TALGlobin01 IND guidance withdrawn (was: 2022)")]


def test_filing_slipped_and_silence_on_filing_guidance():
    before = [item("regulatory_filing", "ABC1", status="planned", text_value="2022", date_end="2022-12-31",
                   attributes='{"filing_type": "IND"}'),
              item("regulatory_filing", "ABC2", status="planned", text_value="2022", date_end="2022-12-31",
                   attributes='{"filing_type": "BLA"}')]
    after = [item("regulatory_filing", "ABC1", status="planned", text_value="2023", date_end="2023-12-31",
                  attributes='{"filing_type": "IND"}')]
    found = summaries(before, after)
    assert ("filing_slipped", "critical", "changed", "ABC1 IND guidance slipped to 2023 (was: 2022)") in found
    # A plan not restated is "the rest" in GOLD_GUIDE.md (info), and only when the later call names it nowhere.
    assert ("regulatory_filing_not_repeated", "info", "removed",
            "ABC2 BLA: not mentioned this quarter (was: planned, 2022)") in found


def test_new_partner_hold_and_lifted_hold():
    after = [item("clinical_hold", "ZEN", status="placed", counterparty="Zen", attributes='{"owner": "partner"}'),
             item("clinical_hold", "ABC1", status="lifted", attributes='{"owner": "self"}')]
    before = [item("clinical_hold", "ABC1", status="placed", attributes='{"owner": "self"}')]
    found = summaries(before, after)
    assert ("hold_placed", "critical", "new", "New clinical hold at partner Zen") in found
    assert ("hold_lifted", "notable", "changed", "ABC1 clinical hold lifted") in found


def test_low_confidence_items_are_not_compared():
    assert compare([], [item("clinical_hold", "ABC1", status="placed", confidence=0.4)]) == []


@pytest.mark.parametrize(("after", "rule", "severity"), [
    (115e6, "cash_rose", "notable"), (105e6, "cash_rose", "info"), (95e6, "cash_fell", "info"),
    (80e6, "cash_fell", "notable"),
])
def test_cash_moves_of_more_than_a_tenth_are_notable(after, rule, severity):
    [change] = compare([item("cash_position", "consolidated", amount=100e6)],
                       [item("cash_position", "consolidated", amount=after)])
    assert (change.rule, change.severity) == (rule, severity)


def test_severity_override():
    before = [item("cash_position", "consolidated", amount=100e6)]
    after = [item("cash_position", "consolidated", amount=50e6)]
    [change] = compare(before, after, overrides={"cash_fell": "critical"})
    assert change.severity == "critical"


@pytest.mark.parametrize("order", [("enrolling", "paused"), ("paused", "enrolling")])
def test_trial_paused_whatever_order_the_call_says_it_in(order):
    # A call says the program is enrolling and, later or earlier, that it is paused: paused is the news.
    before = [item("trial_status", "ZX12", status="enrolling")]
    after = [item("trial_status", "ZX12", status=status, quote=f"ZX-12 is {status}") for status in order]
    assert summaries(before, after) == [
        ("trial_paused", "critical", "changed", "ZX12 trial status: paused (was: enrolling)")]


@pytest.mark.parametrize("order", [("new", "ended"), ("ended", "new")])
def test_partnership_ended_whatever_order(order):
    after = [item("partnership", "ZENITH", status=status, counterparty="Zenith") for status in order]
    [change] = compare([item("partnership", "ZENITH", status="ongoing", counterparty="Zenith")], after)
    assert (change.rule, change.severity) == ("partnership_ended", "critical")


@pytest.mark.parametrize("ended_first", [False, True])
@pytest.mark.parametrize(("ending", "status"), [
    ("We have paused enrollment in the ZX-12 trial to review a safety signal.", "paused"),
    # Issue 13's order bug for a program ended: "enrolling" and "discontinued" in one call, either order.
    ("After the interim analysis we made the decision to discontinue the ZX-12 program.", "stopped"),
])
def test_trial_paused_from_two_calls_in_either_order(ending, status, ended_first):
    from handlers.extractors.registry import extract
    from tests.extraction import call
    from worker.store import item_row

    enrolling = ("Ceo", "The Phase 2 trial of ZX-12 is enrolling patients at 40 sites.")
    turns = (("Ceo", ending), enrolling) if ended_first else (enrolling, ("Ceo", ending))
    rows = [[item_row(i) for i in extract(call(*said)) if i.kind == "trial_status"] for said in ((enrolling,), turns)]
    assert [(c.rule, c.severity, c.subject, c.summary) for c in compare(*rows)] == [
        ("trial_paused", "critical", "ZX12", f"{'ZX12' if status == 'paused' else 'ZX-12'} trial status: {status} "
                                             "(was: enrolling)")]


def test_a_milestone_the_company_pays_is_news_not_money_received():
    after = [item("milestone_payment", "ZENITH", status="paid", amount=15e6, counterparty="Zenith",
                  attributes='{"direction": "outgoing"}')]
    assert summaries([], after) == [("milestone_news", "info", "new", "Milestone paid to Zenith: $15M")]


def test_a_milestone_owed_without_an_amount_says_so():
    # "milestone payments that were to be paid": an item without an amount, never "None" in the alert.
    after = [item("milestone_payment", None, status="owed", amount=None, attributes='{"direction": "outgoing"}')]
    assert summaries([], after) == [("milestone_news", "info", "new", "Milestone owed to a partner: amount not said")]


@pytest.mark.parametrize(("now", "threshold", "severity"), [
    (201e6, 10.0, "notable"),  # fell 15.5%
    (230e6, 10.0, "info"),  # fell 3.4%: cash falls every quarter a company spends
    (214.2e6, 10.0, "info"),  # exactly 10%: not past it
    (230e6, 2.0, "notable"),  # the threshold is the user's
])
def test_cash_fell_is_notable_only_past_the_threshold(now, threshold, severity):
    before, after = [item("cash_position", "consolidated", amount=238e6)], [item("cash_position", "consolidated",
                                                                                 amount=now)]
    [change] = compare(before, after, cash_fell_notable_pct=threshold)
    assert (change.rule, change.severity) == ("cash_fell", severity)


def test_a_small_fall_is_info_even_with_a_severity_override():
    before, after = [item("cash_position", amount=238e6)], [item("cash_position", amount=230e6)]
    [change] = compare(before, after, overrides={"cash_fell": "critical"})
    assert change.severity == "info"


def test_a_program_stopped_in_its_first_mention_is_critical_and_its_silence_later_is_not():
    stopped = item("trial_status", "ZX12", status="stopped")
    assert summaries([], [stopped]) == [("trial_paused", "critical", "new", "ZX12 trial status stopped")]
    assert [s[:2] for s in summaries([stopped], [])] == [("item_removed", "info")]
    assert summaries([stopped], [item("trial_status", "ZX12", status="stopped")]) == []


def test_a_deal_first_heard_of_as_expanded_is_info_and_a_new_one_notable():
    expanded = item("partnership", "ZENITH", status="expanded", counterparty="Zenith")
    new = item("partnership", "NOVA", status="new", counterparty="Nova")
    assert summaries([], [expanded, new]) == [
        ("partnership_new", "notable", "new", "Partnership with Nova announced"),
        ("item_new", "info", "new", "Partnership with Zenith: expanded")]


def test_a_deal_held_first_heard_of_is_info_and_a_new_one_named_by_its_product_notable():
    held = item("partnership", "ZENITH", status="ongoing", counterparty="Zenith")
    for_product = item("partnership", "SEVOFLURANE", status="new", counterparty=None)
    assert summaries([], [held, for_product]) == [
        ("partnership_new", "notable", "new", "Partnership for SEVOFLURANE announced, no partner named"),
        ("item_new", "info", "new", "Partnership with Zenith: ongoing")]


def test_a_new_deal_with_a_partner_already_held_is_notable():
    held = item("partnership", "ZENITH", status="ongoing", counterparty="Zenith")
    new = item("partnership", "ZENITH", status="new", counterparty="Zenith")
    assert [s[:2] for s in summaries([held], [new])] == [("partnership_new", "notable")]
    assert [s[:2] for s in summaries([new], [held])] == [("status_changed", "info")]


def test_a_financing_first_said_without_its_figure_says_so_when_the_figure_comes():
    unsized = item("financing", "term a loans", status="repaid", amount=None)
    sized = item("financing", "term a loans", status="repaid", amount=5e6)
    assert summaries([unsized], [sized]) == [
        ("amount_changed", "info", "changed", "term a loans financing: $5M (was: amount not said)")]


def test_partnerships_ended_with_no_partner_named_are_critical():
    ended = item("partnership", "TERMINATED PARTNERSHIPS", status="ended", counterparty=None)
    assert summaries([], [ended]) == [
        ("partnership_ended", "critical", "new", "Partnerships ended, no partner named: terminated partnerships")]


def test_a_balance_new_to_the_pair_is_measured_by_the_one_the_call_compares_it_with():
    # Supernus Q4 2017: the previous (fragmentary) call states no cash; this one says "65% higher than
    # $165.5 million as of December 31, 2016". Without that, the balance was only "item_new" (info).
    after = [item("cash_position", "consolidated", amount=273.7e6,
                  attributes='{"scope": "consolidated", "prior_amount": 165500000.0, "prior_date": "2016-12-31"}')]
    [(rule, severity, change, summary)] = summaries([], after)
    assert (rule, severity, change) == ("cash_rose", "notable", "new")
    assert summary == "Cash rose 65.4% to $273.7M (from $165.5M at 2016-12-31, as the call compares it)"
    # With the previous call's own balance, that is what it is measured by.
    before = [item("cash_position", "consolidated", amount=270e6)]
    assert summaries(before, after)[0][:2] == ("cash_rose", "info")


def _trial_rows(*calls):
    from handlers.extractors.registry import extract
    from tests.extraction import call
    from worker.store import item_row

    return [[item_row(i) for i in extract(call(*turns)) if i.kind == "trial_status"] for turns in calls]


def test_a_readout_newly_expected_of_a_program_named_before():
    # The seeds' UCART-CS1: data reported last quarter, more data expected this one (the differ keeps the
    # program's most telling status, data reported, in both calls: the expectation is read on its own).
    reported = ("Ceo", "During the second quarter, we presented preliminary translational data for the first group "
                       "of patients enrolled for the MELANI-01 of UCARTCS1.")
    expected = ("Ceo", "As far as the myeloma study for UCART-CS1, we reopened after changing the protocol. And again, "
                       "this is another program that we hope to be able to show additional data later next year.")
    changes = compare(*_trial_rows((reported,), (reported, expected)))
    assert [(c.rule, c.severity, c.subject, c.summary) for c in changes] == [
        ("readout_expected", "info", "UCARTCS1", "UCARTCS1 readout expected: next year")]


def test_a_readout_moved_by_months_and_not_by_words():
    def expecting(when):
        return ("Ceo", f"For ZX-12, we are hoping to present additional data {when}.")

    moved = compare(*_trial_rows((expecting("in the first half of 2022"),), (expecting("in the second half of 2022"),)))
    assert [(c.rule, c.severity, c.summary) for c in moved] == [
        ("readout_moved", "info", "ZX12 readout now expected: the second half of 2022 (was: the first half of 2022)")]
    assert compare(*_trial_rows((expecting("in the first half of 2022"),), (expecting("in 1H 2022"),))) == []


def test_a_status_is_said_in_words_in_summaries():
    before = [item("trial_status", "ZX12", status="enrolling")]
    after = [item("trial_status", "ZX12", status="enrollment_complete")]
    assert summaries(before, after)[0][3] == "ZX12 trial status: enrollment complete (was: enrolling)"
    assert summaries([], [item("trial_status", "ZX13", status="data_expected")])[0][3] == \
        "ZX13 trial status: data expected"
