"""Saved fool.com pages: the article is found among scripts and ads and parsed like the text layout."""

import pytest

from handlers.motley_fool_html import MotleyFoolHtml
from handlers.source import Source
from tests.conftest import corpus_folder, parse_file
from tests.layouts import first_turns, kinds, summary


def page(name):
    return corpus_folder("motley_fool_html") / name


def test_simulations_plus_exact():
    t = parse_file(page("2020-07-09-simulations-plus-inc-slp-q3-2020-earnings-call-tra.html"))
    assert summary(t) == ("motley_fool_html", "Simulations Plus Inc", "SLP", 2020, 3, "2020-07-09", "4:15 p.m. ET",
                          "Simulations Plus Inc (SLP) Q3 2020 Earnings Call", ("prepared_remarks", "qa"), 44, 6)
    assert kinds(t) == {"executive": 3, "analyst": 3}
    assert first_turns(t, "qa") == [
        ("Cameron Donahue", "Partner and Regional Vice President", None,
         "Thank you, Shawn. [Operator Instructions"),
        ("Matthew Hewitt", "Analyst", "Craig-Hallum", "Thank you for taking the questions and c"),
    ]


def test_carnival_exact():
    t = parse_file(page("2020-07-10-carnival-corp-plc-ccl-q2-2020-earnings-call-transc.html"))
    assert summary(t)[2:] == ("CCL", 2020, 2, "2020-07-10", "10:00 a.m. ET",
                              "Carnival Corp & plc (CCL) Q2 2020 Earnings Call", ("prepared_remarks", "qa"), 100, 11)
    assert kinds(t) == {"executive": 2, "analyst": 8, "operator": 1}
    assert first_turns(t, "qa")[1][:3] == ("Steve Wieczynski", "Analyst", "Stifel")


def test_every_page_parses_without_markup_or_scripts():
    for path in sorted(corpus_folder("motley_fool_html").glob("*.html")):
        t = parse_file(path)
        assert t.format == "motley_fool_html" and t.sections == ("prepared_remarks", "qa"), path.name
        assert t.comparable and t.call_date, path.name
        text = "\n".join(turn.text for turn in t.turns)
        assert "<" not in text and "function(" not in text and "Stock Advisor" not in text, path.name


def test_html_that_is_not_a_fool_transcript_is_not_claimed():
    source = Source("page.html", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert MotleyFoolHtml().detect(source) == 0.0


def test_fool_page_without_article_body():
    from handlers.errors import MalformedTranscript

    data = b"<!DOCTYPE html><html><body>fool.com Prepared Remarks <div>nothing</div></body></html>"
    with pytest.raises(MalformedTranscript, match="no article body"):
        MotleyFoolHtml().parse(Source("page.html", data))


def test_deeply_nested_page_is_refused_before_parsing():
    from handlers.errors import NestingTooDeep

    depth = 100_000
    html = ("<!doctype html><html><body><p>fool.com Prepared Remarks</p><div class='article-body'>"
            + "<div>" * depth + "<p>Operator</p>" + "</div>" * depth + "</div></body></html>")
    with pytest.raises(NestingTooDeep) as caught:
        MotleyFoolHtml().parse(Source("deep.html", html.encode()))
    assert caught.value.code == "nesting_too_deep" and caught.value.limit == 1000
    assert str(caught.value) == ("the HTML nests elements more than 1000 deep (a page is about 20 deep); "
                                 "refused rather than parsed slowly")


def test_nesting_of_real_pages_is_far_below_the_limit():
    from handlers.motley_fool_html import MAX_NESTING, nesting_depth

    depths = [nesting_depth(path.read_bytes()) for path in sorted(corpus_folder("motley_fool_html").glob("*.html"))]
    assert depths and max(depths) < MAX_NESTING / 20


@pytest.mark.parametrize(("html", "depth"), [
    (b"<div><div><span>x</span></div></div>", 3),
    (b"<div><br><img src=x><p>a<p>b<li>c</div>", 1),  # void and self-closing elements do not nest
    (b"<div><script>if (a<b) { x = '<div><div><div>' }</script></div>", 1),  # nor does script text
    (b"<div><!-- <div><div> --></div>", 1),
    (b"<div></div><div></div><div></div>", 1),
])
def test_nesting_depth(html, depth):
    from handlers.motley_fool_html import nesting_depth

    assert nesting_depth(html) == depth
