"""The outbox on a real SQLite file: one row per call and target, backoff, give up, retry."""

import datetime as dt

import pytest

from alerts import outbox
from worker.store import Store

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.db.execute("INSERT INTO calls (id, format, source_path, sha256, ingested_at, updated_at) "
                         "VALUES (1, 'x', 'p', 's', 'now', 'now')")
        yield store.db


def test_one_alert_per_call_and_target_and_sent_is_never_reopened(db):
    outbox.enqueue(db, call_id=1, target="t1", label="email", change_ids=[1], now=T0)
    outbox.enqueue(db, call_id=1, target="t1", label="email", change_ids=[1, 2], now=T0)
    [alert] = outbox.due(db, now=T0)
    assert alert["change_ids"] == "[1, 2]"  # still pending: reports the latest changes
    outbox.mark_sent(db, alert["id"], now=T0)
    outbox.enqueue(db, call_id=1, target="t1", label="email", change_ids=[3], now=T0)
    assert outbox.due(db, now=T0 + dt.timedelta(days=1)) == []
    assert db["alerts"].get(alert["id"])["change_ids"] == "[1, 2]"


def test_backoff_doubles_then_gives_up(db):
    outbox.enqueue(db, call_id=1, target="t1", label="email", change_ids=[1], now=T0)
    [alert] = outbox.due(db, now=T0)
    waits = []
    for _ in range(3):
        alert = db["alerts"].get(alert["id"])
        status = outbox.mark_failed(db, alert, error="down", now=T0, max_attempts=3, backoff_seconds=30)
        waits.append(db["alerts"].get(alert["id"])["next_attempt_at"])
    assert waits == ["2026-01-01T12:00:30Z", "2026-01-01T12:01:00Z", "2026-01-01T12:02:00Z"]
    assert status == "failed"
    assert outbox.due(db, now=T0 + dt.timedelta(hours=1)) == []
    assert outbox.retry(db, now=T0) == 1
    assert [a["attempts"] for a in outbox.due(db, now=T0)] == [0]


def test_journal_reconciles_deliveries_a_crash_did_not_record(db, tmp_path):
    from alerts.dispatcher import dispatch
    from alerts.journal import Journal

    class Store:
        def __init__(self, db):
            self.db = db

        def write(self):
            return self.db.atomic()

    outbox.enqueue(db, call_id=1, target="t1", label="email", change_ids=[1], now=T0)
    [alert] = outbox.due(db, now=T0)
    journal = Journal(tmp_path / "c.db.delivered")
    journal.record(alert["id"])  # delivered, then killed before the database recorded it
    sent = []
    dispatch(Store(db), [], now=lambda: T0, max_attempts=3, backoff_seconds=1, journal=journal,
             sender=lambda *a, **k: sent.append(a))
    assert sent == []
    assert db["alerts"].get(alert["id"])["status"] == "sent"
    assert not journal.path.exists()


def test_journal_ignores_a_torn_last_line(tmp_path):
    from alerts.journal import Journal

    journal = Journal(tmp_path / "j")
    journal.path.write_text("3\n4\n1")
    assert journal.delivered() == {3, 4}


def before(path, migration):
    """A database as the release before `migration` left it, holding one call (id 1)."""
    from sqlite_utils import Database

    from worker.migrations import migrations

    old = Database(path)
    migrations.apply(old, stop_before=migration)
    old.execute("INSERT INTO calls (id, format, source_path, sha256, ingested_at, updated_at) "
                "VALUES (1, 'x', 'p', 's', 'now', 'now')")
    return old


def test_migration_0009_keeps_every_alert_and_allows_retired(tmp_path):
    old = before(tmp_path / "c.db", "0009_alerts_retired")
    # As the code of that release wrote it (today's outbox writes columns that schema lacks).
    old.execute("INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, created_at) "
                "VALUES (1, 't1', 'email', '[7]', 'pending', ?, ?)", [outbox.stamp(T0), outbox.stamp(T0)])
    old.conn.commit()
    old.close()
    with Store(tmp_path / "c.db") as store:
        [alert] = outbox.due(store.db, now=T0)
        assert (alert["id"], alert["change_ids"], alert["status"]) == (1, "[7]", "pending")
        outbox.retire(store.db, 1, reason="nothing left")
        assert store.db["alerts"].get(1)["status"] == "retired"
        assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alerts_due'").fetchone() == (1,)


