"""Deals: partnerships (new, ongoing, expanded, ended), and financings (`financings.py`, listed here with them)."""

from __future__ import annotations

import datetime as dt
import re

from handlers.extractors.call import Call
from handlers.extractors.context import clause, done, modifiers, status_cues
from handlers.extractors.cues import is_question
from handlers.extractors.engine import begins_word
from handlers.extractors.financings import Financings
from handlers.extractors.helpers import make, own_names, partners_in, speaker_penalty
from handlers.extractors.model import PARTNERSHIP, KeyItem, Sentence

__all__ = ["Financings", "Partnerships"]  # the registry lists deals of both kinds from here

_NEW_DEAL = re.compile(r"\b(?:entered into|signed|announc\w*|formed|executed|closed|closing|completed|agreed)\s+"
                       r"(?:an?\s+|the\s+|our\s+)?(?:\w+\s+){0,4}"
                       r"(?:partnership|collaboration|alliance|license|licensing|agreement|deal|acquisition|acquire|"
                       r"transaction)\b", re.I)
# The deal a status word is about: the trigger whose clause the status cues are read in.
_DEAL_WORD = re.compile(r"\b(?:partnership|collaboration|alliance|license agreement|licensing agreement|agreement|"
                        r"licen[cs]e|deal)s?\b", re.I)
# Status cues (`context.status_cues`): the one nearest the deal word wins, so "entered into a termination
# agreement" ends a deal and "signed a deal after terminating another" starts one.
_STATUS_CUES = (
    ("ended", re.compile(r"(?:terminat\w+|ended|end(?:ing|s)?(?: of)? (?:the|our|its|their)|wound down|wind(?:ing)? down|"
                         r"dissol(?:ve|ved|ution)|return(?:ed|ing)? (?:of )?(?:the |all |our |its )?(?:worldwide |global |"
                         r"full )?rights|rights (?:have |will |would )?revert\w*|reversion of|"
                         r"(?:regain|reacquir)\w* (?:the |all |our |its |full |worldwide |global )*rights|"
                         r"opt(?:ed)? out|exit(?:ed|ing)?)\b"), True),
    # "an expanded collaboration with Gedeon Richter", "we have expanded our agreement with HEC"
    # (`_EXPANDED_DEAL`: the word must go with the deal, not "to expand our portfolio").
    # "Insulin Aspart was added to our HEC agreement": a product added to a deal expands it.
    ("expanded", re.compile(r"(?:expand(?:ed|s|ing)?|expansion of|added to)\b"), True),
    ("new", re.compile(r"(?:entered into|signed|announc\w*|formed|executed|closed|closing|completed|agreed)\b"), True),
)
# Any status cue at all, on the lowered sentence (case-insensitive alternations cost ~50 us a sentence).
_ANY_STATUS = re.compile("|".join(pattern.pattern for _, pattern, _ in _STATUS_CUES))
# Words of a deal's end, said or only expected ("no plans to terminate"): such a sentence is never read as
# a deal held (`Partnerships._held`). Not the ending cue itself: "by the end of the year" ends no deal.
_ANY_ENDING = re.compile(r"terminat|wound down|wind(?:ing)? down|dissol|revert|reversion|regain|reacquir|"
                         r"opt(?:ed|s)? out|return\w* (?:of )?(?:the |all |our |its )?(?:\w+ )?rights")
# "Zenith returned the rights to ZX-12 to us": a deal ended without a deal word.
_RIGHTS_BACK = re.compile(r"(?:return\w*|revert\w*|regain\w*|reacquir\w*|reversion)\b[^.;]{0,40}\brights\b|"
                          r"rights\b[^.;]{0,30}\b(?:return\w*|revert\w*)", re.I)
# The company on the other side of the deal, named right at the deal word: "a license agreement with IGI
# Therapeutics", "the acquisition of Nimble Therapeutics", "agreement to acquire SteadyMed Limited", "a deal
# with a terrific company named Respira", "the 3D SYSTEMS deal". A short capital name or one starting with
# a digit counts only with a company suffix ("3S Bio"); a lower-case one too ("capstan therapeutics").
_SUFFIX = (r"(?:Bio)?[Tt]herapeutics|[Pp]harmaceuticals|[Bb]io[Pp]harma|[Pp]harma|[Bb]iosciences|[Bb]iotech|[Bb]io|"
           r"[Ss]ciences|Inc|AG|SA|plc|Limited|Ltd|Holdings|[Ss]ystems|Corporation|Corp|Medical")
