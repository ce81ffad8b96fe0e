"""`cash_guidance`: what the company expects its cash to be at a future date (kept apart from the position)."""

from __future__ import annotations

import re

from handlers.extractors.amounts import find_amounts
from handlers.extractors.balances import scope
from handlers.extractors.cues import forecast, is_question
from handlers.extractors.engine import Example, Found, Guard, Kind, Slot, Trigger
from handlers.extractors.horizons import find_horizon

NAME = "cash_guidance"

_I = re.I
TRIGGERS = (
    # "end the year with about $6 billion in cash"
    Trigger("end_with", re.compile(r"(?:end|finish|exit|close)\s+(?:the\s+)?(?:year|\d{4}|quarter)\s+with\b[^.]{0,80}"
                                   r"\bcash\b", _I), confidence=0.8),
    # "cash of about $6 billion at the end of 2025"
    Trigger("at_end", re.compile(r"cash\b[^.]{0,60}\bat (?:the )?(?:end of|year[- ]end)\b", _I), confidence=0.8),
)


def _amount(found: Found, fields: dict) -> dict | None:
    amounts = [a for a in find_amounts(found.text, default_currency=found.call.default_currency()) if a.value >= 1e6]
    if not amounts:
        return None
    return {"amount": amounts[0].value, "currency": amounts[0].currency, "amount_text": amounts[0].text}


def _horizon(found: Found, fields: dict) -> dict:
    horizon = find_horizon(found.text, today=found.call.call_date)
    return {"date_start": horizon.start if horizon else None, "date_end": horizon.end if horizon else None,
            "text_value": horizon.text if horizon else None}


KIND = Kind(
    name=NAME,
    keywords=("cash",),
    triggers=TRIGGERS,
    guards=(Guard("question", lambda found: is_question(found.sentence)),
            Guard("not_a_forecast", lambda found: not forecast(found.text, found.match.end()))),
    slots=(Slot("amount", _amount, required=True), Slot("horizon", _horizon),
           Slot("scope", lambda found, fields: {"subject": scope(found.text)})),
    speaker_keyword="cash",
    identity=("subject", "amount"),
    examples=(
        Example("We expect to end 2025 with about $6 billion in cash.", {"amount": 6e9, "subject": "consolidated"}),
        Example("We ended the quarter with $6 billion in cash.", None),
    ),
)
