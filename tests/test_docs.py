"""The documentation matches the code: every table and column in docs/schema.md, README commands."""

import re

from tests.conftest import ROOT
from worker.store import Store


def test_every_table_and_column_is_documented(tmp_path):
    schema_doc = (ROOT / "docs" / "schema.md").read_text()
    with Store(tmp_path / "c.db") as store:
        tables = [t for t in store.db.table_names() if not t.startswith(("_", "segments_fts"))]
        assert tables
        for table in tables:
            section = re.search(rf"^## `{table}`\n(.*?)(?=^## |\Z)", schema_doc, re.MULTILINE | re.DOTALL)
            assert section, f"table {table} is not documented in docs/schema.md"
            for column in store.db[table].columns_dict:
                assert f"| `{column}` |" in section[1], f"{table}.{column} is not documented"


def test_readme_first_screen_has_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    first_screen = "\n".join(readme.splitlines()[:40])
    commands = re.findall(r"^python3 -m venv .*$", first_screen, re.MULTILINE)
    assert len(commands) == 2
    assert "callwatch ingest seeds/" in commands[0]
    assert commands[1].endswith(".venv/bin/pytest")
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci
