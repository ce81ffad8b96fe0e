"""The email as a reader sees it: the HTML a real SMTP server received, rendered by headless Chromium
at a phone's width and a desktop's, screenshots in tests/output/ to be looked at."""

import re

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


def test_a_daily_digest_with_a_correction_renders_as_one_email(tmp_path, smtp):
    import datetime as dt

    from alerts.dispatcher import dispatch
    from alerts.journal import Journal
    from alerts.targets import targets_from
    from tests.worker.test_corrections import corrected
    from worker.pipeline import ingest_file
    from worker.settings import AlertSettings

    settings = AlertSettings(targets=[{"url": smtp.url(), "cadence": "daily", "critical_at_once": False}])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)  # past the next daily_at, whenever the test runs

    def send_due(store):
        return dispatch(store, targets_from(settings.targets), now=lambda: later, max_attempts=3, backoff_seconds=1,
                        journal=Journal(tmp_path / "journal"))

    with seeded(tmp_path, settings) as store:
        assert send_due(store)[0].daily
        ingest_file(store, corrected(tmp_path), max_bytes=10**8, alerts=settings)
        send_due(store)
    first, update = smtp.messages
    assert re.fullmatch(r"Daily digest, \d{4}-\d{2}-\d{2}: 1 call \(CLLS Q3 2021\)", first["Subject"])
    assert update["Subject"].endswith("(CLLS Q3 2021)")
    page = tmp_path / "daily.html"
    page.write_text(update.get_body(("html",)).get_content(), encoding="utf-8")
    dom, console = load(page.as_uri())
    assert console == []
    assert '<p class="update">Updated transcript: version 2 of this call' in dom
    assert dom.count('class="change notable"') == 1 and 'class="change critical"' not in dom
    shot = screenshot(page.as_uri(), "alert-daily-update-phone.png", width=390, height=1200)
    assert shot.stat().st_size > 10_000
