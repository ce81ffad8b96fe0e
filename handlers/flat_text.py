"""Flat text with no structure: a machine transcription with no speakers or sections.

Stored as one section (`call`) of sentence-sized segments with no speaker, so search and
extraction still work. Also takes text with one sentence per line. Chosen only when no layout
with structure recognises the file.
"""

from __future__ import annotations

import re

from handlers.errors import MalformedTranscript
from handlers.prose import document_kind
from handlers.sentences import sentences
from handlers.source import Source
from handlers.transcript import WHOLE_CALL, Transcript, Turn

# Words that the opening of any earnings call or investor event uses several of.
_CALL_CUES = (
    "earnings", "conference call", "forward-looking", "question", "quarter", "operator", "fiscal",
    "guidance", "revenue", "thank you", "investor", "sales", "profit", "growth", "welcome", "results",
)
_MIN_CUES = 4
_SYMBOLS = re.compile(r"[|#*_=<>{}\\~^]")
_MIN_CHARS = 8000


class FlatText:
    """Handler of last resort for unstructured call text."""

    name = "flat_txt"
    last_resort = True

    def detect(self, source: Source) -> float:
        """A weak yes for long prose that reads like an earnings call."""
        text = source.text
        if len(text) < _MIN_CHARS:
            return 0.0
        # The opening of a call (welcome, safe harbour, who is speaking) has the cues; no need to read on.
        opening = text[:6000].lower()
        cues = sum(1 for cue in _CALL_CUES if cue in opening)
        # Prose, not a table or code: few characters other than letters, spaces and punctuation.
        symbols = len(_SYMBOLS.findall(opening))
        if cues < _MIN_CUES or symbols >= 0.02 * len(opening):
            return 0.0
        return 0.0 if document_kind(text) else 0.2

    def parse(self, source: Source) -> Transcript:
        """One turn per sentence, in a single section, speaker unknown."""
        text = " ".join(source.text.split())
        turns = tuple(Turn(WHOLE_CALL, None, sentence) for sentence in sentences(text))
        if not turns:
            raise MalformedTranscript(handler=self.name, detail="it holds no sentences")
        return Transcript(format=self.name, turns=turns, encoding=source.encoding)
