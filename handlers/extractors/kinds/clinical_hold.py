"""`clinical_hold`: a regulator stopping a trial. Placed, ongoing, lifted, or only mentioned.

A company's own decision to pause a trial is not a hold (that is `trial_status`); nor is a hold that
is denied ("we have no clinical hold"), hypothetical ("if the FDA were to place a hold"), or asked
about by management's side. A hold an analyst asks about in a transcript without speakers is still a
hold the call names: `mentioned`, at a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.extractors.context import FUTURE, HYPOTHETICAL, NEGATION, StatusCue, clause, done, modifiers
from handlers.extractors.cues import is_question
from handlers.extractors.engine import Adjust, Example, Found, Guard, Kind, Slot, Trigger
from handlers.extractors.helpers import known_partners, partners_in, speaker_penalty
from handlers.extractors.subjects import normalise

NAME = "clinical_hold"

_I = re.I
TRIGGERS = (
    # "clinical hold", "partial clinical hold": says what it is by itself.
    Trigger("clinical_hold", re.compile(r"(?:partial\s+clinical|full\s+clinical|clinical)\s+hold\b", _I),
            confidence=0.9),
    # "placed on hold", "remains on a partial hold": a hold only with a trial around it.
    Trigger("on_hold", re.compile(r"(?:placed|put|be|been|is|was|remains?|remained)\s+on\s+(?:a\s+)?"
                                  r"(?:partial\s+|full\s+)?hold\b", _I), confidence=0.75),
    # "the FDA put a hold on the trial"
    Trigger("a_hold_on", re.compile(r"(?:placed|put|imposed|issued)\s+(?:a\s+)?(?:partial\s+|full\s+)?hold\s+on\b", _I),
            confidence=0.75),
    # "lifted the hold", "after the hold"
    Trigger("the_hold", re.compile(r"(?:after|lift(?:ed|ing)?|remov(?:ed|al of)|resolv\w+)\s+the\s+"
                                   r"(?:partial\s+|full\s+)?hold\b", _I), confidence=0.75),
)
# "projects on hold" is not a regulator stopping a trial: a hold not called clinical needs one of these.
CONTEXT = Trigger("context", re.compile(r"(?:FDA|EMA|regulat\w+|trials?|study|studies|patients?|dos(?:e|ing|ed)|"
                                        r"enrol\w+|IND|protocol|clinic(?:al)?)\b", _I))
_REGULATOR = re.compile(r"(?P<regulator>FDA|EMA|MHRA|PMDA|Health Canada|ANSM|regulators?|agency)\b")
# Status cues, read by `context.status_cues`: the nearest one in the trigger's clause wins.
CUES = (
    # "resumed dosing", "reopened enrolment": the hold is over.
    # "the FDA has informed us that the study may proceed, removing the clinical hold" (the FDA's own words)
    ("lifted", re.compile(r"(?:lift(?:ed|ing|s)?|remov(?:ed|al|e|ing)|resolv(?:ed|e|ing)|reopen(?:ed|ing|s)?|"
                          r"resum(?:ed|e|ing)|released|cleared|re-?start(?:ed)?|re-?initiat\w+|moved? past|"
                          r"no longer on|(?:may|can|allowed to|cleared to) proceed)\b"), True),
    # "remains on hold", "we are working with the FDA to resolve the hold", "our response to the hold"
    ("ongoing", re.compile(r"(?:remain(?:s|ed)?|still|continues? to be|currently|is on|are on|working|respond\w*|"
                           r"response|address(?:ing|es)?)\b"), True),
    ("placed", re.compile(r"(?:placed|imposed|put|issued|notified|initiated|received|announced)\b"), True),
    # "Zenith had the clinical hold": a placed hold only where nothing more telling is said (the seeds'
    # gold reads it so; the biopharma gold reads the same sentence as ongoing, and says placed is defensible).
    ("placed", re.compile(r"(?:had|has|got)\b"), False),
)
_LIFTED = CUES[0][1]
_HAD_BEEN = re.compile(r"had been\b")
# "once the hold is lifted", "until the hold is resolved": a lift waited for (on the lowered sentence).
_AWAITED = re.compile(r"(?:once|until|as soon as)\b[^;:,]*$")


# "any risk of a clinical hold", "a potential clinical hold", "worried about a hold": a hold feared, not had.
# Right before the trigger, with only "of a", "about any" between ("despite concerns, the FDA placed a
# clinical hold" is a hold).
_FEARED = re.compile(r"(?:risks?|potential(?:ly)?|possib\w+|worr\w+|concern\w*|fear\w*|avoid\w*|prevent\w*|chance|"
                     r"likelihood|probability)\s+(?:(?:of|about|for|that|from)\s+)?(?:(?:a|an|the|any|another)\s+)?"
                     r"(?:(?:new|fda|regulatory)\s+)?$")


def _denied(found: Found) -> bool:
    """The hold itself denied, conditional or feared ("no clinical hold", "if the FDA were to place a
    hold", "any risk of a clinical hold"); a status cue in between takes the modifier instead ("has not
    lifted the hold": still a hold), unless that cue is its placing ("has not placed a clinical hold",
    "could the FDA put it on clinical hold": none)."""
    start, end = found.match.start(), found.match.end()
    if _FEARED.search(found.sentence.lowered, max(clause(found.text, start, end)[0], start - 50), start):
        return True
    before = [c for c in found.cues if c.end <= end]
    if any(c.status == "placed" and c.strong and c.modifiers & {NEGATION, HYPOTHETICAL} for c in before):
        return True
    shields = [(c.start, c.end) for c in before]
    return bool(modifiers(found.text, end - 4, end, shields=shields) & {NEGATION, HYPOTHETICAL})


# "unlike competitors whose programs were placed on clinical hold", "an industry-wide clinical hold":
# another company's hold, not news about this one's programs (read in the trigger's clause).
_OTHERS = re.compile(r"(?:competitor|competing|rival|industry[- ]wide|class[- ]wide|other compan|peers?\b|unlike\b)")


def _others(found: Found) -> bool:
    start, end = clause(found.text, found.match.start(), found.match.end())
    return _OTHERS.search(found.sentence.lowered, start, end) is not None


def _asked_by_management(found: Found) -> bool:
    """A question from management's side (or the operator) names no hold of its own."""
    return is_question(found.sentence) and found.sentence.speaker_kind not in ("analyst", None)


