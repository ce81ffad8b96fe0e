"""The two seed calls ingested into a real SQLite file, and the message each kind of target gets for Q3."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pydantic import SecretStr

from alerts.message import Message, compose
from alerts.targets import Target, targets_from
from tests.conftest import SEEDS
from worker.comparison import decoded, route_call
from worker.pipeline import ingest_file
from worker.settings import AlertSettings
from worker.store import Store

SLACK = "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#analysts"


def target(url: str) -> Target:
    return targets_from([SimpleNamespace(url=SecretStr(url), tags=[], name=None)])[0]


def seeded(folder: Path, settings: AlertSettings | None = None) -> Store:
    """A store with the seeds' Q2 and Q3 calls (Q3 compared with Q2)."""
    store = Store(folder / "callwatch.db")
    for name in ("CLLS_2021_Q2.txt", "CLLS_2021_Q3.txt"):
        ingest_file(store, SEEDS / name, max_bytes=10**8, alerts=settings or AlertSettings())
    return store


def q3_message(store: Store, url: str, settings: AlertSettings | None = None) -> Message:
    """The Q3 digest for a target, routed as the default rules route it."""
    chosen = target(url)
    call = next(store.db.query("SELECT * FROM calls WHERE fiscal_quarter = 3"))
    rows = [decoded(row) for row in store.db.query("SELECT * FROM changes WHERE call_id = ?", [call["id"]])]
    _, routed = route_call(call, rows, AlertSettings(targets=[{"url": url}]) if settings is None else settings)
    return compose(store.db, call_id=call["id"], change_ids=routed[chosen.id], target=chosen, templates_dir=None)
