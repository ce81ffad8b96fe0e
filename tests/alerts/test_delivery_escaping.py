"""Transcript text reaches chat targets inert: what apprise posts, intercepted at the service's door
(Slack, Discord: only their servers are mocked) or received by a real HTTP server (json://)."""

import json
from types import SimpleNamespace
from unittest import mock

import pytest
from pydantic import SecretStr

from alerts.delivery import send
from alerts.render import render
from alerts.targets import targets_from

Z = "\u200b"  # the zero-width space that breaks a mention or a link
CALL = {"title": "Acme (ACME) Q3 2021 Earnings Call", "ticker": "ACME", "fiscal_year": 2021, "fiscal_quarter": 3,
        "call_date": "2021-11-05"}
PREVIOUS = {**CALL, "fiscal_quarter": 2, "call_date": "2021-08-06"}
CHANGES = [{"id": 1, "severity": "critical", "summary": "New clinical hold at partner Zen @here",
            "before_quote": None, "before_speaker": None, "after_speaker": "Jo CFO",
            "after_quote": "Hi <!channel> and <@U024BE7LH> @everyone, read [the 10-K](https://evil.example/x) *now*"}]


def target(url):
    return targets_from([SimpleNamespace(url=SecretStr(url), tags=[], name=None)])[0]


def deliver(url):
    chosen = target(url)
    title, body = render(CALL, PREVIOUS, CHANGES, body_format=chosen.body_format)
    send(chosen, title=title, body=body)


def test_slack_gets_no_mention_and_no_link():
    response = mock.Mock(status_code=200, content=b"ok", text="ok")
    with mock.patch("apprise.plugins.slack.requests.request", return_value=response) as request:
        deliver("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#analysts")
    [call] = request.call_args_list
    [attachment] = json.loads(call.kwargs["data"])["attachments"]
    assert attachment["title"] == f"ACME Q3 2021: New clinical hold at partner Zen @{Z}here"
    assert attachment["text"] == (
        "*ACME Q3 2021*, call of 2021-11-05: 1 change since Q2 2021 (call of 2021-08-06)\n\n"
        f"*CRITICAL* · *New clinical hold at partner Zen @{Z}here*\n"
        f'> Now (Jo CFO): "Hi &lt;{Z}!channel&gt; and &lt;{Z}@{Z}U024BE7LH&gt; @{Z}everyone, '
        f'read [the 10-K]{Z}(https:{Z}//evil.{Z}example/x) \\*now\\*"')


@pytest.mark.parametrize("options", ["", "?format=markdown"])
def test_discord_gets_no_mention_and_no_link(options):
    response = mock.Mock(status_code=204, content=b"", text="", headers={})
    with mock.patch("apprise.plugins.discord.requests.post", return_value=response) as post:
        deliver(f"discord://123456/abcdefghijklmnop{options}")
    [call] = post.call_args_list
    payload = json.loads(call.kwargs["data"])
    # With format=markdown apprise would add every `@name` of the body to allow_mentions, and ping them.
    assert "allow_mentions" not in payload
    text = payload["content"] if not options else payload["embeds"][0]["description"]
    assert text.endswith(
        f'> Now (Jo CFO): "Hi \\<{Z}!channel\\> and \\<{Z}@{Z}U024BE7LH\\> @{Z}everyone, '
        f'read \\[the 10-K\\]{Z}(https:{Z}//evil.{Z}example/x) \\*now\\*"')


def test_json_target_gets_inert_plain_text(http):
    deliver(http.url())
    [posted] = http.bodies
    assert posted["title"] == f"ACME Q3 2021: New clinical hold at partner Zen @{Z}here"
    assert posted["message"].splitlines()[-1] == (
        f'  Now (Jo CFO): "Hi <{Z}!channel> and <{Z}@{Z}U024BE7LH> @{Z}everyone, '
        f'read [the 10-K]{Z}(https:{Z}//evil.{Z}example/x) *now*"')


def test_email_html_is_escaped_and_inert(smtp):
    deliver(smtp.url())
    [message] = smtp.messages
    html = message.get_body(("html",)).get_content()
    assert (f'Now (Jo CFO): &ldquo;Hi &lt;{Z}!channel&gt; and &lt;{Z}@{Z}U024BE7LH&gt; @{Z}everyone, '
            f'read [the 10-K]{Z}(https:{Z}//evil.{Z}example/x) *now*&rdquo;') in html
    assert "<!channel>" not in html and "https://evil" not in html
