"""Money as said on a call: "$238 million", "$1.2 billion", "EUR 15 million", "15 million" (no currency)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mm": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "b": 1e9}
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
               "£": "GBP", "gbp": "GBP", "chf": "CHF", "dollars": "USD"}
_AMOUNT = re.compile(
    r"(?P<cur>US\$|\$|€|£|\bUSD\s?|\bEUR\s?|\bGBP\s?|\bCHF\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|mn|mm|bn|[mbk])\b)?"
    r"(?:\s+(?P<curword>dollars|euros|euro|USD|EUR))?",
    re.IGNORECASE,
)
# Words after "N million" that make it a count of things, not money.
_COUNTED = re.compile(
    r"\s+(?:\w+\s+)?(?:cells?|patients?|subjects?|shares?|doses?|units?|people|users?|subscribers?|customers?"
    r"|members?|programs?|targets?|square|barrels?|tons?|vehicles?|households?|accounts?|downloads?|visits?"
    r"|trips?|employees?|stores?|orders?|devices?|miles?|hours?|days?|years?|months?|weeks?|times)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Money in words, on the lowered text: "one and a half billion", "a billion dollars", "two million".
# Starts with a literal (the number words), so `re` skips to their first letters.
_WORDS_AMOUNT = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a)(?P<half>[- ]and[- ]a[- ]half)?"
                           r"[- ](?P<scale>million|billion)\b(?P<cur>\s+dollars)?")
_WORD_VALUES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "a": 1}
_UNCERTAIN = re.compile(r"\W{0,3}\[(?:phonetic|indecipherable|inaudible)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """A sum of money found in a sentence."""

    value: float
    currency: str | None
    text: str
    start: int
    end: int
    uncertain: bool  # the transcriber flagged it: "[Phonetic]"


def has_digits(text: str) -> bool:
    """Whether `text` holds a digit: without one it states no sum of money."""
    return _DIGIT.search(text) is not None


def find_amounts(text: str, *, default_currency: str | None = None) -> list[Amount]:
    """Every sum of money in `text`; a bare "15 million" gets `default_currency` if it reads as money."""
    found = _in_words(text, default_currency) if "illion" in text else []
    if not has_digits(text):
        return found  # spares the amount pattern, which tries every position of the text
    for match in _AMOUNT.finditer(text):
        symbol = (match["cur"] or match["curword"] or "").strip().lower()
        currency = _CURRENCIES.get(symbol)
        scale = (match["scale"] or "").lower()
        if currency is None and scale not in ("million", "billion", "mn", "bn"):
            continue  # "19 programs", "2021", "5.5%": not money
        if scale in ("m", "b", "k") and currency is None:
            continue
        if currency is None and _COUNTED.match(text, match.end()):
            continue  # "2.5 million cells per kg"
        if match.end() < len(text) and text[match.end():match.end() + 1] == "%":
            continue
        value = round(float(match["num"].replace(",", "")) * _SCALES.get(scale, 1.0), 2)  # 512.3 * 1e6 is not exact
        uncertain = _UNCERTAIN.match(text, match.end()) is not None
        found.append(Amount(value, currency or default_currency, match.group(0).strip(), match.start(),
                            match.end(), uncertain or currency is None))
    return sorted(found, key=lambda a: a.start)


def _in_words(text: str, default_currency: str | None) -> list[Amount]:
    """Sums said in words ("one and a half billion"), uncertain unless "dollars" follows."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return []  # offsets would not line up; too rare to matter
    found = []
    for match in _WORDS_AMOUNT.finditer(lowered):
        if match.start() and lowered[match.start() - 1].isalpha():
            continue  # "data billion": inside a word
        word = match.group(0).split()[0].split("-")[0]
        value = _WORD_VALUES[word] + (0.5 if match["half"] else 0)
        if lowered.endswith("half ", 0, match.start()):
            value = 0.5 if word == "a" else value  # "half a billion"
        if _COUNTED.match(text, match.end()):
            continue  # "two million patients"
        currency = "USD" if match["cur"] else None
        found.append(Amount(value * _SCALES[match["scale"]], currency or default_currency, text[match.start():match.end()],
                            match.start(), match.end(), currency is None))
    return found


def format_amount(value: float, currency: str | None) -> str:
    """`$238M`, `$1.2B`, `EUR 15M`."""
    symbol = {"USD": "$", None: ""}.get(currency, f"{currency} ")
    if value >= 1e9:
        return f"{symbol}{value / 1e9:.3g}B"
    if value >= 1e6:
        return f"{symbol}{value / 1e6:.4g}M"
    return f"{symbol}{value:,.0f}"
