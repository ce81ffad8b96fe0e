"""Cues that change what a sentence means: negation, hypotheticals, questions, forecasts."""

from __future__ import annotations

import re

from handlers.extractors.model import Sentence

_NEGATION = re.compile(r"\b(?:no|not|never|without|none|nor|neither|cannot|absence of|free of)\b|n't\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|whether|were to|would|could|might|in the event|in case|risk of|risks? (?:that|of)|potential(?:ly)?"
    r"|possib(?:le|ility)|hypothetical(?:ly)?|should the|unless|worst case)\b", re.I)
_QUESTION_START = re.compile(
    r"^(?:and |so |but |also |just |then |ok(?:ay)?,? )?(?:is|are|was|were|do|does|did|can|could|would|will|should|"
    r"have|has|had|what|how|when|where|why|which|who|any)\b", re.I)
_FORECAST = re.compile(
    r"\b(?:expect|expects|expected|anticipate|anticipates|project|projects|projected|forecast|guid(?:e|ance)|"
    r"will end|to end|plan to end|should end|outlook)\b", re.I)
COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|versus|vs\.?|up from|down from|from|relative to|than|prior[- ]year|a year ago"
    r"|last year|previous(?:ly)?)\b(?:\s+(?:a|an|the|our|its))?\W*$", re.I)
UNCERTAIN_TRANSCRIPTION = re.compile(r"\[(?:phonetic|indecipherable|inaudible|unintelligible)\]", re.I)


# A prior period named right after a figure: "a net loss of $3.9 million in the same period last year".
_PRIOR_PERIOD_AFTER = re.compile(
    r"[^.;]{0,25}?\b(?:in|for|during) (?:the )?(?:same (?:period|quarter) (?:of |in )?(?:last|the prior|the previous) "
    r"year|(?:prior|previous)[- ]year (?:period|quarter)|(?:third|second|first|fourth) quarter (?:of )?last year)\b"
    r"|[^.;]{0,10}?\ba year (?:ago|earlier)\b", re.I)


def prior_period_after(text: str, end: int) -> bool:
    """Whether the figure ending at `end` is followed by the prior period it belongs to.

    >>> prior_period_after("a net loss of $3.9 million in the same period last year.", 26)
    True
    """
    return _PRIOR_PERIOD_AFTER.match(text, end) is not None


def negated(text: str, at: int, *, window: int = 40) -> bool:
    """Whether a negation stands shortly before position `at` in the same clause."""
    before = text[max(0, at - window):at]
    clause = re.split(r"[,;:]| but | however ", before)[-1]
    return _NEGATION.search(clause) is not None


def hypothetical(text: str, at: int, *, window: int = 60) -> bool:
    """Whether the statement at `at` is conditional or speculative ("if the FDA were to ...")."""
    before = text[max(0, at - window):at]
    clause = re.split(r"[;:]| but | however ", before)[-1]
    return _HYPOTHETICAL.search(clause) is not None


def is_question(sentence: Sentence) -> bool:
    """Whether the sentence asks rather than states."""
    text = sentence.text.strip()
    return text.endswith("?") or (sentence.speaker_kind == "analyst" and _QUESTION_START.match(text) is not None)


def forecast(text: str, at: int, *, window: int = 80) -> bool:
    """Whether the figure at `at` is a forecast ("we expect to end 2025 with about $6 billion")."""
    return _FORECAST.search(text[max(0, at - window):at]) is not None


def compared(text: str, at: int) -> bool:
    """Whether the figure at `at` is a prior figure quoted for comparison ("up from $9.2 billion")."""
    return COMPARISON.search(text[max(0, at - 40):at]) is not None


# The safe-harbour statement lists every risk a company has ("clinical holds", "IND timing"):
# none of it is news about this quarter. Plain phrases, tested with `in` on the lowered sentence:
# this runs on every sentence with a keyword, and a pattern of alternatives cost 10 us a sentence.
_SAFE_HARBOUR_PHRASES = ("forward-looking", "forward looking", "safe harbor", "safe harbour", "risk factors",
                         "risks and uncertainties", "undertake no obligation")
_RESULTS_MAY_DIFFER = re.compile(r"actual results (?:may|could|might) differ")


def safe_harbour(sentence: Sentence) -> bool:
    """Whether the sentence belongs to the forward-looking-statements disclaimer."""
    lowered = sentence.lowered
    return (any(map(lowered.__contains__, _SAFE_HARBOUR_PHRASES))
            or ("actual results" in lowered and _RESULTS_MAY_DIFFER.search(lowered) is not None))
