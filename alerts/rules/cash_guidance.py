"""Changes of `cash_guidance` items: the forecast of cash moved (the cash rules, info unless it moved much)."""

from __future__ import annotations

from alerts.rules.base import Rules, item_new
from alerts.rules.cash_position import CASH_MOVES, labelled, moved
from handlers.extractors.kinds.cash_guidance import NAME

RULES = Rules(NAME, name=labelled("Cash guidance"), appeared=item_new, changed=moved, by_size=CASH_MOVES)
