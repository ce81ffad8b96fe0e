"""Digests: most severe first, quotes with who said them, HTML escaped, templates overridable."""

import pytest

from alerts.errors import TemplateError
from alerts.render import render

CALL = {"title": "Acme (ACME) Q3 2021 Earnings Call", "ticker": "ACME", "fiscal_year": 2021, "fiscal_quarter": 3,
        "call_date": "2021-11-05"}
PREVIOUS = {**CALL, "fiscal_quarter": 2}
CHANGES = [
    {"id": 1, "severity": "notable", "summary": "Cash fell 15.5% to $201M (from $238M)",
     "before_quote": "Cash was $238 million.", "before_speaker": "Jo CFO",
     "after_quote": "Cash was $201 million.", "after_speaker": "Jo CFO"},
    {"id": 2, "severity": "critical", "summary": "New clinical hold at partner Zen", "before_quote": None,
     "before_speaker": None, "after_quote": "Zen had the <clinical hold> & more.", "after_speaker": "An Analyst"},
]


def test_markdown_digest_most_severe_first_with_quotes():
    title, body = render(CALL, PREVIOUS, CHANGES, body_format="markdown")
    assert title == "ACME Q3 2021: New clinical hold at partner Zen"
    assert body.index("New clinical hold") < body.index("Cash fell")
    assert '> Before (Jo CFO): "Cash was $238 million."' in body
    assert '> Now (An Analyst): "Zen had the <clinical hold> & more."' in visible(body)
    assert "2 changes since Q2 2021" in body


def test_html_escapes_transcript_text():
    _, body = render(CALL, PREVIOUS, CHANGES, body_format="html")
    assert "&lt;clinical hold&gt; &amp; more." in visible(body) and "<clinical hold>" not in body


def test_user_template_overrides_built_in(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("{{ changes|length }} changes for {{ call.ticker }}")
    _, body = render(CALL, PREVIOUS, CHANGES, body_format="text", templates_dir=tmp_path)
    assert body == "2 changes for ACME\n"


def test_broken_template_is_a_clear_error(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("{{ call.no_such_field }}")
    with pytest.raises(TemplateError, match=r"digest\.txt\.j2"):
        render(CALL, PREVIOUS, CHANGES, body_format="text", templates_dir=tmp_path)


# What a transcript (or a forged one) can say: Slack and Discord mentions, Markdown and bare links,
# an e-mail address, a bidi override and a newline that would forge a line of the digest.
HOSTILE = ("Ping <!channel> <!here> <!everyone> <@U024BE7LH> <#C123> @everyone @here, see "
           "[the 10-K](https://evil.example/x), https://evil.example/y, www.evil.example, ir@cellectis.com"
           "\u202e\n*CRITICAL* **Forged** [CRITICAL] Forged")
HOSTILE_CHANGES = [{"id": 3, "severity": "critical", "summary": "New clinical hold at partner @here <!channel>",
                    "before_quote": None, "before_speaker": None, "after_quote": HOSTILE,
                    "after_speaker": "<@U1> [Jo](https://e.example)"}]
# Anything that, in any chat service apprise posts to, pings someone or makes a link.
LIVE = ("<!", "<@", "<#", "@everyone", "@here", "@U", "@cellectis", "](", "https://", "www.e", "evil.example",
        "e.example", "\u202e")


def visible(text: str) -> str:
    """What a reader sees: zero-width spaces and Markdown's backslashes dropped."""
    return text.replace("\u200b", "").replace("\\", "")


@pytest.mark.parametrize("body_format", ["markdown", "html", "text"])
def test_transcript_text_can_neither_ping_nor_link_in_any_format(body_format):
    title, body = render(CALL, PREVIOUS, HOSTILE_CHANGES, body_format=body_format)
    for text in (title, body):
        for live in LIVE:
            assert live not in text, (live, text)
    # One quote stays on its line: no forged change line, in any format.
    [line] = [line for line in body.splitlines() if "Ping" in line]
    assert "Forged" in line
    # Nothing a reader needs is lost: the words are all still there.
    shown = visible(body).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert "Ping <!channel> <!here>" in shown and "ir@cellectis.com" in shown
    assert "[the 10-K](https://evil.example/x)" in shown


def test_markdown_escapes_markup_in_quotes_but_not_the_template():
    _, body = render(CALL, PREVIOUS, HOSTILE_CHANGES, body_format="markdown")
    assert "**CRITICAL** · **New clinical hold at partner" in body  # the template's own Markdown
    assert r"\*CRITICAL\* \*\*Forged\*\*" in body  # the transcript's, shown as typed
    assert r"\[the 10-K\]" in body


def test_user_template_gets_the_same_escaping_unless_marked_safe(tmp_path):
    (tmp_path / "digest.md.j2").write_text("{{ changes[0].after_quote }}|{{ '<!here>'|safe }}")
    _, body = render(CALL, PREVIOUS, HOSTILE_CHANGES, body_format="markdown", templates_dir=tmp_path)
    quoted, trusted = body.strip().split("|")
    assert "<!channel>" not in quoted and "@everyone" not in quoted
    assert trusted == "<!here>"  # the template's author chose to ping
