"""A corrected transcript that replaces a call: real `callwatch ingest` processes, a real SMTP server and
a real HTTP receiver on 127.0.0.1. The follow-up carries only what is new, once; nothing when nothing is."""

import json
import sqlite3

import jsonschema

from tests.conftest import ROOT, SEEDS
from tests.worker.test_alerting import configure
from tests.worker.test_cli import run

Q2, Q3 = str(SEEDS / "CLLS_2021_Q2.txt"), str(SEEDS / "CLLS_2021_Q3.txt")
Q3_TEXT = (SEEDS / "CLLS_2021_Q3.txt").read_text()
SCHEMA = json.loads((ROOT / "docs" / "alerts.schema.json").read_text())
GREETING = "Thank you very much, and thank you all for joining us today"


def corrected(folder):
    """Q3 as a corrected download: one cash figure fixed (201 -> 190) and a line the first lost put back."""
    text = Q3_TEXT.replace("2021, was $201 million", "2021, was $190 million").replace("Thank you", GREETING, 1)
    assert text.count("$190 million") == 1 and GREETING in text
    path = folder / "CLLS_2021_Q3 (corrected).txt"
    path.write_text(text)
    return path


def reflowed(folder, source):
    """A later download of the corrected call, more complete by a few words that change nothing alerted."""
    path = folder / "CLLS_2021_Q3 (final).txt"
    path.write_text(source.read_text().replace(GREETING, GREETING + " on this call", 1))
    return path


def test_a_correction_sends_one_follow_up_with_only_what_is_new(tmp_path, smtp, http):
    configure(tmp_path, smtp.url(), http.url())
    assert run("ingest", Q2, Q3, cwd=tmp_path).returncode == 0
    assert (len(smtp.messages), len(http.bodies)) == (1, 1)  # the Q3 digest

    fixed = corrected(tmp_path)
    result = run("ingest", str(fixed), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "alerts: 2 sent, 0 not delivered" in result.stdout
    email, posted = smtp.messages[1], http.bodies[1]
    title = "Updated transcript: CLLS Q3 2021: Cash (excluding Calyxt) fell 20.2% to $190M (from $238M)"
    assert email["Subject"] == posted["title"] == title
    html = email.get_body(("html",)).get_content()
    for text in (html, posted["message"]):
        assert "Updated transcript: version 2 of this call (CLLS_2021_Q3 (corrected).txt)" in text
        assert "fell 20.2% to $190M" in text
        assert "New clinical hold at partner Allogene" not in text  # sent before, unchanged: not again
        assert "TALGlobin01" not in text
    data = posted["callwatch"]
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(posted)
    assert data["purpose"] == "correction"
    assert data["update"] == {"version": 2, "source_file": "CLLS_2021_Q3 (corrected).txt"}
    assert [change["rule"] for change in data["changes"]] == ["cash_fell"]
    # A different idempotency key from the first digest's: a mail filter must not drop it as a repeat.
    assert email["X-Callwatch-Alert"] != smtp.messages[0]["X-Callwatch-Alert"]

    again = run("ingest", str(fixed), cwd=tmp_path)  # the same file again: a duplicate
    assert again.stdout.startswith("0 ingested, 1 duplicate, 0 failed")
    assert (len(smtp.messages), len(http.bodies)) == (2, 2)

    final = run("ingest", str(reflowed(tmp_path, fixed)), cwd=tmp_path)  # replaces it, nothing alert-worthy new
    assert final.returncode == 0, final.stderr
    assert "replaced the content of call 2 with version 3" in final.stdout + final.stderr
    assert (len(smtp.messages), len(http.bodies)) == (2, 2)
    db = sqlite3.connect(tmp_path / "callwatch.db")
    rows = db.execute("SELECT purpose, status FROM alerts ORDER BY id").fetchall()
    db.close()
    assert rows == [("call", "sent"), ("call", "sent"), ("correction", "sent"), ("correction", "sent")]


def test_a_correction_before_the_first_digest_went_out_updates_it_and_sends_once(tmp_path, smtp, http):
    from tests.receivers import SmtpServer, free_port

    down = SmtpServer(free_port())  # not started: the email target refuses, its alert waits
    configure(tmp_path, down.url(), http.url())
    run("ingest", Q2, Q3, cwd=tmp_path)
    run("ingest", str(corrected(tmp_path)), cwd=tmp_path)
    # The JSON target had the first digest: it gets a follow-up. The email target had nothing yet:
    # its one pending alert now reports the corrected call, every change, without "Updated transcript".
    assert [body["callwatch"]["purpose"] for body in http.bodies] == ["call", "correction"]
    db = sqlite3.connect(tmp_path / "callwatch.db")
    assert db.execute("SELECT count(*), min(purpose) FROM alerts WHERE target_label LIKE 'mailto%' "
                      "AND status = 'pending'").fetchone() == (1, "call")
    db.close()


def test_a_failed_digest_retried_after_its_correction_s_follow_up_went_out_repeats_nothing(tmp_path, http):
    from tests.receivers import SmtpServer, free_port

    smtp = SmtpServer(free_port())  # not started yet: the first digest and the follow-up both fail
    configure(tmp_path, smtp.url(), http.url())
    config = tmp_path / "callwatch.toml"
    config.write_text("[alerts]\nmax_attempts = 1\n\n" + config.read_text())
    run("ingest", Q2, Q3, cwd=tmp_path)
    run("ingest", str(corrected(tmp_path)), cwd=tmp_path)
    db = sqlite3.connect(tmp_path / "callwatch.db")
    rows = db.execute("SELECT id, purpose, status FROM alerts WHERE target_label LIKE 'mailto%' ORDER BY id").fetchall()
    db.close()
    assert [(purpose, status) for _, purpose, status in rows] == [("call", "failed"), ("correction", "failed")]
    (digest, _, _), (follow_up, _, _) = rows
    smtp.start()
    try:
        assert run("alerts", "retry", str(follow_up), cwd=tmp_path).returncode == 0
        assert run("alerts", "retry", str(digest), cwd=tmp_path).returncode == 0
    finally:
        smtp.stop()
    bodies = [message.get_body(("plain", "html")).get_content() for message in smtp.messages]
    assert len(bodies) == 2
    assert "fell 20.2% to $190M" in bodies[0]
    # The digest still tells what the target never heard (the hold), but not what the follow-up sent.
    assert "New clinical hold at partner Allogene" in bodies[1]
    assert "fell 20.2% to $190M" not in bodies[1]
