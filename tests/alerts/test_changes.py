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
    assert ("regulatory_filing_not_repeated", "notable", "removed",
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


def test_severity_override():
    before = [item("cash_position", "consolidated", amount=100e6)]
    after = [item("cash_position", "consolidated", amount=50e6)]
    [change] = compare(before, after, overrides={"cash_fell": "critical"})
    assert change.severity == "critical"


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
