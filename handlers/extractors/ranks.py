"""Which status of a subject tells the most, when one call states several.

Deduplication (`registry.deduplicate`) and the diff (`alerts.changes`) both keep, of a subject's
statements in one call, the one with the highest rank here, whatever order they were said in: a
program "enrolling" in the prepared remarks and "paused" in the Q&A is paused. Within a kind, the
later in its list, the more it tells: an end beats a start, a done event beats an expectation.
"""

from __future__ import annotations

from handlers.extractors.kinds import TABLES

_BY_KIND: dict[str, tuple[str, ...]] = {
    "trial_status": ("data expected", "data_expected", "dose level", "dose escalation", "planned", "started",
                     "enrolling", "enrollment_complete", "completed", "data_reported", "paused", "stopped"),
    "partnership": ("mentioned", "ongoing", "expanded", "new", "ended"),
}
# Kinds written as tables carry their own ranks.
_BY_KIND.update({kind.name: kind.ranks for kind in TABLES if kind.ranks})
_RANKS = {kind: {status: rank for rank, status in enumerate(statuses)} for kind, statuses in _BY_KIND.items()}
# Other kinds: an undecided status ranks below any decided one ("guidance withdrawn" over "planned").
_DEFAULT = {"mentioned": 0, "planned": 1, "eligible": 1, "expected": 2, "data expected": 0}
_DECIDED = 3


def status_rank(kind: str, status: str | None) -> int:
    """How much `status` tells about a subject of `kind`; higher wins."""
    ranks = _RANKS.get(kind)
    if ranks is None:
        return _DEFAULT.get(status or "", _DECIDED)
    return ranks.get(status or "", len(ranks))  # a status not listed: keep it rather than lose it
