"""`[ingest.tickers]`: a ticker for a file that names its company but states none."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from handlers.transcript import Transcript, Turn
from tests.conftest import corpus_folder
from worker.cli import cli
from worker.errors import ConfigError
from worker.settings import load_settings
from worker.tickers import company_key, ticker_table, with_ticker

CAPITAL_IQ = "Q3 2022 AG Mortgage Investment Trust Inc Earnings Call.txt"


@pytest.mark.parametrize(("name", "key"), [
    ("AG Mortgage Investment Trust, Inc.", "ag mortgage investment trust"),
    ("AG MORTGAGE INVESTMENT TRUST", "ag mortgage investment trust"),
    ("The Agree Realty Corporation", "agree realty"),
    ("Alexander & Baldwin, Inc.", "alexander & baldwin"),
    ("Broadstone Net Lease, Inc.", "broadstone net lease"),
    ("Acme Holdings Co. Ltd.", "acme"),
    ("AG", "ag"),  # a legal form alone is a name, not nothing
])
def test_company_key(name, key):
    assert company_key(name) == key


def _call(**fields) -> Transcript:
    return Transcript(format="capitaliq", turns=(Turn(speaker="Operator", text="Welcome.", section="presentation"),),
                      fiscal_year=2022, fiscal_quarter=3, **fields)


def test_a_named_company_gets_its_ticker_and_becomes_comparable():
    call = with_ticker(_call(company="AG Mortgage Investment Trust, Inc."),
                       ticker_table({"AG Mortgage Investment Trust": "mitt"}))
    assert (call.ticker, call.comparable) == ("MITT", True)


def test_the_ticker_a_file_states_wins():
    call = with_ticker(_call(company="Cellectis S.A.", ticker="CLLS"), ticker_table({"Cellectis": "XXX"}))
    assert call.ticker == "CLLS"


def test_another_company_or_no_company_gets_nothing():
    table = ticker_table({"AG Mortgage Investment Trust": "MITT"})
    assert with_ticker(_call(company="AGNC Investment Corp."), table).ticker is None
    assert with_ticker(_call(), table).ticker is None


@pytest.mark.parametrize(("table", "expected"), [
    ('{ "Acme" = "not a ticker" }', 'a ticker such as "MITT"'),
    ('{ "Acme" = "ABCDEFGHIJK" }', 'a ticker such as "MITT"'),
    ('{ " , " = "ACME" }', "a company name for each ticker"),
    ('{ "Acme Inc" = "ACME", "ACME" = "ACM" }', "one ticker per company"),
])
def test_bad_tables_are_config_errors_naming_the_key(tmp_path, table, expected):
    config = tmp_path / "callwatch.toml"
    config.write_text(f"[ingest]\ntickers = {table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    assert "ingest.tickers" in str(raised.value)
    assert expected in str(raised.value)


def test_a_good_table_loads(tmp_path):
    config = tmp_path / "callwatch.toml"
    config.write_text('[ingest.tickers]\n"AG Mortgage Investment Trust" = "MITT"\n', encoding="utf-8")
    assert load_settings(config).ingest.tickers == {"AG Mortgage Investment Trust": "MITT"}


def _ingest(tmp_path: Path, config_text: str) -> tuple[object, list[dict]]:
    path = corpus_folder("capitaliq_txt") / CAPITAL_IQ
    config = tmp_path / "callwatch.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "c.db"}"\n{config_text}', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config), "ingest", str(path)])
    calls = json.loads(runner.invoke(cli, ["--config", str(config), "calls", "--json"]).output)
    return result, calls


def test_a_capital_iq_call_is_stored_with_the_configured_ticker(tmp_path):
    result, calls = _ingest(tmp_path, '[ingest.tickers]\n"AG Mortgage Investment Trust" = "MITT"\n')
    assert result.exit_code == 0, result.output
    assert [(call["ticker"], call["fiscal_year"], call["fiscal_quarter"]) for call in calls] == [("MITT", 2022, 3)]
    assert "without ticker" not in result.output
    assert "not comparable" not in result.output


def test_without_the_table_the_summary_says_how_to_compare_such_calls(tmp_path):
    result, calls = _ingest(tmp_path, "")
    assert [call["ticker"] for call in calls] == [None]
    assert "1 without ticker (name their companies in [ingest.tickers] to compare them)" in result.output
