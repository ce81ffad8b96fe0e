"""Severity drives the look on every target, and `alerts.preview` shows exactly what each one gets:
Slack and Discord by intercepting their HTTP requests (only their servers are mocked), email through
a real SMTP server and JSON through a real HTTP server on 127.0.0.1."""

import json
from unittest import mock

import apprise
import jsonschema
import pytest

from alerts.delivery import send
from alerts.preview import preview
from tests.alerts.seeded import SLACK, q3_message, seeded, target
from tests.conftest import ROOT

COLOUR = {kind: apprise.AppriseAsset().color(kind) for kind in apprise.NotifyType}
SCHEMA = json.loads((ROOT / "docs" / "alerts.schema.json").read_text())


def deliver(message, url):
    send(target(url), title=message.title, body=message.body, severity=message.severity, data=message.data,
         key="2-x")


def slack_payload(message):
    response = mock.Mock(status_code=200, content=b"ok", text="ok")
    with mock.patch("apprise.plugins.slack.requests.request", return_value=response) as request:
        deliver(message, SLACK)
    [call] = request.call_args_list
    return json.loads(call.kwargs["data"])


def test_slack_gets_mrkdwn_bold_and_the_critical_colour(tmp_path):
    with seeded(tmp_path) as store:
        message = q3_message(store, SLACK)
    [attachment] = slack_payload(message)["attachments"]
    text = attachment["text"]
    assert text.startswith("*Cellectis SA (CLLS) Q3 2021*, call of 2021-11-05: 4 changes since Q2 2021")
    assert "\n*CRITICAL* · *New clinical hold at partner Allogene*\n" in text  # bold, not _italics_
    assert "\n*NOTABLE* · *Cash fell 16.0% to $216M (from $257M)*\n" in text
    assert "> _note: said by an analyst, confirmed by management_\n" in text
    assert "> read it: `callwatch show CLLS:2021Q3 --turn 17` (`CLLS_2021_Q3.\u200btxt`)\n" in text
    assert "_CRITICAL_" not in text
    assert attachment["color"] == COLOUR[apprise.NotifyType.FAILURE] != COLOUR[apprise.NotifyType.INFO]


@pytest.mark.parametrize(("severity", "kind"), [("critical", apprise.NotifyType.FAILURE),
                                                ("notable", apprise.NotifyType.WARNING),
                                                ("info", apprise.NotifyType.INFO)])
def test_discord_embed_is_coloured_by_severity(severity, kind):
    response = mock.Mock(status_code=204, content=b"", text="", headers={})
    with mock.patch("apprise.plugins.discord.requests.post", return_value=response) as post:
        send(target("discord://123456/abcdefghijklmnop?format=markdown"), title="t", body="**x**", severity=severity)
    [call] = post.call_args_list
    assert json.loads(call.kwargs["data"])["embeds"][0]["color"] == apprise.AppriseAsset().color(kind, int)


def test_json_target_gets_data_that_validates_against_the_documented_schema(tmp_path, http):
    with seeded(tmp_path) as store:
        message = q3_message(store, http.url())
    deliver(message, http.url())
    [posted] = http.bodies
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(posted)
    assert posted["type"] == "failure"
    from alerts.payload import PAYLOAD_VERSION, SCHEMA_ID

    # The documented schema is the one the code names, for the version it sends.
    assert SCHEMA["$id"] == SCHEMA_ID and posted["callwatch"]["payload_version"] == PAYLOAD_VERSION
    data = posted["callwatch"]
    assert (data["call"]["period"], data["call"]["call_date"], data["previous_call"]["period"]) == (
        "2021Q3", "2021-11-05", "2021Q2")
    hold = next(change for change in data["changes"] if change["rule"] == "hold_placed")
    assert hold["after"]["speaker"] == {"name": "Gena Wang", "role": "CFA- Manager Director", "firm": "Barclays",
                                        "kind": "analyst"}
    assert (hold["after"]["turn"], hold["after"]["confidence"]) == (17, 0.8)
    cash = next(change for change in data["changes"] if change["subject"] == "excluding Calyxt")
    assert (cash["figures"], cash["before"]["value"]["amount"], cash["after"]["value"]["amount"]) == (
        {"pct": -15.5}, 238e6, 201e6)
    assert data["info_changes_left_out"] == 13
    with pytest.raises(jsonschema.ValidationError):  # the schema does constrain: a wrong severity fails
        jsonschema.validate({**posted, "callwatch": {**data, "severity": "urgent"}}, SCHEMA)


