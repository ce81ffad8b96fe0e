"""Clinical holds: a regulator stopping a trial. Placed, ongoing, lifted, or only mentioned.

A company's own decision to pause a trial is not a hold (see `trials.py`); nor is a hold that is
denied ("we have no clinical hold"), hypothetical ("if the FDA were to place a hold"), or asked about.
"""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
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
_LIFTED = re.compile(r"\b(?:lift(?:ed|ing)?|removed?|removal|resolv(?:ed|e)|reopen(?:ed|ing)?|resum(?:ed|e|ing)|"
                     r"released|cleared|restart(?:ed)?|re-?initiat\w+|move(?:d)? past)\b", re.I)
_PLACED = re.compile(r"\b(?:placed|imposed|put|received|issued|announced|had|has|got|notified|initiated)\b", re.I)
_ONGOING = re.compile(r"\b(?:remains?|remained|still|continues? to be|currently|is on|are on)\b", re.I)


class ClinicalHold:
    """Extractor for `clinical_hold` items."""

    kind = CLINICAL_HOLD
    keywords = ("hold",)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _HOLD.search(text)
        if match is None or negated(text, match.start()) or hypothetical(text, match.start()):
            return []
        if "clinical" not in match.group(0).lower() and not _TRIAL_CONTEXT.search(text):
            return []  # "projects on hold": not a regulator stopping a trial
        if is_question(sentence) and sentence.speaker_kind != "analyst":
            return []
        following = call.next_sentence(sentence)
        status = _status(text, following.text if following else "")
        partners = partners_in(text, call, strongest_only=True) or [
            name for name in known_partners(call) if re.search(rf"\b{re.escape(name)}\b", text)]
        programs = call.programs.in_text(text)
        subject = programs[0][0] if programs else (partners[0].upper() if partners else call.recent_subject(sentence))
        penalty, notes = speaker_penalty(sentence, call, "hold")
        confidence = 0.9 if "clinical" in match.group(0).lower() else 0.75
        if is_question(sentence):
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
                        "regulator": regulator["regulator"] if regulator else None},
        )]


def _status(text: str, following: str) -> str:
    if _LIFTED.search(text):
        return "lifted"
    if _ONGOING.search(text):
        return "ongoing"
    if _PLACED.search(text):
        # "we had been on clinical hold. We reopened after ..." - the next sentence says it is over.
        return "lifted" if re.search(r"\bhad been\b", text) and _LIFTED.search(following) else "placed"
    if re.search(r"\bhad been\b", text) and _LIFTED.search(following):
        return "lifted"
    return "mentioned"
