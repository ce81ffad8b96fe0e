"""Word documents (`.docx`), as transcript services and investor-relations sites deliver them.

The paragraphs' text (python-docx), one line each, then whichever text layout recognises it, as for
PDFs: the format is `docx:<layout>`.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable

from handlers.errors import MalformedTranscript
from handlers.source import Source
from handlers.transcript import Transcript

_ZIP = b"PK\x03\x04"
# Encrypted Office files and legacy .doc are OLE compound files, not zip packages.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class Docx:
    """Handler for Word documents.

    Args:
        parse_text: parses the extracted text as a text `Source` (the registry's own text handlers).
    """

    name = "docx"
    last_resort = False

    def __init__(self, parse_text: Callable[[Source], Transcript]) -> None:
        self._parse_text = parse_text

    def detect(self, source: Source) -> float:
        """Sure for a zip package holding a Word document, or an Office file we must explain we cannot read."""
        head = source.data[:8]
        if head.startswith(_ZIP):
            return 1.0 if b"word/" in source.data[:65536] or source.name.lower().endswith(".docx") else 0.0
        if head == _OLE and source.name.lower().endswith((".docx", ".doc")):
            return 1.0
        return 0.0

    def parse(self, source: Source) -> Transcript:
        """Every paragraph's text, one a line, parsed as text.

        Raises:
            MalformedTranscript: the document is encrypted, a legacy .doc, corrupt, or holds no text.
        """
        if source.data[:8] == _OLE:
            detail = ("the Word document is password-protected; save it without a password first"
                      if _ENCRYPTED_STREAM in source.data else
                      "it is a legacy Word 97-2003 .doc; save it as .docx first")
            raise MalformedTranscript(handler=self.name, detail=detail)
        import docx  # deferred: only Word documents need it
        from docx.opc.exceptions import OpcError

        try:
            document = docx.Document(io.BytesIO(source.data))
            lines = [paragraph.text for paragraph in document.paragraphs]
        except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as error:
            reason = str(error) or type(error).__name__
            detail = f"the Word document cannot be read ({reason})"
            raise MalformedTranscript(handler=self.name, detail=detail) from None
        text = "\n".join(lines)
        if not text.strip():
            raise MalformedTranscript(handler=self.name, detail="the Word document holds no text")
        inner = self._parse_text(Source(source.name, text.encode("utf-8"), folder=source.folder))
        return dataclasses.replace(inner, format=f"{self.name}:{inner.format}", encoding=None)
