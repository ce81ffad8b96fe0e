"""Trial status: phase, enrolment, dose escalation, completion, pauses, and data readouts with venue.

A company pausing its own trial is `paused` here; only a regulator's stop is a clinical hold.
"""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import find_horizon
from handlers.extractors.model import TRIAL_STATUS, KeyItem, Sentence

_PHASE = re.compile(r"\bphase\s+(?P<phase>[1-4]|I{1,3}V?|1/2|2/3|I/II|II/III)(?:[ab])?\b", re.I)
_STATUSES = (
    ("paused", re.compile(r"\b(?:paus\w+|suspend\w+|halt\w+|stopp?ed enrol\w+)\b", re.I)),
    ("completed", re.compile(r"\b(?:completed|finished|concluded) (?:enrol\w+|the trial|the study|dosing)\b", re.I)),
    ("dose level", re.compile(r"\bdose level\b", re.I)),
    ("dose escalation", re.compile(r"\bdose[- ]escalation\b", re.I)),
    ("enrolling", re.compile(r"\b(?:enrolling|recruiting|enrolled (?:the )?first|first patient (?:dosed|enrolled))\b", re.I)),
)
_VENUES = ("ASH", "ASCO", "ESMO", "AACR", "EHA", "SITC", "ASGCT", "EASL", "AASLD", "ADA", "EULAR", "ACR", "AAN", "ERS",
           "ATS", "WCLC", "SABCS")
_VENUE = re.compile(rf"\b(?P<venue>{'|'.join(_VENUES)})\b")
_READOUT = re.compile(r"\b(?:data|results|readout|top-?line)\b", re.I)


class TrialStatus:
    """Extractor for `trial_status` items: one per program the sentence names with a status."""

    kind = TRIAL_STATUS
    # A status word, or a meeting's name (a readout counts only with the venue that hosts it).
    keywords = ("paus", "suspend", "halt", "enrol", "recruit", "completed", "finished", "concluded", "dose",
                "first patient", *_VENUES)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        status = next((name for name, pattern in _STATUSES if (m := pattern.search(text))
                       and not negated(text, m.start(), window=20) and not hypothetical(text, m.start(), window=30)), None)
        venue = _VENUE.search(text)
        readout = _READOUT.search(text) if venue else None
        if (status is None and readout is None) or is_question(sentence):
            return []
        programs = call.programs.in_text(text)
        if not programs:
            return []
        phase = _PHASE.search(text)
        horizon = find_horizon(text, today=call.call_date) if readout else None
        penalty, notes = speaker_penalty(sentence, call, programs[0][1])
        return [make(
            TRIAL_STATUS, key, sentence, 0.75 - penalty, notes=notes, status=status or "data expected",
            text_value=horizon.text if horizon else None, date_start=horizon.start if horizon else None,
            date_end=horizon.end if horizon else None,
            attributes={"phase": phase["phase"] if phase else None, "venue": venue["venue"] if venue else None},
        ) for key in dict.fromkeys(key for key, _, _ in programs)]
