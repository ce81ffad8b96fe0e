"""Saved fool.com transcript pages (full HTML with scripts and ads).

The article body is turned into lines (one per paragraph, heading, list item or `<br>`), then
parsed exactly like the classic text layout.
"""

from __future__ import annotations

import dataclasses
import re

from selectolax.lexbor import LexborHTMLParser

from handlers.errors import MalformedTranscript
from handlers.motley_fool import header_metadata, parse_lines
from handlers.source import Source
from handlers.transcript import Transcript

_BLOCKS = "h1, h2, h3, h4, p, li, td, div.caption"
_ARTICLE = ".article-content, .article-body, article"
_LOOKS_LIKE_HTML = re.compile(rb"<html|<!doctype html", re.IGNORECASE)


class MotleyFoolHtml:
    """Handler for fool.com earnings-call pages saved as HTML."""

    name = "motley_fool_html"
    last_resort = False

    def detect(self, source: Source) -> float:
        """Sure for an HTML page from fool.com that holds a transcript."""
        head = source.data[:4096]
        if not _LOOKS_LIKE_HTML.search(head):
            return 0.0
        data = source.data
        if b"fool.com" in data and b"Prepared Remarks" in data:
            return 0.95
        return 0.0

    def parse(self, source: Source) -> Transcript:
        """Extract the article's text blocks and parse them as Motley Fool transcript lines."""
        tree = LexborHTMLParser(source.text)
        for junk in tree.css("script, style, noscript, iframe, svg"):
            junk.decompose()
        article = tree.css_first(_ARTICLE)
        if article is None:
            raise MalformedTranscript(handler=self.name, detail="the page has no article body")
        for br in article.css("br"):
            br.replace_with("\n")
        lines: list[str] = []
        for block in article.css(_BLOCKS):
            # Nested blocks (a <p> inside an <li>) would be read twice: take the innermost.
            # (lexbor's css() on a node matches the node itself too.)
            if len(block.css(_BLOCKS)) > 1:
                continue
            lines.extend(block.text(deep=True).split("\n"))
        transcript = parse_lines(lines, format=self.name, encoding=source.encoding)
        heading = tree.css_first("h1")
        if heading is not None and transcript.title is None:
            title = " ".join(heading.text(deep=True).split()).removesuffix(" Transcript")
            found = header_metadata([title])
            transcript = _with_missing(transcript, {**found, "title": title})
        return transcript


def _with_missing(transcript: Transcript, values: dict[str, object]) -> Transcript:
    """`transcript` with the fields it lacks taken from `values` (the page's <h1>)."""
    missing = {key: value for key, value in values.items() if getattr(transcript, key) is None}
    return dataclasses.replace(transcript, **missing) if missing else transcript
