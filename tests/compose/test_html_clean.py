"""Pasted and edited HTML cut down to simple, harmless formatting; and notes as plain text."""

from __future__ import annotations

import re

import pytest

from desktop.compose.html_clean import clean_html, html_to_text, safe_href

ALLOWED = {"p", "br", "b", "i", "u", "ul", "ol", "li", "a"}


def _tags(html: str) -> set[str]:
    return set(re.findall(r"</?([a-zA-Z0-9]+)", html))


def test_simple_formatting_is_kept_as_is() -> None:
    html = (
        '<p>Dear <b>Ms. Hale</b>, <i>thank</i> <u>you</u> <a href="https://hp.example/a?b=1&amp;c=2">'
        "link</a></p><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><p>a<br>b</p>"
    )
    assert clean_html(html) == html
    assert clean_html(clean_html(html)) == html


def test_strong_em_and_styled_spans_become_b_i_u() -> None:
    html = (
        '<p><strong>S</strong> <em>E</em> <span style=" font-weight:700;">B</span> '
        '<span style="font-style: italic">I</span> <span style="text-decoration: underline">U</span>'
        ' <span style="font-weight:600; font-style:italic; color:red">BI</span></p>'
    )
    assert clean_html(html) == (
        "<p><b>S</b> <i>E</i> <b>B</b> <i>I</i> <u>U</u> <b><i>BI</i></b></p>"
    )


def test_google_docs_wrapper_is_not_bold() -> None:
    html = '<b style="font-weight:normal;" id="docs-internal-guid-1"><p>plain</p><p>text</p></b>'
    assert clean_html(html) == "<p>plain</p><p>text</p>"


def test_formatting_across_paragraphs_is_reopened_in_each() -> None:
    assert clean_html("<i><p>one</p><p>two</p></i>") == "<p><i>one</i></p><p><i>two</i></p>"
    assert clean_html("<b>bold <i>both</b> italic</i>") == (
        "<p><b>bold <i>both</i></b><i> italic</i></p>"
    )


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.com/x", True),
        ("HTTP://EXAMPLE.COM", True),
        ("mailto:m.hale@example.com?subject=Hi", True),
        ("javascript:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("/relative/path", False),
        ("", False),
    ],
)
def test_only_web_and_mail_links_survive(href: str, kept: bool) -> None:
    cleaned = clean_html(f'<p><a href="{href}" onclick="x()">text</a></p>')
    assert ("<a href=" in cleaned) is kept
    assert "text" in cleaned and "onclick" not in cleaned
    assert (safe_href(href) is not None) is kept


def test_entity_encoded_javascript_link_is_dropped() -> None:
    cleaned = clean_html('<a href="javascript&#58;alert(1)">x</a><a href="&#106;avascript:1">y</a>')
    assert cleaned == "<p>xy</p>"


def test_hostile_html_comes_out_harmless() -> None:
    hostile = """<html><head><title>Owned</title><style>p { background: url(https://t.example/x) }</style>
    <script>steal(document.cookie)</script><meta http-equiv="refresh" content="0;url=https://evil"></head>
    <body onload="steal()"><!-- a comment --><p class="x" style="color:red" onmouseover="steal()">Hello
    <img src="https://tracker.example/pixel.gif" onerror="steal()"> world</p>
    <iframe src="https://evil.example"><p>inside frame</p></iframe>
    <object data="x.swf"><embed src="x.swf"></object><svg onload="steal()"><script>x()</script><text>svg</text></svg>
    <table><tr><td>outer <table><tr><td>inner a</td><td>inner b</td></tr></table></td><td>cell</td></tr></table>
    <a href="javascript:steal()">click me</a> <form action="https://evil"><input value="secret"></form>
    <scr<script>ipt>alert(1)</script> <![CDATA[ x ]]> &lt;script&gt;not a tag&lt;/script&gt;
    <p>Unclosed <b>bold <script>never()"""
    cleaned = clean_html(hostile)
    assert _tags(cleaned) <= ALLOWED
    lowered = cleaned.lower()
    for bad in ("<script", "<img", "<iframe", "<style", "<svg", "onerror", "onload", "onmouseover",
                "javascript:", "tracker.example", "evil", "steal(", "class=", "style=", "<!--",
                "owned", "inside frame", "never()"):  # fmt: skip
        assert bad not in lowered, bad
    text = html_to_text(cleaned)
    for kept in ("Hello world", "outer", "inner a inner b", "cell", "click me", "Unclosed bold"):
        assert kept in text, kept
    assert "<script>not a tag</script>" in text  # escaped text stays text
    assert "&lt;script&gt;not a tag" in cleaned


def test_unknown_tags_keep_their_text_and_blocks_become_paragraphs() -> None:
    html = "<div>One <font color=red>red</font></div><div><h2>Two</h2></div>tail<blink>!</blink>"
    assert clean_html(html) == "<p>One red</p><p>Two</p><p>tail!</p>"


def test_nested_lists_and_paragraphs_inside_items() -> None:
    html = "<ol><li><p>first</p><p>more</p></li><li>b<ul><li>nested</li></ul></li></ol>"
    cleaned = clean_html(html)
    assert cleaned == "<ol><li>first<br>more</li><li>b<ul><li>nested</li></ul></li></ol>"
    assert html_to_text(cleaned) == "1. first\n  more\n2. b\n  - nested\n"


def test_stray_list_items_and_whitespace() -> None:
    assert clean_html("<li>orphan</li>") == "<p>orphan</p>"
    assert clean_html("\n  <p>\n  spaced   out \n</p>\n") == "<p>spaced out</p>"
    assert clean_html("") == ""


def test_plain_text_paragraphs_lists_and_links() -> None:
    html = (
        "<p>Dear Ms. Hale,</p><p>Thank you.<br>Truly.</p>"
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>"
        '<p>See <a href="https://hp.example/careers">our careers page</a>, '
        '<a href="https://hp.example">https://hp.example</a> or '
        '<a href="mailto:m@hp.example">m@hp.example</a>.</p><p><br></p><p>Sincerely,<br>Dan</p>'
    )
    assert html_to_text(html) == (
        "Dear Ms. Hale,\n\nThank you.\nTruly.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "See our careers page (https://hp.example/careers), https://hp.example or m@hp.example."
        "\n\nSincerely,\nDan\n"
    )


def test_plain_text_of_entities_is_unescaped() -> None:
    assert html_to_text("<p>Hale &amp; Pierce &lt;LLP&gt; caf&eacute;</p>") == (
        "Hale & Pierce <LLP> café\n"
    )
