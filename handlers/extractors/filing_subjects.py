"""Which products a regulatory statement is about: those its clause names (the one nearest the cue,
with those listed with it), else the product an earlier sentence of the same speaker named; the
places each is given; and the products that are not the company's (a rival's, another company's).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from handlers.extractors.call import Call
from handlers.extractors.model import Sentence
from handlers.extractors.products import Product, is_own_name, products
from handlers.extractors.regulatory import Cue, jurisdictions

# Another named party as the one that gained or got an approval: two capitalised words before the verb
# ("Eli Lilly gained", "The Samsung Galaxy Watch was the first to get"), not "we".
_THIRD_PARTY = re.compile(r"[A-Z][\w-]+ [A-Z][\w-]+(?: [A-Z][\w-]+)? (?:gained|was the first to get|were the first to get)\b")


def third_party(text: str, start: int, at: int) -> bool:
    """Whether another named party is the one the clause says gained an approval, before `at`."""
    return _THIRD_PARTY.search(text, start, at) is not None


# Words that tie a sentence naming no product to an application: then the product is the one named just before.
_STRONG_ANCHOR = re.compile(r"(?:FDA|EMA|CHMP|PMDA|NMPA|MHRA|European Commission|Health Canada|[Rr]egulat|[Ll]abel|"
                            r"[Aa]pplication|PDUFA|BDUFA|GDUFA|NDA|BLA|INDs?\b|CTA|MAA|PMA|510|[Dd]ossier|"
                            r"[Cc]omplete [Rr]esponse|CRL|"
                            # "we expect to submit for approval next year": an application, whose product is before
                            r"submit(?:ted|ting)? (?:\w+ )?for (?:U\.S\. |FDA |regulatory )?(?:approval|review))")
# "HEC's Insulin Glargine", "Novartis' Kisqali": a product another company owns.
_OWNER_BEFORE = re.compile(r"(?P<owner>[A-Z][\w&-]*)(?:'s|’s|'|’) $")


# "Teva received FDA approval for its generic version of Zorvex": another company's copy of the product
# ("our generic version of Advair" is the company's own).
_COPY_OF = re.compile(r"\b(?:its|their|a|an|the first|first) (?:\w+ )?(?:generic|biosimilar)(?: versions?| forms?| "
                      r"equivalents?| copy| copies| competitors?)? (?:of|to) (?:the )?$", re.I)


def owned_by_another(text: str, product: Product, call: Call) -> bool:
    if _COPY_OF.search(text, max(0, product.start - 50), product.start):
        return True
    owner = _OWNER_BEFORE.search(text, max(0, product.start - 30), product.start)
    return owner is not None and not is_own_name(owner["owner"], call)


# "our regulatory submission", "the application", "a regulatory application is planned": the
# sentence's own filing, whose product the sentence before names.
_OWN_NOUN = re.compile(r"\b(?:our|this|its|an?)(?: \w+)?(?: regulatory)? $", re.I)
# "The regulatory submission will likely occur around mid-year": "the" owns a filing noun (not "the FDA
# approval", which any company's may be).
_THE_FILING = re.compile(r"\b[Tt]he (?:regulatory |\w+ )?$")


def own_noun(text: str, start: int, cue: Cue) -> bool:
    if _OWN_NOUN.search(text, max(start, cue.start - 30), cue.start):
        return True
    return text[cue.start:cue.end].lower().startswith(("submission", "application", "filing")) \
        and _THE_FILING.search(text, max(start, cue.start - 30), cue.start) is not None


# "your competitor in this space, Novartis, is Kizkali", "a competing product was approved": a rival's.
_RIVAL_WORDS = ("competit", "rival")


def rival(sentence: Sentence, start: int, end: int) -> bool:
    lowered = sentence.lowered[start:end]
    return any(word in lowered for word in _RIVAL_WORDS)


_ANAPHOR = re.compile(r"\b(?:it|this|the (?:application|product|drug|submission|filing|therapy|label|device)|"
                      r"our (?:application|submission|filing))\b", re.I)


def subjects(sentence: Sentence, call: Call, start: int, end: int, cue: Cue) -> tuple[list[Product], tuple[str, ...]]:
    """The products a clause's statement is about, and a note when they come from an earlier sentence."""
    text = sentence.text
    in_clause = _products_in(text, start, end, call) or products(text, call)
    if in_clause:
        nearest = min(in_clause, key=lambda p: (_distance(p, cue, text), not p.strong))
        plural = cue.form == "noun" and "s" in (text[cue.end - 1:cue.end], text[cue.end:cue.end + 1])  # "submission|s"
        return _listed_with(text, nearest, in_clause, plural=plural), ()
    if _STRONG_ANCHOR.search(text) is None and _ANAPHOR.search(text) is None:
        return [], ()  # "it's proven with the number of approvals": about no application in particular
    if _EVENT_LIST.search(text, start, end):
        return [], ()  # "a strong cadence of data readouts, regulatory submissions, and new approvals"
    earlier = _earlier_product(sentence, call)
    if earlier is not None:
        return [earlier], ("the product is named in an earlier sentence",)
    return [], ()


# Events listed as kinds ("data readouts, regulatory submissions and approvals"): a year's outline,
# about no one product.
_EVENT_LIST = re.compile(r"(?:readouts?|results|submissions?|filings?|approvals?|launch(?:es)?|starts)"
                         r"(?:,| and| as well as)+ (?:\w+ ){0,2}(?:readouts?|submissions?|filings?|approvals?|"
                         r"launch(?:es)?|starts)\b", re.I)


