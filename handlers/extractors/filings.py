"""Regulatory filings through their whole life: planned, submitted, accepted (PDUFA date, priority
review), approved (FDA, EC, CHMP opinion, PMDA, ...; clearances, label expansions), rejected
(complete response letter), delayed, withdrawn, and guidance withdrawn.

A sentence is read clause by clause (regulatory.py): each clause's cues give its status, read
through the modifiers before them, so "we expect approval in the second half" is a filing under
review with a decision expected, never an approval. One item per product and jurisdiction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from handlers.extractors.call import Call
from handlers.extractors.cues import is_question
from handlers.extractors.filing_dates import reference_date, timing
from handlers.extractors.filing_subjects import (
    linked_names,
    own_noun,
    own_places,
    owned_by_another,
    rival,
    subjects,
    third_party,
)
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.horizons import Horizon
from handlers.extractors.model import REGULATORY_FILING, KeyItem, Sentence
from handlers.extractors.products import Product, products, same_product
from handlers.extractors.regulatory import (
    Cue,
    clauses,
    conditional,
    descriptive,
    designations,
    expected,
    filing_type,
    find_cues,
    indication,
    negated,
    regulator,
    said_done,
    said_done_by_verb,
)

# A sentence about an application names a regulator, a filing, or the regulatory words themselves;
# without one, "approved" and "filed" are about budgets and lawsuits.
_ANCHOR = re.compile(r"(?:FDA|EMA|CHMP|PMDA|NMPA|MHRA|European Commission|Health Canada|[Rr]egulat|[Ll]abel|"
                     r"[Aa]pprov|[Aa]pplication|PDUFA|BDUFA|GDUFA|NDA|BLA|INDs?\b|CTA|MAA|PMA|510|CE[ -][Mm]ark|[Cc]learance|"
                     r"[Dd]ossier|[Ii]ndication|[Cc]omplete [Rr]esponse|CRL|withdrawal of|withdr[ae]w\w* (?:from|the|our)|"
                     r"[Ss]ubmission|[Rr]efus(?:al|ed) to file|not approvable|not to (?:pursue|submit|file))")
# "we've now submitted mirikizumab in Japan", "we plan to submit Orfaglipron for obesity": a submission
# verb anchors a sentence that names its product itself (the product is not carried from before).
_SUBMIT = re.compile(r"(?:[Ss]ubmi|[Rr]esubmi)t(?:ted|ting)?\b")
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
                "clearance", "cleared", "CE mark", "CE Mark", "CE-mark", "CE-Mark", "positive opinion", "regulatory", "withdr", "accepted",
                "priority review", "goal date", "action date", "under review", "de novo", "FDA decision", "FDA action",
                # a delay said without a delay word: "the review is now expected to extend into 2026", "moved
                # the final analysis ... to meet the FDA's request"
                "extend into", "extends into", "extended into", "s request",
                # an advisory committee meets on an application under review
                "advisory committee", "adcom", "advisory panel",
                # "added a few months to the clinical timeline"
                "months to the", "months to our", "weeks to the", "quarters to the",
                # an application held up by an inspection: "pending the resolution of the facility"
                "pending the resolution", "pending resolution", "pending the remediation", "held up")  # "FDA's request": no letter before the "s"

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        if is_question(sentence):
            return []
        sentence = _with_fragment(sentence, call)
        text = sentence.text
        own_only = _ANCHOR.search(text) is None
        if own_only and (_SUBMIT.search(text) is None or not products(text, call)):
            return []
        cues = find_cues(text)
        if not cues:
            return []
        items: list[KeyItem] = []
        for start, end in clauses(text):
            # Each cue speaks of the product nearest it ("the approval of A, the submission of B");
            # where several speak of one product, the furthest done stage wins.
            best: dict[str, tuple[str, Cue, Product, tuple[str, ...]]] = {}
            said: dict[str, str] = {}  # noun cue as said -> its reading, for the same noun said again
            for cue in (c for c in cues if start <= c.start < end):
                reading = _reading(text, start, end, cue)
                noun = text[cue.start:cue.end].lower() if cue.form == "noun" else None
                if reading is None and noun in said:
                    # "we completed submissions in the U.S. for A and global submissions for B": the noun
                    # said again in a list is read as the first one was.
                    reading = said[noun]
                if reading is None and noun is not None and said and _ALSO.search(text, max(start, cue.start - 40),
                                                                                   cue.start):
                    # "we anticipate approvals for A, as well as regulatory submissions for B": the verb
                    # before the first noun governs the second; a submission to come is a plan.
                    last = list(said.values())[-1]
                    if last.startswith("expected ") or last == "planned":
                        reading = "planned" if cue.status == "submitted" else last
                if reading is None:
                    continue
                if noun is not None:
                    said[noun] = reading
                named, notes = subjects(sentence, call, start, end, cue)
                if own_only and notes:
                    continue
                if (third_party(text, start, cue.start) and not notes) or rival(sentence, start, end):
                    continue  # "Eli Lilly gained FDA approval for Zepbound" on another company's call
                named = [product for product in named if not owned_by_another(text, product, call)]
                for product in named:
                    slot = product.key
                    held = best.get(slot)
                    if held is not None and reading == "planned" and held[0] != "planned" \
                            and held[1].start < cue.start and held[2].start < cue.start:
                        # "we expect U.S. regulatory action for X in OSA, and we will submit X in heart failure":
                        # a plan said after an application under review (its product named before the plan)
                        # is another application.
                        slot = f"{product.key} planned"
                        held = best.get(slot)
                    if held is None or _PRECEDENCE.index(reading) < _PRECEDENCE.index(held[0]):
                        best[slot] = (reading, cue, product, notes)
            per_cue = Counter(cue.start for reading, cue, _, _ in best.values() if reading == "approved")
            for reading, cue, product, notes in best.values():
                # "These advancements include recent approvals for A in UC, B ..., C ... and D ...": one noun
                # listing three or more approvals is the year's recap, not this quarter's news.
                recap = reading == "approved" and cue.form == "noun" and per_cue[cue.start] >= _RECAP
                items.extend(self._items(sentence, call, start, end, reading.removeprefix("expected "), cue,
                                         product, notes, recap=recap))
        return items

    def finish(self, items: list[KeyItem], call: Call) -> list[KeyItem]:
        """One subject per product however the call spells it, and a place for statements that name none
        where another statement of the same stage names one (so deduplication sees one fact)."""
        canonical: list[str] = []
        placed: dict[tuple[str, str | None], str] = {}
        mine = []
        named_as = _names_linked([item for item in items if item.kind == REGULATORY_FILING], call)
        for item in items:
            if item.kind != REGULATORY_FILING:
                continue
            subject = named_as.get(item.subject or "", item.subject or "")
            key = next((seen for seen in canonical if same_product(seen, subject) or _clipped(seen, subject)), None)
            if key is None:
                canonical.append(key := subject)
            place = item.attributes.get("jurisdiction")
            if place is not None:
                placed.setdefault((key, item.status), place)
            mine.append((item, key))
        # The other names each subject goes by in the call ("DUPILUMAB" for "DUPIXENT"), for the differ to
        # match a later call that uses one of them.
        aliases: dict[str, list[str]] = {}
        for other, first in named_as.items():
            key = next((seen for seen in canonical if same_product(seen, first)), first)
            aliases.setdefault(key, []).append(other)
        fixed = {}
        approved = {(key, item.attributes.get("jurisdiction")): item for item, key in mine if item.status == "approved"}
        for item, key in mine:
            place = item.attributes.get("jurisdiction") or placed.get((key, item.status))
            if _decided(item, approved.get((key, place)) or (approved.get((key, None)) if place is None else None)):
                fixed[id(item)] = None
            elif key != item.subject or place != item.attributes.get("jurisdiction") or aliases.get(key):
                fixed[id(item)] = replace(item, subject=key, attributes={
                    **item.attributes, "jurisdiction": place, **({"aliases": aliases[key]} if aliases.get(key) else {})})
        return [fixed.get(id(item), item) for item in items if fixed.get(id(item), item) is not None]

    def _items(self, sentence: Sentence, call: Call, start: int, end: int, status: str, cue: Cue, product: Product,
               notes: tuple[str, ...], *, recap: bool = False) -> list[KeyItem]:
        text = sentence.text
        places = own_places(sentence, call, start, end, product)
        places = [p for p in places if p != "global"] or places or [None]  # "the first global approval in China"
        # A delay says when the event is now expected: its date is to come, not past.
        # "We submitted the BLA in March": a month said with a verb in the past is the last one past.
        done = status in ("approved", "rejected", "withdrawn") or (
            status == "submitted" and text[cue.start:cue.end].lower() in ("submitted", "resubmitted", "filed"))
        when = timing(text[start:end], call, done=done, near=(cue.start - start, cue.end - start))
        penalty, who = speaker_penalty(sentence, call, product.said)
        attributes = {"filing_type": filing_type(text, cue.start), "regulator": regulator(text[start:end]),
                      "indication": indication(text, product.start + len(product.said)) if not notes else None,
                      "designations": designations(text) or None, "cue": text[cue.start:cue.end],
                      "rule": f"{cue.status}/{cue.form}/{'earlier' if notes else 'named'}",
                      "before_last_call": _before_last_call(status, when, call) or None, "recap": recap or None}
        # A product carried from an earlier sentence is trusted only with a verb that says what happened,
        # or a noun the sentence says is its own ("our regulatory submission is on track for 2018").
        # A filing noun said as a plan ("followed by regulatory submissions later this year") is the plan.
        planned_noun = status == "planned" and cue.status == "submitted"
        doubt = (0.1 if notes else 0) + (0.3 if notes and cue.form == "noun" and not own_noun(text, start, cue)
                                         and not planned_noun
                                         and not said_done_by_verb(text, start, cue.start, cue.end) else 0)
        # A recap yields to the statement of the same fact on its own (deduplication keeps the more confident).
        doubt += 0.05 if recap else 0
        return [make(REGULATORY_FILING, product.key, sentence, 0.85 - penalty - doubt,
                     notes=(*who, *notes), status=status, text_value=when.text if when else None,
                     date_start=when.start if when else None, date_end=when.end if when else None,
                     attributes={**attributes, "jurisdiction": place, "product": product.key,
                                 "as_said": product.said})
                for place in places]


def _clipped(a: str, b: str) -> bool:
    """Whether one key is the other with its first letters lost in transcription ("LISOV" for "TELISOV",
    from "to LISO-V"): within one call only, and at most three letters lost."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and 0 < len(long) - len(short) <= 3 and long.endswith(short)


