"""Which files under the given paths are candidates for ingest."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path

# Files that are never transcripts (hidden files, editor swap files, a folder's own README), or
# not yet complete (browser and rsync partial downloads, Office lock files).
DEFAULT_EXCLUDE = (".*", "*.part", "*.crdownload", "*.tmp", "~$*", "*.swp", "README*")


def wanted(relative: Path, *, include: Iterable[str] = ("*",), exclude: Iterable[str] = DEFAULT_EXCLUDE) -> bool:
    """Whether a file is a candidate, given its path relative to the inbox: its name matches an
    include pattern and no part of it (file or folder inside the inbox) is excluded."""
    return any(fnmatch(relative.name, pattern) for pattern in include) and not any(
        excluded(part, exclude) for part in relative.parts)


def excluded(name: str, patterns: Iterable[str] = DEFAULT_EXCLUDE) -> bool:
    """Whether a file name matches one of the exclude patterns."""
    return any(fnmatch(name, pattern) for pattern in patterns)


def find_files(paths: Iterable[Path], *, include: Iterable[str] = ("*",),
               exclude: Iterable[str] = DEFAULT_EXCLUDE) -> list[Path]:
    """Every file named in `paths` or below a folder in it, in a stable order, without duplicates.

    Excluded folders are not entered, nor links to folders; a file named explicitly is taken even if
    excluded. Whatever is not a folder is a file here, FIFOs and links to devices included: reading
    refuses them (with a reason on record) rather than this passing them over in silence.
    """
    include, exclude = tuple(include), tuple(exclude)
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_dir() and wanted(child.relative_to(path), include=include, exclude=exclude):
                    found[child] = None
        else:
            found[path] = None
    return list(found)
