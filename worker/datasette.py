"""Datasette metadata made from docs/schema.md: table and column descriptions, labels, canned queries.

docs/schema.md is the one description of the store: its `## \\`table\\`` sections give each table's
description and a `| \\`column\\` | type | meaning |` row per column; its "Questions analysts ask"
section gives the canned queries, one `### Title` and one ```sql block each. The package ships it
as `worker/schema.md` (a link to docs/schema.md in the repository), so an installed callwatch has it.
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

_TABLE = re.compile(r"^## `(?P<table>\w+)`\n(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
# "| `fiscal_year` | integer | fiscal year, or NULL |": the column name and the meaning after its type.
_COLUMN = re.compile(r"^\| `(?P<column>\w+)` \| [^|]+ \| (?P<meaning>.+?) \|\s*$", re.MULTILINE)
_QUERY = re.compile(r"^### (?P<title>.+?)\n(?P<text>.*?)```sql\n(?P<sql>.*?)```", re.MULTILINE | re.DOTALL)
# A foreign key shows the referenced row by this column instead of its id.
_LABELS = {"calls": "title", "alerts": "label"}


def schema_text() -> str:
    return files("worker").joinpath("schema.md").read_text(encoding="utf-8")


def canned_queries(schema: str) -> dict[str, dict[str, str]]:
    """The "Questions analysts ask" queries: a name (from the title) -> title, description, SQL."""
    start = schema.find("## Questions analysts ask")
    section = schema[start:] if start >= 0 else ""
    end = section.find("\n## ", 1)
    section = section if end < 0 else section[:end]
    queries = {}
    for match in _QUERY.finditer(section):
        name = re.sub(r"[^a-z0-9]+", "_", match["title"].lower()).strip("_")
        description = " ".join(line for line in match["text"].strip().splitlines() if not line.startswith("`"))
        queries[name] = {"title": match["title"], "sql": match["sql"].strip(),
                         **({"description": match["text"].strip()} if description else {})}
    return queries


def metadata(schema: str, *, database: str) -> dict[str, Any]:
    """Datasette metadata (its `-m` file, as a dict) for the database named `database`."""
    tables: dict[str, Any] = {}
    for match in _TABLE.finditer(schema):
        body = match["body"].strip()
        description = body.split("\n\n")[0].split("\n|")[0].strip()
        tables[match["table"]] = {
            "description": description,
            "columns": {m["column"]: m["meaning"].strip() for m in _COLUMN.finditer(body)},
            **({"label_column": _LABELS[match["table"]]} if match["table"] in _LABELS else {}),
        }
    return {
        "title": "callwatch",
        "description": "Key items, changes and alerts from earnings-call transcripts (docs/schema.md).",
        "databases": {database: {"tables": tables, "queries": canned_queries(schema)}},
    }
