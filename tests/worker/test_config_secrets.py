"""No secret in any output: every way a configuration can be invalid while it holds an alert URL
with a password or token exits 2, names what is wrong, and never shows the secret.

The table runs through click's CliRunner (a process adds nothing to how a message is built); a few
rows run as real `callwatch` processes, service and JSON logs included."""

import logging

import pytest
from click.testing import CliRunner

from tests.worker.test_cli import run
from worker.cli import cli

SECRET = "s3cretPW42"
URL = f"mailto://user:{SECRET}@example.org?to=a@example.org"
TARGETS = "CALLWATCH_ALERTS__TARGETS"

# (name, callwatch.toml, environment, what the message must say)
VARIANTS = [
    ("TOML syntax on the URL's line", f'[[alerts.targets]]\nurl = "{URL}\n', {}, "valid TOML"),
    ("TOML syntax after the URL", f'[[alerts.targets]]\nurl = "{URL}"\ntags = [email\n', {}, "valid TOML"),
    ("the URL twice", f'[[alerts.targets]]\nurl = "{URL}"\nurl = "{URL}"\n', {}, "valid TOML"),
    ("tags of the wrong type beside it", f'[[alerts.targets]]\nurl = "{URL}"\ntags = "email"\n', {},
     "alerts.targets.0.tags = 'email': Input should be a valid list"),
    ("a name of the wrong type beside it", f'[[alerts.targets]]\nurl = "{URL}"\nname = 5\n', {},
     "alerts.targets.0.name = 5: Input should be a valid string"),
    ("targets as one table", f'[alerts.targets]\nurl = "{URL}"\n', {},
     "alerts.targets = ***: Input should be a valid list"),
    ("targets as a list of URLs", f'[alerts]\ntargets = ["{URL}"]\n', {}, "alerts.targets.0 = ***: Input should be"),
    ("alerts as a URL", f'alerts = "{URL}"\n', {}, "alerts = ***: Input should be"),
    ("an unknown key beside it", f'[[alerts.targets]]\nurl = "{URL}"\ntag = ["x"]\n', {},
     "alerts.targets.0.tag = ***: not a known setting"),
    ("an unknown key holding it", f'[[alerts.targets]]\nuri = "{URL}"\n', {},
     "alerts.targets.0.uri = ***: not a known"),
    ("a misspelt table", f'[[alerts.target]]\nurl = "{URL}"\n', {}, "alerts.target = ***: not a known setting"),
    ("an unknown scheme", f'[[alerts.targets]]\nurl = "nosuch://user:{SECRET}@example.org"\n', {},
     "alerts.targets.0.url = ***: an apprise URL that apprise can load"),
    ("port 99999", f'[[alerts.targets]]\nurl = "mailto://user:{SECRET}@example.org:99999?to=a@example.org"\n'
     'tags = ["email"]\n', {},
     "alerts.targets.0.url = ***: a port from 1 to 65535 (target mailto #1 (email) has 99999)"),
    ("port 0", f'[[alerts.targets]]\nurl = "json://127.0.0.1:0/{SECRET}"\n', {},
     "alerts.targets.0.url = ***: a port from 1 to 65535 (target json #1 has 0)"),
    ("a port that is not a number", f'[[alerts.targets]]\nurl = "json://127.0.0.1:{SECRET}/x"\n', {},
     "alerts.targets.0.url = ***: an apprise URL that apprise can load"),
    ("a named target's bad port", f'[[alerts.targets]]\nname = "ops mail"\nurl = "mailto://u:{SECRET}@example.org:70000"\n',
     {}, "a port from 1 to 65535 (target ops mail has 70000)"),
    ("another key invalid", f'[alerts]\nmax_attempts = 0\n[[alerts.targets]]\nurl = "{URL}"\n', {},
     "alerts.max_attempts = 0: Input should be greater than or equal to 1"),
    # The environment.
    ("env: targets not JSON", "", {TARGETS: f'[{{"url": "{URL}"'}, f"{TARGETS} = ***: valid JSON"),
    ("env: targets a bare URL", "", {TARGETS: URL}, f"{TARGETS} = ***: valid JSON"),
    ("env: alerts not JSON", "", {"CALLWATCH_ALERTS": f'{{"targets": [{{"url": "{URL}"}}]'},
     "CALLWATCH_ALERTS = ***: valid JSON"),
    ("env: targets a JSON object", "", {TARGETS: f'{{"url": "{URL}"}}'}, "alerts.targets = ***: Input should be"),
    ("env: targets a list of URLs", "", {TARGETS: f'["{URL}"]'}, "alerts.targets.0 = ***: Input should be"),
    ("env: an unknown key holding it", "", {"CALLWATCH_ALERTS": f'{{"targetz": [{{"url": "{URL}"}}]}}'},
     "alerts.targetz = ***: not a known setting"),
    ("env: an unknown scheme", "", {TARGETS: f'[{{"url": "nosuch://u:{SECRET}@example.org"}}]'},
     "alerts.targets.0.url = ***: an apprise URL"),
    ("env: port 99999", "", {TARGETS: f'[{{"url": "mailto://u:{SECRET}@example.org:99999?to=a@example.org"}}]'},
     "(target mailto #1 has 99999)"),
    ("env: port 0", "", {TARGETS: f'[{{"url": "json://127.0.0.1:0/{SECRET}"}}]'}, "(target json #1 has 0)"),
    ("env: another key invalid, the URL in the file", f'[[alerts.targets]]\nurl = "{URL}"\n',
     {"CALLWATCH_ALERTS__MAX_ATTEMPTS": "zero"}, "alerts.max_attempts = 'zero': Input should be a valid integer"),
]