_COMPANY = (rf"(?P<name>(?:[A-Za-z0-9][A-Za-z0-9&\-]*\s+(?:{_SUFFIX})\b)|(?:[A-Z][a-z][A-Za-z0-9&\-]+|[A-Z]{{4,}})"
            rf"(?:\s+(?:{_SUFFIX})\b)?)")
# One partner, one subject, however a call names it: "Morphic" and "Morphic Therapeutics".
_SUFFIX_AT_END = re.compile(rf"(?<=\S)\s+(?:{_SUFFIX})$")
# A partner known by a short capital name ("expanded our agreement with HEC", "in collaboration with CSL"), said
# right after the word "with" or "partner" of a deal: never an agency or a common acronym (`_NOT_SHORT_NAMES`).
_SHORT = r"(?P<short>[A-Z]{3})(?![\w&\-])"
_DEAL_PARTNER = re.compile(
    rf"(?:with|acquisition of|acquire|acquired|acquiring|named)\s+(?:(?:a|an)\s+(?:\w+\s+){{0,2}}company\s+named\s+)?"
    rf"{_COMPANY}\b(?!'s|’s)|with\s+{_SHORT}|{_COMPANY.replace('?P<name>', '?P<name2>')}\s+(?:deal|transaction)\b|"
    # "added to our HEC agreement", "our Respirent agreements": the company's own deal, its partner before it
    rf"(?:our|the|its)\s+(?:{_COMPANY.replace('?P<name>', '?P<name3>')}|{_SHORT.replace('?P<short>', '?P<short2>')})\s+"
    rf"(?:agreements?|collaboration|partnership|alliance)\b")
_NOT_SHORT_NAMES = frozenset("FDA EMA CMS SEC FTC DOJ IRS HHS CDC WHO NIH NCI DOD DOE DEA VA NHS EU US UK USA UN IPO ATM "
                             "CEO CFO COO CMO CSO API AI IT PD PBM GPO IDN KOL HCP IND NDA BLA MAA CRO ICER".split())
_NOT_PARTNERS = frozenset("The This That These Those We Our Us It Its They Their FDA EMA Phase Company Partner Partners "
                          "Each Both All Any Several Multiple Two Three Other Another License Licensing Collaboration "
                          "Partnership Alliance Supply Master Framework Asset Purchase Merger Settlement Development "
                          "Commercialization Research Option Royalty".split())
# "and a collaboration with", "A partnership with": an indefinite article right before the deal word.
_INTRODUCED_BEFORE = re.compile(r"(?<![A-Za-z])(?P<article>[Aa]n?|[Tt]he)\s+(?:(?:new|strategic|global|exclusive|worldwide|"
                                r"research|development|discovery|co-development)\s+)*$")
# "... agreement with FutureGen, to develop": the partner's capitalised name, then what the deal is for.
_INTRODUCED_AFTER = re.compile(r"(?:\s+agreement)?\s+with\s+[A-Z0-9][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,2},?\s+to\s+[a-z]")
# The cheap test for `_introduced`, on the lowered sentence, before any clause is read.
_INTRODUCED_GATE = re.compile(r"(?:partnership|collaboration|alliance|licen[cs]e|licensing|agreement|deal) "
                              r"(?:agreement )?with [^,.;]{1,40},? to [a-z]")
_HELD_OR_SOUGHT = re.compile(r"(?:have|has|had|look\w*|seek\w*|find\w*|want\w*|need\w*|explor\w*|discuss\w*|"
                             r"pursu\w*|consider\w*|like)\s+(?:\w+\s+)?$")
_UNNAMED_ENDED = re.compile(r"(?:terminated|ended|discontinued)\s+(?:\w+\s+)?(?:partnerships|collaborations|alliances|"
                            r"licen[cs]es|licensing agreements)", re.I)
