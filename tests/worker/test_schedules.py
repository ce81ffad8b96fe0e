"""Quiet hours and daily digests, tested as users run them: a real `callwatch run` process, stopped and
started again, a real SMTP server and HTTP receiver on 127.0.0.1, and the service's clock moved by the
documented test hook ($CALLWATCH_TEST_CLOCK, worker/clock.py). Poll until, never sleep."""

from __future__ import annotations

import json
import os
import re
import time

import jsonschema

from tests.conftest import ROOT, SEEDS
from tests.receivers import wait_until
from tests.worker.test_service import service, transcript  # noqa: F401 (service is a fixture)

SCHEMA = json.loads((ROOT / "docs" / "alerts.schema.json").read_text())


def settle(inbox, names_and_texts):
    """Files that arrived a while ago: the service ingests them on its catch-up scan."""
    for name, text in names_and_texts:
        (inbox / name).write_text(text)
    settled = time.time() - 5
    for path in inbox.iterdir():
        os.utime(path, (settled, settled))


def seeds():
    return [(name, (SEEDS / name).read_text()) for name in ("CLLS_2021_Q2.txt", "CLLS_2021_Q3.txt")]


def clocked(svc, moment: str):
    """Point the service's test clock at `moment` (it reads the file each time it asks the time)."""
    clock = svc.folder / "clock.txt"
    clock.write_text(moment)
    svc.env["CALLWATCH_TEST_CLOCK"] = str(clock)
    return clock


def emails_about(smtp, ticker: str) -> list:
    return [message for message in smtp.messages if message["Subject"].startswith(f"{ticker} ")]


def test_notable_waits_through_quiet_hours_and_a_restart_critical_goes_at_once(service, smtp, http):  # noqa: F811
    # The email target gets only the cash change (notable); the JSON target every change (critical on top).
    svc = service(
        f'[[alerts.targets]]\nurl = "{smtp.url()}"\ntags = ["email"]\nquiet_hours = "22:00-07:00"\n'
        f'timezone = "America/New_York"\n\n'
        f'[[alerts.targets]]\nurl = "{http.url()}"\ntags = ["json"]\nquiet_hours = "22:00-07:00"\n'
        f'timezone = "America/New_York"\n\n'
        '[[alerts.rules]]\ntags = ["email"]\nkinds = ["cash_position"]\n\n[[alerts.rules]]\ntags = ["json"]\n')
    clock = clocked(svc, "2026-12-04T04:00:00Z")  # 23:00 in New York: quiet
    settle(svc.inbox, seeds())
    svc.start()

    # Critical: sent at once, quiet hours or not.
    [posted] = wait_until(lambda: http.bodies, timeout=30)
    assert posted["callwatch"]["severity"] == "critical" and posted["type"] == "failure"
    # Notable: held in the outbox until 07:00 New York (12:00 UTC), and the log says so.
    held = "SELECT status, held_for, held_until FROM alerts WHERE target_label LIKE 'mailto%'"
    wait_until(lambda: svc.query(held) == [("pending", "quiet hours", "2026-12-04T12:00:00Z")], timeout=30)
    wait_until(lambda: "held for quiet hours until 2026-12-04T12:00:00Z" in svc.log())
    assert smtp.messages == []

    # Stopped in the night, started again a minute before quiet hours end: still held.
    assert svc.stop()[0] == 0
    clock.write_text("2026-12-04T11:59:00Z")
    svc.start()
    wait_until(lambda: svc.log().count("held for quiet hours until 2026-12-04T12:00:00Z") == 2, timeout=30)
    assert smtp.messages == [] and svc.query(held)[0][0] == "pending"

    # Quiet hours end: the held digest goes, once.
    clock.write_text("2026-12-04T12:00:30Z")
    [email] = wait_until(lambda: smtp.messages, timeout=30)
    html = email.get_body(("html",)).get_content()
    assert email["Subject"].startswith("CLLS Q3 2021: Cash") and "Cash (excluding Calyxt) fell 15.5%" in html
    assert "NOTABLE" in html and "CRITICAL" not in html
    wait_until(lambda: svc.query(held)[0][0] == "sent")

    # Another restart sends it no more: a later call's email proves the dispatcher ran after the start.
    assert svc.stop()[0] == 0
    settle(svc.inbox, [("ZAAB_2021_Q2.txt", transcript(1)), ("ZAAB_2021_Q3.txt", transcript(1, quarter=3))])
    svc.start()  # its catch-up scan takes them in order: Q2, then Q3
    wait_until(lambda: emails_about(smtp, "ZAAB") and len(http.bodies) == 2, timeout=30)
    assert len(emails_about(smtp, "CLLS")) == 1 and [body["title"][:4] for body in http.bodies] == ["CLLS", "ZAAB"]
    assert svc.stop()[0] == 0
    assert "alert 1 sent to" in svc.log() and svc.log().count("sent to mailto #1 (email)") == 2  # once each


