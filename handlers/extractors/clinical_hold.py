"""Clinical holds: a regulator stopping a trial. Placed, ongoing, lifted, or only mentioned.

A company's own decision to pause a trial is not a hold (see `trials.py`); nor is a hold that is
denied ("we have no clinical hold"), hypothetical ("if the FDA were to place a hold"), or asked about.
"""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.context import FUTURE, HYPOTHETICAL, NEGATION, StatusCue, done, modifiers, status_cues
from handlers.extractors.cues import is_question
from handlers.extractors.helpers import known_partners, make, partners_in, speaker_penalty
from handlers.extractors.model import CLINICAL_HOLD, KeyItem, Sentence
from handlers.extractors.subjects import normalise

# "clinical hold", "partial clinical hold", "placed on hold", "the hold" (with regulatory context).
_HOLD = re.compile(r"\b(?:(?:partial|full)\s+)?clinical\s+hold\b|\b(?:placed|put|be|been|is|was|remains?|remained)\s+on"
                   r"\s+(?:a\s+)?(?:partial\s+|full\s+)?hold\b|\b(?:after|lift(?:ed|ing)?|remov(?:ed|al of)|resolv\w+)\s+the\s+"
                   r"(?:partial\s+|full\s+)?hold\b",
                   re.I)
_TRIAL_CONTEXT = re.compile(r"\b(?:FDA|EMA|regulat\w+|trials?|study|studies|patients?|dos(?:e|ing|ed)|enrol\w+|"
                            r"IND|protocol|clinic(?:al)?)\b", re.I)
_REGULATOR = re.compile(r"\b(?P<regulator>FDA|EMA|MHRA|PMDA|Health Canada|ANSM|regulators?|agency)\b")
# Status cues, read by `context.status_cues`: the nearest one in the trigger's clause wins.
_STATUS_CUES = (
    # "resumed dosing", "reopened enrolment": the hold is over.
    ("lifted", re.compile(r"(?:lift(?:ed|ing|s)?|remov(?:ed|al|e)|resolv(?:ed|e|ing)|reopen(?:ed|ing|s)?|"
                          r"resum(?:ed|e|ing)|released|cleared|re-?start(?:ed)?|re-?initiat\w+|moved? past|"
                          r"no longer on)\b"), True),
    ("ongoing", re.compile(r"(?:remain(?:s|ed)?|still|continues? to be|currently|is on|are on)\b"), True),
    ("placed", re.compile(r"(?:placed|imposed|put|issued|notified|initiated|received|announced)\b"), True),
    # "Zenith had the clinical hold": a placed hold only where nothing more telling is said.
    ("placed", re.compile(r"(?:had|has|got)\b"), False),
)
_LIFTED = _STATUS_CUES[0][1]


class ClinicalHold:
    """Extractor for `clinical_hold` items."""

    kind = CLINICAL_HOLD
    keywords = ("hold",)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _HOLD.search(text)
        if match is None:
            return []
        cues = status_cues(text, match.start(), match.end(), _STATUS_CUES)
        # The hold itself denied or conditional ("no clinical hold", "if the FDA were to place a hold"); a
        # status cue in between takes the modifier instead ("has not lifted the hold").
        shields = [(c.start, c.end) for c in cues if c.end <= match.end()]
        if modifiers(text, match.end() - 4, match.end(), shields=shields) & {NEGATION, HYPOTHETICAL}:
            return []
        if "clinical" not in match.group(0).lower() and not _TRIAL_CONTEXT.search(text):
            return []  # "projects on hold": not a regulator stopping a trial
        asked = is_question(sentence)
        if asked and sentence.speaker_kind not in ("analyst", None):
            return []
        following = call.next_sentence(sentence)
        status, expected = _status(cues, text, following.text if following else "")
        if asked and sentence.speaker_kind is None:
            # No speakers (flat text): whoever asks, the hold is only mentioned.
            status, expected = "mentioned", None
        partners = partners_in(text, call, strongest_only=True) or [
            name for name in known_partners(call) if re.search(rf"\b{re.escape(name)}\b", text)]
        programs = call.programs.in_text(text)
        subject = programs[0][0] if programs else (partners[0].upper() if partners else call.recent_subject(sentence))
        penalty, notes = speaker_penalty(sentence, call, "hold")
        confidence = 0.9 if "clinical" in match.group(0).lower() else 0.75
        if asked:
            penalty, notes = max(penalty, 0.3), (*notes, "stated within a question")
        if subject is None:
            # "a clinical hold" with no program, partner or status to it says too little to alert on.
            confidence -= 0.15 if status != "mentioned" else 0.45
            notes = (*notes, "the program is not named")
        regulator = _REGULATOR.search(text)
        return [make(
            CLINICAL_HOLD, subject, sentence, confidence - penalty, notes=notes, status=status,
            counterparty=partners[0] if partners else None,
            attributes={"owner": "partner" if partners else "self", "as_said": programs[0][1] if programs and normalise(programs[0][1]) == programs[0][0] else None,
                        "regulator": regulator["regulator"] if regulator else None, "expected": expected},
        )]


def _status(cues: list[StatusCue], text: str, following: str) -> tuple[str, str | None]:
    """(status, status expected next): the nearest cue that states a fact; a lift that is only expected,
    denied or conditional ("we expect the FDA to lift the hold") leaves the hold in place."""
    fact = done(cues)
    pending = next((c for c in cues if c.status == "lifted" and c.modifiers), None)
    if fact is None or (pending is not None and fact.status == "placed"
                        and (pending.distance < fact.distance or not fact.strong)):
        if pending is not None:
            return "ongoing", "lifted" if FUTURE in pending.modifiers else None
        fact = None
    status = fact.status if fact else "mentioned"
    if status in ("placed", "mentioned") and re.search(r"\bhad been\b", text) and _lifted_in(following):
        return "lifted", None  # "we had been on clinical hold. We reopened after ..."
    return status, "lifted" if pending is not None and FUTURE in pending.modifiers else None


def _lifted_in(text: str) -> bool:
    """Whether `text` says a hold is over, as a fact (not "we hope to resume")."""
    lowered = text.lower()
    return any(not modifiers(text, m.start(), m.end()) for m in _LIFTED.finditer(lowered)
               if m.start() == 0 or not lowered[m.start() - 1].isalpha())