def test_migration_0011_keeps_every_alert_and_fills_what_each_reported(tmp_path):
    old = before(tmp_path / "c.db", "0011_alerts_held_and_corrections")
    old.execute("INSERT INTO changes (id, call_id, ticker, kind, subject, change, rule, severity, summary, "
                "created_at) VALUES (7, 1, 'ZZZ', 'cash_position', NULL, 'changed', 'cash_fell', 'notable', "
                "'Cash fell 20%', 'now')")
    old.execute("INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, created_at, "
                "sent_at) VALUES (1, 't1', 'email', '[7]', 'sent', 'now', 'now', 'now')")
    old.conn.commit()
    old.close()
    with Store(tmp_path / "c.db") as store:
        alert = store.db["alerts"].get(1)
        assert (alert["status"], alert["purpose"], alert["held_until"]) == ("sent", "call", None)
        assert alert["reported"] == '[["cash_position",null,"changed","cash_fell","notable","Cash fell 20%"]]'
        assert outbox.told(store.db, call_id=1, target="t1") == {
            ("cash_position", None, "changed", "cash_fell", "notable", "Cash fell 20%")}


def change(id_, summary, severity="notable"):
    return {"id": id_, "kind": "cash_position", "subject": None, "change": "changed", "rule": "cash_fell",
            "severity": severity, "summary": summary}


def test_offer_queues_updates_then_follows_up_with_only_news(db):
    from alerts.schedule import Schedule, quiet_range
    from alerts.targets import Target

    target = Target("t1", "email", "mailto://x", (), Schedule(quiet=quiet_range("11:00-13:00")))
    assert outbox.offer(db, call_id=1, target=target, changes=[change(1, "Cash fell 20%")], now=T0) == ("queued", [1])
    [alert] = db.query("SELECT * FROM alerts")
    assert (alert["held_for"], alert["held_until"]) == ("quiet hours", "2026-01-01T13:00:00Z")  # 12:00 is quiet
    # Replaced before it went: the one pending alert reports the new changes, still held.
    assert outbox.offer(db, call_id=1, target=target, changes=[change(2, "Cash fell 20%"), change(3, "Hold", "info")],
                        now=T0) == ("updated", [2, 3])
    assert db["alerts"].count == 1
    outbox.mark_sent(db, alert["id"], now=T0)
    # After it went: nothing again for the same news, a follow-up for a changed summary only.
    assert outbox.offer(db, call_id=1, target=target, changes=[change(4, "Cash fell 20%")], now=T0) == ("told", [])
    assert outbox.offer(db, call_id=1, target=target, changes=[change(5, "Cash fell 20%"), change(6, "Cash fell 25%")],
                        now=T0) == ("follow-up", [6])
    [followup] = db.query("SELECT * FROM alerts WHERE purpose = 'correction'")
    assert followup["change_ids"] == "[6]" and followup["status"] == "pending"


def test_a_retired_alert_told_nothing(db):
    from alerts.targets import Target

    target = Target("t1", "email", "mailto://x", ())
    outbox.offer(db, call_id=1, target=target, changes=[change(1, "Cash fell 20%")], now=T0)
    outbox.retire(db, 1, reason="recomputed")
    assert outbox.told(db, call_id=1, target="t1") == set()
    assert outbox.offer(db, call_id=1, target=target, changes=[change(2, "Cash fell 20%")], now=T0) == (
        "follow-up", [2])


def test_migration_0011_that_fails_half_way_changes_nothing_and_applies_on_the_next_start(tmp_path):
    # A full disk (here: SQLite's page limit) met while the alerts table is rebuilt: the release
    # before's database must be left as it was, so the next start (disk freed) migrates it.
    import sqlite3

    from worker.migrations import migrations

    old = before(tmp_path / "c.db", "0011_alerts_held_and_corrections")
    for number in range(200):
        old.execute("INSERT INTO alerts (call_id, target, target_label, change_ids, status, next_attempt_at, "
                    "created_at, last_error) VALUES (1, ?, 'email', '[]', 'failed', 'now', 'now', ?)",
                    [f"t{number}", "x" * 2000])
    old.conn.commit()
    pages = old.execute("PRAGMA page_count").fetchone()[0]
    old.execute(f"PRAGMA max_page_count = {pages + 5}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        migrations.apply(old)
    assert old.execute("SELECT count(*) FROM alerts").fetchone() == (200,)
    assert "alerts_0011" not in old.table_names()
    assert "0011_alerts_held_and_corrections" not in {m.name for m in migrations.applied(old)}
    old.close()
    with Store(tmp_path / "c.db") as store:
        assert store.db.execute("SELECT count(*), min(purpose) FROM alerts").fetchone() == (200, "call")
