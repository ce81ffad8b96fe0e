"""`Call`: the whole transcript as extractors see it, sentence by sentence, with lookups across turns."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from handlers.extractors.model import Sentence
from handlers.extractors.subjects import Programs
from handlers.sentences import split_sentences
from handlers.transcript import Transcript


class Call:
    """A transcript split into sentences, with the context questions extractors ask."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.call_date: dt.date | None = transcript.call_date
        kinds = {p.name: p.kind for p in transcript.participants}
        self._sentences: list[Sentence] = []
        for seq, turn in enumerate(transcript.turns, start=1):
            for start, end in split_sentences(turn.text):
                self._sentences.append(Sentence(
                    text=turn.text[start:end], seq=seq, start=start, end=end, section=turn.section,
                    speaker=turn.speaker, speaker_kind=kinds.get(turn.speaker or "", "unknown" if turn.speaker else None),
                    index=len(self._sentences)))

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

    def sentences(self) -> list[Sentence]:
        return self._sentences

    def next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence after `sentence` in the same turn."""
        following = self._sentences[sentence.index + 1] if sentence.index + 1 < len(self._sentences) else None
        return following if following is not None and following.seq == sentence.seq else None

    def recent_subject(self, sentence: Sentence, *, turns_back: int = 2) -> str | None:
        """The program most recently named in this sentence, earlier in its turn, or a few turns before."""
        for earlier in reversed(self._sentences[:sentence.index + 1]):
            if earlier.seq < sentence.seq - turns_back:
                break
            programs = self.programs.in_text(earlier.text)
            if programs:
                return programs[-1][0] if earlier is not sentence else programs[0][0]
        return None

    def confirmed_by_management(self, sentence: Sentence, keyword: str) -> bool:
        """Whether an executive, within the next two turns, speaks of the same thing (`keyword`)."""
        for later in self._sentences[sentence.index + 1:]:
            if later.seq > sentence.seq + 2:
                return False
            if later.speaker_kind == "executive" and keyword.lower() in later.text.lower():
                return True
        return False

    def period_end(self) -> dt.date | None:
        """The last calendar quarter end before the call: the "as of" of figures given without a date."""
        if self.call_date is None:
            return None
        quarter_start_month = 3 * ((self.call_date.month - 1) // 3) + 1
        return dt.date(self.call_date.year, quarter_start_month, 1) - dt.timedelta(days=1)

    def default_currency(self) -> str | None:
        """The currency the call quotes money in ($ or €), for figures said without one."""
        return self._currency
