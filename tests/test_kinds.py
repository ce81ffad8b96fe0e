"""Everything that lists kinds reads the registry; a ported kind's name is written in its two files only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from alerts.changes import COMPARED_KINDS
from alerts.rules import RULES
from alerts.severity import DEFAULTS
from handlers.extractors.kinds import TABLES
from handlers.extractors.registry import NAMES
from worker.cli import cli
from worker.settings import AlertSettings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("handlers", "alerts", "worker", "bench")
# The kinds written as tables. The others (regulatory_filing, trial_status, partnership, financing,
# financial_metric) follow when they are ported.
PORTED = tuple(kind.name for kind in TABLES)


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings (where a name is data, not prose)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_a_ported_kind_is_named_only_in_its_table_and_its_rules():
    allowed = {name: {Path("handlers/extractors/kinds", f"{name}.py"), Path("alerts/rules", f"{name}.py")}
               for name in PORTED}
    names = re.compile(r"\b(?:" + "|".join(PORTED) + r")\b")
    found = [f"{path}:{line}: {said!r}" for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             for line, value in _strings(path) for said in names.findall(value)
             if path.relative_to(ROOT) not in allowed[said]]
    assert found == []


def test_the_scan_finds_a_kind_named_as_data(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""A docstring may say clinical_hold."""\nKIND = "clinical_hold"\n')
    assert _strings(module) == [(2, "clinical_hold")]


def test_every_table_has_its_rules_and_the_differ_compares_it():
    assert set(RULES) == set(PORTED)
    assert set(PORTED) <= set(COMPARED_KINDS)
    assert {rule for rules in RULES.values() for rule in rules.severities} <= set(DEFAULTS)


def test_the_cli_offers_every_kind_the_registry_lists():
    result = CliRunner().invoke(cli, ["items", "--help"])
    assert result.exit_code == 0
    offered = re.search(r"\[([a-z_|]+)\]", result.output.replace("\n", "").replace(" ", ""))
    assert offered and tuple(offered.group(1).split("|")) == NAMES


def test_settings_know_the_severity_rules_of_the_kinds_tables():
    for rules in RULES.values():
        for rule in rules.severities:
            assert AlertSettings(severity={rule: "info"}).severity == {rule: "info"}


def test_the_readme_lists_every_kind_once_in_its_key_items_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Key items", 1)[1].split("```", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    listed = [name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    assert sorted(listed) == sorted(NAMES)
