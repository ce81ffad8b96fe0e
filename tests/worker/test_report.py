"""The company report: charts drawn, text escaped, nothing fetched; opened in a real (headless) Chromium."""

import datetime as dt
import re

from tests.chromium import load, screenshot
from tests.conftest import SEEDS
from tests.worker.test_cli import run
from worker.catalysts import catalysts
from worker.report import ReportData, render

NOW = dt.datetime(2022, 1, 15, 12, 0)


def data(items=(), changes=()):
    calls = [{"id": 1, "ticker": "ACME", "company": "Acme Bio", "fiscal_year": 2021, "fiscal_quarter": 2,
              "call_date": "2021-08-06"},
             {"id": 2, "ticker": "ACME", "company": "Acme Bio", "fiscal_year": 2021, "fiscal_quarter": 3,
              "call_date": "2021-11-05"}]
    items = list(items)
    return ReportData("ACME", "Acme Bio", calls, items, list(changes), catalysts(calls, items, today=NOW.date()))


def item(call_id, kind, subject, amount=None, end=None, status=None, quote="We said so.", period=None):
    return {"call_id": call_id, "kind": kind, "subject": subject, "amount": amount, "date_start": None,
            "date_end": end, "status": status, "quote": quote, "confidence": 0.9, "attributes": "{}",
            "text_value": period, "currency": "USD"}


def test_three_charts_with_data_and_none_fetched():
    items = [item(1, "cash_position", "consolidated", 257e6), item(2, "cash_position", "consolidated", 216e6),
             item(1, "cash_runway", None, end="2023-04-30"), item(2, "cash_runway", None, end="2022-12-31"),
             item(2, "clinical_hold", "ACM101", status="placed")]
    page = render(data(items), generated=NOW)
    assert page.count("<svg") == 3 and "No call gives a cash figure" not in page
    assert "$257M" in page and "Dec 2022" in page  # bar labels and the runway end annotated
    assert 'id="mark-runway-stated"' in page and 'id="mark-runway-implied"' not in page
    assert "<script" not in page and not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_where_no_runway_is_stated_the_implied_end_is_drawn_as_such():
    items = [item(1, "cash_position", "consolidated", 120e6), item(2, "cash_position", "consolidated", 100e6),
             item(2, "financial_metric", "net loss", 20e6, period="third quarter",
                  quote="Net loss for the third quarter was $20 million.")]
    page = render(data(items), generated=NOW)
    assert 'id="mark-runway-implied"' in page and 'id="mark-runway-stated"' not in page
    assert "implied: cash ÷ quarterly burn (not said by the call)" in page
    # Q2: no loss stated, and no earlier call to see cash fall from; Q3: $100M / $20M a quarter from September 30.
    assert page.count("months: 20") == 1 and "15 months: 2022-12-30" in page
    assert "net loss (third quarter)" in page and "Net loss for the third quarter was $20 million." in page


def test_a_stated_runway_is_drawn_rather_than_the_implied_one_at_the_same_call():
    items = [item(2, "cash_position", "consolidated", 100e6), item(2, "financial_metric", "net loss", 20e6,
                                                                   period="third quarter"),
             item(2, "cash_runway", None, end="2023-06-30")]
    page = render(data(items), generated=NOW)
    assert 'id="mark-runway-stated"' in page and 'id="mark-runway-implied"' not in page


def test_empty_charts_say_why():
    page = render(data(), generated=NOW)
    assert page.count("<svg") == 0
    assert "No call gives a cash figure, so there is no cash to chart." in page
    assert "No call states a cash runway, and no call gives a cash figure to work one out from." in page
    assert "None of the 2 calls names any of: clinical holds, filings, approvals" in page
    profitable = render(data([item(1, "cash_position", "consolidated", 3e9),
                              item(2, "cash_position", "consolidated", 2e9)]), generated=NOW)
    assert profitable.count("<svg") == 1  # cash only: a fall in cash is not burn without a loss
    assert "2 of 2 calls give cash but none a burn to divide it by" in profitable


def test_a_break_between_calls_is_shown_not_hidden():
    calls = [{"id": 1, "ticker": "ACME", "company": None, "fiscal_year": 2021, "fiscal_quarter": 3},
             {"id": 2, "ticker": "ACME", "company": None, "fiscal_year": 2024, "fiscal_quarter": 4}]
    items = [item(1, "cash_position", "consolidated", 2e9), item(2, "cash_position", "consolidated", 3e9)]
    page = render(ReportData("ACME", None, calls, items, [], []), generated=NOW)
    assert "39 months" in page and "without a figure" in page and "<h1>ACME</h1>" in page


def test_transcript_text_is_escaped():
    change = {"call_id": 2, "severity": "critical", "summary": "New hold <b>", "before_quote": None,
              "after_quote": "<script>alert(1)</script> & more"}
    page = render(data(changes=[change]), generated=NOW)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_report_opens_in_chromium_with_every_chart_drawn(tmp_path):
    assert run("ingest", str(SEEDS), cwd=tmp_path).returncode == 0
    result = run("report", "clls", "-o", "out/CLLS.html", cwd=tmp_path)
    assert result.returncode == 0 and "wrote out/CLLS.html (2 calls)" in result.stdout
    url = (tmp_path / "out" / "CLLS.html").as_uri()
    dom, console = load(url)
    assert console == []
    charts = re.findall(r'<div class="chart" data-chart="(\w+)"><svg', dom)
    assert charts == ["cash", "runway", "timeline"]
    assert 'id="mark-runway-stated"' in dom and "Apr 2023" in dom and "“early 2023”" in dom  # said at both calls
    assert "Cash (excluding Calyxt) fell 15.5% to $201M (from $238M)" in dom
    screenshot(url, "report_CLLS.png")


def test_console_errors_are_seen(tmp_path):
    # The check above could pass by never seeing anything: a page that logs an error must be caught.
    page = tmp_path / "bad.html"
    page.write_text('<html><body><script>console.error("broken chart")</script></body></html>')
    _, console = load(page.as_uri())
    assert any("broken chart" in line for line in console)


def test_unknown_ticker(tmp_path):
    from worker.store import Store

    Store(tmp_path / "callwatch.db").close()  # a database, without that company
    result = run("report", "NOPE", cwd=tmp_path)
    assert result.returncode == 2 and "no calls stored for ticker NOPE" in result.stderr
