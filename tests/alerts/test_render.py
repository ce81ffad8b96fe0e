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
    assert '> Now (An Analyst): "Zen had the <clinical hold> & more."' in body
    assert "2 changes since Q2 2021" in body


def test_html_escapes_transcript_text():
    _, body = render(CALL, PREVIOUS, CHANGES, body_format="html")
    assert "&lt;clinical hold&gt; &amp; more." in body and "<clinical hold>" not in body


def test_user_template_overrides_built_in(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("{{ changes|length }} changes for {{ call.ticker }}")
    _, body = render(CALL, PREVIOUS, CHANGES, body_format="text", templates_dir=tmp_path)
    assert body == "2 changes for ACME\n"


def test_broken_template_is_a_clear_error(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("{{ call.no_such_field }}")
    with pytest.raises(TemplateError, match=r"digest\.txt\.j2"):
        render(CALL, PREVIOUS, CHANGES, body_format="text", templates_dir=tmp_path)