def _status(found: Found) -> dict:
    """The nearest cue that states a fact; a lift that is only expected, denied or conditional ("we
    expect the FDA to lift the hold") leaves the hold in place, and `expected` says what comes next."""
    if is_question(found.sentence) and found.sentence.speaker_kind is None:
        return {"status": "mentioned", "attributes": {"expected": None}}  # flat text: whoever asks, only named
    cues = _intents(found)
    fact = done(cues)
    pending = next((c for c in cues if c.status == "lifted" and c.modifiers), None)
    expected = "lifted" if pending is not None and FUTURE in pending.modifiers else None
    if fact is None or (pending is not None and fact.status == "placed"
                        and (pending.distance < fact.distance or not fact.strong)):
        if pending is not None:
            return {"status": "ongoing", "attributes": {"expected": expected}}
        fact = None
    status = fact.status if fact else "mentioned"
    expected = None if status == "lifted" else expected
    if status in ("placed", "mentioned") and _HAD_BEEN.search(found.text) and _lifted_next(found):
        return {"status": "lifted", "attributes": {"expected": None}}  # "we had been on hold. We reopened"
    return {"status": status, "attributes": {"expected": expected}}


def _intents(found: Found) -> list[StatusCue]:
    """The status cues, a lift said as an infinitive ("working to resolve the hold") or awaited ("once
    the hold is lifted", "until") read as expected, not done: a future `context.py`'s cues do not see."""
    lowered = found.sentence.lowered
    return [replace(c, modifiers=c.modifiers | {FUTURE}) if c.status == "lifted" and _awaited(lowered, c.start)
            else c for c in found.cues]


def _awaited(lowered: str, start: int) -> bool:
    return lowered.endswith("to ", 0, start) or _AWAITED.search(lowered, max(0, start - 60), start) is not None


def _lifted_next(found: Found) -> bool:
    """Whether the next sentence says a hold is over, as a fact (not "we hope to resume")."""
    following = found.call.next_sentence(found.sentence)
    if following is None:
        return False
    lowered = following.lowered
    return any(not modifiers(following.text, m.start(), m.end()) for m in _LIFTED.finditer(lowered)
               if m.start() == 0 or not lowered[m.start() - 1].isalpha())


def _subject(found: Found, fields: dict) -> dict:
    """The program held (named, else the partner, else the one named just before) and whose it is."""
    text, call = found.text, found.call
    partners = partners_in(text, call, strongest_only=True) or [
        name for name in known_partners(call) if re.search(rf"\b{re.escape(name)}\b", text)]
    programs = call.programs.in_text(text)
    subject = programs[0][0] if programs else (partners[0].upper() if partners else call.recent_subject(found.sentence))
    as_said = programs[0][1] if programs and normalise(programs[0][1]) == programs[0][0] else None
    return {"subject": subject, "counterparty": partners[0] if partners else None,
            "attributes": {"owner": "partner" if partners else "self", "as_said": as_said}}


def _regulator(found: Found, fields: dict) -> dict:
    regulator = _REGULATOR.search(found.text)
    return {"attributes": {"regulator": regulator["regulator"] if regulator else None}}


