"""Financial metrics: net loss, revenue, R&D and G&A expense, cash burn, EPS, with their period."""

from __future__ import annotations

import re

from handlers.extractors.amounts import find_amounts, has_digits
from handlers.extractors.call import Call
from handlers.extractors.cues import compared, forecast, is_question, prior_period_after
from handlers.extractors.helpers import make, speaker_penalty
from handlers.extractors.model import FINANCIAL_METRIC, KeyItem, Sentence

# (metric, words one of which it needs, pattern): the words are tested with `in` first, since most
# sentences with "income" or "sales" state no metric and each pattern costs microseconds to run.
_METRICS = (
    ("net loss", ("net loss",), re.compile(r"\bnet loss\b", re.I)),
    ("net income", ("net income",), re.compile(r"\bnet income\b", re.I)),
    ("r&d expense", ("r&d", "research and development"),
     re.compile(r"\b(?:R&D|research and development)\s+expenses?\b", re.I)),
    ("g&a expense", ("g&a", "general and administrative"),
     re.compile(r"\b(?:G&A|general and administrative)\s+expenses?\b", re.I)),
    ("cash burn", ("cash burn", "used in operat"),
     re.compile(r"\b(?:cash burn|net cash (?:flows? )?used in operat\w+|operating cash burn)\b", re.I)),
    ("revenue", ("revenue", "net sales"), re.compile(r"\b(?:total\s+)?(?:revenues?|net sales)\b", re.I)),
    ("eps", ("eps", "per share", "per diluted share"), re.compile(r"\b(?:EPS|(?:loss|earnings) per (?:diluted )?share)\b", re.I)),
)
# "<metric> ... was $X": the verb within 80 characters of the metric, the figure right after the verb.
_LINK = re.compile(r"^[^.$€]{0,80}?\b(?:was|were|of|totaled|totalled|came in at|amounted to|reached|is|are|at)\s+"
                   r"(?:approximately |about |roughly |around )?(?=[$€£]|\d|USD|EUR)", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:decrease|increase|decline|growth|change|reduction|drop|rise|improvement)s?\s+in\s+"
                            r"(?:the\s+|our\s+)?$", re.I)
_PERIOD = re.compile(r"\b(?:for|in|during) the (?P<period>(?:first|second|third|fourth) quarter(?: of \d{4})?|"
                     r"(?:three|six|nine|twelve) months? (?:period )?ended [A-Z][a-z]+ \d{1,2},? \d{4}|full year(?: \d{4})?|"
                     r"first (?:half|semester)(?: of \d{4})?|quarter|year)\b", re.I)


class FinancialMetrics:
    """Extractor for `financial_metric` items: `<metric> was <amount>` for this call's period."""

    kind = FINANCIAL_METRIC
    keywords = tuple(word for _, words, _ in _METRICS for word in words)

    def extract(self, sentence: Sentence, call: Call) -> list[KeyItem]:
        text = sentence.text
        if not has_digits(text) or is_question(sentence):
            return []  # every metric is a figure
        items = []
        for metric, words, pattern in _METRICS:
            match = pattern.search(text) if any(map(sentence.lowered.__contains__, words)) else None
            link = _LINK.match(text[match.end():]) if match else None
            if link is None or compared(text, match.start()) or _CHANGE_BEFORE.search(text[:match.start()]):
                continue  # no figure for it, a prior figure, or a change in it rather than its level
            amounts = find_amounts(text[match.end() + link.end():], default_currency=call.default_currency())
            if not amounts or amounts[0].start > 3:
                continue
            amount = amounts[0]
            at = match.end() + link.end() + amount.start
            if forecast(text, at, window=60) or prior_period_after(text, match.end() + link.end() + amount.end):
                continue
            period = _PERIOD.search(text)
            penalty, notes = speaker_penalty(sentence, call, metric.split()[0])
            items.append(make(FINANCIAL_METRIC, metric, sentence, 0.75 - penalty, notes=notes, amount=amount.value,
                              currency=amount.currency, amount_text=amount.text,
                              text_value=period["period"] if period else None, attributes={"metric": metric}))
        return items
