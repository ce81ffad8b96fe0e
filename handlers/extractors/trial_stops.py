"""`stopped` trial statuses: the company ending its own program, said as a fact.

"we are discontinuing further development of 916", "we removed the Phase I APOC3 siRNA asset"; not
a competitor's stop, advice, a possibility, or a stop told again. Read by `trials.TrialStatus`.
"""

from __future__ import annotations

import re

from handlers.extractors.call import Call
from handlers.extractors.context import FUTURE, clause, modifiers
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.model import TRIAL_STATUS, KeyItem, Sentence

_PHASE = re.compile(r"\bphase\s+(?P<phase>[1-4]|I{1,3}V?|1/2|2/3|I/II|II/III)(?:[ab])?\b", re.I)

# A program ended, on the lowered sentence: "we made the decision to terminate for futility the phase three
# ... trial", "we have stopped development of an NRG4 agonist", "the discontinuation of our DMD program",
# "we will wind down the TRANSFORM2 study", "the results ... didn't support proceeding with this molecule",
# "not sufficiently differentiated for us to pursue it". Each alternative starts with a literal.
_STOP = re.compile(
    r"(?:discontinu(?:e|ed|es|ing)|discontinuation of|terminat(?:e|ed|es|ing)|stop(?:ped|ping|s)?|"
    r"wind(?:ing)? down|wound down|remov(?:e|ed|es|ing)|no longer (?:develop|pursu|advanc)\w*|"
    r"(?:decided|decision|chose|elected) not to (?:pursue|proceed|advance|continue)|"
    r"(?:n't|not) (?:support|justify|warrant) (?:proceeding|continuing|advancing|further)|"
    r"not (?:sufficiently \w+|\w+ enough) for us to (?:pursue|proceed|advance|continue))\b")
# What was ended must be a program ("terminated partnerships" and "discontinued operations" are not),
# named within a few words after the verb.
_PROGRAM_WORD = re.compile(r"(?<![a-z])(?:program|study|studies|trial|development|asset|molecule|compound|investigation|"
                           r"candidate|pipeline)s?\b")
# "removed the Phase I APOC3 siRNA asset", "removed DC806 from the pipeline"; not "removed the suicide switch".
_REMOVED_WHAT = re.compile(r"(?<![a-z])(?:phase [\w/]+ [^$]{0,40}(?:program|asset|molecule|compound|candidate)|"
                           r"from (?:the |our )?(?:clinical )?pipeline)")
# Cues that the stop is advice, a possibility or a recommendation, not the company's decision.
_SUPPOSED = re.compile(r"(?<![a-z])(?:may|should|might|could|would|think|suggest\w*|recommend\w*|ask\w*|whether)\b")
# "not sufficiently differentiated for us to pursue it": "it" is the program the sentence is about.
_IT = re.compile(r"\s+it\b")
# Patients stopping a drug ("discontinued treatment", "discontinuation of the study drug") is no program news.
_TREATMENT = re.compile(r"\s+(?:of )?(?:the |their |study )?(?:treatment|therapy|drug|medication|dosing)")
_NOT_A_PROGRAM = re.compile(r"(?<![a-z])(?:agreement|collaboration|partnership|alliance|licen[cs]e|contract|lease|operations|"
                            r"hedg|repurchase|employ|sales force|promotion|patients|rates?\b|due to "
                            r"(?:adverse|side)|guidance|dividend|manufactur|facilit|site)")
# The company itself ends it: a competitor's stopped trial is not this company's news.
_FIRST_PERSON = re.compile(r"(?<![a-z'])(?:we|we've|we're|we'll|our|us)\b")
# A stop told again ("as mentioned last quarter", "the discontinuation ... earlier this year") is old news.
_RETOLD = ("last quarter", "earlier this year", "last year", "previously", "as mentioned", "as we announced",
           "as announced", "prior quarter",
           # ... and a molecule swapped for its successor ("removed DC806 from the pipeline in favor of 853")
           # is a portfolio choice: the program goes on.
           "in favor of", "in favour of")
# Words before the program's name in the object: "further development for 916" -> "916".
_LEAD = re.compile(r"(?:(?:for|of|the|our|its|an?|further|clinical|development|investigation|work|on|with|this|"
                   r"that|all|futility|phase (?:\w+|[1-4]\w*))\s+)*")
# Where the object's name ends: "916 as a standalone antibody", "Gitter agonists antagonists due to ...".
_NAME_END = re.compile(r",|;| (?:as|due|because|which|following|while|based|after|in|for|from|to|and|given|"
                       r"evaluating|targeting|that)\b")
_SINGULAR = frozenset({"the", "this", "that", "our", "its", "it"})
_GENERIC = frozenset({"program", "programs", "study", "studies", "trial", "trials", "molecule", "asset", "assets",
                      "compound", "it", "this", "two", "three", "phase", "one", "i", "ii", "1", "2", "3", "development", "pipeline", "investigation"})

# The words of ending a program, tested with `in` before any pattern runs.
STOP_WORDS = ("discontinu", "terminat", "stopped", "stopping", "stop the", "stop development", "wind down",
               "winding down", "wound down", "removed", "no longer", "not to pursue", "not to proceed",
               "not to advance", "not to continue", "us to pursue", "us to proceed", "us to advance", "us to continue",
               "support proceeding", "support continuing", "support advancing", "support further")


