"""Delivery through apprise to real receivers on 127.0.0.1; Slack by intercepting its HTTP request."""

import json
from types import SimpleNamespace
from unittest import mock

import pytest
from pydantic import SecretStr

from alerts.delivery import send
from alerts.errors import DeliveryFailed
from alerts.targets import targets_from


def target(url, *tags):
    return targets_from([SimpleNamespace(url=SecretStr(url), tags=list(tags), name=None)])[0]


def test_email_is_html_to_a_real_smtp_server(smtp):
    send(target(smtp.url(), "email"), title="CLLS Q3 2021: hold", body="<h2>Hold</h2><p>x &amp; y</p>")
    [message] = smtp.messages
    assert message["Subject"] == "CLLS Q3 2021: hold"
    assert message["To"] == "analyst@example.org"
    html = message.get_body(("html",)).get_content()
    assert "<h2>Hold</h2>" in html and "x &amp; y" in html


def test_json_target_posts_title_and_message(http):
    send(target(http.url()), title="T", body="plain body")
    [body] = http.bodies
    assert (body["title"], body["message"]) == ("T", "plain body")


@pytest.mark.parametrize(("url", "body_format"), [
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", "markdown"),
    ("mailto://user:pw@example.org", "html"),
    ("json://127.0.0.1/x", "text"),
])
def test_body_format_by_target_kind(url, body_format):
    assert target(url).body_format == body_format


def test_slack_payload_is_intercepted_and_exact():
    slack = target("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#analysts", "chat")
    response = mock.Mock(status_code=200, content=b"ok", text="ok")
    with mock.patch("apprise.plugins.slack.requests.request", return_value=response) as request:
        send(slack, title="CLLS Q3 2021: New clinical hold", body="*CRITICAL* **New clinical hold at partner X**")
    [call] = request.call_args_list
    assert call.args[1] == "https://hooks.slack.com/services/T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ"
    payload = json.loads(call.kwargs["data"])
    assert payload["channel"] == "#analysts"
    text = json.dumps(payload)
    assert "CLLS Q3 2021: New clinical hold" in text and "New clinical hold at partner X" in text


def test_failure_names_the_target_not_its_secret():
    down = target("mailto://user:hunter2@127.0.0.1:1?to=a@example.org&mode=insecure", "email")
    with pytest.raises(DeliveryFailed) as caught:
        send(down, title="t", body="b")
    assert caught.value.target == "mailto #1 (email)"
    assert "hunter2" not in str(caught.value)


def test_target_id_is_stable_and_not_the_url():
    one = target("json://127.0.0.1/secret-token-123")
    assert one.id == target("json://127.0.0.1/secret-token-123").id
    assert "secret" not in one.id and "secret" not in one.label
