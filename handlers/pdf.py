"""PDF transcripts: the text layer (pypdf), then whichever text layout recognises it."""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Callable

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from handlers.errors import MalformedTranscript, NoTextLayer, UnsupportedPdf
from handlers.reflow import tidy, unwrap, wrap_width
from handlers.source import Source
from handlers.transcript import Transcript

# pypdf warns on every small defect of real-world PDFs; the outcome is what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Pdf:
    """Handler for PDF files.

    Args:
        parse_text: parses the extracted text as a text `Source` (the registry's own text handlers).
    """

    name = "pdf"
    last_resort = False

    def __init__(self, parse_text: Callable[[Source], Transcript]) -> None:
        self._parse_text = parse_text

    def detect(self, source: Source) -> float:
        """Sure for any file that starts like a PDF."""
        return 1.0 if source.data[:1024].lstrip().startswith(b"%PDF-") else 0.0

    def parse(self, source: Source) -> Transcript:
        """Extract the text of every page and parse it as text.

        Raises:
            NoTextLayer: the PDF has pages but no text (a scan that needs OCR).
            UnsupportedPdf: the PDF needs what the reader lacks (a stream filter, a decoder, higher limits).
            MalformedTranscript: the PDF cannot be read.
        """
        try:
            reader = PdfReader(io.BytesIO(source.data))
            if reader.is_encrypted:
                raise MalformedTranscript(handler=self.name, detail="the PDF is encrypted")
            pages = [page.extract_text() or "" for page in reader.pages]
        # pypdf's own words, cut short: a damaged file can put kilobytes of garbage in them.
        except NotImplementedError as error:  # "Unsupported filter /X"
            detail = f"it uses an encoding the PDF reader does not support ({_short(error)})"
            raise UnsupportedPdf(detail=detail) from None
        except DependencyError as error:  # "jbig2dec binary is not available."
            raise UnsupportedPdf(detail=f"it needs a decoder that is not installed ({_short(error)})") from None
        except LimitReachedError as error:  # pypdf's guard against decompression bombs
            raise UnsupportedPdf(detail=f"a stream is over the PDF reader's safety limit ({_short(error)})") from None
        except (PyPdfError, ValueError, KeyError, OSError) as error:
            raise MalformedTranscript(handler=self.name, detail=f"the PDF cannot be read ({_short(error)})") from None
        lines = [tidy(line) for page in pages for line in page.split("\n")]
        if not any(lines):
            raise NoTextLayer(pages=len(pages))
        # Text layers break paragraphs at the page width; speaker lines are short and stay whole.
        text = "\n".join(unwrap(lines, wrap_width(lines), join_unfinished=False))
        inner = self._parse_text(Source(source.name, text.encode("utf-8"), folder=source.folder))
        return dataclasses.replace(inner, format=f"{self.name}:{inner.format}", encoding=None)


def _short(error: Exception, limit: int = 200) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[:limit] + "..."
