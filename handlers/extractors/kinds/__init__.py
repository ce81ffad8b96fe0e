"""The kinds written as tables for the rule engine (`handlers/extractors/engine.py`), one module each.

Adding a kind: `kinds/<kind>.py` (its table, with examples) and `alerts/rules/<kind>.py` (its diff
rules, summary names, severities and routing thresholds), one line in `TABLES` and one in
`alerts/rules/__init__.py`.
"""

from __future__ import annotations

from handlers.extractors.engine import Kind
from handlers.extractors.kinds import cash_guidance, cash_position, cash_runway, clinical_hold, milestone_payment

TABLES: tuple[Kind, ...] = (clinical_hold.KIND, milestone_payment.KIND, cash_position.KIND, cash_guidance.KIND,
                            cash_runway.KIND)
