"""Settings: defaults, then a TOML file, then `CALLWATCH_*` environment variables (highest)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from worker.discovery import DEFAULT_EXCLUDE
from worker.errors import ConfigError, ConfigFileMissing

CONFIG_ENV = "CALLWATCH_CONFIG"
DEFAULT_CONFIG = Path("callwatch.toml")

# Keys whose values are secrets: never echoed in an error message.
_SECRET_KEYS = ("url",)


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
    """Limits on what one file may be."""

    max_file_mb: float = Field(default=20.0, gt=0, description="larger files are refused")


class AlertTarget(_Section):
    """One apprise URL (a secret) and the tags rules route by."""

    url: SecretStr
    tags: list[str] = Field(default_factory=list)
    name: str | None = Field(default=None, description="a label for lists and logs (the URL is never shown)")

    @field_validator("url")
    @classmethod
    def _known_scheme(cls, url: SecretStr) -> SecretStr:
        import apprise  # imported here: only configs with targets pay for it

        if apprise.Apprise.instantiate(url.get_secret_value()) is None:
            raise ValueError("an apprise URL that apprise can load (for example mailto://, json://, slack://)")
        return url


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

    model_config = SettingsConfigDict(env_prefix="CALLWATCH_", env_nested_delimiter="__", extra="forbid")

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


def _problems(error: ValidationError) -> list[tuple[str, str, str]]:
    """(key, shown value, expected) for each validation error, with secrets masked."""
    problems = []
    for item in error.errors(include_url=False):
        key = ".".join(str(part) for part in item["loc"])
        value: Any = item.get("input")
        if item["type"] == "extra_forbidden":
            expected = "not a known setting (see config.example.toml)"
        else:
            expected = item["msg"].removeprefix("Value error, ")
        shown = "***" if any(part in _SECRET_KEYS for part in item["loc"]) else repr(value)
        problems.append((key, shown, expected))
    return problems
