"""Saved fool.com transcript pages (full HTML with scripts and ads).

The article body is turned into lines (one per paragraph, heading, list item or `<br>`), then
parsed exactly like the classic text layout.
"""

from __future__ import annotations

import dataclasses
import re

from selectolax.lexbor import LexborHTMLParser

from handlers.errors import MalformedTranscript, NestingTooDeep
from handlers.motley_fool import header_metadata, parse_lines
from handlers.source import Source
from handlers.transcript import Transcript

_BLOCKS = "h1, h2, h3, h4, p, li, td, div.caption"
_ARTICLE = ".article-content, .article-body, article"
_LOOKS_LIKE_HTML = re.compile(rb"<html|<!doctype html", re.IGNORECASE)

# Deeper nesting is refused before parsing: lexbor's time grows faster than the square of the depth
# (20,000 deep: 1 s, 40,000: 5 s, 80,000: 16 s, while the only writer waits). fool.com pages nest
# about 20 deep; browsers stop nesting at 512 (Blink).
MAX_NESTING = 1000
TYPICAL_NESTING = 20

# What nesting_depth reads: a comment, or an element whose content holds no HTML elements (script,
# style, title, textarea text; svg and math markup), each skipped whole (to the end if unclosed);
# else a start or end tag: group 2 "/" for an end tag, group 3 the name. `<div class=x>`: ("", "div").
# The skipped parts are written as "[^<]* (< not starting the end tag [^<]*)*", not ".*?": the lazy
# form tries the end at every character and took 8 ms a page, this 1-3 ms.
_TAGS = re.compile(
    rb"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?"
    rb"|<(script|style|title|textarea|svg|math)\b[^<]*(?:<(?!/\1)[^<]*)*(?:</\1\s*>)?"
    rb"|<(/?)([a-z][a-z0-9-]*)",
    re.IGNORECASE,
)
# Elements that never hold others (void), or that the parser closes by itself when a sibling
# starts (`<p>a<p>b`, `<li>`, table cells): they never make the tree deeper.
_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr keygen "
    b"p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp html head body".split()
)


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
        """Extract the article's text blocks and parse them as Motley Fool transcript lines.

        Raises:
            NestingTooDeep: the page nests elements deeper than MAX_NESTING (checked before parsing).
            MalformedTranscript: the page has no article body, or no speaker turns.
        """
        if nesting_depth(source.data, limit=MAX_NESTING) > MAX_NESTING:
            raise NestingTooDeep(limit=MAX_NESTING, typical=TYPICAL_NESTING)
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


def nesting_depth(html: bytes, *, limit: int | None = None) -> int:
    """How deep the elements of `html` nest, roughly as an HTML parser builds them; the count stops
    once it passes `limit`. Linear in the size of the page: a stray end tag costs nothing, and one
    that closes several open elements closes each once."""
    stack: list[bytes] = []
    open_names: dict[bytes, int] = {}  # name -> how many are open, so that a stray end tag costs O(1)
    deepest = 0
    for match in _TAGS.finditer(html):  # not findall: a 20 MB page of tags would be a list of millions
        _skipped, end, name = match.groups()
        if not name:
            continue  # a comment or a text-only element
        name = name.lower()
        if name in _FLAT:
            continue
        if not end:
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if limit is not None and deepest > limit:
                    return deepest
        elif open_names.get(name):
            while True:  # an end tag closes the elements opened after its own
                closed = stack.pop()
                open_names[closed] -= 1
                if closed == name:
                    break
    return deepest


def _with_missing(transcript: Transcript, values: dict[str, object]) -> Transcript:
    """`transcript` with the fields it lacks taken from `values` (the page's <h1>)."""
    missing = {key: value for key, value in values.items() if getattr(transcript, key) is None}
    return dataclasses.replace(transcript, **missing) if missing else transcript