@pytest.fixture
def restore_logging():
    """`callwatch` points the root logger at the runner's stderr; put it back for the next test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


@pytest.mark.parametrize(("toml", "env", "expected"), [row[1:] for row in VARIANTS], ids=[row[0] for row in VARIANTS])
def test_invalid_configuration_never_shows_the_secret(tmp_path, restore_logging, toml, env, expected):
    if toml:
        (tmp_path / "callwatch.toml").write_text(toml)
    result = CliRunner().invoke(cli, ["--log-format", "json", "-v", "calls"], env=env)
    shown = result.stdout + result.stderr
    assert SECRET not in shown
    assert result.exit_code == 2, (shown, result.exception)
    assert "Traceback" not in shown
    assert expected in result.stderr, result.stderr
    assert result.stderr.startswith("Error: invalid configuration")


# Real processes: the service's own start, with JSON logs.
@pytest.mark.parametrize("name", ["a misspelt table", "port 99999", "env: targets not JSON", "env: targets a bare URL"])
@pytest.mark.parametrize("log_format", ["text", "json"])
def test_callwatch_run_never_shows_the_secret(tmp_path, name, log_format):
    [(toml, env, expected)] = [row[1:] for row in VARIANTS if row[0] == name]
    (tmp_path / "inbox").mkdir()
    if toml:
        (tmp_path / "callwatch.toml").write_text(toml)
    result = run("--log-format", log_format, "run", "--once", cwd=tmp_path, env=env)
    assert SECRET not in result.stdout + result.stderr
    assert (result.returncode, "Traceback" in result.stderr) == (2, False), result.stderr
    assert expected in result.stderr


@pytest.mark.parametrize("url", [
    "json://127.0.0.1:1/x", "mailto://u:pw@example.org:65535?to=a@example.org", "json://[::1]:8080/x",
    "tgram://123456789:AAHbcdefghijklmnopqrstuvwxyz01234567/12345",  # a token after the colon, not a port
])
def test_valid_ports_and_tokens_with_colons_are_accepted(tmp_path, url):
    from worker.settings import load_settings

    (tmp_path / "c.toml").write_text(f'[[alerts.targets]]\nurl = "{url}"\n')
    assert load_settings(tmp_path / "c.toml").alerts.targets[0].url.get_secret_value() == url


def test_settings_error_without_json_names_the_variables_not_their_values():
    from pydantic_settings import SettingsError

    from worker.settings import _environment_problems

    error = SettingsError('error parsing value for field "alerts" from source "EnvSettingsSource"')
    environ = {TARGETS: URL, "CALLWATCH_DATABASE__PATH": "x.db", "HOME": "/root"}
    assert _environment_problems(error, environ) == [
        (TARGETS, "***", "a value of the setting's type (lists and tables as JSON)")]


def test_a_url_apprise_cannot_load_is_not_logged_half_masked(tmp_path):
    # apprise logs "Unparseable URL nosuch://u:s...2@example.org" (user name and the password's ends) when
    # asked to load it; in a fresh process nothing else has quietened its logger yet.
    result = run("-v", "calls", cwd=tmp_path,
                 env={"CALLWATCH_ALERTS__TARGETS": f'[{{"url": "nosuch://admin:{SECRET}@example.org"}}]'})
    assert result.returncode == 2
    assert result.stderr.startswith("Error: invalid configuration"), result.stderr
    assert "admin" not in result.stderr and "apprise:" not in result.stderr
