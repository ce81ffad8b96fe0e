"""Programs, trials and products a sentence is about, normalised so one program has one key.

`UCART22`, `UCART-22`, `UCAR-T22` and `UCART 22` are all `UCART22`; `TALGlobin-01` is
`TALGLOBIN01`. Nothing here knows any company or program: codes are recognised by their shape.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# Capitalised acronyms that are never a program.
_NOT_PROGRAMS = frozenset(
    "FDA EMA PMDA MHRA NMPA IND INDS BLA NDA SNDA SBLA MAA PMA CTA CEO CFO COO CMO CSO CTO ASH ASCO ESMO AACR EHA "
    "ASGCT SITC EASL AASLD ATM GAAP EPS SEC USA US UK EU COVID GMP CAR CART NASDAQ NYSE Q1 Q2 Q3 Q4 H1 H2 R&D "
    "TALEN CRISPR DNA RNA MRNA AAV NK TCR CD HBB NHL AML ALL MM CLL DLBCL NSCLC ET PM AM LLC INC IPO EBITDA".split()
)
_TARGET_NAME = re.compile(r"^(?:CD|PD|PDL|IL|HER|EGFR|BCL|KRAS|BRAF|TNF|JAK|BTK|FGFR|CTLA|LAG|TIM|MUC|BCMA|GPRC|GLP|GIP|DPP|SGLT|APOE)\d+[A-Z]?$")
# These patterns run over whole calls. Each starts with a capital and only then checks that no word
# character stands before it (`[A-Z](?<!\w[A-Z])`, the same as `\b[A-Z]`): a pattern that starts
# with a character class lets `re` skip to the next capital, where a leading `\b` makes it try
# every position (measured: 1.3 ms a call, down to 0.2 ms).
_WORD_START_CAPITAL = r"[A-Z](?<!\w[A-Z])"
# A code with a digit: UCART22, UCAR-T22, ALLO-501, TALGlobin-01, MELANI-01, ABC-123, UCART20x22.
# The lookahead drops at once the many capitalised words with no digit close behind (possessive:
# giving letters back could never find a digit, so trying is wasted time).
_WITH_DIGIT = r"(?=[A-Za-z\-]{1,17}+[- ]?\d)[A-Za-z]{1,14}(?:-[A-Z]{1,3})?(?:[- ]?\d[\dA-Za-z]*)(?:[-x]\d+)?"
# An all-capital code without digits, long enough not to be a common acronym: UCARTMESO.
_CAPITALS = r"(?P<capitals>[A-Z]{5,})"
# Both in one scan of the call (each capital visited once), and the second alone, for the place
# where the first matched: "MODULE 2" is no code, but "MODULE" may be one.
_CODE = re.compile(rf"(?P<code>{_WORD_START_CAPITAL}(?:{_WITH_DIGIT}|{_CAPITALS}))\b")
_CODE_CAPITALS = re.compile(rf"(?P<code>{_WORD_START_CAPITAL}{_CAPITALS})\b")
# "UCART MESO", "UCART-CS1": a known prefix, then a capitalised suffix.
# Case-sensitive on purpose: with IGNORECASE the code part would be tried at every word.
_TARGETING = re.compile(
    rf"(?P<code>{_WORD_START_CAPITAL}[A-Za-z0-9\-]{{3,20}}),\s+(?:which\s+)?(?:is\s+)?"
    r"(?:targeting|targets|directed (?:at|against))\s+(?P<target>[A-Za-z][A-Za-z0-9\-]{3,})")
# `_TARGETING` from its comma on: searched first (a literal start: `re` skips to each comma), so the
# code part is tried only just before a comma that a target follows (", targeting mesothelin").
# A code is 4 to 21 characters, so it starts at most that far before its comma.
_TARGETING_TAIL = re.compile(r",\s+(?:which\s+)?(?:is\s+)?(?:targeting|targets|directed (?:at|against))\s+"
                             r"[A-Za-z][A-Za-z0-9\-]{3,}")
_LONGEST_CODE, _SHORTEST_CODE = 21, 4


# International nonproprietary names carry their class in the stem: tarlatamab (-mab), olezarsen
# (antisense -rsen), vutrisiran (-siran), axicabtagene ciloleucel (-leucel). Recognised by stem,
# lowercase, minus the English words that happen to end the same way.
_INN = re.compile(r"\b[a-z]{3,}(?:mab|nib|parib|lisib|ciclib|rafenib|siran|rsen|leucel|temcel|gene|vec|platin|mycin|"
                  r"degib|zomib|glutide|gliflozin|vir|stat)\b")
_NOT_INN = frozenset({"thermostat", "rheostat", "hemostat", "cryostat", "transgene", "oncogene", "antigene"})


_NOT_KEY = re.compile(r"[^A-Z0-9]")


def normalise(code: str) -> str:
    """The key of a program code: capitals and digits only (`UCAR-T 22` -> `UCART22`)."""
    return _NOT_KEY.sub("", code.upper())


def find_codes(text: str, *, prefixes: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
    """(code as said, offset) for each program-like code in `text`, in order."""
    return _codes(_candidates(text), text, prefixes)


def _candidates(text: str) -> list[tuple[int, str]]:
    """Every match of the code patterns, unfiltered: scanned once, filtered as often as needed."""
    found = []
    for match in _CODE.finditer(text):
        found.append((match.start(), match["code"]))
        if match["capitals"] is None and (capitals := _CODE_CAPITALS.match(text, match.start())):
            found.append((match.start(), capitals["code"]))
    return found


def _codes(candidates: list[tuple[int, str]], text: str, prefixes: frozenset[str]) -> list[tuple[str, int]]:
    found: dict[int, str] = {}
    for start, code in candidates:
        if not_a_program(code):
            continue
        if " " in code and code.split()[0].upper() not in prefixes:
            code = code.split()[0]  # "Phase 1" -> not a code; handled below
            if normalise(code) in _NOT_PROGRAMS or not any(ch.isdigit() for ch in code):
                continue
        found.setdefault(start, code)
    if prefixes:
        for start, code, suffix in _prefixed_codes(text, prefixes):
            if suffix.isupper() or any(ch.isdigit() for ch in suffix):
                found[start] = code
    return [(code, offset) for offset, code in sorted(found.items())]


def _prefixed_codes(text: str, prefixes: frozenset[str]) -> list[tuple[int, str, str]]:
    """(offset, code, suffix) of each match `_prefixed(prefixes).finditer(text)` gives, in order.

    Compiling that pattern for a call's own prefixes cost 0.4 ms a call. Without the four characters
    IGNORECASE folds onto an ASCII letter (`_FOLDED`: nearly every text), a letter matches a prefix's
    letter exactly when it lowers to it, so each prefix is found with `str.find` in the lowered text
    (offsets kept: only U+0130, one of the four, lowers to two characters), and the matches are taken
    from the left without overlapping, as `finditer` takes them.
    """
    if any(ch in text for ch in _FOLDED):
        return [(match.start(), match.group(0), match["suffix"]) for match in _prefixed(prefixes).finditer(text)]
    lowered = text.lower()
    found = []
    for prefix in prefixes:
        key = prefix.lower()
        at = lowered.find(key)
        while at >= 0:
            after = at + len(key)
            if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and text[after:after + 1] in ("-", " ") \
                    and (suffix := _SUFFIX.match(text, after + 1)) is not None:
                found.append((at, suffix.end(), suffix.group(0)))
            at = lowered.find(key, at + 1)
    taken, end = [], 0
    for start, stop, suffix in sorted(found):
        if start >= end:
            taken.append((start, text[start:stop], suffix))
            end = stop
    return taken


# `_prefixed`'s suffix on a text without `_FOLDED` characters: "MESO" in "UCART MESO", "CS1" in "ALLO-CS1".
_SUFFIX = re.compile(r"[A-Za-z0-9]{2,9}\b")


@lru_cache(maxsize=64)
def _prefixed(prefixes: frozenset[str]) -> re.Pattern[str]:
    """A code made of a prefix the call shares, a dash or space and a suffix: "UCART MESO", "ALLO-CS1".

    The same matches as `\\b(?:UCART|ALLO)[- ](?P<suffix>...)\\b` under IGNORECASE, but that pattern
    starts with `\\b` and is tried at every position of the call; this one starts with a class of the
    prefixes' first letters in both cases (`[AUau]`, what `re` skips ahead to), checks the word start
    behind it, then asks (case-insensitively) for the rest of a prefix with that first letter.
    """
    ordered = sorted(prefixes)
    # Every character IGNORECASE lets stand for each first letter ("K" also matches the Kelvin sign).
    firsts = sorted({ch for prefix in ordered for ch in (prefix[0].lower(), prefix[0].upper(), *_FOLDED)
                     if re.fullmatch(re.escape(prefix[0]), ch, re.I)})
    first = "[" + "".join(map(re.escape, firsts)) + "]"
    rests = "|".join(f"(?<={re.escape(prefix[0])}){re.escape(prefix[1:])}" for prefix in ordered)
    return re.compile(rf"{first}(?<!\w{first})(?i:(?:{rests})[- ](?P<suffix>[A-Z0-9][A-Z0-9x]{{1,8}})\b)")


# Characters outside ASCII that IGNORECASE folds onto an ASCII letter (dotted I, dotless i, long s, Kelvin).
_FOLDED = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=4096)
def not_a_program(code: str) -> bool:
    """Whether a candidate is a known acronym or a word with a number (cached: a call says its codes
    many times, and every call is filtered twice, without and with its prefixes)."""
    return normalise(code) in _NOT_PROGRAMS or _is_number_like(code)


# Words that carry a number without being a code ("Phase 1", "Form 20-F", "Q3").
_NUMBER_WORD = re.compile(r"^(?:phase|stage|cohort|part|form|item|note|covid|sars|fiscal|fy|q|h)\b", re.I)


def _is_number_like(code: str) -> bool:
    # "Phase 1", "COVID-19", "Form 20-F": words that carry digits but are no programs; "CD19", "PD-L1",
    # "BCL11A": genes and targets, named by the standard scheme; "DL2": too short to tell.
    return bool(_NUMBER_WORD.match(code)
                or _TARGET_NAME.match(normalise(code)) or len(normalise(code)) < 4)


class Programs:
    """The programs a whole call mentions, with the aliases it defines ("UCARTMESO, targeting mesothelin")."""

    def __init__(self, whole: str) -> None:
        """Find the programs in `whole`, the call's text (all turns: one pass, not one per turn)."""
        candidates = _candidates(whole)
        raw = [code for code, _ in _codes(candidates, whole, frozenset())]
        # A prefix shared by several codes ("UCART" in UCART22, UCART123) lets "UCART MESO" be read as one code.
        leading = Counter(match[0].upper() for code in raw if (match := re.match(r"[A-Za-z]{3,}", code)))
        self.prefixes = frozenset(prefix for prefix, n in leading.items() if n >= 2)
        codes = _codes(candidates, whole, self.prefixes) if self.prefixes else [(code, 0) for code in raw]
        self.keys = {normalise(code) for code, _ in codes}
        # "the TALGlobin program": a numbered code said without its number, when only one code has that stem.
        numbered = [key for key in self.keys if re.search(r"[A-Z]\d+$", key)]
        stems = [re.sub(r"\d+$", "", key) for key in numbered]
        self._stems = {stem: key for stem, key in zip(stems, numbered, strict=True) if stems.count(stem) == 1}
        self.aliases: dict[str, str] = {}
        for match in _targeting(whole) if "target" in whole or "directed" in whole else ():
            key = normalise(match["code"])
            if key in self.keys:
                self.aliases.setdefault(match["target"].lower(), key)

    def key(self, code: str) -> str:
        """The canonical key: a code said without its number resolves to the one numbered code it prefixes."""
        key = normalise(code)
        if key in self.keys and any(ch.isdigit() for ch in key):
            return key
        longer = [k for k in self.keys if k.startswith(key) and k[len(key):].isdigit()]
        return longer[0] if len(longer) == 1 else key

    def in_text(self, text: str) -> list[tuple[str, str, int]]:
        """(key, as said, offset) of each program `text` names, by code or by an alias the call defined."""
        found = [(self.key(code), code, offset) for code, offset in find_codes(text, prefixes=self.prefixes)]
        for match in re.finditer(r"\b[A-Z][A-Za-z]{3,}\b", text):
            stem = normalise(match.group(0))
            if stem in self._stems and stem not in self.keys and not any(start == match.start() for *_, start in found):
                found.append((self._stems[stem], match.group(0), match.start()))
        for match in _INN.finditer(text):
            if match.group(0) not in _NOT_INN and not any(start <= match.start() < start + len(said)
                                                          for _, said, start in found):
                found.append((match.group(0).upper(), match.group(0), match.start()))
        lowered = text.lower()
        for alias, key in self.aliases.items():
            for match in re.finditer(rf"\b{re.escape(alias)}\b", lowered):
                if not any(start <= match.start() < start + len(said) for _, said, start in found):
                    found.append((key, text[match.start():match.end()], match.start()))
        return sorted(found, key=lambda item: item[2])


def _targeting(whole: str) -> list[re.Match[str]]:
    """The matches `_TARGETING.finditer(whole)` gives, found from their tails: only the few places before a
    comma that a target follows are tried (the whole pattern, tried at every capital, cost 0.25 ms a call)."""
    found: list[re.Match[str]] = []
    end = 0  # matches do not overlap: the next starts after the last
    for tail in _TARGETING_TAIL.finditer(whole):
        comma = tail.start()
        for start in range(max(end, comma - _LONGEST_CODE), comma - _SHORTEST_CODE + 1):
            if (match := _TARGETING.match(whole, start)) is not None:
                found.append(match)
                end = match.end()
                break
    return found
