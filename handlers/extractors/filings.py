"""Regulatory filings (IND, CTA, BLA, NDA, sNDA, sBLA, MAA, PMA, 510(k)): plans, submissions,
acceptances, approvals, delays, and guidance withdrawn ("we are not giving guidance for the IND")."""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.cues import hypothetical, is_question, negated
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import find_horizon
from handlers.extractors.model import REGULATORY_FILING, KeyItem, Sentence
from handlers.extractors.subjects import normalise

_FILING = re.compile(r"(?<![A-Za-z])(?P<type>INDs?|CTAs?|BLAs?|NDAs?|sNDAs?|sBLAs?|MAAs?|PMAs?|510\(k\))(?![A-Za-z])")
_WITHDRAWN = re.compile(r"\b(?:not (?:giving|providing) (?:any )?guidance|no longer (?:giving|providing|expect)|"
                        r"withdr[ae]w\w*|(?:won't|will not|do not|don't) (?:give|provide) (?:any )?(?:guidance|timing))\b", re.I)
_APPROVED = re.compile(r"\b(?:approved|approval (?:was|has been) (?:granted|received)|received (?:FDA )?approval)\b", re.I)
_ACCEPTED = re.compile(r"\b(?:accepted|acceptance|cleared|clearance)\b", re.I)
_SUBMITTED = re.compile(r"\b(?:submitted|filed|we have filed|completed (?:the )?submission|submission of)\b", re.I)
_DELAYED = re.compile(r"\b(?:delay\w*|push(?:ed)? (?:out|back)|slip\w*|postpone\w*|now expect\w* [^.]{0,40}later)\b", re.I)
_ACTION = re.compile(r"\b(?:fil(?:e|es|ing)|submi(?:t|ts|tting|ssion)|package|enabling)\b", re.I)
_PLANNED = re.compile(r"\b(?:plan\w*|expect\w*|intend\w*|on track|anticipat\w*|will (?:file|submit)|to (?:file|submit)|"
                      r"target\w*|aim\w*|prepar\w*|next year|by (?:the end of )?\d{4}|in \d{4})\b", re.I)


class RegulatoryFilings:
    """Extractor for `regulatory_filing` items: one per product named with the filing."""

    kind = REGULATORY_FILING
    keywords = ("IND", "CTA", "BLA", "NDA", "sBLA", "sNDA", "MAA", "PMA", "510(k)")  # capitals: "ind" is in "find"

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        match = _FILING.search(text)
        if match is None or is_question(sentence):
            return []
        withdrawn = _WITHDRAWN.search(text)
        if not withdrawn and (negated(text, match.start(), window=40) or hypothetical(text, match.start(), window=40)):
            return []
        status = _status(text, withdrawn is not None)
        if status is None or (status == "planned" and not _ACTION.search(text)):
            return []  # "bring a product to BLA one day" is an aspiration, not a filing plan
        found = call.programs.in_text(text)
        programs = [key for key, _, _ in found]
        # The spelling as said, where it is the code itself (not an alias such as "mesothelin").
        spelling = {key: said for key, said, _ in found if normalise(said) == key}
        notes: tuple[str, ...] = ()
        horizon = None if status == "guidance_withdrawn" else find_horizon(text, today=call.call_date)
        if not programs:
            recent = call.recent_subject(sentence, turns_back=0)
            if recent is None or (status == "planned" and horizon is None):
                return []
            programs, notes = [recent], ("the product is named in an earlier sentence",)
        penalty, who = speaker_penalty(sentence, call, match["type"].rstrip("s"))
        filing_type = match["type"].rstrip("s") if match["type"] != "510(k)" else "510(k)"
        return [make(
            REGULATORY_FILING, program, sentence, 0.9 - penalty - (0.1 if notes else 0), notes=(*who, *notes),
            status=status, text_value=horizon.text if horizon else None,
            date_start=horizon.start if horizon else None, date_end=horizon.end if horizon else None,
            attributes={"filing_type": filing_type, "product": program, "as_said": spelling.get(program)},
        ) for program in dict.fromkeys(programs)]


def _status(text: str, withdrawn: bool) -> str | None:
    if withdrawn:
        return "guidance_withdrawn"
    for status, pattern in (("approved", _APPROVED), ("delayed", _DELAYED), ("accepted", _ACCEPTED),
                            ("planned", _PLANNED), ("submitted", _SUBMITTED)):
        if pattern.search(text):
            return status
    return None