def _names_linked(items: list[KeyItem], call: Call) -> dict[str, str]:
    """Each product key the call links to another name of the same product ("Dupixent (dupilumab)"),
    mapped to the name said first in the call."""
    first_said: dict[str, int] = {}
    for n, item in enumerate(items):
        first_said.setdefault(item.subject or "", n)
    mapped: dict[str, str] = {}
    for text in dict.fromkeys(item.quote for item in items):
        for a, b in linked_names(text, call):
            a, b = mapped.get(a, a), mapped.get(b, b)
            if a == b:
                continue
            keep, other = (a, b) if first_said.get(a, len(items)) <= first_said.get(b, len(items)) else (b, a)
            mapped = {name: (keep if to == other else to) for name, to in mapped.items()}
            mapped[other] = keep
    return mapped


def _with_fragment(sentence: Sentence, call: Call) -> Sentence:
    """The sentence with the fragment a transcript split off it: a list of sentences may break one at
    "U.S" and go on in the next line (", Europe, and Japan for MAVYRET"), where the product is."""
    if sentence.text[-1:] in ".?!" or sentence.index != len(call.spans(sentence.seq)) - 1 \
            or sentence.seq >= len(call.transcript.turns):
        return sentence
    turn = call.transcript.turns[sentence.seq]  # the next turn (seq is 1-based)
    if not turn.text.startswith(",") or turn.speaker != sentence.speaker:
        return sentence
    following = call.sentence(sentence.seq + 1, 0)
    return replace(sentence, text=f"{sentence.text} {following.text}")