# A deal the company has, said with its partner (status `ongoing`), when the sentence tells no news of it:
# "licensed from Adocia", "we licensed UCART19 to Servier", "our partner, Medtronic", "in collaboration with
# Mylan", "partnered with Sandoz", "co-developing with Arvinas", "our alliance with Allogene", "under an
# exclusive agreement with DEKA", "a joint venture of ourselves and Medtronic". Each lead is found by its own
# lower-case words ("the YouTube Partner Program" is no partner), a literal start that `re` skips to; what
# must stand before a deal word or "partner" is read behind it in code (`_OWNER`, `_PARTNER_OWNER`). The
# partner's name is capitalised or has a company suffix, and is no one's possessive ("Angela's group").
_HELD = re.compile(r"(?:licensed\s+(?:from|(?:[\w\[\]-]+\s+){1,3}?to)|partnered\s+with|"
                   r"co-(?:develop|commerciali[sz]|promot)\w*\s+(?:\w+\s+){0,2}?with|"
                   r"joint\s+venture\s+(?:of|between|with)(?:\s+ourselves\s+and)?|"
                   r"(?P<deal>collaboration|partnership|alliance|agreement|joint venture)s?\s+with|"
                   r"(?P<partner>partners?),?)\s+" + rf"(?:{_COMPANY}\b(?!'s|’s)|{_SHORT})")
# Before the deal word: the company's own ("our alliance with", "its agreement with", "under an exclusive
# agreement with") or a way of working ("in collaboration with"); before "partner": "our partner, Medtronic".
_OWNER = re.compile(r"(?<![A-Za-z])(?:(?P<own>[Oo]ur|[Ii]ts|[Uu]nder\s+(?:an?|the|our))\s+(?:[a-z-]+\s+){0,3}?|"
                    r"[Ii]n\s+)$")
_PARTNER_OWNER = re.compile(r"(?<![A-Za-z])(?:[Oo]ur|[Ii]ts|[Tt]he)\s+(?:[a-z-]+\s+)?$")
# "the agreement between Supernus and Shire": both sides named, one of them the company itself.
_BETWEEN = re.compile(r"(?:agreement|partnership|collaboration|alliance)\s+between\s+" + _COMPANY
                      + r"\s+and\s+" + _COMPANY.replace("?P<name>", "?P<other>") + r"\b(?!'s|’s)")
# Words in the lead that make it no deal held: one not made yet ("our proposed partnership with", "our upcoming
# partnership with"), a new one (its news is told by the verbs `_deal_status` reads), or an agreement that is
# no partnership ("our settlement agreement with", "our agreement with" a union, "a registry agreement with").
_NOT_HELD = re.compile(r"(?:proposed|potential|possible|planned|pending|prospective|upcoming|future|tentative|new|"
                       r"settlement|merger|credit|loan|lease|purchase|labou?r|collective|registry|employment|"
                       r"separation|plea|consent|confidentiality|standstill|definitive)\b")
# Places and words a capital may begin that are no company ("our wholesale partners, Europe has ...").
_NOT_COMPANIES = frozenset("Europe China Japan India Germany France Italy Spain Canada Asia America Americas Africa "
                           "Australia Brazil Korea January February March April May June July August September "
                           "October November December Dr Mr Ms Management Board".split())
_NEWS_WORDS = ("partnership", "collaboration", "alliance", "licens", "agreement", "deal", "rights", "to include")
_OLD_DEAL = ("previously announced", "previously communicated", "as a reminder", "last year", "last quarter")
_EXPANDED_DEAL = re.compile(r"\b(?:expand(?:ed|s|ing)?|expansion of|added to)\s+(?:(?:our|the|its|an?|existing)\s+)*"
                            r"(?:[\w-]+\s+){0,2}(?:partnership|collaboration|alliance|license|licensing|agreement|deal)s?\b",
                            re.I)
# "we recently expanded our opportunities with Respirent to include generic Spiriva": a deal widened to take in
# a product, said without a deal word.
_WIDENED = re.compile(r"expand(?:ed|s|ing)?\s+(?:our|the|its)\s+(?:[a-z-]+\s+){1,2}with\s+[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*)?"
                      r"\s+to\s+include\b")
