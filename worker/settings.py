"""Settings: defaults, then a TOML file, then `CALLWATCH_*` environment variables (highest)."""

from __future__ import annotations

import json
import logging
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from alerts.targets import label_of
from worker.discovery import DEFAULT_EXCLUDE
from worker.errors import ConfigError, ConfigFileMissing

CONFIG_ENV = "CALLWATCH_CONFIG"
ENV_PREFIX = "CALLWATCH_"
DEFAULT_CONFIG = Path("callwatch.toml")

# Keys whose values are secrets: never echoed in an error message.
_SECRET_KEYS = ("url",)
# The keys of a target that hold no secret; any other value under alerts.targets (an unknown key
# beside the URL, the URL in the wrong place) is never echoed either.
_TARGET_PUBLIC_KEYS = ("tags", "name", "quiet_hours", "timezone", "critical_at_once", "cadence", "daily_at")


class _Section(BaseModel):
    # A typo in a key is an error, not a silently ignored setting.
    model_config = ConfigDict(extra="forbid")


class DatabaseSettings(_Section):
    """Where the SQLite store lives."""

    path: Path = Field(default=Path("callwatch.db"), description="SQLite database file")


class WatchSettings(_Section):
    """Inbox folders and how they are watched."""

    paths: list[Path] = Field(default_factory=lambda: [Path("inbox")], description="inbox folders")
    include: list[str] = Field(default_factory=lambda: ["*"], description="file-name patterns to ingest")
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE), description="file-name patterns to skip")
    polling: bool = False
    poll_interval: float = Field(default=1.0, gt=0)
    stable_seconds: float = Field(default=1.0, ge=0)
    close_settle_seconds: float = Field(default=0.2, ge=0)
    rescan_seconds: float = Field(default=300.0, gt=0)
    move_failed: bool = False
    follow_links_outside: bool = Field(
        default=False, description="read files through symbolic links that lead out of the watched folders")


class ServiceSettings(_Section):
    """The background service."""

    heartbeat_seconds: float = Field(default=5.0, gt=0)


class IngestSettings(_Section):
    """Limits on what one file may be, and what a file may leave out."""

    max_file_mb: float = Field(default=20.0, gt=0, description="larger files are refused")
    tickers: dict[str, str] = Field(default_factory=dict,
                                    description="company name -> ticker, for files that state no ticker")

    @field_validator("tickers")
    @classmethod
    def _tickers(cls, tickers: dict[str, str]) -> dict[str, str]:
        """Each name is a company name and each ticker a ticker; two spellings of one company agree."""
        from worker.tickers import TICKER, company_key

        seen: dict[str, tuple[str, str]] = {}
        for name, ticker in tickers.items():
            key = company_key(name)
            if not key:
                raise ValueError(f"a company name for each ticker (got {name!r})")
            if len(ticker) > 10 or not TICKER.fullmatch(ticker.upper()):
                raise ValueError(f'a ticker such as "MITT" or "BRK.B" for {name!r} (got {ticker!r})')
            if key in seen and seen[key][1] != ticker.upper():
                raise ValueError(f"one ticker per company: {seen[key][0]!r} and {name!r} are the same company")
            seen[key] = (name, ticker.upper())
        return tickers


