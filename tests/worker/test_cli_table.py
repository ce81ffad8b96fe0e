"""`print_table` prints exactly what rich's `Table` prints, quicker when the cells are plain."""

import io
import random

import pytest
from rich.console import Console
from rich.table import Table

from worker import cli_table
from worker.cli_table import print_table

HEADERS = ("id", "ticker", "period", "call date", "company", "format", "turns", "people")


def _console(*, width=200, colour=False):
    return Console(file=io.StringIO(), highlight=False, soft_wrap=True, width=width,
                   force_terminal=colour, color_system="truecolor" if colour else None)


def _both(headers, rows, **console):
    ours, theirs = _console(**console), _console(**console)
    print_table(ours, headers, rows)
    table = Table(*headers)
    for row in rows:
        table.add_row(*row)
    theirs.print(table)
    return ours.file.getvalue(), theirs.file.getvalue()


def _rows(seed, alphabet, count=40):
    rng = random.Random(seed)
    return [tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))).strip(" ") for _ in HEADERS)
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(30))
def test_plain_cells_come_out_as_rich_prints_them(seed, monkeypatch):
    rows = _rows(seed, "abcXYZ019 .,&'()/-?$%’é—×")
    rich_used = []
    monkeypatch.setattr(cli_table, "_rule", lambda *a, _rule=cli_table._rule: rich_used.append(0) or _rule(*a))
    ours, theirs = _both(HEADERS, rows)
    assert ours == theirs
    assert rich_used  # laid out here, not by rich (the case that is quicker)


@pytest.mark.parametrize("alphabet", ["ab[]c", "ab:c", "aé漢b", "a\\b", "a  b\t", "[bold]x", "e\u0301", "a\u00a0b",
                                      "x\u200by", "😀a"])
def test_cells_rich_would_change_go_to_rich(alphabet):
    ours, theirs = _both(HEADERS, _rows(1, alphabet))
    assert ours == theirs


def test_a_table_wider_than_the_console_is_wrapped_by_rich():
    rows = [("1", "X" * 60, "2021Q3", "?", "Y" * 70, "flat_txt", "3", "4")]
    ours, theirs = _both(HEADERS, rows, width=120)
    assert ours == theirs
    assert max(len(line) for line in ours.splitlines()) <= 120


def test_colours_go_to_rich():
    ours, theirs = _both(HEADERS, [("1", "CLLS", "2021Q3", "2021-11-05", "Cellectis SA", "motley_fool_txt", "9", "8")],
                         colour=True)
    assert ours == theirs
    assert "\x1b[" in ours


def test_no_rows():
    assert _both(HEADERS, [])[0] == _both(HEADERS, [])[1]
