"""How calls state the life of a regulatory application: the status cues, the modifiers that turn a
done event into an expectation, clauses, filing types, regulators, jurisdictions and designations.

Nothing here knows a company or a product. Each cue is a phrase with the status it states; a
statement's status is the cue nearest its regulatory anchor inside its clause, read through the
modifiers before it (negation, hypothesis, expectation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A clause ends at ; : and at words that start another statement. "We submitted the BLA; approval
# is expected in 2025" and "approved after the complete response letter" are two each.
_CLAUSE_END = re.compile(r"[;:]|[ ,](?:but|however|after|before|while|whereas|although|following|prior to)\s"
                         # "a decision before year-end", "after the first quarter": a time, not a clause
                         r"(?!(?:the )?(?:end|middle|start|beginning|first|second|third|fourth|year[- ]end|mid|"
                         r"this|next|last)\b)|"
                         r"[ ,]and (?=(?:we |we've |we have )?(?:also )?(?:expect|anticipate|plan|look forward|"
                         r"received|submitted|filed|intend)\w*)", re.I)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of `text`."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Cue:
    """A phrase that states a stage of an application, where it stands in the sentence."""

    status: str  # as said: approved, submitted, accepted, rejected, delayed, withdrawn, guidance_withdrawn, planned
    start: int
    end: int
    form: str  # done (said as happened), base ("to submit": a plan), noun ("approval": read by its modifiers)


# (status, form, pattern). Each alternative starts with a literal (the speed rule); word starts are
# checked after the first letter, so `re` can skip ahead to that letter.
_CUE_TABLE: tuple[tuple[str, str, str], ...] = (
    ("rejected", "done", r"complete response letter|CRL\b|(?:received|issued|receipt of) an? complete response|"
                         r"refus(?:al|ed) to file|not approvable"),
    ("guidance_withdrawn", "done",
     r"not (?:be )?(?:giving|providing) (?:any )?(?:guidance|timing)|(?:won't|will not|do not|don't) "
     r"(?:give|provide) (?:any )?(?:guidance|timing)|no longer (?:plan|expect|intend)\w* to (?:submit|file)|"
     r"(?:will not|won't|do not|don't) (?:be )?(?:submitting|filing|pursu\w+ (?:approval|a filing))|"
     r"decided not to (?:submit|file|pursue)"),
    ("withdrawn", "done", r"withdr(?:ew|awn|awal|awing)"),
    ("delayed", "done", r"extend(?:ed|s|ing)? the (?:\w+ )?(?:review|PDUFA|BDUFA|goal|action|target action)|"
                        r"review (?:period |clock )?(?:was |has been )?extended|"
                        r"(?:PDUFA|BDUFA|goal|action) date (?:was |has been |is )?(?:extended|moved|pushed)|"
                        r"delay(?:ed|s)?\b|push(?:ed)? (?:out|back)|slip(?:s|ped|page)?\b|postpon\w+|"
                        r"later than (?:we )?(?:had )?(?:originally |previously |initially )?(?:expected|anticipated|planned|guided|"
                        r"thought)|"
                        r"holding off on (?:the )?filing|behind (?:what|where|our)|"
                        # "the review is now expected to extend into 2026": a later decision, no delay word said
                        r"extend(?:s|ed|ing)? into (?:20\d\d|next year|the (?:first|second|third|fourth|next))|"
                        # "we have moved the final analysis ... to the second quarter of next year in order to
                        # meet the FDA's request": timing moved because the regulator asked
                        r"moved (?:the |our )?(?:[\w-]+ ){0,6}?to (?:the )?(?:first|second|third|fourth|end|middle|next|"
                        r"early|mid|late|Q[1-4]|20\d\d)\b(?=[^.;]{0,80}?(?:FDA|[Aa]gency|[Rr]egulator)\W{0,3}s? request)|"
                        # "our application is pending the resolution of the facility": held up by an inspection
                        r"pending (?:the )?(?:resolution|remediation|close-?out|re-?inspection)\b|held up\b|"
                        # "we have recently added a few months to the clinical timeline"
                        r"add(?:ed|ing|s)? (?:a few |several |some |\w+ )?(?:more |additional |extra )?"
                        r"(?:months?|quarters?|weeks?) to (?:the|our) (?:[\w-]+ ){0,2}timelines?"),
    ("accepted", "done", r"accept(?:ed|ance)|validat(?:ed|ion)|PDUFA|BDUFA|GDUFA|[Tt]arget action date|"
                         r"(?:FDA[- ]assigned |action |[Gg]oal )date|[Pp]riority [Rr]eview|accelerated assessment"),
    ("approved", "done", r"approv(?:ed|al|als)\b|positive (?:CHMP )?opinion|CHMP recommend\w*|recommend(?:ed|ing) "
                         r"(?:approval|an update)|clear(?:ed|ances?)\b|CE[ -][Mm]ark|marketing authori[sz]ation|"
                         r"(?:regulatory )?(?:action|decision)s? (?:for|on|is|are|in)\b|"
                         r"(?:FDA|EMA|CHMP|EC) (?:action|decision)s?\b|"
                         r"regulatory (?:action|decision)s?"),
    ("submitted", "done", r"(?:re)?submitted|filed\b|under (?:\w+ )?review|in the (?:\w+ )?regulatory process|"
                          r"regulatory reviews? (?:is |are )?(?:ongoing|continu\w+|underway)|"
                          r"decision to file|pending (?:FDA |regulatory )?(?:approval|review)|"
                          r"(?:re)?submission|filing|regulatory application|[Aa]dvisory (?:[Cc]ommittee|[Pp]anel)|AdCom"),
    ("planned", "base", r"(?:re)?submit\b|(?:re)?submitting|file\b|seek (?:approval|a label)"),
)
_CUES = tuple(re.compile(pattern, re.I) for _, _, pattern in _CUE_TABLE)
# Plain words one of which each row's phrases hold: a row's pattern runs only on sentences that have
# one (tested with `in` on the lowered sentence: a pattern of many alternatives with IGNORECASE costs
# about 3 us a character).
_CUE_WORDS: tuple[tuple[str, ...], ...] = (
    ("complete response", "crl", "refus", "approvable"),
    ("guidance", "timing", "no longer", "not be", "won't be", "will not be", "decided not"),
    ("withdr",),
    ("extend", "review period", "review clock", "delay", "push", "slip", "postpon", "later than", "holding off",
     "behind", "moved", "added", "adding", "pending the", "pending re", "held up"),
    ("accept", "validat", "pdufa", "bdufa", "gdufa", "action date", "date", "priority review", "accelerated assess"),
    ("approv", "opinion", "recommend", "clear", "ce mark", "ce-mark", "authori", "action", "decision"),
    ("submi", "filed", "review", "regulatory process", "decision to file", "pending", "filing", "regulatory applica",
     "advisory", "adcom"),
    ("submi", "file", "seek"),
)
# Nouns whose stage is read from what surrounds them ("received approval", "approval is expected").
_NOUNS = re.compile(r"(?:approval|approvals|acceptance|submission|filing|clearances?|action|decision|application)", re.I)


# The preposition a noun cue may end with ("regulatory action for"; not "a decision on recommendation").
_TRAILING = re.compile(r" for$", re.I)


def _inside_word(text: str, at: int) -> bool:
    # Checked after the match, not with a leading lookbehind: a pattern that starts with a literal
    # lets `re` skip ahead to it.
    return at > 0 and text[at - 1].isalpha()


def find_cues(text: str) -> list[Cue]:
    """Every status cue in `text`, in order."""
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    cues = []
    for (status, form, _), pattern, words in zip(_CUE_TABLE, _CUES, _CUE_WORDS, strict=True):
        if not any(map(lowered.__contains__, words)):
            continue
        for match in pattern.finditer(text):
            at = match.start()
            if _inside_word(text, at) or any(start <= at < end for start, end in taken):
                continue  # "filed" in "profiled"; a phrase an earlier row already read
            said = match.group(0)
            # "holding off on filing" says it happened; "regulatory action for" is the noun "action".
            cues.append(Cue(status, at, match.end(),
                            "noun" if form == "done" and status != "delayed" and _NOUNS.fullmatch(_TRAILING.sub("", said).split()[-1])
                            else form))
            taken.append((at, match.end()))
    return sorted(cues, key=lambda cue: cue.start)


# Before a cue in its clause: it did not happen, it may happen, or it is expected to happen.
_NEGATION = re.compile(r"(?:\bno\b|\bnot\b|\bnever\b|n't\b|\bwithout\b|\black\w*)[^,]{0,45}$", re.I)
_HYPOTHETICAL = re.compile(r"(?:\bif\b|\bwhether\b|\bwould\b|\bcould\b|\bmight\b|\bmay\b|\bpotential(?:ly)?\b|"
                           r"\bpossible\b|\bshould\b|\bhope\w*|\bonce\b|\bupon\b|\bunless\b|\bwhen\b|\bassum\w+|\bpending\b|"
                           r"\bprovided\b|\bcontingent\b|\bsubject to\b|\bwith (?:a )?positive\b)", re.I)
_FUTURE = re.compile(r"(?:\bexpect\w*|\banticipat\w*|\bplan\w*|\bintend\w*|\bwill\b|'ll\b|\bgoing to\b|\bto be\b|"
                     r"\bon track\b|\blook(?:ing)? forward\b|\bawait\w*|\btarget\w*|\baim\w*|\bpursu\w+|\bseek\w*|"
                     r"\brequest\w*|\btry\w*|\bprepar\w+|\bputting together\b|\bsupport\w*|\bbasis (?:of|for)\b|\benabl\w+|\bready\b|"
                     r"\bwork\w* toward|\bnext\b|\bfollow\b|\bremain\b|\bfor (?:an? )?\w*\s?$|\bto (?:\w+ )?$|"
                     r"\bforthcoming\b|\bupcoming\b|\bimminent\b|\bremains?\b|\b(?:have|has|need|needs) to\b|\btowards?\b)", re.I)
# After a noun cue: "approval is expected", "submission planned", "decision anticipated".
_FUTURE_AFTER = re.compile(r"\W*(?:[\w-]+\W+){0,5}?(?:is |are |was |were )?(?:also |now |still )?(?:expected|anticipated|planned|targeted|"
                           r"to follow|will|would|could|should|due|prepared|ready|on track|"
                           # "approval by the PDUFA date"; not "approved by the European Commission"
                           r"by the (?:end|PDUFA|BDUFA|target|goal|action|middle|start|first|second|third|fourth))\b", re.I)
# Before a noun cue: it happened ("received approval", "we completed submissions", "following approval").
_DONE_BEFORE = re.compile(r"(?:received|receipt of|gained|got|obtain\w*|secur\w+|grant\w*|achiev\w+|complet\w+|made|"
                          r"announc\w+|recent\w*|the|our|full|following|successful|first|new|its|their)\W+"
                          r"(?:[\w.'-]+\W+){0,6}$", re.I)


def negated(text: str, clause_start: int, at: int) -> bool:
    return _NEGATION.search(text, clause_start, at) is not None


def expected(text: str, clause_start: int, at: int, end: int, clause_end: int) -> bool:
    """Whether the cue at `at` is said as something to come (expected, planned)."""
    return (_FUTURE.search(text, max(clause_start, at - 80), at) is not None
            or _FUTURE_AFTER.match(text, end, clause_end) is not None)


def conditional(text: str, clause_start: int, at: int) -> bool:
    """Whether the cue at `at` is said as a possibility ("if approved", "potential approval")."""
    return _HYPOTHETICAL.search(text, max(clause_start, at - 60), at) is not None


# "approved indications", "the only IL-23 inhibitor approved for", "FDA-approved medicines", "the
# previously approved population": what a product is, not news about it.
_DESCRIPTIVE_BEFORE = re.compile(r"(?:\bpreviously $|\bonly\b|\bcurrently\b|\ball\b|\bbroadest\b|\bhighest\b|\bdoses? |"
                                 r"\bproducts? |\bmedicines? |\bdrugs? |\btherap(?:y|ies) |\bfacility |\bsite |\bplant )[^,;]{0,50}$|-$", re.I)
_DESCRIPTIVE_AFTER = re.compile(r"\s*(?:indications?|uses?|doses?|products?|medicines?|therap(?:y|ies)|drugs?|range|"
                                r"facility|labels?|treatments?|options?|agents?|alternatives?|competitors?|GLP|"
                                r"populations?|patients|settings?|non-|"
                                # "approved CAR-T therapies" (a class); not "approved ABC-101" (a product)
                                r"[A-Z]{2,}-[A-Za-z]+ (?:medicines?|therap|drugs?|products?|treatments?|agents?))", re.I)
# "an indication where IVIg is approved", "markets in which it is approved": where something is approved.
_WHERE_BEFORE = re.compile(r"\b(?:where|in which)\b[^,;]{0,40}$", re.I)
# "delivering 35 approvals", "a number of approvals", "30% approval": approvals counted, no one application's news.
_COUNTED_BEFORE = re.compile(r"(?:\d+%?|several|many|multiple|number of|dozens of) (?:\w+ )?$", re.I)
# "skin clearance", "clearance of LP(a)": clearing a disease, not a device.
_NOT_A_CLEARANCE = re.compile(r"(?:skin|complete|full|viral|depth of|nearly|total|high) (?:\w+ )?$", re.I)
# Filings that are no application to a regulator.
_OTHER_FILINGS = re.compile(r"(?:SEC|10-[KQ]|8-K|tax|patent|lawsuit|suit|complaint|petition|citizen|annual report|"
                            r"GAAP|earnings release|legal|protocol|statistical analysis plan|"
                            r"proxy|S-[13]|shelf|bankruptcy|abstract|publication|comments?)\b", re.I)


# Approvals that are no regulator's: a board's, shareholders', a budget or price approved.
# A payer's too: "NTAP approval from CMS", "reimbursement approval", "IRB approvals" for a trial's sites.
_CORPORATE_BEFORE = re.compile(r"(?:[Bb]oard|[Dd]irectors|[Ss]hareholders?|[Ss]tockholders?|[Cc]ouncil|procurement|"
                               r"[Rr]eimbursement|pricing|prices?|budget|dividend|legislation|contracts?|merger|tender|"
                               r"formulary|NTAP|CMS|[Cc]overage|[Pp]ayment|CPT|IRB|[Ee]thics [Cc]ommittee|HTA|NICE)\W+(?:(?:of|has|have|was|were|is|are|been|being|now|recently|also|already|"
                               r"unanimously|[A-Z][a-z]+)\W+){0,3}$")
_CORPORATE_AFTER = re.compile(r"\s+(?:(?:of|for)\s+)?(?:the |our |a |an )?(?:new |additional |\$[\d.,]+ \w+ )?"
                              r"(?:share repurchase|repurchase|buyback|dividend|merger|acquisition|transaction|budget|"
                              r"spin-?off|split|compensation|(?:new )?technology add-on payment|NTAP|reimbursement|"
                              r"coverage)\b", re.I)
# "the FTC approval process", "the path to approval": the way to an approval, not one.
_PATH_BEFORE = re.compile(r"(?:path|pathway|route|road|way|steps?)\s+(?:to|towards?|for)\s+(?:\w+\s+)?$", re.I)
_PROCESS_AFTER = re.compile(r"\s*(?:process|pathway|path|standards?|requirements?|bar)\b", re.I)


def descriptive(text: str, cue: Cue) -> bool:
    """Whether an "approved" or "clearance" cue describes rather than reports."""
    said = text[cue.start:cue.end].lower()
    if said in ("approved", "cleared") and cue.start and text[cue.start - 1] == "-":
        return True  # "an FDA-cleared AFib feature", "FDA-approved medicines": an adjective
    if said.startswith("approv") and _CORPORATE_BEFORE.search(text, max(0, cue.start - 50), cue.start):
        return True  # "Our Board of Directors approved a repurchase", "volume-based procurement approved"
    if said.startswith("approv") and _CORPORATE_AFTER.match(text, cue.end):
        return True  # "approval of the merger", "approved a new $10 billion share repurchase"
    if said == "approved":
        return (_DESCRIPTIVE_AFTER.match(text, cue.end) is not None
                or _DESCRIPTIVE_BEFORE.search(text, max(0, cue.start - 60), cue.start) is not None
                or _WHERE_BEFORE.search(text, max(0, cue.start - 50), cue.start) is not None)
    if said.startswith("approval") and _COUNTED_BEFORE.search(text, max(0, cue.start - 25), cue.start):
        return True  # "35 approvals", "a 30% approval" (a garbled rate)
    if said.startswith("approval") and (_PROCESS_AFTER.match(text, cue.end)
                                        or _PATH_BEFORE.search(text, max(0, cue.start - 30), cue.start)):
        return True
    if said.startswith("clear"):
        return _NOT_A_CLEARANCE.search(text, max(0, cue.start - 30), cue.start) is not None
    if said.startswith(("fil", "submi")):
        return _OTHER_FILINGS.search(text, max(0, cue.start - 80), min(len(text), cue.end + 60)) is not None
    return False


# A plural noun ("its regional clearances", "the approvals") names no one event, and a submission
# named is not one made: only a verb says it happened ("we received approvals in 33 countries").
_DONE_VERBS = r"received|receipt of|gained|got|obtain\w*|secur\w+|grant\w*|achiev\w+|complet\w+"
_DONE_BEFORE_PLURAL = re.compile(rf"(?:{_DONE_VERBS}|recent\w*|following|follows|successful)\W+(?:[\w.'-]+\W+){{0,6}}$",
                                 re.I)
_DONE_VERB_BEFORE = re.compile(rf"(?:{_DONE_VERBS})\W+(?:[\w.'-]+\W+){{0,6}}$", re.I)
# After a noun cue: "FDA approval was granted for X", "approvals at the end of last year", "the
# approval ... came in", "the filing is moving along": it happened.
_DONE_AFTER = re.compile(r"\s*(?:(?:was|has been|have been|were) (?:granted|received|obtained)|came in|"
                         r"(?:is|are) (?:moving along|progressing|pending|ongoing|under review)|"
                         r"(?:[\w.'-]+\W+){0,5}?(?:at the end of |earlier |late |early )?"
                         r"(?:last (?:year|quarter|month|week)|this past|yesterday|ago\b))", re.I)


def said_done_by_verb(text: str, clause_start: int, at: int, end: int) -> bool:
    """Whether a verb says a noun cue happened ("we received approvals", "approval was granted")."""
    return (_DONE_VERB_BEFORE.search(text[max(clause_start, at - 60):at]) is not None
            or _DONE_AFTER.match(text, end) is not None)


def said_done(text: str, clause_start: int, at: int, end: int | None = None) -> bool:
    """Whether a noun cue is said as done ("we received approval", "the approval of X in Japan",
    "FDA approval was granted"); `end` is where the cue ends, to read what follows it."""
    # "regarding our Bonti submission": a submission named is not one made; a verb must say it.
    strict = end is not None and (text[end - 1:end] in "sS" or text[end:end + 1] == "s"
                                  or text[at:end].lower().endswith(("submission", "filing")))
    before = (_DONE_BEFORE_PLURAL if strict else _DONE_BEFORE).search(text[max(clause_start, at - 60):at]) is not None
    return before or (end is not None and _DONE_AFTER.match(text, end) is not None)


# Filing types, with the spellings and slips calls use.
_FILING_TYPES = re.compile(
    r"(?P<type>[Ss]upplemental (?:[Nn]ew [Dd]rug|[Bb]iologics? [Ll]icen[sc]e) [Aa]pplication|[Ss]upplemental [BD]LA|"
    r"[Nn]ew [Dd]rug [Aa]pplication|[Bb]iologics? [Ll]icen[sc]e [Aa]pplication|[Ii]nvestigational [Nn]ew [Dd]rug|"
    r"[Aa]bbreviated [Nn]ew [Dd]rug [Aa]pplication|[Mm]arketing [Aa]uthori[sz]ation [Aa]pplication|"
    r"[Dd]e [Nn]ovo|510 ?\(?[kK]?\)?(?= (?:clearance|submission|application|filing|for))|510\([kK]\)|"
    r"[Ss]?(?:NDA|BLA)s?\b|ANDAs?\b|INDs?\b|CTAs?\b|MAAs?\b|PMAs?\b)")
_TYPE_NAMES = {"supplemental new drug application": "sNDA", "supplemental biologic license application": "sBLA",
               "supplemental biologics license application": "sBLA", "supplemental bla": "sBLA",
               "supplemental dla": "sBLA", "new drug application": "NDA", "biologic license application": "BLA",
               "biologics license application": "BLA", "investigational new drug": "IND",
               "abbreviated new drug application": "ANDA", "marketing authorisation application": "MAA",
               "marketing authorization application": "MAA", "de novo": "De Novo"}


def filing_type(text: str, near: int | None = None) -> str | None:
    """The filing type the text names ("SNDA" and "supplemental new drug application" are sNDA), or None;
    with `near`, the one said within a few words after that offset first ("submit an IND ..., submit the
    biologics license application": each plan its own)."""
    found = [m for m in _FILING_TYPES.finditer(text) if not _inside_word(text, m.start())]
    match = next((m for m in found if near is not None and near <= m.start() <= near + 40), found[0] if found else None)
    if match is None:
        return None
    said = match["type"]
    lowered = said.lower().replace("licence", "license")
    if lowered in _TYPE_NAMES:
        return _TYPE_NAMES[lowered]
    if said.startswith("510"):
        return "510(k)"
    said = said.rstrip("s") if len(said) > 3 else said
    return "s" + said[1:] if said[0] in "sS" and said[1:] in ("NDA", "BLA") else said


# Regulators and places, each with the jurisdiction it stands for.
_PLACES = re.compile(
    r"(?P<US>U\.\s?S\.?(?!\w)|US\b|United States|America\b|FDA\b|[Ff]ood and [Dd]rug)|"
    r"(?P<EU>E\.?U\.?\b|Europe\w*|EMA\b|CHMP\b|EC\b|CE[ -][Mm]ark)|(?P<Japan>Japan\w*|PMDA\b|MHLW\b)|(?P<China>China|Chinese|NMPA\b)|"
    r"(?P<UK>U\.?K\.?\b|United Kingdom|Great Britain|Britain|MHRA\b)|(?P<Canada>Canada|Canadian)|"
    r"(?P<Australia>Australia\w*|TGA\b)|(?P<Korea>Korea\w*)|(?P<global>global\w*|worldwide|around the world)")
_REGULATORS = re.compile(r"FDA\b|EMA\b|CHMP\b|European Commission|PMDA\b|NMPA\b|MHRA\b|Health Canada|TGA\b|"
                         r"Pharmaceuticals and Medical Devices Agency|Food and Drug Administration")
_REGULATOR_NAMES = {"European Commission": "EC", "Pharmaceuticals and Medical Devices Agency": "PMDA",
                    "Food and Drug Administration": "FDA"}


def jurisdictions(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """(jurisdiction, offset) of each place or regulator named in text[start:end], first mention each."""
    found: dict[str, int] = {}
    for match in _PLACES.finditer(text, start, len(text) if end is None else end):
        if _inside_word(text, match.start()):
            continue  # "EC" in "SPEC"
        found.setdefault(match.lastgroup, match.start())  # type: ignore[arg-type]
    return sorted(found.items(), key=lambda pair: pair[1])


def regulator(text: str) -> str | None:
    match = _REGULATORS.search(text)
    return None if match is None else _REGULATOR_NAMES.get(match.group(0), match.group(0))


_DESIGNATIONS = re.compile(r"[Pp]riority [Rr]eview|[Bb]reakthrough|[Ff]ast [Tt]rack|[Oo]rphan|[Aa]ccelerated approval|"
                           r"RMAT\b|[Rr]eal-time [Oo]ncology [Rr]eview|[Aa]ccelerated assessment|"
                           r"[Cc]onditional (?:marketing )?approval")


def designations(text: str) -> list[str]:
    """The designations said ("priority review", "breakthrough"), lower case, first mention each."""
    return list(dict.fromkeys(m.group(0).lower() for m in _DESIGNATIONS.finditer(text)))


# "for the treatment of adults with moderate to severe atopic dermatitis", "in ulcerative colitis".
_INDICATION = re.compile(r"[fi][on]r? (?:the )?(?:treatment of |use in |use of \S+ in )?(?:(?:adult |pediatric )?"
                         r"(?:patients|adults|people|children|women|men) (?:with |suffering from )?)?"
                         r"(?P<what>(?:[a-z][\w'/-]*|[A-Z]{2,}[\w-]*)(?: (?:[a-z][\w'/-]*|[A-Z][\w'-]*)){0,7})")
_INDICATION_END = re.compile(r" (?:in|for|based|with|and|as|on|at|by|from|to|which|that|who|after|the|this|"
                             r"we|our|is|was|were|are|has|have|yesterday|last|earlier|later|of)\b.*")
_NOT_INDICATION = frozenset({"the", "a", "an", "our", "this", "that", "approval", "review", "use", "patients",
                             "adults", "people", "regulatory", "submission"})


def indication(text: str, after: int) -> str | None:
    """The indication said after position `after` ("for X", "in X"), in a few words, or None."""
    for match in _INDICATION.finditer(text, after):
        if match.start() > after + 60:
            return None
        what = _INDICATION_END.sub("", match["what"]).strip(" ,.")
        if what and what.split()[0].lower() not in _NOT_INDICATION and not _PLACES.match(what):
            return what
    return None
