"""`Call`: the whole transcript as extractors see it, sentence by sentence, with lookups across turns."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator
from functools import cached_property

from handlers.extractors.model import Sentence
from handlers.extractors.subjects import Programs
from handlers.sentences import split_sentences
from handlers.transcript import Transcript


class Call:
    """A transcript split into sentences, with the context questions extractors ask.

    Turns are split into sentences on first use: most turns hold no keyword, and splitting every
    turn of every call was the largest single cost of extraction.
    """

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.call_date: dt.date | None = transcript.call_date
        self._kinds = {p.name: p.kind for p in transcript.participants}
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._made: dict[tuple[int, int], Sentence] = {}

    @cached_property
    def text(self) -> str:
        """Every turn's text, one after the other, separated by a newline."""
        return "\n".join(turn.text for turn in self.transcript.turns)

    @cached_property
    def _turn_starts(self) -> list[int]:
        return list(itertools.accumulate((len(turn.text) + 1 for turn in self.transcript.turns), initial=0))

    def locate(self, offset: int) -> tuple[int, int]:
        """The turn (its 1-based seq) holding character `offset` of `text`, and the offset within that turn."""
        seq = bisect.bisect_right(self._turn_starts, offset)
        return seq, offset - self._turn_starts[seq - 1]

    @cached_property
    def lowered(self) -> str:
        """`text` in lower case, character for character, so offsets in one are offsets in the other."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        # A few letters lower-case to two characters ("İ"): keep those as they are.
        return "".join(ch if len(low := ch.lower()) != 1 else low for ch in self.text)

    @cached_property
    def programs(self) -> Programs:
        """The programs the call names; built on first use (calls with no item about one never pay)."""
        return Programs(self.text)

    @cached_property
    def _currency(self) -> str | None:
        dollars = self.text.count("$")
        euros = self.text.count("€") + self.lowered.count("eur ") + self.lowered.count(" euro")
        return "USD" if dollars >= euros and dollars else ("EUR" if euros else None)

    def spans(self, seq: int) -> list[tuple[int, int]]:
        """(start, end) of each sentence of turn `seq` (1-based, as `segments.seq`); [] for no such turn."""
        spans = self._spans.get(seq)
        if spans is None:
            turns = self.transcript.turns
            spans = split_sentences(turns[seq - 1].text) if 1 <= seq <= len(turns) else []
            self._spans[seq] = spans
        return spans

    def sentence(self, seq: int, index: int) -> Sentence:
        """Sentence `index` of turn `seq`, made once (most sentences of a call are never looked at)."""
        made = self._made.get((seq, index))
        if made is None:
            turn = self.transcript.turns[seq - 1]
            start, end = self.spans(seq)[index]
            made = Sentence(text=turn.text[start:end], seq=seq, start=start, end=end, section=turn.section,
                            speaker=turn.speaker, index=index,
                            speaker_kind=self._kinds.get(turn.speaker or "", "unknown" if turn.speaker else None))
            self._made[(seq, index)] = made
        return made

    def turn_sentences(self, seq: int) -> list[Sentence]:
        """The sentences of turn `seq`; [] for a turn that does not exist."""
        return [self.sentence(seq, index) for index in range(len(self.spans(seq)))]

    def sentences(self) -> list[Sentence]:
        """Every sentence of the call, in order."""
        return [s for seq in range(1, len(self.transcript.turns) + 1) for s in self.turn_sentences(seq)]

    def next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence after `sentence` in the same turn."""
        following = sentence.index + 1
        return self.sentence(sentence.seq, following) if following < len(self.spans(sentence.seq)) else None

    def recent_subject(self, sentence: Sentence, *, turns_back: int = 2) -> str | None:
        """The program most recently named in this sentence, earlier in its turn, or a few turns before."""
        for earlier in self._backwards(sentence, turns_back):
            programs = self.programs.in_text(earlier.text)
            if programs:
                return programs[-1][0] if earlier is not sentence else programs[0][0]
        return None

    def confirmed_by_management(self, sentence: Sentence, keyword: str) -> bool:
        """Whether an executive, within the next two turns, speaks of the same thing (`keyword`)."""
        keyword = keyword.lower()
        return any(later.speaker_kind == "executive" and keyword in later.text.lower()
                   for later in self._forwards(sentence, 2))

    def _backwards(self, sentence: Sentence, turns: int) -> Iterator[Sentence]:
        """`sentence`, the sentences before it in its turn, then those of up to `turns` earlier turns, latest first."""
        yield from reversed(self.turn_sentences(sentence.seq)[:sentence.index + 1])
        for seq in range(sentence.seq - 1, max(sentence.seq - turns, 1) - 1, -1):
            yield from reversed(self.turn_sentences(seq))

    def _forwards(self, sentence: Sentence, turns: int) -> Iterator[Sentence]:
        """The sentences after `sentence` in its turn, then those of the next `turns` turns."""
        yield from self.turn_sentences(sentence.seq)[sentence.index + 1:]
        for seq in range(sentence.seq + 1, sentence.seq + turns + 1):
            yield from self.turn_sentences(seq)

    def reference_date(self) -> dt.date | None:
        """What "the next 12 months" counts from: the call date, else the end of the call's period."""
        return self.call_date or self.period_end()

    def period_end(self) -> dt.date | None:
        """The last calendar quarter end before the call: the "as of" of figures given without a date.
        Without a call date, the end of the fiscal period the transcript names, read as calendar quarters
        (right for most companies; a fiscal year ending in June would be a quarter off)."""
        if self.call_date is None:
            year, quarter = self.transcript.fiscal_year, self.transcript.fiscal_quarter
            if year is None or quarter is None or not 1 <= quarter <= 4:
                return None
            return dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1) - dt.timedelta(days=1)
        quarter_start_month = 3 * ((self.call_date.month - 1) // 3) + 1
        return dt.date(self.call_date.year, quarter_start_month, 1) - dt.timedelta(days=1)

    def default_currency(self) -> str | None:
        """The currency the call quotes money in ($ or €), for figures said without one."""
        return self._currency