def stopped(sentence: Sentence, call: Call) -> list[KeyItem]:
    """`stopped` items: the company ending its own program, said as a fact (not denied, asked, or supposed)."""
    lowered = sentence.lowered
    if any(phrase in lowered for phrase in _RETOLD):
        return []
    for stop in _STOP.finditer(lowered):
        if stop.start() and lowered[stop.start() - 1].isalpha() and not stop.group(0).startswith("n't"):
            continue  # inside a word
        obj = _object(lowered, stop)
        if obj is None or modifiers(sentence.text, stop.start(), stop.end()) - {FUTURE}:
            continue
        subjects = _subjects(sentence, call, stop.end() + obj[0], stop.end() + obj[1])
        if not subjects:
            continue
        penalty, notes = speaker_penalty(sentence, call, subjects[0][1])
        return [make(TRIAL_STATUS, key, sentence, 0.75 - penalty, notes=notes, status="stopped",
                     attributes={"as_said": said, "phase": (p := _PHASE.search(sentence.text)) and p["phase"]})
                for key, said in subjects[:3]]
    return []


def _object(lowered: str, stop: re.Match[str]) -> tuple[int, int] | None:
    """(start, end) after the stop verb of what it ended, when that is the company's own program."""
    lo, hi = clause(lowered, stop.start(), stop.end())
    after = lowered[stop.end():min(hi, stop.end() + 120)]
    said = stop.group(0)
    if _SUPPOSED.search(lowered, max(lo, stop.start() - 40), stop.start()):
        return None  # "they may call us and say you should stop the study": advice or a possibility
    wanted = _REMOVED_WHAT if said.startswith("remov") else _PROGRAM_WORD
    if not (wanted.search(after, 0, 70) or (("not" in said or "n't" in said) and _IT.match(after))):
        return None
    if _NOT_A_PROGRAM.search(after, 0, 40) or _TREATMENT.match(after):
        return None
    if not _FIRST_PERSON.search(lowered, lo, stop.end()) and not after.lstrip().startswith(("our ", "for our ")):
        return None
    return 0, len(after)


def _subjects(sentence: Sentence, call: Call, start: int, end: int) -> list[tuple[str, str]]:
    """(key, as said) of the programs ended: the codes named after the verb, else the object's own words
    ("Gitter agonists antagonists"), else, for "the program" or "it", the program of the sentence before,
    else those words as said ("the program": the quote tells which). A plural with no name ("the starting
    and stopping of studies") is no program."""
    text = sentence.text
    named = call.programs.in_text(text[start:end])
    if named:
        return list(dict.fromkeys((key, said) for key, said, _ in named))
    head = text[start:end].strip()
    lead = _LEAD.match(head.lower())
    names = _names(head[lead.end():] if lead else head)
    if names:
        return [(" ".join(words).upper(), " ".join(words)) for words in names]
    earlier = sentence_before(sentence, call)
    # A name opening a sentence has a capital it does not own ("Ludicizumab showed ..."): read it lower-cased.
    programs = [p for s in earlier for p in (call.programs.in_text(s.text)
                                             or call.programs.in_text(s.text[:1].lower() + s.text[1:]))]
    if programs:
        return [(programs[-1][0], programs[-1][1])]
    said = re.sub(r"^(?:with|of|for|on)\s+", "", head.split(",")[0].strip(" .")).split()[:3]
    if said and said[0].lower() in _SINGULAR and said[-1].lower() in _GENERIC:
        return [(" ".join(said).upper(), " ".join(said))]
    return []


def sentence_before(sentence: Sentence, call: Call) -> list[Sentence]:
    """The sentence before, in this turn or at the end of the one before (flat text has a turn a paragraph)."""
    if sentence.index:
        return [call.sentence(sentence.seq, sentence.index - 1)]
    return call.turn_sentences(sentence.seq - 1)[-1:] if sentence.seq > 1 else []


def _names(head: str) -> list[list[str]]:
    """The words naming the object, up to where its description starts; after a comma when the words
    before it are generic, each program of the list that follows ("two phase two programs, KB1.3
    antagonists for psoriasis, and mezizotide for pain": both)."""
    cut = _NAME_END.search(head)
    words = (head[:cut.start()] if cut else head).strip(" .").split()[:5]
    if words and _generic(words) and cut is not None and head[cut.start()] == ",":
        return _listed(head[cut.end():].strip())
    return [words] if words and not _generic(words) else []


# Where the next program of a list starts: "..., and mezizotide", "..., KB1.3" (a bare "and" may be
# inside a description: "for skin and joint disease").
# Words that start a description, not the next name ("..., which is", "..., a disease").
_NOT_A_NAME = _SINGULAR | {"and", "a", "an", "another", "other", "others", "which", "who", "where", "as", "both",
                              "with", "including"}
_LIST_NEXT = re.compile(r",\s*(?:and\s+)?")


def _listed(rest: str) -> list[list[str]]:
    """The names of a list of programs, each up to its description (three at most)."""
    names: list[list[str]] = []
    while rest and len(names) < 3:
        after = _NAME_END.search(rest)
        named = (rest[:after.start()] if after else rest).strip(" .").split()[:5]
        if not named or named[0].lower() in _NOT_A_NAME or _generic(named):
            break
        names.append(named)
        following = _LIST_NEXT.search(rest, after.start()) if after else None
        if following is None:
            break
        rest = rest[following.end():]
    return names


def _generic(words: list[str]) -> bool:
    """Whether the words name no program: "two phase two programs", "the study"; "it ..." is a pronoun."""
    return all(word.lower() in _GENERIC for word in words) or words[0].lower() in ("it", "them")
