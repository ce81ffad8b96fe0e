"""Errors raised while turning a file's bytes into a `Transcript`.

Each carries its facts as attributes; `str()` is a one-line message fit for a user.
"""

from __future__ import annotations


class HandlerError(Exception):
    """A file could not be read as a transcript."""

    code = "handler_error"


class EmptyFile(HandlerError):
    """The file has no content (or only white space)."""

    code = "empty_file"

    def __init__(self) -> None:
        super().__init__("the file is empty")


class BinaryFile(HandlerError):
    """The file holds binary data, not text."""

    code = "binary_file"

    def __init__(self, *, offset: int) -> None:
        self.offset = offset
        super().__init__(f"the file is binary, not text (NUL byte at offset {offset})")


class UndecodableText(HandlerError):
    """The bytes are not valid in any encoding we try."""

    code = "undecodable_text"

    def __init__(self, *, tried: tuple[str, ...], offset: int) -> None:
        self.tried = tried
        self.offset = offset
        names = " nor ".join(tried)
        super().__init__(f"the text is neither valid {names} (undecodable byte at offset {offset})")


class UnrecognizedFormat(HandlerError):
    """No handler recognised the file as a transcript layout it knows."""

    code = "unrecognized_format"

    def __init__(self, *, known: tuple[str, ...]) -> None:
        self.known = known
        super().__init__(
            "not a transcript in any known layout (tried: " + ", ".join(known) + ")"
        )


class NotATranscript(UnrecognizedFormat):
    """The text is plainly a document of another kind (Markdown, source code, a table, a config file)."""

    code = "not_a_transcript"

    def __init__(self, *, looks_like: str, known: tuple[str, ...]) -> None:
        self.looks_like = looks_like
        self.known = known
        HandlerError.__init__(self, f"not a transcript: the text looks like {looks_like}, not the words of a call")


class MalformedTranscript(HandlerError):
    """A handler recognised the layout but the content is unusable."""

    code = "malformed_transcript"

    def __init__(self, *, handler: str, detail: str) -> None:
        self.handler = handler
        self.detail = detail
        super().__init__(f"looks like {handler} but {detail}")


class NoTextLayer(HandlerError):
    """A PDF whose pages hold no text: a scan, which needs OCR first."""

    code = "no_text_layer"

    def __init__(self, *, pages: int) -> None:
        self.pages = pages
        super().__init__(f"the PDF has no text layer ({pages} page(s) of images?); run OCR on it first")


class NestingTooDeep(HandlerError):
    """HTML that nests elements so deep that parsing it would take minutes (a crafted or broken page)."""

    code = "nesting_too_deep"

    def __init__(self, *, limit: int, typical: int) -> None:
        self.limit = limit
        self.typical = typical
        super().__init__(f"the HTML nests elements more than {limit} deep (a page is about {typical} deep); "
                         "refused rather than parsed slowly")


class UnsupportedPdf(HandlerError):
    """A PDF that uses a feature the PDF reader cannot decode (a stream filter, a missing decoder)."""

    code = "unsupported_pdf"

    def __init__(self, *, detail: str) -> None:
        self.detail = detail
        super().__init__(f"the PDF cannot be read here: {detail}")