def _products_in(text: str, start: int, end: int, call: Call) -> list[Product]:
    """The products named in text[start:end], with offsets in `text` (only the clause is scanned)."""
    if start == 0 and end == len(text):
        return products(text, call)
    return [replace(p, start=p.start + start) for p in products(text[start:end], call)]


def own_places(sentence: Sentence, call: Call, start: int, end: int, product: Product) -> list[str]:
    """The places a clause gives `product`: where it lists several products, each place goes to the
    product nearest it ("approval of A in the U.S., B in Japan"; "submissions in the U.S. and EU for
    A and global submissions for B"); a product given none has the clause's."""
    text = sentence.text
    places = jurisdictions(text, start, end)
    found = _products_in(text, start, end, call)
    if len({p.key for p in found}) < 2 or not start <= product.start < end:
        return [place for place, _ in places]

    def distance(other: Product, at: int) -> int:
        after = other.start + len(other.said)
        if at >= after:
            return at - after
        # A place before a product is its own only when no comma stands between ("in the U.S., B in Japan").
        return other.start - at + (3 if "," not in text[at:other.start] else 60) if at < other.start else 0

    def owner(at: int) -> Product:
        if _PLACE_OF_NOUN.match(text, at):  # "global submissions for B": the noun's, so the product after it
            following = [p for p in found if p.start > at]
            if following:
                return following[0]
        return min(found, key=lambda p: distance(p, at))

    # "the approval of Kisunla, the brand name for donanemab in the U.S.": a place beside either name is the product's.
    names = {product.key, *(b if a == product.key else a for a, b in linked_names(text, call) if product.key in (a, b))}
    mine = [place for place, at in places if owner(at).key in names]
    return mine or [place for place, _ in places]


# A place said as the adjective of a filing noun: "global submissions", "European approval".
_PLACE_OF_NOUN = re.compile(r"[\w.]+ (?:regulatory )?(?:submissions?|approvals?|filings?|applications?)\b")


# "approval for the use of Zepbound", "submission of X": the product the noun is of.
_OF = re.compile(r"\s+(?:\w+\s+){0,3}?(?:for|of|to)\s+(?:the\s+)?(?:use\s+of\s+)?$")


def _distance(product: Product, cue: Cue, text: str = "") -> int:
    if product.start >= cue.end:
        gap = product.start - cue.end
        return max(0, gap - 25) if _OF.match(text, cue.end, product.start) else gap
    return max(0, cue.start - product.start - len(product.said))


_LIST_JOIN = re.compile(r" ?(?:,? and|,| or|, or|,? as well as|/)$")


# After a plural noun, each product of a list may carry its indication: "regulatory submissions for
# Tevapidon in Parkinson's, Venclexta in higher-risk MDS, and Bonti for aesthetics".
_INDICATION_JOIN = re.compile(r" (?:in|for|and|with) [^;()]{2,60}?(?:,? and|,|, or|,? as well as)$")


def _listed_with(text: str, product: Product, found: list[Product], *, plural: bool = False) -> list[Product]:
    """`product` and those listed with it ("Synjardy, Synjardy XR, and Glyxambi"), one per key; after a
    plural noun, also those listed each with its indication."""
    index = found.index(product)
    first = last = index
    while first > 0 and _joined(text, found[first - 1], found[first], plural=plural):
        first -= 1
    while last + 1 < len(found) and _joined(text, found[last], found[last + 1], plural=plural):
        last += 1
    return list({p.key: p for p in found[first:last + 1]}.values())


def _joined(text: str, left: Product, right: Product, *, plural: bool = False) -> bool:
    between = text[left.start + len(left.said):right.start]
    if len(between) <= 14 and _LIST_JOIN.match(" " + between.strip()) is not None:
        return True
    return plural and len(between) <= 70 and _INDICATION_JOIN.match(between.rstrip()) is not None


def _earlier_product(sentence: Sentence, call: Call) -> Product | None:
    """The product named last in the three sentences before this one said by the same speaker.

    Flat transcripts make each paragraph a turn, so the search crosses turns of one speaker.
    """
    seq, index, looked = sentence.seq, sentence.index, 0
    while looked < 3:
        index -= 1
        if index < 0:
            seq -= 1
            if seq < 1 or call.transcript.turns[seq - 1].speaker != sentence.speaker:
                return None
            index = len(call.spans(seq)) - 1
            if index < 0:
                continue
        looked += 1
        earlier = call.sentence(seq, index).text
        found = products(earlier, call) if len(earlier) >= 25 else []  # not "Thanks, Jeff."
        if found:
            return found[-1]
    return None


# Between two names of one product: "Dupixent (dupilumab)", "Kisunla, the brand name for donanemab",
# "lebrikizumab as EBGLYSS", "ABC-101, now Zorvex".
_LINK = re.compile(r"\s?\(|,? (?:the (?:brand|trade) name (?:for|of)|(?:now )?(?:branded|marketed|known) as|"
                   r"also known as|now called|formerly) | as |, now ")


def linked_names(text: str, call: Call) -> list[tuple[str, str]]:
    """Pairs of product keys `text` says are one product; one of each pair is an INN or a code (two
    brands side by side are a list, not one product)."""
    if not any(word in text for word in _LINK_WORDS):
        return []
    found = products(text, call)
    pairs = []
    for left, right in itertools.pairwise(found):
        between = text[left.start + len(left.said):right.start]
        if left.key != right.key and (left.strong or right.strong) and len(between) <= 30 and _LINK.fullmatch(between):
            pairs.append((left.key, right.key))
    return pairs


_LINK_WORDS = ("(", " name ", " as ", ", now ", " called ", "formerly")
