"""Tables of plain cells as rich prints them, without rich's layout engine when the output is plain.

`callwatch calls` on the development corpus prints 358 rows: rich measured and rendered each of
its 2,864 cells and took 0.2 s, two thirds of what the command may take. When nothing rich does
can show (no colours, every cell plain text one column a character, no markup, the table narrower than the
console), the same characters are laid out here directly; anything else goes to rich as before.
tests/worker/test_cli_table.py checks both give the same text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console

# What rich would change in a cell: markup (`[bold]`), emoji codes (":smile:"), an escape (a backslash),
# white space other than a space, control characters.
_SPECIAL = re.compile(r"[\[\]:\\]|[^\S ]|[\x00-\x1f\x7f-\x9f]")


def _plain(cell: str) -> bool:
    """Whether rich prints `cell` as it is, one column a character (not "漢", not a combining accent)."""
    return not _SPECIAL.search(cell) and cell == cell.strip(" ") and cell_len(cell) == len(cell)


def print_table(console: Console, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print a table as `console.print(rich.table.Table(*headers, rows...))` does."""
    widths = [len(header) for header in headers]
    plain = console.color_system is None and all(map(_plain, headers))
    for row in rows if plain else ():
        if not all(map(_plain, row)):
            plain = False
            break
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    if not plain or sum(widths) + 3 * len(widths) + 1 > console.width:
        from rich.table import Table

        table = Table(*headers)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    lines = [_rule("┏", "━", "┳", "┓", widths), _cells("┃", headers, widths), _rule("┡", "━", "╇", "┩", widths)]
    lines.extend(_cells("│", row, widths) for row in rows)
    lines.append(_rule("└", "─", "┴", "┘", widths))
    console.file.write("\n".join(lines) + "\n")


def _rule(left: str, line: str, cross: str, right: str, widths: list[int]) -> str:
    return left + cross.join(line * (width + 2) for width in widths) + right


def _cells(edge: str, cells: Sequence[str], widths: list[int]) -> str:
    return edge + edge.join(f" {cell:<{width}} " for cell, width in zip(cells, widths, strict=True)) + edge