class AlertTarget(_Section):
    """One apprise URL (a secret) and the tags rules route by."""

    # name and tags come first: the URL's validator names the target by them.
    name: str | None = Field(default=None, description="a label for lists and logs (the URL is never shown)")
    tags: list[str] = Field(default_factory=list)
    url: SecretStr
    # When the target takes its alerts (alerts/schedule.py, docs/alerts.md "When alerts go out").
    quiet_hours: str | None = Field(default=None, description='"22:00-07:00": notable and info digests wait')
    timezone: str = Field(default="UTC", description="the zone of quiet_hours and daily_at, e.g. America/New_York")
    critical_at_once: bool = Field(default=True, description="critical digests skip quiet hours and the daily wait")
    cadence: Literal["immediate", "daily"] = "immediate"
    daily_at: str = Field(default="18:00", description="when the daily digest goes (cadence = \"daily\")")

    @field_validator("quiet_hours", "daily_at", "timezone")
    @classmethod
    def _schedule(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Each schedule key parses as alerts/schedule.py (and zoneinfo) will read it, or says what it takes."""
        import zoneinfo

        from alerts.schedule import clock_time, quiet_range

        parse, expected = {
            "quiet_hours": (quiet_range, 'a range of two different times, 24-hour clock: "22:00-07:00"'),
            "daily_at": (clock_time, 'a time of day, 24-hour clock: "18:00"'),
            "timezone": (zoneinfo.ZoneInfo, 'a time zone of the IANA database, e.g. "America/New_York" or "UTC"'),
        }[info.field_name]
        if value is not None:
            try:
                parse(value)
            except (ValueError, zoneinfo.ZoneInfoNotFoundError):  # the latter is a KeyError
                raise ValueError(expected) from None
        return value

    @field_validator("url")
    @classmethod
    def _loadable(cls, url: SecretStr, info: ValidationInfo) -> SecretStr:
        import apprise  # imported here: only configs with targets pay for it

        port = _port_of(url.get_secret_value())
        if port is not None and not 1 <= port <= 65535:
            # The label needs the target's number, known only from the error's location: see _problems.
            raise PydanticCustomError("target_port", "a port from 1 to 65535", {
                "port": port, "name": info.data.get("name"), "tags": info.data.get("tags", [])})
        # apprise logs a URL it cannot load, half masked ("nosuch://u:s...2@host"): caught, never shown.
        log = logging.getLogger("apprise")
        disabled, log.disabled = log.disabled, True
        try:
            loaded = apprise.Apprise.instantiate(url.get_secret_value())
        finally:
            log.disabled = disabled
        if loaded is None:
            raise ValueError("an apprise URL that apprise can load (for example mailto://, json://, slack://)")
        return url


def _port_of(url: str) -> int | None:
    """The port number written in `url` (99999 in `mailto://u:pw@host:99999`), or None without one.

    Not `urlsplit().port`: it raises on 99999, with no way to say which port was wrong. Only digits
    count: in some schemes the text after a colon is a token (`tgram://123456:AAH.../chat`), and a
    port that is not a number is apprise's to refuse.
    """
    host = urlsplit(url).netloc.rpartition("@")[2]
    # After an IPv6 address's "]" (json://[::1]:8080/x), or in the whole host otherwise.
    _, colon, port = host.rpartition("]")[2].partition(":")
    return int(port) if colon and port.isascii() and port.isdigit() else None


Severity = Literal["info", "notable", "critical"]


class AlertRule(_Section):
    """Which changes go to which targets. A change goes to a target when any rule matches both."""

    tags: list[str] = Field(default_factory=list, description="targets with any of these tags; empty: all targets")
    min_severity: Severity = "notable"
    kinds: list[str] = Field(default_factory=list, description="only these kinds; empty: all")
    tickers: list[str] = Field(default_factory=list, description="only these companies; empty: all")
    runway_within_months: int | None = Field(default=None, gt=0,
                                             description="only runways ending within this many months of the call")
    cash_drop_pct: float | None = Field(default=None, gt=0, description="only cash falls larger than this percentage")


class AlertSettings(_Section):
    """Alert targets, routing rules, severities and delivery."""

    targets: list[AlertTarget] = Field(default_factory=list)
    rules: list[AlertRule] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule name -> severity overrides")
    alert_baseline: bool = False
    alert_history: bool = False
    max_attempts: int = Field(default=8, ge=1)
    backoff_seconds: float = Field(default=30.0, gt=0)
    templates_dir: Path | None = None
    cash_fell_notable_pct: float = Field(default=10.0, ge=0,
                                         description="a smaller fall in cash (percent) is info, not notable")

    @field_validator("severity")
    @classmethod
    def _known_rules(cls, severity: dict[str, str]) -> dict[str, str]:
        from alerts.severity import DEFAULTS

        unknown = sorted(set(severity) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"known change rules only (unknown: {', '.join(unknown)}; see README, Alerts)")
        return severity


class Settings(BaseSettings):
    """Every setting, with a working default for each."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid")

    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    watch: WatchSettings = Field(default_factory=WatchSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)


