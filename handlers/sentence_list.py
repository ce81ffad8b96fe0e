"""Sentence lists: one sentence a line, no speakers, as research data sets and some tools export calls.

    We have been very opportunistic in the way that we look at expanding the Company.
    And then, <UNK>, regarding supply.
    Thanks very much for your question.

Often the executives' words only, names replaced by `<UNK>`, and sometimes starting in the middle of
the Q&A, so no opening cue words can be asked for: the text is judged as prose of a call (lines that
end like sentences, the vocabulary of a call, people saying "we"). Each line is kept as one sentence:
the line breaks are the data set's own sentence boundaries. `<UNK>` stays in the text as said; it is
never a speaker (there are none) nor a company.
"""

from __future__ import annotations

from statistics import median

from handlers.errors import MalformedTranscript
from handlers.prose import call_words, document_kind, sentence_line_share
from handlers.source import Source
from handlers.transcript import WHOLE_CALL, Transcript, Turn

# Below this many lines a text is a note, not a call.
_MIN_LINES = 8
_SAMPLE_CHARS = 20000
# A paragraph per line (a flat transcription, or a prose document) is not a sentence list.
_MAX_MEDIAN_CHARS = 400
_MIN_SENTENCE_SHARE = 0.7
_MIN_CALL_WORDS = 4
_MIN_FIRST_PERSON = 1.5  # per 100 words: calls are people saying "we" and "our"


class SentenceList:
    """Handler for text with one sentence a line."""

    name = "sentence_list_txt"
    last_resort = True

    def detect(self, source: Source) -> float:
        """Above flat text (which would glue the lines), below every layout with structure."""
        # The first lines tell: a sentence list is one from its start.
        lines = [line.strip() for line in source.text[:_SAMPLE_CHARS].split("\n") if line.strip()]
        if len(lines) < _MIN_LINES or median(map(len, lines)) > _MAX_MEDIAN_CHARS:
            return 0.0
        if sentence_line_share(lines) < _MIN_SENTENCE_SHARE or document_kind(source.text):
            return 0.0
        distinct, first_person = call_words(source.text)
        return 0.3 if distinct >= _MIN_CALL_WORDS and first_person >= _MIN_FIRST_PERSON else 0.0

    def parse(self, source: Source) -> Transcript:
        """One turn per line, in a single section, speaker unknown; white space inside a line folded."""
        turns = tuple(Turn(WHOLE_CALL, None, " ".join(line.split()))
                      for line in source.text.split("\n") if line.strip())
        if not turns:
            raise MalformedTranscript(handler=self.name, detail="it holds no sentences")
        return Transcript(format=self.name, turns=turns, encoding=source.encoding)