# Right after the deal word: what the deal is for, a product named with a capital (`_deal_for_product`).
_FOR_PRODUCT = re.compile(r"(?:\s+(?:partnership|agreement|collaboration))?\s+to\s+(?:launch|develop|commerciali[sz]e|"
                          r"market|co-develop|co-promote)\s+(?:the\s+)?(?P<product>[A-Z][\w\-]{3,})")


class Partnerships:
    """Extractor for `partnership` items: a named partner with a new, expanded or ended deal, or one held."""

    kind = PARTNERSHIP
    keywords = ("partner", "collaboration", "alliance", "licens", "agreement", "deal", "rights", "co-develop", "to include",
                "co-commerciali", "co-promot", "joint venture")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        if is_question(sentence):
            return []
        # News of a deal needs a deal word (or rights given back, a deal widened "to include"): a sentence that
        # only says "our partner" or "co-developing" can tell of a deal held, no more.
        reading = _deal_status(text) if any(map(sentence.lowered.__contains__, _NEWS_WORDS)) else None
        if reading is None:
            return self._held(sentence, call)
        status, (lo, hi), (start, end) = reading
        # The partners of this deal: named at the deal word ("We acquired Morphic and announced a collaboration
        # with OpenAI": OpenAI), else in its clause, else anywhere in the sentence.
        partners = _deal_partners(text, max(lo, start - 30), min(hi, end + 50), call) \
            or partners_in(text[lo:hi], call) or partners_in(text, call)
        unnamed = not partners
        if unnamed:
            partners = _unnamed_endings(text, start, end) if status == "ended" else _deal_for_product(text, end)
        if not partners:
            return []
        if _old_news(text, call) or any(phrase in sentence.lowered for phrase in _OLD_DEAL):
            # A deal told again ("in 2014, we licensed ... to Servier", "the previously announced agreement
            # with Zenith") is one the company has; an ending or expansion told again is no news at all.
            if status != "new":
                return []
            status = "ongoing"
        return _items(sentence, call, partners, status, named=not unnamed)

    def _held(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        """A deal the company has, named with its partner, in a sentence that tells no news of it."""
        text, lowered = sentence.text, sentence.lowered
        names = [name for start, name_at, end, said in _held_leads(text)
                 if not _NOT_HELD.search(lowered, start, name_at) and not modifiers(text, start, end) for name in said]
        if not names or _ANY_ENDING.search(lowered):
            return []  # a sentence that speaks of an ending, even an expected one, is never read as ongoing
        people = _people(call)
        partners = _named_partners([n for n in names if n.split()[0] not in _NOT_COMPANIES | people], call)
        return _items(sentence, call, partners, "ongoing", named=True) if partners else []


    def finish(self, items: list[KeyItem], call: Call) -> list[KeyItem]:
        """One fact per partner: a deal held (`ongoing`) is dropped where the call tells news of the same
        partner (new, expanded or ended): "we have expanded our agreement with HEC", then "our partner HEC"."""
        news = {item.subject for item in items if item.kind == PARTNERSHIP and item.status != "ongoing"}
        return [item for item in items
                if not (item.kind == PARTNERSHIP and item.status == "ongoing" and item.subject in news)]


def _held_leads(text: str) -> list[tuple[int, int, int, list[str]]]:
    """(start, where the name starts, end, the names) of each lead of a deal held in `text`: its words, the
    owner's included ("our alliance with"), stand between start and the name."""
    found = []
    for match in _HELD.finditer(text):
        start = match.start()
        if match["deal"] or match["partner"]:
            owner = (_OWNER if match["deal"] else _PARTNER_OWNER).search(text, max(0, start - 40), start)
            if owner is None or (match["deal"] and owner["own"] is None
                                 and match["deal"] not in ("collaboration", "partnership", "alliance")):
                continue  # "the agreement with", "in agreement with"
            start = owner.start()
        if begins_word(text, start):
            group = "name" if match["name"] else "short"
            found.append((start, match.start(group), match.end(), [match[group]]))
    found.extend((match.start(), match.start("name"), match.end(), [match["name"], match["other"]])
                 for match in _BETWEEN.finditer(text) if begins_word(text, match.start()))
    return found


def _people(call: Call) -> frozenset[str]:
    """The words of the call's participants' names: "our advertising partners, Philipp will discuss" names a
    colleague, not a partner."""
    return frozenset(word for person in call.transcript.participants for word in (person.name or "").split())


def _items(sentence: Sentence, call: Call, partners: list[str], status: str, *, named: bool) -> list[KeyItem]:
    """One item per partner (two at most), its subject the partner's name without a company suffix."""
    penalty, notes = speaker_penalty(sentence, call, partners[0])
    return [make(PARTNERSHIP, _SUFFIX_AT_END.sub("", partner).upper(), sentence, 0.8 - penalty, notes=notes,
                 status=status, counterparty=partner if named else None)
            for partner in partners[:2]]


def _unnamed_endings(text: str, start: int, end: int) -> list[str]:
    """Deals ended with no partner named, as said ("cost savings from ... terminated partnerships"): the
    plural deal word right after its ending word is itself the subject."""
    said = _UNNAMED_ENDED.search(text, max(0, start - 25), end)
    return [said.group(0)] if said is not None and said.end() == end else []


def _deal_for_product(text: str, end: int) -> list[str]:
    """A new deal with no partner named, said with the product it is for ("formed a new strategic alliance
    partnership to launch Sevoflurane"): the product is its subject."""
    said = _FOR_PRODUCT.match(text, end)
    return [said["product"]] if said is not None and said["product"] not in _NOT_PARTNERS else []


def _deal_partners(text: str, lo: int, hi: int, call: Call) -> list[str]:
    """The companies named right at a deal word in `text[lo:hi]`, never the call's own company."""
    return _named_partners([match["name"] or match["name2"] or match["name3"] or match["short"] or match["short2"]
                            for match in _DEAL_PARTNER.finditer(text, lo, hi)], call)


def _named_partners(said: list[str], call: Call) -> list[str]:
    """The names in `said` that are companies other than the call's own, in order, once each."""
    names = [name for name in map(str.strip, said) if name.split()[0] not in _NOT_PARTNERS
             and name not in _NOT_SHORT_NAMES]
    if not names:
        return []  # the usual case: spares building the call's program list for `own_names`
    own = own_names(call)
    return list(dict.fromkeys(name for name in names if name.split()[0].upper() not in own and name.upper() not in own
                              and not _spells_ticker(name, call) and not _addressed(name, call)))


# How a call speaks to a person on it: "thank you very much andrew", "I would ask Andrew to comment", "Andrew,
# you can comment" (read around each place the name is said; "handed over to" may be said of a company).
_TO_A_PERSON_BEFORE = re.compile(r"(?:thank(?:s| you)(?: very much| so much)?,?|ask)\s+$")
_TO_A_PERSON_AFTER = re.compile(r",?\s+(?:you|can you|could you|would you|do you)\b")


def _addressed(name: str, call: Call) -> bool:
    """Whether the call addresses `name` as a person on it (a transcript without speakers names no
    participants): "in collaboration with Andrew" is a colleague, not a partner."""
    word = name.split()[0].lower()
    lowered, at = call.lowered, call.lowered.find(word)
    while at >= 0:
        end = at + len(word)
        whole = not lowered[end:end + 1].isalpha()
        if whole and (_TO_A_PERSON_BEFORE.search(lowered, max(0, at - 25), at) or _TO_A_PERSON_AFTER.match(lowered, end)):
            return True
        at = lowered.find(word, at + len(word))
    return False


def _spells_ticker(name: str, call: Call) -> bool:
    """Whether `name` is the call's own company, known only by its ticker: a name that starts with the ticker's
    first letter and holds its letters in order ("Supernus" for SUPN); only when the call does not name its
    company (then `own_names` knows it)."""
    ticker = (call.transcript.ticker or "").upper()
    if call.transcript.company or len(ticker) < 3 or not name.upper().startswith(ticker[0]):
        return False
    letters = iter(name.upper())
    return all(letter in letters for letter in ticker)


def _deal_status(text: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """(new, expanded or ended, the clause it is said in, the deal word's span): the status cue nearest a
    deal word that states a fact."""
    lowered = text.lower()
    if not _ANY_STATUS.search(lowered) and not (" with " in lowered and _INTRODUCED_GATE.search(lowered)):
        return None  # most sentences naming a deal say nothing new about it: spare the clause reading
    for deal in _DEAL_WORD.finditer(text):
        stated = _stated(text, deal)
        if stated is not None:
            return stated, clause(text, deal.start(), deal.end()), deal.span()
        if _introduced(text, deal):
            return "new", clause(text, deal.start(), deal.end()), deal.span()
    rights = _RIGHTS_BACK.search(text) if "rights" in text else None
    if rights is not None and not modifiers(text, rights.start(), rights.end()):
        return "ended", clause(text, rights.start(), rights.end()), rights.span()
    widened = _WIDENED.search(text) if "to include" in lowered else None
    if widened is not None and not modifiers(text, widened.start(), widened.end()):
        return "expanded", clause(text, widened.start(), widened.end()), widened.span()
    return None


def _stated(text: str, deal: re.Match[str]) -> str | None:
    """The status the cue nearest the deal word states, when its verb goes with the deal ("announced" far from
    the deal, "to expand our portfolio" say nothing of it)."""
    cues = status_cues(text, deal.start(), deal.end(), _STATUS_CUES)
    fact = done(cues)
    if fact is None:
        return None
    # An agreement signed to end a deal ("executed an agreement to end the license") ends it: of the
    # facts its clause states, the ending is the news.
    fact = done([c for c in cues if c.status == "ended" and 0 <= c.start - deal.end() <= 40]) or fact
    lo, hi = clause(text, deal.start(), deal.end())
    if (fact.status == "new" and not _NEW_DEAL.search(text, lo, hi)) \
            or (fact.status == "expanded" and not _EXPANDED_DEAL.search(text, lo, hi)):
        return None
    return fact.status


def _introduced(text: str, deal: re.Match[str]) -> bool:
    """Whether the deal is introduced as a new one without a verb, in a list of the quarter's deals: "a
    collaboration with Parvus Therapeutics to utilize ...", "a license agreement with FutureGen, to develop"
    (an indefinite article, or "the" after "recent", the partner, and what the deal is for); never one the
    company has, seeks or might do ("we have a collaboration with", "looking for a partnership with")."""
    before = _INTRODUCED_BEFORE.search(text, max(0, deal.start() - 40), deal.start())
    if before is None or not _INTRODUCED_AFTER.match(text, deal.end()):
        return False
    if before["article"] in ("the", "The") and "recent" not in text[clause(text, deal.start())[0]:deal.start()]:
        return False  # "the" deal is one already known, unless listed among the recent ones ("the recent ...,
        # as well as the license agreement with Gubra to develop")
    return _HELD_OR_SOUGHT.search(text, max(0, before.start() - 30), before.start()) is None \
        and not modifiers(text, deal.start(), deal.end())


# The dates a sentence gives a deal, the latest each could mean: "In February 2014" (the month's end), "at the
# beginning of 2021" (its first quarter's end); a year alone may be a comparison's ("spend compared to the third
# quarter of 2016"), so "in 2014" is old only two calendar years on (the end of the year after).
_DATED = re.compile(r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                    r"December)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)(?!\d)|"
                    r"(?:beginning|start|early part|first part) of (?P<early>(?:19|20)\d\d)(?!\d)|"
                    r"(?<![\w'])(?P<bare>(?:19|20)\d\d)(?!\d)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _old_news(text: str, call: Call) -> bool:
    """Whether the deal is history retold ("in 2014, we signed ...", "at the beginning of 2021, we announced"
    on a call about the second quarter of 2021): every date the sentence gives is before the call's quarter."""
    period_end = call.period_end() if ("19" in text or "20" in text) else None
    if period_end is None:
        return False
    latest = None
    for said in _DATED.finditer(text):
        if said["month"]:
            date = dt.date(int(said["year"]), _MONTHS.index(said["month"]) + 1, 28)
        else:
            date = dt.date(int(said["early"]), 3, 31) if said["early"] else dt.date(int(said["bare"]) + 1, 12, 31)
        latest = date if latest is None else max(latest, date)
    quarter_start = dt.date(period_end.year, period_end.month - 2, 1)
    return latest is not None and latest < quarter_start
