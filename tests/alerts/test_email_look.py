"""The email as a reader sees it: the HTML a real SMTP server received, rendered by headless Chromium
at a phone's width and a desktop's, screenshots in tests/output/ to be looked at."""

from tests.alerts.seeded import q3_message, seeded
from tests.alerts.test_delivery_look import deliver
from tests.chromium import load, screenshot


def test_email_renders_with_severity_colours_and_quotes_set_apart(tmp_path, smtp):
    with seeded(tmp_path) as store:
        deliver(q3_message(store, smtp.url()), smtp.url())
    [message] = smtp.messages
    page = tmp_path / "email.html"
    page.write_text(message.get_body(("html",)).get_content(), encoding="utf-8")
    dom, console = load(page.as_uri())
    assert console == []
    assert dom.count('class="change critical"') == 2 and dom.count('class="change notable"') == 2
    assert dom.count("<blockquote>") == 7  # the hold has only the Q3 quote
    assert "<style>" in dom and ".change.critical { border-left-color: #cf222e; }" in dom
    phone = screenshot(page.as_uri(), "alert-email-phone.png", width=390, height=2400)
    desktop = screenshot(page.as_uri(), "alert-email-desktop.png", width=1000, height=1800)
    assert phone.stat().st_size > 10_000 and desktop.stat().st_size > 10_000
