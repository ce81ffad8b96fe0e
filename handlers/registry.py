"""The handler interface and the explicit list of handlers, chosen by score."""

from __future__ import annotations

from typing import Protocol

from handlers.errors import HandlerError, UnrecognizedFormat
from handlers.metadata import fill_from_filename
from handlers.motley_fool import MotleyFoolText
from handlers.source import Source
from handlers.transcript import Transcript


class Handler(Protocol):
    """Turns one transcript layout into a `Transcript`."""

    name: str

    def detect(self, source: Source) -> float:
        """How sure this handler is that it can parse `source`, from 0 (not mine) to 1."""
        ...

    def parse(self, source: Source) -> Transcript:
        """Parse `source`; raise a `HandlerError` subclass when it cannot."""
        ...


# Adding a layout: write one module with a Handler and add an instance here.
HANDLERS: tuple[Handler, ...] = (MotleyFoolText(),)


def choose(source: Source, handlers: tuple[Handler, ...] = HANDLERS) -> Handler:
    """The handler with the highest score for `source`.

    Raises:
        EmptyFile, BinaryFile, UndecodableText: the bytes are not text.
        UnrecognizedFormat: every handler scored 0.
    """
    source.check_not_empty()
    scored = []
    for handler in handlers:
        try:
            score = handler.detect(source)
        except HandlerError:
            # A text handler cannot read these bytes; another handler might.
            score = 0.0
        if score > 0:
            scored.append((score, handler))
    if not scored:
        # Say why in the most specific terms: not text at all, or text we do not know.
        source.text  # noqa: B018 - raises BinaryFile / UndecodableText
        raise UnrecognizedFormat(known=tuple(handler.name for handler in handlers))
    return max(scored, key=lambda pair: pair[0])[1]


def parse(source: Source, handlers: tuple[Handler, ...] = HANDLERS) -> Transcript:
    """Parse `source` with the best handler, then fill metadata the text lacks from the file name."""
    handler = choose(source, handlers)
    transcript = handler.parse(source)
    return fill_from_filename(transcript, source.name, folder=source.folder)

