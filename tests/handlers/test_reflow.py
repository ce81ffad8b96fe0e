"""White space tidied line by line, as every text handler reads its lines."""

import pytest

from handlers.reflow import tidy


@pytest.mark.parametrize(("line", "tidied"), [
    ("Prepared Remarks:", "Prepared Remarks:"),
    ("  Cash was $238 million.  ", "Cash was $238 million."),
    ("Cash\twas\u00a0$238   million.", "Cash was $238 million."),
    ("Jane Doe\u2028-- CFO", "Jane Doe -- CFO"),
    ("soft\u00adhyphen stays", "soft\u00adhyphen stays"),  # not printable, yet no white space to collapse
    ("", ""),
    (" \u00a0 ", ""),
])
def test_tidy_collapses_white_space_and_strips_ends(line, tidied):
    assert tidy(line) == tidied == " ".join(line.split())
