"""Metadata a transcript's text lacks, taken from its file name and folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from handlers.transcript import Transcript

_TICKER = r"(?P<ticker>[A-Za-z]{1,5}(?:[.\-][A-Za-z]{1,2})?)"
_SEP = r"[_\-. ]"

# Each pattern names what it can give; tried in order, the first match wins.
_FILENAME_PATTERNS = (
    # AAPL_2021_Q1.txt, CLLS-2021-q2.pdf
    re.compile(rf"^{_TICKER}{_SEP}(?P<year>(?:19|20)\d\d){_SEP}[Qq](?P<quarter>[1-4])(?![0-9])"),
    # AAPL_q1_2021.txt
    re.compile(rf"^{_TICKER}{_SEP}[Qq](?P<quarter>[1-4]){_SEP}(?P<year>(?:19|20)\d\d)(?![0-9])"),
    # 20210806_CLLS.txt
    re.compile(rf"^(?P<date>(?:19|20)\d\d[01]\d[0-3]\d){_SEP}{_TICKER}(?![A-Za-z])"),
)
_FOLDER_TICKER = re.compile(r"^[A-Z]{1,5}(?:[.\-][A-Z]{1,2})?$")


def filename_metadata(filename: str, *, folder: str = "") -> dict[str, object]:
    """Ticker, fiscal year and quarter, or call date that a file name or its folder spells out.

    Returns:
        A dict holding only the keys that were found, among `ticker`, `fiscal_year`,
        `fiscal_quarter` and `call_date`.
    """
    found: dict[str, object] = {}
    for pattern in _FILENAME_PATTERNS:
        match = pattern.match(filename)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("date"):
            try:
                found["call_date"] = dt.datetime.strptime(groups["date"], "%Y%m%d").date()
            except ValueError:
                continue
        else:
            found["fiscal_year"] = int(groups["year"])
            found["fiscal_quarter"] = int(groups["quarter"])
        found["ticker"] = groups["ticker"].upper()
        break
    if "ticker" not in found and _FOLDER_TICKER.match(folder):
        found["ticker"] = folder
    return found


def fill_from_filename(transcript: Transcript, filename: str, *, folder: str = "") -> Transcript:
    """`transcript` with each field it lacks filled from the file name or folder."""
    found = filename_metadata(filename, folder=folder)
    missing = {key: value for key, value in found.items() if getattr(transcript, key) is None}
    if not missing:
        return transcript
    transcript = dataclasses.replace(transcript, **missing)
    if transcript.title is None and transcript.ticker and transcript.period:
        name = transcript.company or transcript.ticker
        title = f"{name} Q{transcript.fiscal_quarter} {transcript.fiscal_year} Earnings Call"
        transcript = dataclasses.replace(transcript, title=title)
    return transcript
