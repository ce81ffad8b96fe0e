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


class FileRefused(CallwatchError):
    """A file in the inbox that is not read at all: what it is rules it out, not what it says."""

    code = "file_refused"


class FileTooLarge(FileRefused):
    """A file is larger than `ingest.max_file_mb` allows (told from its size: it is not read)."""

    code = "file_too_large"

    def __init__(self, *, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit (ingest.max_file_mb)"
        )


class NotARegularFile(FileRefused):
    """A FIFO, device, socket or folder where a file should be: reading it could block or never end."""

    code = "not_a_regular_file"

    def __init__(self, *, kind: str) -> None:
        self.kind = kind
        super().__init__(f"not a regular file ({kind}); only regular files are read")


class LinkOutsideInbox(FileRefused):
    """A symbolic link out of the watched folders (`watch.follow_links_outside` is off)."""

    code = "link_outside_inbox"

    def __init__(self, *, target: str) -> None:
        self.target = target
        super().__init__(f"a link to {target}, outside the watched folders; not read (watch.follow_links_outside)")


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
    """The database cannot be written now: another connection holds the write lock (`kind` busy),
    the disk is full (full), or the file is broken or unwritable (broken). Nothing half-written
    is left: the transaction that met it was rolled back.

    `stored`, when known, is how many files of a batch were committed before it happened.
    """

    exit_code = 3
    BUSY, FULL, BROKEN = "busy", "full", "broken"

    def __init__(self, path: str, reason: str, *, kind: str | None = None, stored: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.kind = kind or _kind_of(reason)
        self.stored = stored
        message = f"cannot write the database {path}: {reason}"
        if stored is not None:
            message += (f"; {stored} files stored before this, the others not: run the command again "
                        "once it is resolved")
        super().__init__(message)


def _kind_of(reason: str) -> str:
    """The kind of a store problem from SQLite's own words ("database is locked", "database or disk is full")."""
    text = reason.lower()
    if "locked" in text or "busy" in text:
        return StoreUnavailable.BUSY
    if "full" in text:
        return StoreUnavailable.FULL
    return StoreUnavailable.BROKEN


class MissingExtra(CallwatchError):
    """A command needs an optional dependency that is not installed."""

    exit_code = 2

    def __init__(self, *, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{package} is not installed; install it with: pip install 'callwatch[{extra}]'")


class NoDatabase(CallwatchError):
    """A command that only reads was pointed at a database file that does not exist."""

    exit_code = 2

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"no database at {path} (check database.path, or run callwatch ingest first)")


class UnknownTicker(CallwatchError):
    """No comparable call (ticker and fiscal period known) is stored for a ticker."""

    exit_code = 2

    def __init__(self, ticker: str) -> None:
        self.ticker = ticker
        super().__init__(f"no calls stored for ticker {ticker} (see `callwatch calls` for the tickers there are)")


class VersionNotFound(CallwatchError):
    """`callwatch versions CALL --use N` named a version the call does not have."""

    def __init__(self, call_id: int, version: int, versions: list[int]) -> None:
        self.call_id = call_id
        self.version = version
        self.versions = versions
        listed = ", ".join(map(str, versions))
        super().__init__(f"call {call_id} has no version {version} (versions: {listed})")


class TurnNotFound(CallwatchError):
    """`callwatch show --turn N` named a turn the call does not have."""

    exit_code = 2

    def __init__(self, *, call_id: int, turn: int, last: int) -> None:
        self.call_id = call_id
        self.turn = turn
        self.last = last
        super().__init__(f"call {call_id} has turns 1 to {last}; there is no turn {turn}")


class BadPeriod(CallwatchError):
    """A fiscal period option (`items --call`) that is not YYYYQN."""

    exit_code = 2

    def __init__(self, value: str, *, option: str) -> None:
        self.value = value
        self.option = option
        super().__init__(f"{option} takes a fiscal period, YYYYQN with N from 1 to 4 (for example 2021Q3); "
                         f"got {value!r}")


class UnknownAlert(CallwatchError):
    """`callwatch alerts retry ID` named alerts that are not in the outbox."""

    exit_code = 2

    def __init__(self, alert_ids: list[int]) -> None:
        self.alert_ids = alert_ids
        names = ", ".join(map(str, alert_ids))
        super().__init__(f"no alert {names} in the outbox (see `callwatch alerts list`)")
