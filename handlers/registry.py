"""The handler interface and the explicit list of handlers, chosen by score."""

from __future__ import annotations

from typing import Protocol

from handlers.capital_iq import CapitalIQ
from handlers.docx import Docx
from handlers.errors import HandlerError, NotATranscript, UnrecognizedFormat
from handlers.flat_text import FlatText
from handlers.json_transcript import JsonTranscript
from handlers.metadata import complete
from handlers.motley_fool import MotleyFoolText
from handlers.motley_fool_2025 import MotleyFool2025
from handlers.motley_fool_html import MotleyFoolHtml
from handlers.pdf import Pdf
from handlers.prose import document_kind
from handlers.seeking_alpha import SeekingAlpha
from handlers.sentence_list import SentenceList
from handlers.source import Source
from handlers.transcript import Transcript


class Handler(Protocol):
    """Turns one transcript layout into a `Transcript`."""

    name: str
    # A handler of last resort (plain prose with no structure) is asked only when no layout with
    # structure recognised the file: it would otherwise claim most text, and asking it costs time.
    last_resort: bool

    def detect(self, source: Source) -> float:
        """How sure this handler is that it can parse `source`, from 0 (not mine) to 1."""
        ...

    def parse(self, source: Source) -> Transcript:
        """Parse `source`; raise a `HandlerError` subclass when it cannot."""
        ...


# Adding a layout: write one module with a Handler and add an instance here.
TEXT_HANDLERS: tuple[Handler, ...] = (
    MotleyFoolText(),
    MotleyFoolHtml(),
    MotleyFool2025(),
    SeekingAlpha(),
    CapitalIQ(),
    JsonTranscript(),
    SentenceList(),
    FlatText(),
)


def choose(source: Source, handlers: tuple[Handler, ...]) -> Handler:
    """The handler with the highest score for `source`.

    Raises:
        EmptyFile, BinaryFile, UndecodableText: the bytes are not text.
        NotATranscript: every handler scored 0 and the text is plainly a document of another kind.
        UnrecognizedFormat: every handler scored 0.
    """
    source.check_not_empty()
    scored = _scores(source, [handler for handler in handlers if not handler.last_resort])
    if not scored:
        scored = _scores(source, [handler for handler in handlers if handler.last_resort])
    if not scored:
        # Say why in the most specific terms: not text at all, or text we do not know.
        known = tuple(handler.name for handler in handlers)
        if looks_like := document_kind(source.text):  # also raises BinaryFile / UndecodableText
            raise NotATranscript(looks_like=looks_like, known=known)
        raise UnrecognizedFormat(known=known)
    return max(scored, key=lambda pair: pair[0])[1]


def _scores(source: Source, handlers: list[Handler]) -> list[tuple[float, Handler]]:
    scored = []
    for handler in handlers:
        try:
            score = handler.detect(source)
        except HandlerError:
            # A text handler cannot read these bytes; another handler might.
            score = 0.0
        if score > 0:
            scored.append((score, handler))
    return scored


def _parse_text(source: Source) -> Transcript:
    return choose(source, TEXT_HANDLERS).parse(source)


# Containers hand their text to the text handlers.
HANDLERS: tuple[Handler, ...] = (*TEXT_HANDLERS, Pdf(parse_text=_parse_text), Docx(parse_text=_parse_text))


def parse(source: Source, handlers: tuple[Handler, ...] = HANDLERS) -> Transcript:
    """Parse `source` with the best handler; fill what its header lacks from the call's words, then the file name."""
    handler = choose(source, handlers)
    return complete(handler.parse(source), source.name, folder=source.folder)

