"""Alerts end to end: real `callwatch` processes, a real SMTP server and a real HTTP receiver."""

import json
import sqlite3
from pathlib import Path

from tests.conftest import SEEDS
from tests.receivers import SmtpServer, free_port
from tests.worker.test_cli import run

Q2, Q3 = str(SEEDS / "CLLS_2021_Q2.txt"), str(SEEDS / "CLLS_2021_Q3.txt")


def configure(folder, smtp_url, json_url):
    (folder / "callwatch.toml").write_text(
        f'[[alerts.targets]]\nurl = "{smtp_url}"\ntags = ["email"]\n\n'
        f'[[alerts.targets]]\nurl = "{json_url}"\ntags = ["json"]\n')


def changes(folder):
    result = run("changes", "--json", cwd=folder)
    return sorted((c["rule"], c["summary"]) for c in json.loads(result.stdout))


def test_q2_then_q3_sends_one_email_and_one_json_for_q3_only(tmp_path, smtp, http):
    configure(tmp_path, smtp.url(), http.url())
    first = run("ingest", Q2, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert smtp.messages == [] and http.bodies == []  # the first call is a baseline

    second = run("ingest", Q3, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "alerts: 2 sent, 0 not delivered" in second.stdout
    [email], [posted] = smtp.messages, http.bodies
    html = email.get_body(("html",)).get_content()
    for text in (html, posted["message"]):
        assert "Cash (excluding Calyxt) fell 15.5% to $201M (from $238M)" in text
        assert "TALGlobin01 IND guidance withdrawn (was: 2022)" in text
        assert "New clinical hold at partner Allogene" in text
        assert "runway" not in text.lower()  # "into early 2023" both times
        assert "Gena Wang" in text  # who said it
    assert email["Subject"] == posted["title"] == "CLLS Q3 2021: New clinical hold at partner Allogene"
    assert email["X-Callwatch-Alert"]  # the idempotency key

    again = run("ingest", Q2, Q3, cwd=tmp_path)
    assert again.stdout.startswith("0 ingested, 2 duplicate, 0 failed")
    assert len(smtp.messages) == 1 and len(http.bodies) == 1


def test_late_quarter_sends_nothing_and_gives_the_same_changes(tmp_path, smtp, http):
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    for folder in (forward, backward):
        folder.mkdir()
        configure(folder, smtp.url(), http.url())
    run("ingest", Q2, cwd=forward)
    run("ingest", Q3, cwd=forward)
    sent = (len(smtp.messages), len(http.bodies))
    assert sent == (1, 1)

    run("ingest", Q3, cwd=backward)
    late = run("ingest", Q2, cwd=backward)
    assert late.returncode == 0
    assert (len(smtp.messages), len(http.bodies)) == sent  # nothing more sent
    assert changes(backward) == changes(forward) != []
    db = sqlite3.connect(backward / "callwatch.db")
    assert db.execute("SELECT count(*) FROM alerts").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM changes WHERE alerted = 1").fetchone() == (0,)
    db.close()


def test_smtp_down_then_up_delivers_once_without_repeating_the_other_target(tmp_path, http):
    port = free_port()
    smtp = SmtpServer(port)
    configure(tmp_path, smtp.url(), http.url())
    run("ingest", Q2, cwd=tmp_path)
    down = run("ingest", Q3, cwd=tmp_path)  # the SMTP server is not running
    assert down.returncode == 0
    assert "alerts: 1 sent, 1 not delivered" in down.stdout
    assert "will retry" in down.stderr
    db = sqlite3.connect(tmp_path / "callwatch.db")
    status, attempts, error = db.execute(
        "SELECT status, attempts, last_error FROM alerts WHERE target_label LIKE 'mailto%'").fetchone()
    assert (status, attempts) == ("pending", 1) and error
    db.close()

    smtp.start()
    try:
        retried = run("alerts", "retry", cwd=tmp_path)
        assert retried.returncode == 0, retried.stderr
        assert len(smtp.messages) == 1 and len(http.bodies) == 1
        assert run("alerts", "retry", cwd=tmp_path).stderr.strip() == "nothing to retry"
        assert len(smtp.messages) == 1
    finally:
        smtp.stop()


def test_preview_sends_nothing_and_list_shows_no_secret(tmp_path, smtp, http):
    configure(tmp_path, smtp.url().replace("127.0.0.1", "user:s3cret@127.0.0.1"), http.url())
    run("ingest", Q2, Q3, cwd=tmp_path)
    count = len(smtp.messages)
    preview = run("alerts", "preview", "CLLS:2021Q3", cwd=tmp_path)
    assert preview.returncode == 0
    assert ('<span class="severity">CRITICAL</span> <span class="summary">New clinical hold at partner Allogene'
            in preview.stdout)
    assert len(smtp.messages) == count
    listed = run("alerts", "list", cwd=tmp_path)
    assert "s3cret" not in listed.stdout + listed.stderr + preview.stdout + preview.stderr


def test_alerts_test_reports_each_target(tmp_path, http):
    configure(tmp_path, SmtpServer(free_port()).url(), http.url())  # nothing listens there
    result = run("alerts", "test", cwd=tmp_path)
    assert result.returncode == 1
    assert "ok      json #2 (json)" in result.stdout
    assert "failed  mailto #1 (email)" in result.stdout
    assert http.bodies[0]["title"] == "callwatch test"


def test_without_targets_preview_and_test_say_which_setting_is_missing(tmp_path):
    run("ingest", Q2, Q3, cwd=tmp_path)
    preview = run("alerts", "preview", "CLLS:2021Q3", cwd=tmp_path)
    tried = run("alerts", "test", cwd=tmp_path)
    assert "no alert targets are configured ([[alerts.targets]] in the config)" in preview.stderr
    assert tried.returncode == 1 and "([[alerts.targets]] in the config)" in tried.stderr


def relabelled(path, quarter, *, month="Aug 6, 2021"):
    """A seed's text as another quarter's call (header and date), so it is its own call."""
    text = Path(path).read_text()
    for q in (2, 3):  # the header is "Q2\xa02021 Earnings Call"
        text = text.replace(f"Q{q}\xa02021", f"Q{quarter}\xa02021")
    return text.replace("Aug 6, 2021", month).replace("Nov 5, 2021", month)


def stale_setup(folder, smtp, http, *, late_text):
    """Q1, then Q3 with the email target down (its alert stays pending), another company's
    Q2 and Q3 (pending too), then a late Q2 that recomputes Q3's changes."""
    from tests.worker.test_service import transcript

    configure(folder, smtp.url(), http.url())
    files = {"q1.txt": relabelled(Q2, 1, month="May 6, 2021"), "other_q2.txt": transcript(1),
             "other_q3.txt": transcript(1, quarter=3), "q2_late.txt": late_text}
    for name, text in files.items():
        (folder / name).write_text(text)
    assert run("ingest", str(folder / "q1.txt"), cwd=folder).returncode == 0
    assert "1 not delivered" in run("ingest", Q3, cwd=folder).stdout  # the email target is down
    assert "1 not delivered" in run("ingest", str(folder / "other_q2.txt"), str(folder / "other_q3.txt"),
                                    cwd=folder).stdout
    db = sqlite3.connect(folder / "callwatch.db")
    [(stale_ids,)] = db.execute("SELECT change_ids FROM alerts a JOIN calls c ON c.id = a.call_id "
                                "WHERE c.ticker = 'CLLS' AND a.status = 'pending'").fetchall()
    late = run("ingest", str(folder / "q2_late.txt"), cwd=folder)
    assert late.returncode == 0, late.stderr
    gone = db.execute(f"SELECT count(*) FROM changes WHERE id IN ({stale_ids[1:-1]})").fetchone()
    db.close()
    assert gone == (0,)  # the pending alert's changes were recomputed: its ids no longer exist


def test_alert_made_stale_by_a_late_quarter_is_rerendered_and_holds_back_no_other(tmp_path, http):
    smtp = SmtpServer(free_port())
    stale_setup(tmp_path, smtp, http, late_text=Path(Q2).read_text())
    smtp.start()
    try:
        retried = run("alerts", "retry", cwd=tmp_path)
        assert "Traceback" not in retried.stderr
        assert retried.returncode == 0, retried.stderr
        subjects = sorted(message["Subject"] for message in smtp.messages)
        assert len(subjects) == 2 and subjects[0].startswith("CLLS Q3 2021") and subjects[1].startswith("ZAAB Q3")
        [clls] = [m for m in smtp.messages if m["Subject"].startswith("CLLS")]
        # Re-rendered from the changes against Q2, the call now before Q3 (not Q1, as when it was written).
        html = clls.get_body(("html",)).get_content()
        assert "since Q2 2021" in html and "fell 15.5% to $201M (from $238M)" in html
        db = sqlite3.connect(tmp_path / "callwatch.db")
        assert db.execute("SELECT status, count(*) FROM alerts GROUP BY status").fetchall() == [("sent", 4)]
        db.close()
    finally:
        smtp.stop()


def test_alert_left_with_nothing_to_report_is_retired_with_the_reason(tmp_path, http):
    smtp = SmtpServer(free_port())
    # The late Q2 says what Q3 says: Q3 has no change left to report.
    stale_setup(tmp_path, smtp, http, late_text=relabelled(Q3, 2))
    smtp.start()
    try:
        retried = run("alerts", "retry", cwd=tmp_path)
        assert "Traceback" not in retried.stderr
        assert [m["Subject"][:4] for m in smtp.messages] == ["ZAAB"]  # the other alert went out
        db = sqlite3.connect(tmp_path / "callwatch.db")
        [(status, error)] = db.execute("SELECT a.status, a.last_error FROM alerts a JOIN calls c ON c.id = a.call_id "
                                       "WHERE c.ticker = 'CLLS' AND a.target_label LIKE 'mailto%'").fetchall()
        db.close()
        assert status == "retired" and "recomputed" in error
        listed = run("alerts", "list", "--status", "retired", cwd=tmp_path)
        assert listed.returncode == 0 and "retired" in listed.stdout
        assert run("alerts", "retry", cwd=tmp_path).stderr.strip() == "nothing to retry"
    finally:
        smtp.stop()