def _who(found: Found, fields: dict) -> dict:
    """Who said it; a hold named in a question is less sure however confirmed."""
    penalty, notes = speaker_penalty(found.sentence, found.call, "hold")
    if is_question(found.sentence):
        penalty, notes = max(penalty, 0.3), (*notes, "stated within a question")
    return {"penalty": (penalty, notes)}


def _unnamed(found: Found, fields: dict) -> bool:
    return fields.get("subject") is None


KIND = Kind(
    name=NAME,
    keywords=("hold",),
    triggers=TRIGGERS,
    context=CONTEXT,
    self_evident="clinical",
    guards=(Guard("denied_or_conditional", _denied), Guard("asked_by_management", _asked_by_management),
            Guard("others", _others)),
    cues=CUES,
    status=None,
    slots=(Slot("status", lambda found, fields: _status(found)), Slot("subject", _subject),
           Slot("regulator", _regulator), Slot("who", _who)),
    # "a clinical hold" with no program, partner or status to it says too little to alert on.
    adjust=(Adjust("unnamed", lambda f, fields: _unnamed(f, fields) and fields["status"] != "mentioned", -0.15,
                   "the program is not named"),
            Adjust("unnamed_mentioned", lambda f, fields: _unnamed(f, fields) and fields["status"] == "mentioned",
                   -0.45, "the program is not named")),
    speaker_keyword="hold",
    identity=("subject",),
    # A lift is usually said with the placing as its history ("the hold placed in March was lifted").
    ranks=("mentioned", "ongoing", "placed", "lifted"),
    examples=(
        Example("The FDA placed a partial clinical hold on ABC-101 in March.", {"status": "placed", "subject": "ABC101"}),
        Example("The FDA placed a partial clinical hold on ABC-101; the RESOLVE trial is paused.",
                {"status": "placed", "subject": "ABC101"}),
        Example("We expect the FDA to lift the clinical hold on ABC-101 in the third quarter.",
                {"status": "ongoing", "subject": "ABC101", "attributes": {"expected": "lifted"}}),
        Example("The FDA lifted the clinical hold on ABC-101 and we resumed dosing.",
                {"status": "lifted", "subject": "ABC101"}),
        Example("We are working with the FDA to resolve the clinical hold on ABC-101.",
                {"status": "ongoing", "attributes": {"expected": "lifted"}}),
        Example("We plan to resume dosing once the clinical hold on ABC-101 is lifted.", {"status": "ongoing"}),
        Example("We submitted our complete response to the clinical hold on ABC-101.", {"status": "ongoing"}),
        Example("The FDA put a hold on the ABC-101 trial.", {"status": "placed", "subject": "ABC101"}),
        Example("There was no new clinical hold this quarter, but the FDA lifted the partial hold on ABC-101.",
                {"status": "lifted", "subject": "ABC101"}),
        # A word elsewhere that looks like a lift does not make a placed hold lifted.
        Example("The FDA placed a clinical hold on ABC-101 after a patient death, and we will work to lift it.",
                {"status": "placed", "subject": "ABC101"}),
        Example("ABC-101 remains on clinical hold.", {"status": "ongoing", "subject": "ABC101"}),
        # "has" is a weak placing: the lift said beside it wins.
        Example("The FDA has informed us that the ABC-101 study may proceed, removing the clinical hold.",
                {"status": "lifted", "subject": "ABC101"}),
        Example("Can you comment on the clinical hold on ABC-101 and when you expect it to be lifted?",
                {"status": "mentioned", "subject": "ABC101"}, speaker=None),
        Example("We have no clinical hold on any of our programs.", None),
        # Another company's hold is no news of this one's programs.
        Example("Unlike competitors whose programs were placed on clinical hold, our trials continue to enroll.", None),
        Example("The FDA placed a clinical hold on a competitor's gene therapy program last month.", None),
        Example("There has been an industry-wide clinical hold on several AAV programs.", None),
        Example("If the FDA were to place a clinical hold on ABC-101, we would pause enrollment.", None),
        # A hold feared or supposed, in a question or not, is none the call has.
        Example("Do you see any risk of a clinical hold on ABC-101?", None, speaker=None),
        Example("Could the FDA put ABC-101 on clinical hold?", None, speaker=None),
        Example("We see a low risk of a clinical hold on ABC-101.", None),
        Example("Despite our concerns, the FDA placed a clinical hold on ABC-101.", {"status": "placed"}),
        Example("Are you worried about a potential clinical hold on ABC-101?", None, speaker=None),
        Example("Our shareholders know the new plant project was put on hold.", None),
        Example("Is the clinical hold on ABC-101 still in place?", {"status": "mentioned", "subject": "ABC101"},
                speaker=None),
    ),
)