def test_preview_is_what_slack_receives(tmp_path):
    with seeded(tmp_path) as store:
        message = q3_message(store, SLACK)
    [piece] = preview(target(SLACK), message)
    [attachment] = slack_payload(message)["attachments"]
    assert piece.body == attachment["text"] and piece.title == attachment["title"]
    assert piece.notify_type == "failure"


def test_preview_is_what_the_smtp_server_and_the_http_receiver_receive(tmp_path, smtp, http):
    with seeded(tmp_path) as store:
        email, hook = q3_message(store, smtp.url()), q3_message(store, http.url())
    deliver(email, smtp.url())
    deliver(hook, http.url())
    [received], [posted] = smtp.messages, http.bodies
    [mail_piece], [hook_piece] = preview(target(smtp.url()), email), preview(target(http.url()), hook)
    # SMTP carries lines as CRLF; the characters are the same.
    assert received.get_body(("html",)).get_content().replace("\r\n", "\n").rstrip("\n") == mail_piece.body.rstrip("\n")
    assert received["Subject"] == mail_piece.title
    assert (posted["message"], posted["title"], posted["type"], posted["callwatch"]) == (
        hook_piece.body, hook_piece.title, hook_piece.notify_type, hook_piece.data)


def test_slack_gets_a_correction_s_follow_up_and_a_daily_digest_in_mrkdwn(tmp_path):
    import datetime as dt

    from alerts.message import compose, compose_daily
    from tests.worker.test_corrections import corrected
    from worker.pipeline import ingest_file
    from worker.settings import AlertSettings

    settings = AlertSettings(targets=[{"url": SLACK}])
    with seeded(tmp_path, settings) as store:
        with store.write():
            store.db.execute("UPDATE alerts SET status = 'sent'")  # the Q3 digest went out
        ingest_file(store, corrected(tmp_path), max_bytes=10**8, alerts=settings)
        [followup] = store.db.query("SELECT * FROM alerts WHERE purpose = 'correction'")
        ids = json.loads(followup["change_ids"])
        update = compose(store.db, call_id=followup["call_id"], change_ids=ids, target=target(SLACK),
                         templates_dir=None, correction=True)
        daily = compose_daily(store.db, [followup], day=dt.date(2026, 12, 4).isoformat(), target=target(SLACK),
                              templates_dir=None)
    [attachment] = slack_payload(update)["attachments"]
    assert attachment["title"].startswith("Updated transcript: CLLS Q3 2021: Cash (excluding Calyxt) fell 20.2%")
    assert attachment["text"].startswith("*Updated transcript*: version 2 of this call")
    assert "\n*NOTABLE* · *Cash (excluding Calyxt) fell 20.2% to $190M (from $238M)*\n" in attachment["text"]
    assert "CRITICAL" not in attachment["text"]  # the hold was sent before and did not change
    assert attachment["color"] == COLOUR[apprise.NotifyType.WARNING]  # notable: the warning colour
    [attachment] = slack_payload(daily)["attachments"]
    assert attachment["title"] == "Daily digest, 2026-12-04: 1 call (CLLS Q3 2021)"
    assert attachment["text"].startswith("*Daily digest, 2026-12-04*: 1 call with changes for you")
    assert "_Daily" not in attachment["text"] and attachment["color"] == COLOUR[apprise.NotifyType.WARNING]
