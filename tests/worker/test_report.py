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


def item(call_id, kind, subject, amount=None, end=None, status=None, quote="We said so."):
    return {"call_id": call_id, "kind": kind, "subject": subject, "amount": amount, "date_start": None,
            "date_end": end, "status": status, "quote": quote, "confidence": 0.9, "attributes": "{}"}


def test_three_charts_with_data_and_none_fetched():
    items = [item(1, "cash_position", "consolidated", 257e6), item(2, "cash_position", "consolidated", 216e6),
             item(1, "cash_runway", None, end="2023-04-30"), item(2, "cash_runway", None, end="2022-12-31"),
             item(2, "clinical_hold", "ACM101", status="placed")]
    page = render(data(items), generated=NOW)
    assert page.count("<svg") == 3 and "No cash figures" not in page
    assert "$257M" in page and "2022-12-31" in page  # bar labels and the runway end annotated
    assert "<script" not in page and not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_empty_charts_say_why():
    page = render(data(), generated=NOW)
    assert page.count("<svg") == 0
    assert "No cash figures in the stored calls." in page and "No call stated a cash runway." in page


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