# Products one approval noun lists, from which on the list is a recap.
_RECAP = 3
# Calls come about a quarter apart: an event dated more than this before the call (a quarter and a few
# days: a month said is read as its last day) was past at the last one.
_LAST_CALL = dt.timedelta(days=100)


def _before_last_call(status: str, when: Horizon | None, call: Call) -> bool:
    """Whether a done event is dated before the company's previous call ("was approved in March", said
    in February): history recalled, which a diff must not report as this quarter's news."""
    today = reference_date(call)
    return (status in ("approved", "rejected", "withdrawn") and when is not None and when.end is not None
            and today is not None and when.end < today - _LAST_CALL)


def _decided(item: KeyItem, approval: KeyItem | None) -> bool:
    """Whether `item` is an approval expected ("European approval expected later this year") where the
    call states the approval itself for the same product, place and indication (a CHMP opinion
    received): the expectation is the approval's follow-up, not a second application."""
    if approval is None or item.status != "submitted" or not item.attributes.get("rule", "").startswith("approved/"):
        return False
    said, done = item.attributes.get("indication"), approval.attributes.get("indication")
    return said is None or done is None or said == done


def _reading(text: str, start: int, end: int, cue: Cue) -> str | None:
    """What one cue says, read through its modifiers: a status, "expected <status>", or None."""
    status = cue.status
    if status == "guidance_withdrawn":
        return status
    if negated(text, start, cue.start) or descriptive(text, cue):
        return None
    if cue.form == "noun" and _HEADING.search(text, max(start, cue.start - 30), cue.start):
        return None  # "Moving to regulatory submissions, ...": the topic, not an event
    future = expected(text, start, cue.start, cue.end, end) or _after_a_plan(text, start)
    if status in ("approved", "accepted") and conditional(text, start, cue.start):
        return None  # "if approved, it would be the first": no news about the application
    if status in ("rejected", "withdrawn"):
        if status == "rejected" and _ANSWERED.search(text, max(start, cue.start - 50), cue.start):
            return None  # "products that we have responded to a complete response letter": old news, answered
        return None if future else status
    if status == "delayed":
        return status
    if text[cue.start:cue.start + 3].lower() in ("adv", "adc"):
        # "the FDA plans to convene a meeting of the Advisory Committee to discuss X": under review, whether
        # the meeting is held or to come; "whether the FDA will consider an advisory panel" says nothing.
        return None if conditional(text, start, cue.start) else "submitted"
    if cue.form == "base":
        return "planned"
    if status == "accepted":
        if _DATE_SET.match(text, cue.start):
            return "accepted"
        return "expected submitted" if future else "accepted"
    if status == "approved":
        if future:  # "we expect approval"; but "to be approved", "being approved" say too little
            if cue.form == "noun" and _ONLY_WOULD.match(text, cue.end, end) and not _expected_before(text, start, cue):
                return None  # "pending data and regulatory approval, X would become the only vaccine"
            return "expected submitted" if cue.form == "noun" else None
        return status if cue.form == "done" or said_done(text, start, cue.start, cue.end) \
            or _after_a_fact(text, start, cue.start) else None
    # submitted, or a submission said as a noun
    if future:
        return "planned"
    return status if cue.form == "done" or said_done(text, start, cue.start, cue.end) else None