def config_path(explicit: Path | None, environ: dict[str, str] | None = None) -> tuple[Path | None, str]:
    """The config file to read and what named it: `--config`, `$CALLWATCH_CONFIG`, `./callwatch.toml`.

    Raises:
        ConfigFileMissing: a file named by `--config` or the environment does not exist.
    """
    environ = os.environ if environ is None else environ
    if explicit is not None:
        candidate, named_by = explicit, "--config"
    elif environ.get(CONFIG_ENV):
        candidate, named_by = Path(environ[CONFIG_ENV]), f"${CONFIG_ENV}"
    elif DEFAULT_CONFIG.is_file():
        return DEFAULT_CONFIG, "./callwatch.toml"
    else:
        return None, "defaults and CALLWATCH_* environment"
    if not candidate.is_file():
        raise ConfigFileMissing(str(candidate), named_by=named_by)
    return candidate, f"{candidate} (from {named_by})"


def load_settings(explicit: Path | None = None) -> Settings:
    """Load settings from the config file that applies (if any) and the environment.

    Raises:
        ConfigError: the file is missing, is not TOML, or holds an invalid value.
    """
    path, source = config_path(explicit)
    if path is not None:
        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError([("(file)", str(path), f"valid TOML: {error}")], source=source) from None

    class _FromFile(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            # Earlier sources win: the environment overrides the file.
            sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
            if path is not None:
                sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
            return tuple(sources)

    try:
        return _FromFile()
    except ValidationError as error:
        raise ConfigError(_problems(error), source=source) from None
    except SettingsError as error:  # an environment variable that is not the JSON its setting needs
        raise ConfigError(_environment_problems(error, os.environ), source=source) from None


def _problems(error: ValidationError) -> list[tuple[str, str, str]]:
    """(key, shown value, expected) for each validation error, with secrets masked."""
    problems = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        key = ".".join(str(part) for part in loc)
        if item["type"] == "extra_forbidden":
            expected = "not a known setting (see config.example.toml)"
        elif item["type"] == "target_port":
            context = item["ctx"]
            label = label_of(int(loc[2]) + 1, item["input"], tags=context["tags"], name=context["name"])
            expected = f"a port from 1 to 65535 (target {label} has {context['port']})"
        else:
            expected = item["msg"].removeprefix("Value error, ")
        problems.append((key, _shown(loc, item.get("input")), expected))
    return problems


def _shown(loc: tuple, value: Any) -> str:
    """`value` as an error message may show it: "***" for anything that is or may hold a secret."""
    under_targets = tuple(loc[:2]) == ("alerts", "targets")
    public_target_key = len(loc) == 4 and loc[3] in _TARGET_PUBLIC_KEYS
    if any(part in _SECRET_KEYS for part in loc) or (under_targets and not public_target_key) or _holds_url(value):
        return "***"
    return repr(value)


def _holds_url(value: Any) -> bool:
    """Whether any string in `value` (nested lists and tables too) looks like a URL (`scheme://`)."""
    if isinstance(value, str):
        return "://" in value
    if isinstance(value, dict):
        return any(_holds_url(key) or _holds_url(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_url(item) for item in value)
    return False


# pydantic-settings names only the top-level field: 'error parsing value for field "alerts" from source ...'.
_SETTINGS_ERROR_FIELD = re.compile(r'field "(?P<field>[^"]+)"')


def _environment_problems(error: SettingsError, environ: Any) -> list[tuple[str, str, str]]:
    """The `CALLWATCH_*` variables behind a SettingsError, each named, its value masked as in files."""
    variables = {name: value for name, value in environ.items()
                 if name.upper().startswith(ENV_PREFIX) and name.upper() != CONFIG_ENV}
    cause = error.__cause__
    if isinstance(cause, json.JSONDecodeError):
        # The decoder keeps the text it failed on: it tells which variable it was (never printed).
        culprits = [name for name, value in variables.items() if value == cause.doc]
        if culprits:
            return [(name, _shown(_loc_of(name), variables[name]), f"valid JSON ({cause.msg} at character {cause.pos})")
                    for name in culprits]
    match = _SETTINGS_ERROR_FIELD.search(str(error))
    prefix = f"{ENV_PREFIX}{match['field'].upper()}" if match else ENV_PREFIX
    culprits = [name for name in variables if name.upper().startswith(prefix)] or [f"{prefix}*"]
    return [(name, "***", "a value of the setting's type (lists and tables as JSON)") for name in culprits]


def _loc_of(variable: str) -> tuple[str, ...]:
    """`CALLWATCH_ALERTS__TARGETS` -> ("alerts", "targets")."""
    return tuple(variable[len(ENV_PREFIX):].lower().split("__"))
