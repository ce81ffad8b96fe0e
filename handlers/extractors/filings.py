"""Regulatory filings through their whole life: planned, submitted, accepted (PDUFA date, priority
review), approved (FDA, EC, CHMP opinion, PMDA, ...; clearances, label expansions), rejected
(complete response letter), delayed, withdrawn, and guidance withdrawn.

A sentence is read clause by clause (regulatory.py): each clause's cues give its status, read
through the modifiers before them, so "we expect approval in the second half" is a filing under
review with a decision expected, never an approval. One item per product and jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.extractors.call import Call
from handlers.extractors.cues import is_question
from handlers.extractors.filing_dates import timing
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.model import REGULATORY_FILING, KeyItem, Sentence
from handlers.extractors.products import Product, products, same_product
from handlers.extractors.regulatory import (Cue, clauses, conditional, descriptive, designations, expected, filing_type,
                                            find_cues, indication, jurisdictions, negated, regulator, said_done)

# A sentence about an application names a regulator, a filing, or the regulatory words themselves;
# without one, "approved" and "filed" are about budgets and lawsuits.
_ANCHOR = re.compile(r"(?:FDA|EMA|CHMP|PMDA|NMPA|MHRA|European Commission|Health Canada|[Rr]egulat|[Ll]abel|"
                     r"[Aa]pprov|[Aa]pplication|PDUFA|BDUFA|GDUFA|NDA|BLA|INDs?\b|CTA|MAA|PMA|510|CE [Mm]ark|[Cc]learance|"
                     r"[Dd]ossier|[Ii]ndication|[Cc]omplete [Rr]esponse|CRL)")
# When one clause holds several cues, the one stating the furthest done stage wins; a plan beats an
# expected decision ("submission is expected in Q3, with a decision in 2025" is a plan).
_PRECEDENCE = ("rejected", "withdrawn", "guidance_withdrawn", "delayed", "approved", "accepted", "submitted",
               "planned", "expected accepted", "expected submitted")
# Cues that say a date is set, whatever tense they are said in ("approval expected by the PDUFA date").
_DATE_SET = re.compile(r"PDUFA|BDUFA|GDUFA|[Tt]arget action|[Gg]oal date|action date|FDA-assigned", re.I)


class RegulatoryFilings:
    """Extractor for `regulatory_filing` items."""

    kind = REGULATORY_FILING
    keywords = ("approv", "submi", "resubmi", "file", "filing", "IND", "CTA", "BLA", "NDA", "sBLA", "sNDA", "SNDA",
                "ANDA", "MAA", "PMA", "510", "PDUFA", "BDUFA", "GDUFA", "CHMP", "complete response", "CRL",
                "clearance", "cleared", "CE mark", "positive opinion", "regulatory", "withdr", "accepted",
                "priority review", "goal date", "action date", "under review", "de novo")

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        if is_question(sentence) or _ANCHOR.search(text) is None:
            return []
        cues = find_cues(text)
        if not cues:
            return []
        items: list[KeyItem] = []
        for start, end in clauses(text):
            read = _status(text, start, end, [c for c in cues if start <= c.start < end])
            if read is not None:
                items.extend(self._items(sentence, call, start, end, *read))
        return items

    def finish(self, items: list[KeyItem], call: Call) -> list[KeyItem]:
        """One subject per product however the call spells it, and a place for statements that name none
        where another statement of the same stage names one (so deduplication sees one fact)."""
        canonical: list[str] = []
        placed: dict[tuple[str, str | None], str] = {}
        mine = []
        for item in items:
            if item.kind != REGULATORY_FILING:
                continue
            key = next((seen for seen in canonical if same_product(seen, item.subject or "")), None)
            if key is None:
                canonical.append(key := item.subject or "")
            place = item.attributes.get("jurisdiction")
            if place is not None:
                placed.setdefault((key, item.status), place)
            mine.append((item, key))
        fixed = {}
        for item, key in mine:
            place = item.attributes.get("jurisdiction") or placed.get((key, item.status))
            if key != item.subject or place != item.attributes.get("jurisdiction"):
                fixed[id(item)] = replace(item, subject=key, attributes={**item.attributes, "jurisdiction": place})
        return [fixed.get(id(item), item) for item in items]

    def _items(self, sentence: Sentence, call: Call, start: int, end: int, status: str, cue: Cue) -> list[KeyItem]:
        text = sentence.text
        named, notes = _subjects(sentence, call, start, end, cue)
        if not named:
            return []
        places = [place for place, _ in jurisdictions(text, start, end)]
        places = [p for p in places if p != "global"] or places or [None]  # "the first global approval in China"
        when = timing(text[start:end], call, done=status not in ("planned", "submitted", "accepted"))
        penalty, who = speaker_penalty(sentence, call, named[0].said)
        attributes = {"filing_type": filing_type(text), "regulator": regulator(text[start:end]),
                      "indication": indication(text, named[-1].start + len(named[-1].said)),
                      "designations": designations(text) or None, "cue": text[cue.start:cue.end]}
        return [make(REGULATORY_FILING, product.key, sentence, 0.85 - penalty - (0.1 if notes else 0),
                     notes=(*who, *notes), status=status, text_value=when.text if when else None,
                     date_start=when.start if when else None, date_end=when.end if when else None,
                     attributes={**attributes, "jurisdiction": place, "product": product.key,
                                 "as_said": product.said})
                for product in named for place in places]


def _status(text: str, start: int, end: int, cues: list[Cue]) -> tuple[str, Cue] | None:
    """The status the clause states, and the cue that states it; None when it states none."""
    readings = [(reading, cue) for cue in cues if (reading := _reading(text, start, end, cue)) is not None]
    if not readings:
        return None
    reading, cue = min(readings, key=lambda pair: _PRECEDENCE.index(pair[0]))
    return reading.removeprefix("expected "), cue


def _reading(text: str, start: int, end: int, cue: Cue) -> str | None:
    """What one cue says, read through its modifiers: a status, "expected <status>", or None."""
    status = cue.status
    if status == "guidance_withdrawn":
        return status
    if negated(text, start, cue.start) or descriptive(text, cue):
        return None
    future = expected(text, start, cue.start, cue.end, end)
    if status in ("approved", "accepted") and conditional(text, start, cue.start):
        return None  # "if approved, it would be the first": no news about the application
    if status in ("rejected", "withdrawn"):
        return None if future else status
    if status == "delayed":
        return status
    if cue.form == "base":
        return "planned"
    if status == "accepted":
        if _DATE_SET.match(text, cue.start):
            return "accepted"
        return "expected submitted" if future else "accepted"
    if status == "approved":
        if future:
            return "expected submitted"
        return status if cue.form == "done" or said_done(text, start, cue.start) else None
    # submitted, or a submission said as a noun
    if future:
        return "planned"
    return status if cue.form == "done" or said_done(text, start, cue.start) else None


_ANAPHOR = re.compile(r"\b(?:it|this|the (?:application|product|drug|submission|filing|therapy|label|device)|"
                      r"our (?:application|submission|filing))\b", re.I)


def _subjects(sentence: Sentence, call: Call, start: int, end: int, cue: Cue) -> tuple[list[Product], tuple[str, ...]]:
    """The products a clause's statement is about, and a note when they come from an earlier sentence."""
    text = sentence.text
    found = products(text, call)
    in_clause = [p for p in found if start <= p.start < end] or found
    if in_clause:
        nearest = min(in_clause, key=lambda p: (not p.strong, abs(p.start - cue.start)))
        return _listed_with(text, nearest, found), ()
    earlier = _earlier_product(sentence, call)
    if earlier is not None:
        return [earlier], ("the product is named in an earlier sentence",)
    return [], ()


_LIST_JOIN = re.compile(r" ?(?:,? and|,| or|, or|,? as well as|/)$")


def _listed_with(text: str, product: Product, found: list[Product]) -> list[Product]:
    """`product` and those listed with it ("Synjardy, Synjardy XR, and Glyxambi"), one per key."""
    index = found.index(product)
    first = last = index
    while first > 0 and _joined(text, found[first - 1], found[first]):
        first -= 1
    while last + 1 < len(found) and _joined(text, found[last], found[last + 1]):
        last += 1
    return list({p.key: p for p in found[first:last + 1]}.values())


def _joined(text: str, left: Product, right: Product) -> bool:
    between = text[left.start + len(left.said):right.start]
    return len(between) <= 14 and _LIST_JOIN.match(" " + between.strip()) is not None


def _earlier_product(sentence: Sentence, call: Call) -> Product | None:
    """The product named last in the two sentences before this one, in its turn."""
    for index in range(sentence.index - 1, max(sentence.index - 3, -1), -1):
        found = products(call.sentence(sentence.seq, index).text, call)
        if found:
            return found[-1]
    return None
