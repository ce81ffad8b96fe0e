"""The dispatcher on a real SQLite file: one bad alert is recorded on that alert and the pass goes on."""

import datetime as dt

from alerts import outbox
from alerts.dispatcher import dispatch
from alerts.journal import Journal
from alerts.targets import Target
from worker.store import Store

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def test_an_alert_that_breaks_rendering_or_sending_holds_back_no_other(tmp_path):
    target = Target(id="t1", label="json #1 (json)", url="json://127.0.0.1:9/hook", tags=())
    with Store(tmp_path / "c.db") as store:
        db = store.db
        for call in (1, 2, 3):
            db.execute("INSERT INTO calls (id, ticker, fiscal_year, fiscal_quarter, format, source_path, sha256, "
                       "ingested_at, updated_at) VALUES (?, 'ZZZ', 2021, ?, 'x', 'p', ?, 'now', 'now')",
                       [call, call, f"s{call}"])
            db.execute("INSERT INTO changes (id, call_id, ticker, kind, change, rule, severity, summary, figures, "
                       "alerted, created_at) VALUES (?, ?, 'ZZZ', 'cash_position', 'changed', 'cash_fell', "
                       "'critical', ?, '{}', 1, 'now')", [call, call, f"Cash fell in Q{call}"])
            outbox.enqueue(db, call_id=call, target=target.id, label=target.label, change_ids=[call], now=T0)
        sent = []

        def sender(target, *, title, body, key, **_):
            if "Q2" in title:
                raise RuntimeError("a bug in a plugin")
            sent.append(title)

        deliveries = dispatch(store, [target], now=lambda: T0, max_attempts=3, backoff_seconds=1,
                              journal=Journal(tmp_path / "j"), sender=sender)
        assert sent == ["ZZZ Q1 2021: Cash fell in Q1", "ZZZ Q3 2021: Cash fell in Q3"]
        assert [d.status for d in deliveries] == ["sent", "pending", "sent"]
        row = db.execute("SELECT status, attempts, last_error FROM alerts WHERE call_id = 2").fetchone()
        assert row[:2] == ("pending", 1) and "RuntimeError: a bug in a plugin" in row[2]


def test_a_failed_alert_is_not_retried_during_the_target_s_quiet_hours(tmp_path):
    from alerts.schedule import Schedule, quiet_range

    quiet = Target("t1", "email", "mailto://x", (), Schedule(quiet=quiet_range("11:00-13:00")))
    morning, noon, one = (T0.replace(hour=hour) for hour in (10, 12, 13))
    with Store(tmp_path / "c.db") as store:
        db = store.db
        db.execute("INSERT INTO calls (id, ticker, fiscal_year, fiscal_quarter, format, source_path, sha256, "
                   "ingested_at, updated_at) VALUES (1, 'ZZZ', 2021, 1, 'x', 'p', 's1', 'now', 'now')")
        db.execute("INSERT INTO changes (id, call_id, ticker, kind, change, rule, severity, summary, figures, "
                   "alerted, created_at) VALUES (1, 1, 'ZZZ', 'cash_position', 'changed', 'cash_fell', 'notable', "
                   "'Cash fell 20%', '{}', 1, 'now')")
        change = next(db.query("SELECT * FROM changes"))
        assert outbox.offer(db, call_id=1, target=quiet, changes=[change], now=morning) == ("queued", [1])
        sent, attempts = [], []

        def sender(target, *, title, **_):
            attempts.append(title)
            if len(attempts) == 1:
                raise RuntimeError("the mail server is down")
            sent.append(title)

        dispatch(store, [quiet], now=lambda: morning, max_attempts=5, backoff_seconds=1,
                 journal=Journal(tmp_path / "j"), sender=sender)
        assert (attempts, sent) == (["ZZZ Q1 2021: Cash fell 20%"], [])  # failed at 10:00, out of quiet hours
        dispatch(store, [quiet], now=lambda: noon, max_attempts=5, backoff_seconds=1,
                 journal=Journal(tmp_path / "j"), sender=sender)
        assert sent == []  # its retry was due at 10:00:01, but 12:00 is quiet: it waits
        assert next(db.query("SELECT held_until, held_for FROM alerts")) == {
            "held_until": "2026-01-01T13:00:00Z", "held_for": "quiet hours"}
        dispatch(store, [quiet], now=lambda: one, max_attempts=5, backoff_seconds=1,
                 journal=Journal(tmp_path / "j"), sender=sender)
        assert sent == ["ZZZ Q1 2021: Cash fell 20%"]