def test_a_target_can_hold_critical_through_quiet_hours_too(service, http):  # noqa: F811
    svc = service(f'[[alerts.targets]]\nurl = "{http.url()}"\nquiet_hours = "22:00-07:00"\n'
                  'timezone = "Europe/Paris"\ncritical_at_once = false\n')
    clock = clocked(svc, "2026-12-04T01:00:00Z")  # 02:00 in Paris
    settle(svc.inbox, seeds())
    svc.start()
    rows = "SELECT status, held_for, held_until FROM alerts"
    wait_until(lambda: svc.query(rows) == [("pending", "quiet hours", "2026-12-04T06:00:00Z")], timeout=30)
    assert http.bodies == []
    clock.write_text("2026-12-04T06:00:00Z")
    [posted] = wait_until(lambda: http.bodies, timeout=30)
    assert posted["callwatch"]["severity"] == "critical"
    assert svc.stop()[0] == 0


def test_a_daily_digest_is_one_message_for_every_call_of_the_day(service, smtp, http):  # noqa: F811
    daily = 'cadence = "daily"\ndaily_at = "18:00"\ntimezone = "America/New_York"\ncritical_at_once = false\n'
    svc = service(f'[[alerts.targets]]\nurl = "{smtp.url()}"\n{daily}\n'
                  f'[[alerts.targets]]\nurl = "{http.url()}"\n{daily}')
    clock = clocked(svc, "2026-12-04T15:00:00Z")  # 10:00 in New York
    settle(svc.inbox, [*seeds(), ("ZAAB_2021_Q2.txt", transcript(1)), ("ZAAB_2021_Q3.txt", transcript(1, quarter=3))])
    svc.start()
    rows = "SELECT held_for, held_until, count(*) FROM alerts WHERE status = 'pending' GROUP BY 1, 2"
    wait_until(lambda: svc.query(rows) == [("daily digest", "2026-12-04T23:00:00Z", 4)], timeout=30)
    assert smtp.messages == [] and http.bodies == []

    # A restart before 18:00 keeps them held; at 18:00 each target gets one message with both calls.
    assert svc.stop()[0] == 0
    clock.write_text("2026-12-04T23:00:01Z")
    svc.start()
    [email] = wait_until(lambda: smtp.messages, timeout=30)
    [posted] = wait_until(lambda: http.bodies, timeout=30)
    title = "Daily digest, 2026-12-04: 2 calls (CLLS Q3 2021, ZAAB Q3 2021)"
    assert email["Subject"] == posted["title"] == title
    html = email.get_body(("html",)).get_content()
    assert html.count('<div class="call">') == 2 and "Cellectis SA (CLLS) Q3 2021" in html
    assert "(ZAAB) Q3 2021</h2>" in html and "New clinical hold at partner Allogene" in html
    data = posted["callwatch"]
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(posted)
    assert (data["purpose"], data["day"], len(data["alerts"])) == ("daily", "2026-12-04", 2)
    assert [alert["call"]["ticker"] for alert in data["alerts"]] == ["CLLS", "ZAAB"]
    wait_until(lambda: svc.query("SELECT count(*) FROM alerts WHERE status = 'sent'") == [(4,)])
    assert svc.stop()[0] == 0
    assert len(smtp.messages) == 1 and len(http.bodies) == 1
    assert "daily digest (alerts 1, 3) sent to mailto #1" in svc.log()


def test_ingest_list_and_preview_say_an_alert_is_held_and_until_when(tmp_path, http):
    from tests.worker.test_cli import run

    (tmp_path / "callwatch.toml").write_text(f'[[alerts.targets]]\nurl = "{http.url()}"\ncadence = "daily"\n'
                                             'daily_at = "18:00"\ncritical_at_once = false\n')
    ingested = run("ingest", str(SEEDS), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert "alerts: 1 held for daily digest until " in ingested.stdout and http.bodies == []
    listed = run("alerts", "list", cwd=tmp_path, env={"COLUMNS": "200"})
    assert re.search(r"pending .* \d{4}-\d\d-\d\dT18:00:00Z \(daily digest\)", listed.stdout), listed.stdout
    shown = run("alerts", "preview", "CLLS:2021Q3", cwd=tmp_path)
    assert "json #1 (text; daily digest at 18:00 UTC, critical waits too)" in shown.stdout
    as_json = json.loads(run("alerts", "preview", "CLLS:2021Q3", "--json", cwd=tmp_path).stdout)
    assert as_json["targets"][0]["schedule"] == "daily digest at 18:00 UTC, critical waits too"
    retried = run("alerts", "retry", cwd=tmp_path)  # the hold is the target's: retry leaves it
    assert http.bodies == [] and "held for daily digest" in retried.stdout
    helped = run("alerts", "retry", "--help", cwd=tmp_path)
    assert "held for its target's quiet hours or daily digest keeps waiting" in " ".join(helped.stdout.split())
