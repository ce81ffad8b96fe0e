"""Rows as CSV, the one way every command that lists rows writes them (`--format csv`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any


def to_csv(rows: Iterable[Mapping[str, Any]], fields: Iterable[str]) -> str:
    """A header line and one line per row; lists and dicts are written as JSON, None as empty."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: json.dumps(value) if isinstance(value, (list, dict)) else value
                         for key, value in row.items()})
    return buffer.getvalue()