# A noun joined to the one before it: "..., as well as regulatory submissions for B".
_ALSO = re.compile(r"(?:as well as|along with|plus|and)(?: (?:regulatory|global|new|further))? $")
# "... and be ready to launch the indication after receiving approval": a clause opened by after or
# before speaks of the time of the clause before it.
_AFTER_WORD = re.compile(r"(?:after|before|following|prior to)\s$", re.I)
_PLAN_BEFORE = re.compile(r"\b(?:expect\w*|anticipat\w+|plan\w*|will|'ll|ready|prepar\w+|look(?:ing)? forward)\b", re.I)


def _after_a_fact(text: str, start: int, at: int) -> bool:
    """Whether the cue opens a clause that follows "after" or "following" said of a past event: "We
    launched Zorvex in Japan following approval in September"."""
    return start > 0 and at - start <= 12 and _AFTER_WORD.search(text, max(0, start - 12), start) is not None \
        and not _after_a_plan(text, start)


def _after_a_plan(text: str, start: int) -> bool:
    return start > 0 and _AFTER_WORD.search(text, max(0, start - 12), start) is not None \
        and _PLAN_BEFORE.search(text, max(0, start - 150), start) is not None


# "Moving to regulatory submissions", "Turning to approvals": a topic announced.
_HEADING = re.compile(r"\b(?:[Mm]oving|[Tt]urning|[Ss]witching|[Gg]oing) (?:now )?to (?:\w+ )?$")
# "responded to ... a complete response letter": the company's answer to an old letter.
_ANSWERED = re.compile(r"\brespon(?:d|ded|ding|se)\b", re.I)
# After a noun cue, "would", "could": what the product would be if approved, no expectation said.
_ONLY_WOULD = re.compile(r"\W*(?:[\w.'-]+\W+){0,4}?(?:would|could|might)\b", re.I)


def _expected_before(text: str, start: int, cue: Cue) -> bool:
    return expected(text, start, cue.start, cue.start, cue.start)
