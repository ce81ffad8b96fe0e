"""Settings: defaults, TOML file, environment overrides, and clear errors that never show secrets."""

import datetime as dt
import tomllib
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.conftest import ROOT
from worker.errors import ConfigError, ConfigFileMissing
from worker.settings import Settings, load_settings

EXAMPLE = ROOT / "config.example.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file():
    settings = load_settings()
    assert settings.database.path == Path("callwatch.db")
    assert settings.watch.paths == [Path("inbox")]
    assert settings.ingest.max_file_mb == 20.0
    assert settings.alerts.targets == []


def test_the_defaults_read_only_commands_use_unconfigured_are_the_settings_defaults():
    # `callwatch calls` and `status` with nothing configured take these without loading pydantic.
    from worker.context import DEFAULT_DATABASE, DEFAULT_HEARTBEAT_SECONDS

    settings = Settings()
    assert settings.database.path == DEFAULT_DATABASE
    assert settings.service.heartbeat_seconds == DEFAULT_HEARTBEAT_SECONDS


def test_example_config_loads_and_matches_defaults():
    settings = load_settings(EXAMPLE)
    assert settings.database.path == Path("callwatch.db")
    assert [t.tags for t in settings.alerts.targets] == [["email"]]


def test_every_setting_is_in_the_example_config():
    example = tomllib.loads(EXAMPLE.read_text())

    def check(model: type[BaseModel], node: dict, prefix: str) -> None:
        for name, field in model.model_fields.items():
            key = f"{prefix}{name}"
            commented = f"# {name} = " in EXAMPLE.read_text()  # optional paths are shown commented out
            assert name in node or commented, f"{key} is missing from config.example.toml"
            annotation = field.annotation
            inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel) and name in node:
                value = node[name]
                # A list of tables: every key must appear in at least one of them.
                merged = {k: v for table in value for k, v in table.items()} if isinstance(value, list) else value
                check(inner, merged, f"{key}.")

    check(Settings, example, "")


def test_file_found_in_working_directory(tmp_path):
    write(tmp_path / "callwatch.toml", '[database]\npath = "here.db"\n')
    assert load_settings().database.path == Path("here.db")


def test_env_names_the_file_and_env_overrides_file(tmp_path, monkeypatch):
    config = write(tmp_path / "elsewhere.toml", '[database]\npath = "file.db"\n[watch]\npaths = ["a"]\n')
    monkeypatch.setenv("CALLWATCH_CONFIG", str(config))
    assert load_settings().database.path == Path("file.db")
    monkeypatch.setenv("CALLWATCH_DATABASE__PATH", "env.db")
    monkeypatch.setenv("CALLWATCH_WATCH__PATHS", '["x", "y"]')
    settings = load_settings()
    assert settings.database.path == Path("env.db")
    assert settings.watch.paths == [Path("x"), Path("y")]


def test_explicit_file_beats_env_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CALLWATCH_CONFIG", str(write(tmp_path / "a.toml", '[database]\npath = "a.db"\n')))
    assert load_settings(write(tmp_path / "b.toml", '[database]\npath = "b.db"\n')).database.path == Path("b.db")


@pytest.mark.parametrize("via_env", [False, True])
def test_named_file_that_does_not_exist(tmp_path, monkeypatch, via_env):
    missing = tmp_path / "nope.toml"
    if via_env:
        monkeypatch.setenv("CALLWATCH_CONFIG", str(missing))
    with pytest.raises(ConfigFileMissing) as caught:
        load_settings(None if via_env else missing)
    assert str(missing) in str(caught.value)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("toml", "key", "shown", "expected"),
    [
        ('[database]\npaht = "x.db"\n', "database.paht", "'x.db'", "not a known setting"),
        ('[ingest]\nmax_file_mb = "lots"\n', "ingest.max_file_mb", "'lots'", "valid number"),
        ("[ingest]\nmax_file_mb = -1\n", "ingest.max_file_mb", "-1", "greater than 0"),
        ('[watch]\npaths = "inbox"\n', "watch.paths", "'inbox'", "valid list"),
        ("[colour]\nx = 1\n", "colour", "{'x': 1}", "not a known setting"),
    ],
)
def test_invalid_value_names_key_value_and_expectation(tmp_path, toml, key, shown, expected):
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path / "c.toml", toml))
    message = str(caught.value)
    assert f"{key} = {shown}: " in message
    assert expected in message


def test_not_toml(tmp_path):
    with pytest.raises(ConfigError, match="valid TOML"):
        load_settings(write(tmp_path / "c.toml", "[database\npath = 1\n"))


def test_bad_alert_url_is_reported_without_the_secret(tmp_path):
    toml = '[[alerts.targets]]\nurl = "nosuchscheme://user:hunter2@example.org"\n'
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path / "c.toml", toml))
    message = str(caught.value)
    assert "alerts.targets.0.url = ***" in message
    assert "hunter2" not in message


def test_alert_url_is_secret_in_repr(tmp_path):
    toml = '[[alerts.targets]]\nurl = "mailto://user:hunter2@example.org?to=a@example.org"\n'
    settings = load_settings(write(tmp_path / "c.toml", toml))
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings.model_dump())
    assert "hunter2" in settings.alerts.targets[0].url.get_secret_value()


@pytest.mark.parametrize(
    ("keys", "shown", "expected"),
    [
        ('quiet_hours = "22:00-25:00"', "alerts.targets.0.quiet_hours = '22:00-25:00'", '"22:00-07:00"'),
        ('quiet_hours = "22:00"', "alerts.targets.0.quiet_hours = '22:00'", "a range of two different times"),
        ('timezone = "America/Gotham"', "alerts.targets.0.timezone = 'America/Gotham'", "IANA"),
        ('daily_at = "6pm"', "alerts.targets.0.daily_at = '6pm'", '"18:00"'),
        ('cadence = "hourly"', "alerts.targets.0.cadence = 'hourly'", "'immediate' or 'daily'"),
    ],
)
def test_a_bad_schedule_is_a_clear_config_error_with_exit_2(tmp_path, keys, shown, expected):
    from tests.worker.test_cli import run

    write(tmp_path / "callwatch.toml", f'[[alerts.targets]]\nurl = "json://127.0.0.1:9/hook"\n{keys}\n')
    result = run("run", "--once", cwd=tmp_path)
    assert result.returncode == 2
    assert shown in result.stderr and expected in result.stderr
    assert "127.0.0.1:9" not in result.stderr  # the URL stays secret


def test_a_schedule_loads_into_the_target(tmp_path):
    from alerts.targets import targets_from

    toml = ('[[alerts.targets]]\nurl = "json://127.0.0.1:9/hook"\nquiet_hours = "22:00-07:00"\n'
            'timezone = "America/New_York"\ncritical_at_once = false\ncadence = "daily"\ndaily_at = "17:30"\n')
    [target] = targets_from(load_settings(write(tmp_path / "c.toml", toml)).alerts.targets)
    schedule = target.schedule
    assert (str(schedule.zone), schedule.critical_at_once, schedule.cadence) == ("America/New_York", False, "daily")
    assert (schedule.quiet, schedule.daily_at) == ((dt.time(22), dt.time(7)), dt.time(17, 30))
