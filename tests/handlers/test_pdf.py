"""PDF: the text layer is parsed by the text layouts; a scan with no text layer is refused clearly."""

import pytest

from handlers.errors import MalformedTranscript, NoTextLayer
from handlers.registry import parse
from handlers.source import Source
from tests.conftest import SEEDS, corpus_folder, parse_file
from tests.layouts import render_pdf, render_scanned_pdf


def speakers(t):
    return [(turn.section, turn.speaker) for turn in t.turns]


@pytest.mark.parametrize(
    ("path", "encoding", "layout"),
    [
        (lambda: SEEDS / "CLLS_2021_Q2.txt", "utf-8", "motley_fool_txt"),
        (lambda: corpus_folder("seeking_alpha_txt") / "CT_AXP_2018_q1.txt", "cp1252", "seeking_alpha_txt"),
        (lambda: corpus_folder("motley_fool_txt") / "JPM_2022_Q3.txt", "utf-8", "motley_fool_txt"),
    ],
    ids=["seed", "seeking_alpha", "motley_fool"],
)
def test_rendered_pdf_parses_like_its_text(path, encoding, layout):
    text_file = path()
    from_text = parse_file(text_file)
    pdf = render_pdf(text_file.read_bytes().decode(encoding))
    from_pdf = parse(Source(text_file.stem + ".pdf", pdf))
    assert from_pdf.format == f"pdf:{layout}"
    assert (from_pdf.ticker, from_pdf.period, from_pdf.call_date) == (
        from_text.ticker, from_text.period, from_text.call_date)
    assert speakers(from_pdf) == speakers(from_text)
    # Paragraphs wrapped at the page width are whole again.
    first_long = next(turn for turn in from_text.turns if len(turn.text) > 300)
    assert first_long.text.split("\n")[0][:200] in from_pdf.turns[from_text.turns.index(first_long)].text


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(NoTextLayer) as caught:
        parse(Source("scan.pdf", render_scanned_pdf(pages=2)))
    assert caught.value.pages == 2
    assert "no text layer" in str(caught.value) and "OCR" in str(caught.value)


def test_broken_pdf():
    with pytest.raises(MalformedTranscript, match="cannot be read"):
        parse(Source("broken.pdf", b"%PDF-1.7\n\x00\x01 this is not really a pdf"))


@pytest.mark.parametrize(("replacement", "said"), [
    (b"/BogusDecode", "/BogusDecode"),
    (b"[/FlateDecode /Unknown]", "/Unknown"),
    (b"/JBIG2Decode", "decoder that is not installed"),  # jbig2dec
    (b"/CCITTFaxDecode", "safety limit"),  # fax-encoded bytes that are not: more than the reader allows
])
def test_pdf_with_a_stream_filter_it_cannot_decode_is_refused_clearly(replacement, said):
    from handlers.errors import UnsupportedPdf

    pdf = render_pdf((SEEDS / "CLLS_2021_Q2.txt").read_text()[:4000])
    assert pdf.count(b"/FlateDecode") >= 1
    with pytest.raises(UnsupportedPdf) as caught:
        parse(Source("odd.pdf", pdf.replace(b"/FlateDecode", replacement)))
    assert caught.value.code == "unsupported_pdf"
    assert said in str(caught.value)
