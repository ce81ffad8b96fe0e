"""The products a regulatory statement is about: codes and INNs (subjects.py), and brand names by
their shape: a capitalised word in mid-sentence that is no regulator, place, month, person, trial or
common word ("the FDA approved Dupixent for COPD", "Skyrizi was approved in Europe").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from handlers.extractors.call import Call
from handlers.extractors.subjects import normalise, not_a_program

# A capitalised word, maybe with a second part that belongs to the name ("Synjardy XR", "Prevnar 20",
# "Juvederm Voluma XC"). The first character is a capital (the speed rule); the lookbehind after it
# keeps it at a word start.
_BRAND = re.compile(r"[A-Z](?<![\w'-][A-Z])-?[A-Za-z][\w'-]*(?: (?:XR|XC|ER|SR|CR|XL|HP|SP|[A-Z][a-z]+ XC|\d{1,3}\b))?")
# Capitalised words that are never a product. Lower case; compared with the word's first part.
_NOT_BRANDS = frozenset("""
a an the we our us i i'm i've i'd it its it's this that these those they their there here he she his her you your
and or but so also then now just as at by for from in into of on to with within without after before following
following since until while when where which who what how why if once upon both each every all any some many most
more other another such first second third fourth last next earlier later recently recent today yesterday tomorrow
additionally finally overall importantly however therefore thus hence instead indeed clearly obviously
basically ultimately specifically notably together currently generally especially certainly internationally similarly likewise further furthermore moreover again thanks thank yes no
okay ok well good great sure right let look given based turning moving regarding separately lastly meanwhile
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2 fy
fda ema chmp pmda nmpa mhra mhlw tga ec eu u.s us usa uk u.k america american americas europe european japan
japanese china chinese canada canadian australia australian korea korean germany german france french italy spain
india indian brazil latin asia pacific africa african middle east world global international united states kingdom britain great saudi arabia
commission agency administration health medicines committee advisory ministry food drug drugs medical devices
phase part type class priority review breakthrough therapy designation fast track orphan accelerated approval
conditional marketing authorization authorisation regulatory clinical real-time oncology rmat label supplemental
new application biologics license investigational abbreviated de novo pdufa bdufa gdufa cms medicare medicaid
covid covid-19 sars rsv hiv hcv hbv pah mds aml cll nsclc copd gca osa ckd mash nash adhd rheumatology oncology
neuroscience immunology virology aesthetics dermatology cardiology hematology women's men's
alzheimer's alzheimer parkinson's parkinson crohn's crohn hodgkin's hodgkin non-hodgkin's duchenne huntington's
graves' sjogren's cushing's lyme down tourette's
inc corp corporation company companies pharmaceuticals pharma therapeutics biosciences biotech bio laboratories
group holdings partners plc ltd llc ag sa nv gmbh
ceo cfo coo cmo cso president chairman officer chief executive vice senior director head
street wall congress senate house board court ira act government ftc doj
study trial trials data results program programs cohort arm
anda andas nda ndas bla blas ind inds apis api kols kol glp glp-1 glp-1s association society institute foundation
college center centre university hospital network guidelines nccn ada asco
north south east west northern southern eastern western plan plans
pediatric paediatric adult adults adolescent juvenile generic biosimilar oral subcutaneous intravenous topical
ce ce-mark ntap cpt irb
they're we're you're we've they've you've we'll they'll you'll we'd they'd there's that's what's here's let's
don't can't won't isn't aren't wasn't weren't didn't doesn't haven't hasn't
""".split())
# Common first names: a capitalised word in a call is often a person ("Michael transformed our R&D
# engine"), and the word after a first name is a surname ("Guy Rizzi continues"). Few brands are
# spelled as first names; the call's own speakers are excluded separately (`_excluded`).
_FIRST_NAMES = frozenset("""
aaron adam adrian al alan albert alex alexander alexandra alice alison amy andrea andrew andy angela ann anna
anne anthony ashley barbara ben benjamin bill bob brad bradley brandon brian bruce carl carol caroline catherine
charles charlie chris christian christina christine christopher chuck claire colin craig dan daniel dave david
deborah dennis diana diane doug douglas ed edward elizabeth emily emma eric erik frank fred gary geoff geoffrey
george greg gregory guy hannah harry helen henry ian jack jacob james jamie jane janet jason jeff jeffrey jennifer
jeremy jerry jessica jim jimmy joe joel john johnny jon jonathan joseph josh joshua judy julia julie justin karen
kate katherine kathy keith kelly ken kenneth kevin kim larry laura lauren linda lisa louis lucy luke margaret mark
martin mary matt matthew megan michael michelle mike nancy nathan neil nicholas nick nicole oliver pamela pascal
patricia patrick paul peter phil philip rachel ralph ray raymond rebecca richard rick rob robert robin roger ron
ronald ross russell ryan sally sam samuel sandra sara sarah scott sean sharon simon stephen steve steven stuart
susan ted terry thomas tim timothy todd tom tony vicki victoria vincent walter wayne william
""".split())
# A word said right before a trial or study is the trial's name, not a product ("the TRINITY study").
# A numeral may stand between ("the CLASP IID trial", "CLASP IID/IIF pivotal trial"), not an indication
# ("the Venclexta MDS trial" is the product's trial).
_TRIAL_AFTER = re.compile(r"[\s-]*(?:\d+\s+|I[IVX]*[A-Z]?(?:/I[IVX]*[A-Z]?)?\s+(?:pivotal\s+)?)?(?:study|studies|trial|trials|data|results|program|readout|"
                          r"Phase|phase|[Oo]utcomes)\b")
# "[American Diabetes Association]", "the Peripheral and CNS Drugs Advisory Committee": words of an
# organisation's name (checked after the word, up to three more capitalised words).
_ORGANISATION_AFTER = re.compile(r"(?: (?:and |of )?[A-Z][\w'-]*){0,3} (?:Association|Society|Institute|Foundation|"
                                 r"College|Academy|Agency|Committee|Council|Network|Hospital|University|Center|"
                                 r"Centre|Organization|Organisation)\b")


@dataclass(frozen=True)
class Product:
    key: str  # normalised: capitals and digits
    said: str
    start: int
    strong: bool  # a code or an INN (its shape says it is a product), not a capitalised word


# Whether a text may name a code or an INN at all: the call's program list costs a few milliseconds
# to build, and most calls name their products by brand only.
_MAY_HOLD_CODE = re.compile(r"[0-9]|[A-Z]{5}|[a-z](?:mab|nib|parib|lisib|ciclib|siran|rsen|leucel|temcel|gene|vec|platin|"
                            r"mycin|degib|zomib|glutide|gliflozin|vir|stat)\b")


def products(text: str, call: Call) -> list[Product]:
    """The products `text` names, in order: codes and INNs, then brand-shaped words (cached on the call)."""
    cache = call.__dict__.setdefault("_products", {})
    found = cache.get(text)
    if found is None:
        found = cache[text] = _products(text, call)
    return found


def _products(text: str, call: Call) -> list[Product]:
    found = [Product(key, said, start, True) for key, said, start in call.programs.in_text(text)
             if key not in trial_names(call) and not _TRIAL_CODE.fullmatch(said) and not _abbreviation(said)] \
        if "programs" in call.__dict__ or _MAY_HOLD_CODE.search(text) else []
    taken = [(p.start, p.start + len(p.said)) for p in found]
    for match in _MORE_INNS.finditer(text) if any(map(text.__contains__, _MORE_STEMS)) else ():
        if not _inside(match.start(), taken) and not (match.start() and text[match.start() - 1].isalpha()):
            found.append(Product(normalise(match.group(0)), match.group(0), match.start(), True))
            taken.append((match.start(), match.end()))
    for match in _AFTER_TYPE.finditer(text) if any(map(text.__contains__, _TYPE_WORDS)) else ():
        name = match["name"]
        if name not in _NOT_GENERIC_NAMES and not _WORD_END.search(name) and not _inside(match.start("name"), taken):
            found.append(Product(normalise(name), name, match.start("name"), True))  # "the NDA for relacorilant"
            taken.append((match.start("name"), match.end("name")))
    for match in _GENERIC.finditer(text) if "biosimilar " in text or "generic " in text else ():
        name = match["name"]
        if name.split()[0] not in _NOT_GENERIC_NAMES and not _WORD_END.search(name.split()[0]) \
                and not _inside(match.start("name"), taken):
            name = name.split()[0] if name.split()[-1] in _NOT_GENERIC_NAMES else name
            found.append(Product(normalise(name), name, match.start("name"), True))
            taken.append((match.start("name"), match.start("name") + len(name)))
    excluded = _excluded(call)
    for match in _BRAND.finditer(text):
        word = _POSSESSIVE.sub("", match.group(0))
        first = word.split()[0].lower()
        if (first in _NOT_BRANDS or first.upper() in excluded or any(start <= match.start() < end for start, end in taken)
                or (word.isupper() and len(word) <= 4) or _TRIAL_AFTER.match(text, match.end())
                or _SPONSOR.match(text, match.end()) or _TRIAL_NUMBER.search(word) or _TRIAL_CODE.fullmatch(word)
                or _COMPANY_BEFORE.search(text, max(0, match.start() - 50), match.start())
                or _person(text, match.start(), first) or _ORGANISATION_AFTER.match(text, match.end())
                or normalise(word) in trial_names(call) or text[match.start() - 1:match.start()] == "["
                or _not_a_name(text, match.start(), word, call)):
            continue  # "GCA", "UC": indications; "TRINITY study", "Keynote 671": trials; "Sandoz' ANDA": its
            # sponsor; "Michael", "Guy Rizzi": people; "Diabetes Association": an organisation; "[Indecipherable]",
            # "[abemaciclib]": a transcriber's note
        if _INN_STEM.search(first):
            found.append(Product(normalise(word), word, match.start(), True))
            continue  # "Mirakizumab", capitalised as a sentence opens or as transcribed
        if word.upper() in call.programs.prefixes:
            continue  # "UCART" of "UCART mesothelin": the stem of codes, named in full by subjects.py
        if _MODIFIER_WORD.search(word) or re.match(r"[A-Z]-[a-z]", word) or (_opens(text, match.start())
                                                                         and first.endswith("ing")) or (
                (_opens(text, match.start()) or first.endswith("ly")) and _common_word(first, call)):
            continue  # "CMET-targeted": a description; "Commercialization is now underway": a word the call
            # also says in lower case, capitalised only because it opens the sentence; "Assuming success, ...":
            # a participle opening it
        found.append(Product(normalise(word), word, match.start(), False))
    return sorted(found, key=lambda p: p.start)


# "ATTAIN-1", "SURMOUNT-4": a long word with one digit is a trial; codes are short letters with more
# digits ("ABC-101", "VLA15", "TALGlobin-01"), and a brand with one is spelled in mixed case with a
# space ("DaVinci 5").
_TRIAL_CODE = re.compile(r"[A-Z]{6,}[- ]\d|[A-Z][a-z]{5,}-\d")
# "Keynote 671", "CheckMate 227": a name and a three-digit number is a trial (products carry short
# numbers: "Prevnar 20", "Gardasil 9").
_TRIAL_NUMBER = re.compile(r" \d{3}$")


# Diseases are capitalised as names are: "Myasthenia Gravis", "Multiple Sclerosis", "Hemophilia".
_DISEASE_END = re.compile(r"(?:itis|osis|emia|aemia|omas?|pathy|pathies|plasia|trophy|algia|sthenia|philia|penia)$")
_CAPITALISED_BEFORE = re.compile(r"(?P<word>[A-Z][a-z]{3,}) $")


def _not_a_name(text: str, at: int, word: str, call: Call) -> bool:
    """Whether a capitalised word is a gene, disease or indication rather than a product."""
    first = word.split()[0]
    if word.isupper() and any(ch.isdigit() for ch in word) and not_a_program(word):
        return True  # "APOE4 carriers", "HER2": a gene or target, which subjects.py does not take as a code
    if _DISEASE_END.search(first.lower()):
        return True  # "Myasthenia", "Hemophilia"
    before = _CAPITALISED_BEFORE.search(text, max(0, at - 20), at)
    if before is not None and _DISEASE_END.search(before["word"].lower()):
        return True  # "Gravis" of "Myasthenia Gravis"
    return _abbreviation(word) or first.upper() in _company_words(call) or _ticker_name(first, call)


def _ticker_name(word: str, call: Call) -> bool:
    """Whether `word` is the company's name as its ticker abbreviates it ("Pfizer" for PFE, "AbbVie" for
    ABBV, "Lilly" for LLY): the ticker's letters in order, from the first. For a transcript that does not
    name its company ("the first U.S. FDA gene therapy approval for Pfizer")."""
    ticker = (call.transcript.ticker or "").upper()
    upper = word.upper()
    if len(ticker) < 3 or not ticker.isalpha() or upper[:1] != ticker[:1] or len(upper) > 4 * len(ticker):
        return False
    rest = iter(upper[1:])
    return all(letter in rest for letter in ticker[1:])


# Words after a company's name: "Sandoz Inc", "Teva Pharmaceuticals", "Sandoz's generic" (few, each found
# with one `str.find` pass over the call).
_COMPANY_SUFFIXES = (" Inc", " Pharmaceuticals", " Pharma", "'s generic", "’s generic")


def _company_words(call: Call) -> frozenset[str]:
    """Upper-cased names the call gives companies, found from each suffix back (`str.find`: the suffixes
    are rare, so this costs far less than a pattern tried at every capital). Cached on the call."""
    cached = call.__dict__.get("_company_words")
    if cached is None:
        text, names = call.text, set()
        for suffix, at in _places_of(text, _COMPANY_SUFFIXES):
            after = text[at + len(suffix):at + len(suffix) + 1]
            word = text[max(0, at - 30):at].rsplit(" ", 1)[-1].strip("(\"“")
            if word[:1].isupper() and not after.isalpha():  # not "Including", "Pharmacy"
                names.add(word.upper())
        cached = call.__dict__["_company_words"] = frozenset(names - _excluded(call))
    return cached


def _abbreviation(said: str) -> bool:
    """Whether an all-capital word is an abbreviation ("BPDCN", "NSCLC", "DLBCL"): with no vowel it is
    spelled letter by letter, as indications are; brands and codes said as words have vowels ("RINVOC")."""
    return len(said) >= 4 and said.isalpha() and said.isupper() and not any(ch in "AEIOUY" for ch in said)


def _person(text: str, at: int, first: str) -> bool:
    """Whether the word at `at` is a first name, or the surname right after one ("Guy Rizzi")."""
    if first in _FIRST_NAMES:
        return True
    before = text[max(0, at - 12):at]
    return before.endswith(" ") and before.split()[-1:] != [] and before.split()[-1].lower() in _FIRST_NAMES \
        and before.split()[-1][:1].isupper()


# "the TRINITY study", "the KEYNOTE-671 trial": names the call gives its trials (all capitals, or a long
# word with a three-digit number; a product's code said before "study" is still a product: "the
# ABC-101 study").
_TRIAL_NAME = re.compile(r"[Tt]he (?P<name>[A-Z]{4,}|[A-Z][A-Za-z]{5,}[- ]\d{3,})$")
_TRIAL_WORDS = (" study", " studies", " trial")


def trial_names(call: Call) -> frozenset[str]:
    """Keys of the names the call gives its trials (cached on the call).

    Found from each " study" or " trial" back (`str.find`), not by a pattern run over the whole call:
    one starting at every "t" cost a quarter of a millisecond a call."""
    cached = call.__dict__.get("_trial_names")
    if cached is None:
        text, names = call.text, set()
        for _, at in _places_of(text, _TRIAL_WORDS):
            if (match := _TRIAL_NAME.search(text, max(0, at - 30), at)) is not None:
                names.add(normalise(match["name"]))
        cached = call.__dict__["_trial_names"] = frozenset(names)
    return cached


def _places_of(text: str, words: tuple[str, ...]) -> Iterator[tuple[str, int]]:
    """(word, offset) of each place `text` holds one of `words` (`str.find`, far cheaper than a pattern
    run over a whole call)."""
    for word in words:
        at = text.find(word)
        while at != -1:
            yield word, at
            at = text.find(word, at + 1)


def _opens(text: str, at: int) -> bool:
    """Whether the word at `at` opens the sentence or follows a full stop inside it."""
    before = text[max(0, at - 3):at].rstrip(" \"'(")
    return before == "" or before[-1] in ".:!?"


# "CMET-targeted", "FR-alpha-positive": words that describe a product or patients.
_MODIFIER_WORD = re.compile(r"-(?:targeted|directed|based|positive|negative|expressing|alpha|mutant|mutated|"
                            r"adapted|like|related|specific|approved|cleared)$", re.I)


# INN stems beyond those subjects.py knows: elagolix, tirzepatide, orforglipron, imlunestrant, ...
# (lower case, as INNs are said; a word ending so is no English word).
_MORE_INNS = re.compile(r"[a-z]{3,}(?:golix|patide|glipron|strant|sertib|pitant|sartan|oxacin|conazole|cept|"
                        r"tinib|brutinib|lisib|padon|citinib|umab|zumab|ximab|siran|leucel)\b")
# The stems above as plain text: the pattern runs only where one is (`in` is far cheaper than a
# pattern that starts at every lower-case letter).
_MORE_STEMS = ("golix", "patide", "glipron", "strant", "sertib", "pitant", "sartan", "oxacin", "conazole", "cept", "tinib",
               "lisib", "padon", "mab", "siran", "leucel")
_INN_STEM = re.compile(r"(?:mab|nib|parib|lisib|ciclib|siran|rsen|leucel|temcel|vec|platin|degib|zomib|glutide|"
                       r"gliflozin|golix|patide|glipron|strant|sertib|pitant|sartan|oxacin|conazole|cept|padon)$")


# A molecule in lower case right after a filing type: "the NDA for relacorilant" (an INN of no stem known here).
_AFTER_TYPE = re.compile(r"(?:NDA|BLA|MAA|IND|ANDA|CTA)s? (?:for|of) (?P<name>[a-z]{7,})\b")
_TYPE_WORDS = ("NDA ", "BLA ", "MAA ", "IND ", "CTA ", "NDAs ", "BLAs ", "INDs ")
# A generic or biosimilar named by its molecule, in lower case: "biosimilar insulin glargine", "generic
# ephedrine"; not "generic competition", "biosimilar versions".
_GENERIC = re.compile(r"(?:biosimilar|generic) (?P<name>[a-z][a-z-]{3,}(?: [a-z][a-z-]{3,})?)")
_NOT_GENERIC_NAMES = frozenset("""
version versions product products competition competitor competitors entry entrants entrant erosion drug drugs
market markets industry business businesses pipeline portfolio manufacturer manufacturers maker makers company
companies launch launches pressure approval approvals filing filings program programs development sales pricing
price prices medicine medicines equivalent equivalents form forms name names player players space side segment
options option alternative alternatives opportunity opportunities candidate candidates franchise molecule molecules
injectable injectables share shares players pathway approach strategy team teams the that this these those which
with will would have from into over under than then they their there when where what while also only more most
such like just been being were other others field fields world landscape business, uptake substitution
dispensing utilization switching interchangeability interchangeable insulin-like versus
patients treatment children adolescents infants obesity diabetes cancer disease disorders syndrome tumors
another several multiple approval""".split())


# Endings of English nouns and adjectives, never of a molecule's name ("biosimilar application").
_WORD_END = re.compile(r"(?:tion|sion|ment|ness|ity|ing|ers|ies|ance|ence|ship|able|ible|ive|al|ty|ly|ed)$")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


_POSSESSIVE = re.compile(r"(?:'s?|’s?)$")
# "Sandoz' ANDA for our Glatopa", "Medtronic's PMA for the ISR": the company that sponsors the filing.
# Without the possessive only before a filing type ("Medtronic PMA"): "our Bonti submission" is the product's.
_SPONSOR = re.compile(r"(?:'s?|’s?) (?:ANDA|NDA|BLA|PMA|sNDA|sBLA|MAA|IND|application|filing|submission)\b|"
                      r" (?:ANDA|PMA)\b")
# "in collaboration with Boehringer Ingelheim", "your competitor in this space, Novartis": companies;
# "data from Trailblazer L6": a trial.
_COMPANY_BEFORE = re.compile(r"(?:collaboration with|partner(?:ed)? with|partners?,?|competitors?(?: in this space)?,?|"
                             r"acquisition of|agreements? with|from our partner|approvals? from|"
                             r"(?:data|results|readouts?) from(?: the| our)?) (?:[A-Z][\w-]* ?)?$")


def _common_word(lowered: str, call: Call) -> bool:
    """Whether the call also says the word in lower case: then it is a word, not a name."""
    cache = call.__dict__.setdefault("_common_words", {})
    known = cache.get(lowered)
    if known is None:
        text = call.text
        known = cache[lowered] = any(f" {lowered}{end}" in text for end in " ,.;")
    return known



def is_own_name(word: str, call: Call) -> bool:
    """Whether `word` is part of the call's company's name or a speaker's ("Pfizer's", "our")."""
    return word.upper() in _excluded(call)


def _excluded(call: Call) -> frozenset[str]:
    """Upper-cased words naming the call's company and its speakers (cached on the call)."""
    cached = getattr(call, "_not_products", None)
    if cached is None:
        names = {part.upper().strip(",.") for p in call.transcript.participants for part in p.name.split()}
        company = call.transcript.company or ""
        cached = frozenset(names | {word.strip(",.").upper() for word in company.split() if len(word) > 2})
        call._not_products = cached  # type: ignore[attr-defined]
    return cached


def same_product(a: str, b: str) -> bool:
    """Whether two product keys are one product transcribed two ways ("ELAHIR", "ELIHIR"; "RINVOC", "RINVOQ").

    A key that extends the other is another product ("SYNJARDY", "SYNJARDYXR"), and so is one with
    other digits ("PREVNAR13", "PREVNAR20").
    """
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or a.startswith(b) or b.startswith(a):
        return False
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio >= 0.8 or (ratio >= 0.65 and a[:2] == b[:2] and abs(len(a) - len(b)) <= 1)
