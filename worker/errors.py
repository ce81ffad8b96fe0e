"""Errors of the service; each is caught once, at the command line, and shown as one clear message."""

from __future__ import annotations


class CallwatchError(Exception):
    """Base of every error the service reports to a user."""

    exit_code = 1


class ConfigError(CallwatchError):
    """The configuration is invalid; `problems` lists (key, shown value, what is expected)."""

    exit_code = 2

    def __init__(self, problems: list[tuple[str, str, str]], *, source: str) -> None:
        self.problems = problems
        self.source = source
        lines = [f"invalid configuration ({source}):"]
        lines += [f"  {key} = {value}: {expected}" for key, value, expected in problems]
        super().__init__("\n".join(lines))


class ConfigFileMissing(ConfigError):
    """A configuration file was named but does not exist."""

    def __init__(self, path: str, *, named_by: str) -> None:
        self.path = path
        self.named_by = named_by
        CallwatchError.__init__(self, f"configuration file not found: {path} (named by {named_by})")


class FileTooLarge(CallwatchError):
    """A file is larger than `ingest.max_file_mb` allows."""

    code = "file_too_large"

    def __init__(self, *, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit (ingest.max_file_mb)"
        )


class CallNotFound(CallwatchError):
    """No stored call matches a reference such as `42` or `CLLS:2021Q3`."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no call matches {ref!r} (use a call id or TICKER:YYYYQN, see `callwatch calls`)")


class BadCallReference(CallwatchError):
    """A call reference that is neither an id nor `TICKER:YYYYQN`."""

    exit_code = 2

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"{ref!r} is not a call id or TICKER:YYYYQN (for example 12 or CLLS:2021Q3)")


class StoreUnavailable(CallwatchError):
    """The database cannot be written (locked by another writer for too long, disk full, corrupt)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write the database {path}: {reason}")


class VersionNotFound(CallwatchError):
    """`callwatch versions CALL --use N` named a version the call does not have."""

    def __init__(self, call_id: int, version: int, versions: list[int]) -> None:
        self.call_id = call_id
        self.version = version
        self.versions = versions
        listed = ", ".join(map(str, versions))
        super().__init__(f"call {call_id} has no version {version} (versions: {listed})")
