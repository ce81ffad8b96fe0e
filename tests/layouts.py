"""Helpers shared by the layout tests: one line per turn, and PDFs rendered from transcript text."""

from __future__ import annotations

from collections import Counter

from fpdf import FPDF

from handlers.transcript import Transcript

# fpdf2's core fonts are Latin-1: map the typographic characters transcripts use.
_LATIN1 = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "*", "…": "..."})


def kinds(transcript: Transcript) -> dict[str, int]:
    return dict(Counter(p.kind for p in transcript.participants))


def summary(transcript: Transcript) -> tuple:
    """The metadata a layout test pins down exactly."""
    return (transcript.format, transcript.company, transcript.ticker, transcript.fiscal_year,
            transcript.fiscal_quarter, str(transcript.call_date), transcript.call_time, transcript.title,
            transcript.sections, len(transcript.turns), len({t.speaker for t in transcript.turns if t.speaker}))


def first_turns(transcript: Transcript, section: str, count: int = 2) -> list[tuple]:
    return [(t.speaker, t.role, t.affiliation, t.text[:40]) for t in transcript.turns if t.section == section][:count]


def render_pdf(text: str) -> bytes:
    """A PDF whose text layer is `text`, one paragraph per line, wrapped at the page width."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        line = line.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
        if line.strip():
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())


def render_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF of drawings only, like a scan: pages but no text layer."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        for row in range(30):
            pdf.rect(10, 10 + row * 8, 150 - (row % 5) * 10, 4, style="F")
    return bytes(pdf.output())
