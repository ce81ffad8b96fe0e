"""`Call`: the whole transcript as extractors see it, sentence by sentence, with lookups across turns."""

from __future__ import annotations

import datetime as dt
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
        self._split: dict[int, list[Sentence]] = {}

    @cached_property
    def programs(self) -> Programs:
        """The programs the call names; built on first use (calls with no item about one never pay)."""
        return Programs([turn.text for turn in self.transcript.turns])

    @cached_property
    def _currency(self) -> str | None:
        text = "\n".join(turn.text for turn in self.transcript.turns)
        lowered = text.lower()
        dollars = text.count("$")
        euros = text.count("€") + lowered.count("eur ") + lowered.count(" euro")
        return "USD" if dollars >= euros and dollars else ("EUR" if euros else None)

    def turn_sentences(self, seq: int) -> list[Sentence]:
        """The sentences of turn `seq` (1-based, as `segments.seq`); [] for a turn that does not exist."""
        sentences = self._split.get(seq)
        if sentences is None:
            turns = self.transcript.turns
            if not 1 <= seq <= len(turns):
                return []
            turn = turns[seq - 1]
            kind = self._kinds.get(turn.speaker or "", "unknown" if turn.speaker else None)
            sentences = [Sentence(text=turn.text[start:end], seq=seq, start=start, end=end, section=turn.section,
                                  speaker=turn.speaker, speaker_kind=kind, index=index)
                         for index, (start, end) in enumerate(split_sentences(turn.text))]
            self._split[seq] = sentences
        return sentences

    def sentences(self) -> list[Sentence]:
        """Every sentence of the call, in order."""
        return [s for seq in range(1, len(self.transcript.turns) + 1) for s in self.turn_sentences(seq)]

    def next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence after `sentence` in the same turn."""
        sentences = self.turn_sentences(sentence.seq)
        return sentences[sentence.index + 1] if sentence.index + 1 < len(sentences) else None

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

    def period_end(self) -> dt.date | None:
        """The last calendar quarter end before the call: the "as of" of figures given without a date."""
        if self.call_date is None:
            return None
        quarter_start_month = 3 * ((self.call_date.month - 1) // 3) + 1
        return dt.date(self.call_date.year, quarter_start_month, 1) - dt.timedelta(days=1)

    def default_currency(self) -> str | None:
        """The currency the call quotes money in ($ or €), for figures said without one."""
        return self._currency
