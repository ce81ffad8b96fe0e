"""Tickers for transcripts that name their company but no ticker: the user's `[ingest.tickers]` table.

Some layouts carry no ticker anywhere (S&P Capital IQ exports name the company in the participant
lines and the operator's welcome only). A call without a ticker is stored but never compared, so a
user who receives such files names the companies once in the config:

    [ingest.tickers]
    "AG Mortgage Investment Trust" = "MITT"

A name matches the transcript's company whatever its case, punctuation and legal suffix
("AG Mortgage Investment Trust, Inc." is the same company). A ticker the file states always wins.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from handlers.transcript import Transcript

# A ticker as exchanges write them: "MITT", "BRK.B", "RDS-A"; at most 10 characters.
TICKER = re.compile(r"[A-Z][A-Z0-9]*(?:[.\-][A-Z0-9]+)?")
# A legal form at the end of a name, taken off one at a time: "Agree Realty Corporation" -> "agree realty".
_LEGAL_FORM = re.compile(r"\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|l\s?p|n\s?v|"
                         r"s\s?a|ag|se|group holdings|holdings)$")
_NOT_WORD = re.compile(r"[^\w&]+")


def company_key(name: str) -> str:
    """The company name reduced to what tells companies apart: lowercase words, no punctuation or legal form.

    >>> company_key("AG Mortgage Investment Trust, Inc.")
    'ag mortgage investment trust'
    >>> company_key("The Agree Realty Corp")
    'agree realty'
    """
    key = _NOT_WORD.sub(" ", name.lower()).strip()
    key = key.removeprefix("the ")
    while True:
        shorter = _LEGAL_FORM.sub("", key)
        if shorter == key or not shorter:
            return key
        key = shorter


def ticker_table(names: Mapping[str, str]) -> dict[str, str]:
    """`[ingest.tickers]` as a lookup from `company_key` to the ticker, upper case."""
    return {company_key(name): ticker.upper() for name, ticker in names.items()}


def with_ticker(transcript: Transcript, table: Mapping[str, str]) -> Transcript:
    """The transcript with the ticker the table gives its company, when the file states none."""
    if transcript.ticker is not None or not transcript.company or not table:
        return transcript
    ticker = table.get(company_key(transcript.company))
    return dataclasses.replace(transcript, ticker=ticker) if ticker else transcript
