"""The digest an analyst can act on: who said it (role, firm), the note, low confidence, the turn to
read and the file, the previous call, and the info changes left out; on the seeds' real calls."""

from alerts.digest import evidence
from alerts.render import render
from tests.alerts.seeded import q3_message, seeded

JSON = "json://127.0.0.1:9/hook"


def test_q3_digest_says_who_where_and_compared_with_what(tmp_path):
    with seeded(tmp_path) as store:
        message = q3_message(store, JSON)
    body = message.body
    assert body.startswith("Cellectis SA (CLLS) Q3 2021, call of 2021-11-05: 4 changes since Q2 2021 "
                           "(call of 2021-08-06)\n")
    hold = body[body.index("[CRITICAL] New clinical hold at partner Allogene"):body.index("[CRITICAL] TALGlobin01")]
    assert '  Now (Gena Wang, Barclays, analyst): "So the first one' in hold
    assert "    note: said by an analyst, confirmed by management\n" in hold
    assert "    read it: callwatch show CLLS:2021Q3 --turn 17 (CLLS_2021_Q3.\u200btxt)\n" in hold
    # The previous call's side points at the previous call's turn.
    assert "read it: callwatch show CLLS:2021Q2 --turn 3" in body
    assert "Now (Eric Dutang, Chief Financial Office)" in body  # the title as this transcript prints it
    assert body.endswith("\nand 13 info changes (callwatch changes CLLS)\n")
    assert message.severity == "critical"


def test_confidence_is_shown_only_under_0_8():
    row = {"id": 1, "severity": "notable", "summary": "Hold lifted", "before_quote": None, "before_speaker": None,
           "after_quote": "The hold was lifted.", "after_speaker": "Jo Doe"}
    shaky = {"id": 7, "segment_seq": 4, "confidence": 0.6, "notes": "said only by an analyst"}
    sure = {**shaky, "confidence": 0.8, "notes": None}
    call = {"id": 1, "ticker": "ACME", "period": "2021Q3", "source_file": "a.txt"}
    for item, expected in ((shaky, "    note: confidence 0.60; said only by an analyst\n"), (sure, None)):
        after = evidence(row, "after", item=item, call=call)
        _, body = render({"ticker": "ACME", "fiscal_year": 2021, "fiscal_quarter": 3}, None, [{**row, "after": after}],
                         body_format="text")
        if expected:
            assert expected in body
        else:
            assert "confidence" not in body and "note:" not in body
        assert "read it: callwatch show ACME:2021Q3 --turn 4 (a.\u200btxt)" in body


def test_no_info_line_when_nothing_is_left_out(tmp_path):
    with seeded(tmp_path) as store:
        everything = q3_message(store, JSON, settings=_all(JSON))
    assert "info change" not in everything.body
    assert "[INFO] UCARTCS1 readout expected: next year" in everything.body


def _all(url):
    from worker.settings import AlertSettings

    return AlertSettings(targets=[{"url": url}], rules=[{"min_severity": "info"}])
