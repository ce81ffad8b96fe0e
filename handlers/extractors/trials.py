"""Trial status: enrolment (dose escalation and dose levels are a trial enrolling), completion, pauses,
stops, and data readouts, expected or reported, with their venue. Statuses are the gold's vocabulary
(tests/gold/biopharma/FORMAT.md): enrolling, enrollment_complete, completed, data_expected,
data_reported, paused, stopped.

A company pausing its own trial is `paused` here, ending a program is `stopped` (`trial_stops.py`); only
a regulator's stop is a clinical hold. A trial named beside its product ("UCART22 in BALLI-01", "the
MELANI-01 trial of UCART-CS1") is the product: the item carries the trial's name, and `finish` gives
the product's name to statements of the call that name the trial alone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from handlers.extractors.call import Call
from handlers.extractors.context import FUTURE, modifiers
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import find_horizon
from handlers.extractors.model import TRIAL_STATUS, KeyItem, Sentence
from handlers.extractors.trial_stops import STOP_WORDS, sentence_before, stopped

_PHASE = re.compile(r"\bphase\s+(?P<phase>[1-4]|I{1,3}V?|1/2|2/3|I/II|II/III)(?:[ab])?\b", re.I)
# (status, pattern, stage): the stage is kept as an attribute ("dose escalation": a trial enrolling).
_STATUSES = (
    # ... "no new patients into that particular study": enrolment stopped (not "no new patients start on ZX-12").
    ("paused", re.compile(r"\b(?:paus\w+|suspend\w+|halt\w+|stopp?ed enrol\w+|no (?:new|further|additional) patients "
                          r"(?:will be )?(?:(?:enrolled|dosed|randomi[sz]ed) )?(?:in|into) (?:the|that|this|our|any) "
                          r"(?:particular )?(?:\w+ )?(?:study|trial))\b", re.I), None),
    # "completed enrollment", "enrollment is complete", "fully enrolled"
    ("enrollment_complete", re.compile(r"\b(?:(?:completed|finished|concluded|closed) (?:the )?(?:enrol|recruit)\w*|"
                                       r"(?:enrol\w+|recruitment) (?:is |was |has been )?(?:complete|closed)|"
                                       r"fully (?:enrolled|recruited))\b", re.I), None),
    ("completed", re.compile(r"\b(?:completed|finished|concluded) (?:the trial|the study|dosing)\b", re.I), None),
    ("enrolling", re.compile(r"\bdose level\b", re.I), "dose level"),
    # "we remain in the dose escalation phase", "we're moving through dose escalations"
    ("enrolling", re.compile(r"\bdose[- ]escalations?\b", re.I), "dose escalation"),
    # "has enrolled patients", "enrollment in the study is ongoing"
    ("enrolling", re.compile(r"\b(?:enrolling|recruiting|enrolled (?:the )?first|enrolled patients|"
                             r"first patient (?:dosed|enrolled)|continu\w* to (?:enrol|recruit)\w*|enrol\w+ (?:in (?:the|this|our) (?:study|trial) )?"
                             r"(?:is |are |remains? )?ongoing)\b", re.I), None),
)
_VENUES = ("ASH", "ASCO", "ESMO", "AACR", "EHA", "SITC", "ASGCT", "EASL", "AASLD", "ADA", "EULAR", "ACR", "AAN", "ERS",
           "ATS", "WCLC", "SABCS")
_VENUE = re.compile(rf"\b(?P<venue>{'|'.join(_VENUES)})\b")
# A readout's word, on the lowered sentence: "data", "results", "readout", "top-line" (a class first, then
# the word start checked behind it: a leading `\b` would be tried at every position).
_READOUT = re.compile(r"[drt](?<![a-z][drt])(?:ata|esults|eadout|op-?line)\b")
# What stands just before a readout's word, read on the 50 characters before it (each pattern ends there).
# Data that is no trial's readout: "preclinical data from the TALGlobin-01", "financial results".
_NOT_TRIAL_DATA = re.compile(r"(?:pre-?clinical|non-?clinical|animal|financial|sales|market|claims|prescription|"
                             r"real-world|survey)\s+(?:\w+\s+)?$")
# A readout given: "we presented preliminary translational data", "reported top-line results"; not "will be
# presented", "has been reported".
_PRESENTED = re.compile(r"(?<![a-z])(?<!be )(?<!been )(?:presented|reported|announced|shared|published|released|"
                        r"disclosed|read out) (?:(?!that |which )[\w-]+ ){0,4}$")
# A readout to come, said with a verb a future cue governs: "will present data", "hoping to see some data",
# "hope to be able to show additional data"; or "we expect ... data".
_WILL_PRESENT = re.compile(r"(?<![a-z])(?:(?:present|share|report|show|release|announc|disclos|publish|hav|see)\w*|"
                           r"expect(?:s|ed|ing)?)(?: out)? (?:(?!that |which )[\w-]+ ){0,4}$")
_BEFORE = 50
# Tested with `in` before those patterns run: most sentences with "data" or "results" have neither a verb
# of a readout given nor a word of the future ("financial results", "the data suggest").
_GIVEN_WORDS = ("presented", "reported", "announced", "shared", "published", "released", "disclosed", "read out")
_FUTURE_WORDS = ("will", "'ll", "expect", "anticipat", "plan", "intend", "hop", "aim", "look forward", "going to",
                 "on track", "seek", "await", "pending", "due to", "scheduled", "shall", "to be")

# An analyst announcing a question ("I had a question on UCART-22 on the ASH data") states nothing; in flat
# text, where no speaker is known, neither does "the second question is on the pipeline".
_ASKING = "question"

# A drug of the regimen, not a program: "the alemtuzumab arms", "alemtuzumab lymphodepletion", "the cohorts
# that include alemtuzumab".
_COMPONENT_AFTER = re.compile(r"\s+(?:arms?|cohorts?|lymphodepletion|conditioning|regimen|backbone)\b", re.I)
_COMPONENT_BEFORE = re.compile(r"(?:include|includes|included|including)\s+(?:the\s+)?$", re.I)
# A trial's name, not a product's: "MELANI-01 trial", "the BALLI-01 study".
_TRIAL_AFTER = re.compile(r"\s+(?:trial|study)\b", re.I)
# Between a product and its trial: "UCART22 in BALLI-01"; between a trial and its product: "MELANI-01 of
# UCARTCS1", "the MELANI-01 trial of UCART-CS1", "ALPHA II study evaluating ALLO-501A", "ALPHA study, evaluating".
_PRODUCT_IN = re.compile(r"\s+in\s+(?:the\s+|our\s+|its\s+)?$")
_TRIAL_OF = re.compile(r"(?:\s+(?:I{1,3}|IV|\d))?(?:\s+(?:trial|study))?,?\s+(?:of|for|evaluating|testing|investigating)"
                       r"\s+(?:the\s+|our\s+)?$")

# A status word, a meeting's name, a readout's word, and the words of ending a program; tested with `in`
# before any pattern runs.
_STATUS_WORDS = ("paus", "suspend", "halt", "enrol", "recruit", "completed", "finished", "concluded", "dose",
                 "first patient", "no new patients", "no further patients", "no additional patients")
# A readout's words as readouts are said ("data from", "data at", "results from"): "data" and "results" alone
# are in ten times as many sentences ("financial results", "the data suggest"), each one more to read; so are
# "results for" ("results for the quarter") and "present", which found no readout the others do not.
_READOUT_WORDS = ("data from", "data for", "data at", "data in", "data later", "data next", "data by", "data sets",
                  "data showing", "data with", "data expected", "data --", "results from", "results at",
                  "results expected", "top-line", "topline", "readout", "read out")


class TrialStatus:
    """Extractor for `trial_status` items: one per program and status the sentence states."""

    kind = TRIAL_STATUS
    keywords = (*_STATUS_WORDS, *_VENUES, *STOP_WORDS, *_READOUT_WORDS)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        if is_question(sentence) or (sentence.speaker_kind in ("analyst", None) and _ASKING in sentence.lowered):
            return []
        lowered = sentence.lowered
        ended = stopped(sentence, call) if any(map(lowered.__contains__, STOP_WORDS)) else []
        if ended:
            return ended
        statuses = _statuses(sentence)
        if not statuses:
            return []
        programs, trials = _programs(sentence.text, call)
        confidence = 0.75
        if not programs and sentence.speaker_kind in ("executive", None):
            programs, confidence = _unnamed(sentence, call, paused="paused" in statuses), 0.65
        if not programs:
            return []
        return _items(sentence, call, statuses, programs, trials, confidence)

    def finish(self, items: list[KeyItem], call: Call) -> list[KeyItem]:
        """A trial named alone is the product the call names it beside ("MELANI-01 trial is enrolling" is
        UCARTCS1's, where the call said "UCARTCS1 in MELANI-01")."""
        products = {item.attributes["trial"]: item.subject for item in items
                    if item.kind == TRIAL_STATUS and item.attributes.get("trial")}
        if not products:
            return items
        return [replace(item, subject=products[item.subject], attributes={**item.attributes, "trial": item.subject})
                if item.kind == TRIAL_STATUS and item.subject in products and not item.attributes.get("trial")
                else item for item in items]


def _statuses(sentence: Sentence) -> dict[str, str | None]:
    """status -> stage, of each status the sentence states as a fact (or, for data, expects)."""
    text, lowered = sentence.text, sentence.lowered
    found: dict[str, str | None] = {}
    if any(map(lowered.__contains__, _STATUS_WORDS)):
        for status, pattern, stage in _STATUSES:
            m = pattern.search(text)
            if m and status not in found and not negated(text, m.start(), window=20) \
                    and not hypothetical(text, m.start(), window=30):
                found[status] = stage
    # What the keyword filter lets through, no more: a readout's words, or a meeting's name.
    if any(map(lowered.__contains__, _READOUT_WORDS)) or _VENUE.search(sentence.text):
        readout = _readout(sentence)
        if readout:
            found[readout] = None
    return found


def _readout(sentence: Sentence) -> str | None:
    """`data_reported`, `data_expected` or None: a readout given, one to come (said so, or at a meeting)."""
    text, lowered = sentence.text, sentence.lowered
    given, future = any(map(lowered.__contains__, _GIVEN_WORDS)), any(map(lowered.__contains__, _FUTURE_WORDS))
    venue = _VENUE.search(text) is not None
    if not (given or future or venue):
        return None
    found = None
    for m in _READOUT.finditer(lowered):
        lo = max(0, m.start() - _BEFORE)
        if _NOT_TRIAL_DATA.search(lowered, max(lo, m.start() - 30), m.start()):
            continue
        found = found or ("data_expected" if venue else None)
        if given and (verb := _PRESENTED.search(lowered, lo, m.start())) \
                and not modifiers(text, verb.start(), verb.start() + 4):
            return "data_reported"
        verb = _WILL_PRESENT.search(lowered, lo, m.start()) if future else None
        if verb and (verb.group(0).startswith("expect") or FUTURE in modifiers(text, verb.start(), verb.start() + 4)):
            found = "data_expected"
    return found


def _programs(text: str, call: Call) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(key, as said) of the programs the sentence gives a status, and product key -> its trial's key:
    a drug of the regimen is none, a trial named beside its product is that product."""
    named = [(key, said, at) for key, said, at in call.programs.in_text(text)
             if not _COMPONENT_AFTER.match(text, at + len(said)) and not _COMPONENT_BEFORE.search(text, max(0, at - 20), at)]
    trials: dict[str, str] = {}
    for (key, said, at), (later, _, later_at) in itertools.pairwise(named):
        between = text[at + len(said):later_at]
        if _PRODUCT_IN.fullmatch(between):
            trials[key] = later
        elif _TRIAL_OF.fullmatch(between):
            trials[later] = key
    trial_keys = set(trials.values())
    products = [(key, said) for key, said, at in named if key not in trial_keys]
    if any(not _TRIAL_AFTER.match(text, at + len(said)) for key, said, at in named if key not in trial_keys):
        # A trial's name said with a product's: the product is the subject ("the BALLI-01 study ... UCART-22").
        products = [(key, said) for key, said, at in named
                    if key not in trial_keys and not _TRIAL_AFTER.match(text, at + len(said))]
    return list(dict((key, (key, said)) for key, said in products).values()), trials


_DIGIT = re.compile(r"\d")
# "that particular study", "the trial": a pause must say which (a pause is critical; the program is then the
# one the sentence before names).
_DEFINITE = re.compile(r"(?:that|this|the) (?:particular )?(?:study|trial|program)\b")
_TURN_BACK = 5  # sentences: further back, the turn may have moved on


def _unnamed(sentence: Sentence, call: Call, *, paused: bool) -> list[tuple[str, str]]:
    """The program a status said without a name is about: for a pause, the code the sentence before names
    when the sentence points at it ("no new patients into that particular study"); else `_turn_subject`."""
    if not paused:
        return _turn_subject(sentence, call)
    if _DEFINITE.search(sentence.lowered) is None:
        return []
    return [(key, said) for earlier in sentence_before(sentence, call) for key, said in _programs(earlier.text, call)[0]
            if any(map(str.isdigit, key))][-1:]


def _turn_subject(sentence: Sentence, call: Call) -> list[tuple[str, str]]:
    """The program code named last before the sentence in its turn: what "we're moving through dose
    escalations" is about, when management has just named it. A code only: a drug named by its INN in
    passing is often another's or the regimen's ("patients treated with fludarabine ... and alemtuzumab")."""
    spans = call.spans(sentence.seq)[max(0, sentence.index - _TURN_BACK):sentence.index]
    turn = call.transcript.turns[sentence.seq - 1].text
    if not spans or _DIGIT.search(turn, spans[0][0], spans[-1][1]) is None:
        return []  # a code has a digit: sentences without one name none (and are not parsed)
    for start, end in reversed(spans):
        earlier = turn[start:end]
        programs = [(key, said) for key, said in _programs(earlier, call)[0] if any(map(str.isdigit, key))] \
            if _DIGIT.search(earlier) else []
        if programs:
            return programs[-1:]
    return []


def _items(sentence: Sentence, call: Call, statuses: dict[str, str | None], programs: list[tuple[str, str]],
           trials: dict[str, str], confidence: float) -> list[KeyItem]:
    text = sentence.text
    phase, venue = _PHASE.search(text), _VENUE.search(text)
    expected = "data_expected" in statuses
    horizon = find_horizon(text, today=call.call_date) if expected else None
    penalty, notes = speaker_penalty(sentence, call, programs[0][1])
    return [make(
        TRIAL_STATUS, key, sentence, confidence - penalty, notes=notes, status=status,
        text_value=horizon.text if horizon and status == "data_expected" else None,
        date_start=horizon.start if horizon and status == "data_expected" else None,
        date_end=horizon.end if horizon and status == "data_expected" else None,
        attributes={"phase": phase["phase"] if phase else None, "venue": venue["venue"] if venue else None,
                    **({"stage": stage} if stage else {}), **({"trial": trials[key]} if key in trials else {})},
    ) for status, stage in statuses.items() for key, _ in programs]
