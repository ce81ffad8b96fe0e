"""The company report on real calls of the biopharma corpus, opened in headless Chromium: every chart drawn.

No call of the corpus states a cash runway, so the runway chart must draw the ends the calls' cash and
burn imply, marked as implied. Only the two companies' files are ingested, to keep the test short.
"""

import re
import shutil

import pytest

from tests.chromium import load, screenshot
from tests.conftest import corpus_folder
from tests.worker.test_cli import run

# LCI: three quarters of cash and two of net loss; MNTA: four calls, one with cash and a net loss.
COMPANIES = {"LCI": ("LCI_*.txt", 3), "MNTA": ("*_MNTA.txt", 4)}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report_corpus")
    calls = folder / "sentence_lists"  # the layout is told by the folder's name, as in the corpus
    calls.mkdir()
    for pattern, _ in COMPANIES.values():
        for path in (corpus_folder("biopharma") / "sentence_lists").glob(pattern):
            shutil.copy(path, calls / path.name)
    assert run("ingest", str(calls), cwd=folder).returncode == 0
    return folder


def charts_of(page: str) -> dict[str, str]:
    """Each chart's name and its HTML, as the page (or the DOM Chromium built from it) has them."""
    return dict(re.findall(r'<div class="chart" data-chart="(\w+)">(.*?)</div>(?=\s*<div class="chart"|\s*<h2>)',
                           page, re.S))


@pytest.mark.parametrize("ticker", sorted(COMPANIES))
def test_report_of_a_corpus_company_draws_every_chart(corpus_db, ticker):
    _, count = COMPANIES[ticker]
    result = run("report", ticker, "-o", f"{ticker}.html", cwd=corpus_db)
    assert result.returncode == 0 and f"wrote {ticker}.html ({count} calls)" in result.stdout
    url = (corpus_db / f"{ticker}.html").as_uri()
    dom, console = load(url)
    assert console == []
    charts = charts_of(dom)
    assert list(charts) == ["cash", "runway", "timeline"]
    for name, chart in charts.items():
        marks = re.findall(rf'id="mark-{name}-', chart)
        assert "<svg" in chart and marks, f"{ticker}: the {name} chart has no data drawn"
    # No call states a runway: what is drawn is implied, said so, with the burn it came from.
    assert 'id="mark-runway-implied"' in charts["runway"] and 'id="mark-runway-stated"' not in charts["runway"]
    assert "implied: cash ÷ quarterly burn (not said by the call)" in charts["runway"]
    assert "How each implied end was worked out (no call said these dates)" in charts["runway"]
    assert not re.search(r'(?:src|href)="(?:https?:)?//', dom) and "<script" not in dom
    screenshot(url, f"report_{ticker}.png")


def test_the_implied_runway_falls_for_lci_as_its_losses_grow(corpus_db):
    run("report", "LCI", "-o", "LCI.html", cwd=corpus_db)
    runway = charts_of((corpus_db / "LCI.html").read_text())["runway"]
    # $93M at June 30, 2021 / $7.4M net loss a quarter; $105M at September 30, 2021 / $10.6M.
    assert "37.7 months: 2024-08-20" in runway and "29.7 months: 2024-03-21" in runway
    assert "Net loss was $10.6 million" in runway
