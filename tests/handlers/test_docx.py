"""Word documents: the paragraphs, then the text layouts; encrypted, legacy and corrupt files explained."""

import io

import docx
import pytest

from handlers.errors import MalformedTranscript
from handlers.registry import parse
from handlers.source import Source
from tests.conftest import SEEDS, corpus_folder, parse_file


def render_docx(text: str) -> bytes:
    """A Word document with one paragraph per line of `text`, as a transcript service delivers it."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("path", "layout"), [
    (lambda: SEEDS / "CLLS_2021_Q3.txt", "motley_fool_txt"),
    (lambda: corpus_folder("seeking_alpha_txt") / "CT_AXP_2018_q1.txt", "seeking_alpha_txt"),
    (lambda: corpus_folder("biopharma/sentence_lists") / "20160728_UTHR.txt", "sentence_list_txt"),
], ids=["seed", "seeking_alpha", "sentence_list"])
def test_rendered_docx_parses_like_its_text(path, layout):
    text_file = path()
    from_text = parse_file(text_file)
    text = text_file.read_bytes().decode(from_text.encoding or "utf-8")
    from_docx = parse(Source(text_file.stem + ".docx", render_docx(text)))
    assert from_docx.format == f"docx:{layout}"
    assert (from_docx.ticker, from_docx.period, from_docx.period_source) == (
        from_text.ticker, from_text.period, from_text.period_source)
    assert [(t.section, t.speaker, t.text) for t in from_docx.turns] == [
        (t.section, t.speaker, t.text) for t in from_text.turns]


def test_password_protected_docx_is_explained():
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(render_docx((SEEDS / "CLLS_2021_Q2.txt").read_text()))
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", encrypted)
    with pytest.raises(MalformedTranscript, match="password-protected"):
        parse(Source("CLLS_2021_Q2.docx", encrypted.getvalue()))


def test_corrupt_docx_is_explained():
    data = render_docx("Hello.")
    with pytest.raises(MalformedTranscript, match="Word document cannot be read"):
        parse(Source("broken.docx", data[: len(data) // 2]))


def test_empty_docx_is_explained():
    with pytest.raises(MalformedTranscript, match="holds no text"):
        parse(Source("empty.docx", render_docx("")))
