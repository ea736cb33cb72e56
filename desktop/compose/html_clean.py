"""Rich text cut down to what a note needs, and the same note as plain text.

`clean_html` runs on paste into the composer and before a note is stored or sent. It keeps
paragraphs, line breaks, bold, italic, underline, bullet and numbered lists and web/mail
links; QTextEdit's `<span style="font-weight:700">` and the like become <b>, <i>, <u>, and
its empty-paragraph marker is the one style written back (so empty lines survive a reload).
Everything else goes: scripts, styles, frames, images (nothing is ever fetched), event
handlers, classes; the text of unknown tags stays. Only the standard library's parser is used.
"""

from __future__ import annotations

import re
from html import escape

from desktop.compose.html_text import LenientHTMLParser, plain_text

_SKIP = frozenset(
    {
        "script",
        "style",
        "title",
        "iframe",
        "frameset",
        "noframes",
        "object",
        "applet",
        "noscript",
        "template",
        "svg",
        "math",
        "select",
    }
)
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "embed", "source", "wbr", "col"})
_FORMAT = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u"}
# Tags that start a new paragraph in a browser; their text is kept, as a paragraph.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "address",
        "figure",
        "figcaption",
        "table",
        "tr",
        "dl",
        "dt",
        "dd",
        "hr",
        "form",
        "fieldset",
        "center",
        "body",
    }
)
_CELLS = frozenset({"td", "th"})
_LISTS = frozenset({"ul", "ol"})
_SAFE_HREF = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SPACE = re.compile(r"\s+")
_EMPTY_BLOCK = re.compile(r"<(p|li)><br></\1>")
_EMPTY_INLINE = re.compile(r'<(b|i|u)></\1>|<a href="[^"]*"></a>')

Format = tuple[str, str]  # (tag, href) with href "" for b/i/u


def safe_href(href: str) -> str | None:
    """The link target if it is a web or mail address; browsers ignore spaces inside schemes."""
    target = _CONTROL.sub("", href)
    return target if _SAFE_HREF.match(target) else None


def _style_formats(style: str) -> list[Format]:
    """b/i/u for the font-weight, font-style and underline a style attribute sets."""
    out: list[Format] = []
    for declaration in style.split(";"):
        key, _, value = declaration.partition(":")
        key, value = key.strip().lower(), value.strip().lower()
        if key == "font-weight" and (
            value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
        ):
            out.append(("b", ""))
        elif key == "font-style" and value in ("italic", "oblique"):
            out.append(("i", ""))
        elif key in ("text-decoration", "text-decoration-line") and "underline" in value:
            out.append(("u", ""))
    return out


def _not_bold(style: str) -> bool:
    # Google Docs wraps a whole paste in <b style="font-weight:normal">.
    return bool(re.search(r"font-weight\s*:\s*(?:normal|[1-5]00)\b", style, re.IGNORECASE))


class _Cleaner(LenientHTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip: list[str] = []
        self.structure: list[str] = []  # open p, ul, ol, li in the output
        self.active: list[tuple[str, list[Format]]] = []  # source tag -> formats it turned on
        self.emitted: list[Format] = []  # inline tags open in the output right now
        self.block_text = False  # the open p/li has text already
        self.pending_break = False  # a block inside a list item ended: a <br> before more text
        # A space between words is written only when the next word comes, with the
        # formatting it had: one at the end of a line shows as nothing in a browser and
        # would vanish on the next clean (clean(clean(x)) must equal clean(x)).
        self.space_pending: list[Format] | None = None
        self.line_start = True  # nothing written since the paragraph or line break began

    # -- output helpers ---------------------------------------------------------------------

    def _close_inline(self) -> None:
        while self.emitted:
            self.out.append(f"</{self.emitted.pop()[0]}>")

    def _pop(self) -> None:
        self._close_inline()
        self.out.append(f"</{self.structure.pop()}>")
        self.block_text = self.pending_break = False
        self.space_pending, self.line_start = None, True

    def _close_paragraph(self) -> None:
        if self.structure and self.structure[-1] == "p":
            self._pop()

    def _open(self, tag: str) -> None:
        self.out.append(f"<{tag}>")
        self.structure.append(tag)
        self.block_text = self.pending_break = False
        self.space_pending, self.line_start = None, True

    def _container(self) -> None:
        """Make sure text has a p or li to go in."""
        if not self.structure:
            self._open("p")
        elif self.structure[-1] in _LISTS:
            self._open("li")

    def _wanted(self) -> list[Format]:
        wanted: list[Format] = []
        for _, formats in self.active:
            for fmt in formats:
                if fmt[0] == "a" and any(w[0] == "a" for w in wanted):
                    continue  # no links inside links
                if fmt not in wanted:
                    wanted.append(fmt)
        return wanted

    def _sync_formats(self, open_new: bool = True, wanted: list[Format] | None = None) -> None:
        wanted = self._wanted() if wanted is None else wanted
        keep = 0
        while keep < min(len(wanted), len(self.emitted)) and wanted[keep] == self.emitted[keep]:
            keep += 1
        while len(self.emitted) > keep:
            self.out.append(f"</{self.emitted.pop()[0]}>")
        if not open_new:
            return
        for tag, href in wanted[keep:]:
            self.out.append(f'<a href="{escape(href)}">' if tag == "a" else f"<{tag}>")
            self.emitted.append((tag, href))

    def _in_li(self) -> bool:
        return bool(self.structure) and self.structure[-1] == "li"

    def _line_break(self) -> None:
        self._container()
        self._sync_formats(open_new=False)  # a link that ended before the break stays outside
        self.out.append("<br>")
        self.space_pending, self.line_start = None, True

    # -- parser callbacks -------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag in _SKIP:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        values = {k: v or "" for k, v in attrs}
        if tag == "br":
            self._line_break()
        elif tag in _LISTS:
            if self.structure and self.structure[-1] in _LISTS:
                self._open("li")  # a list directly inside a list belongs in an item
            self._close_paragraph()
            self._close_inline()
            self._open(tag)
        elif tag == "li":
            if "ul" not in self.structure and "ol" not in self.structure:
                self._block_start()
                return
            while self.structure[-1] not in _LISTS:
                self._pop()
            self._open("li")
        elif tag in _BLOCKS:
            self._block_start()
            if tag == "p" and not self.structure:
                self._open("p")
        elif tag in _CELLS:
            self._cell_gap()
        else:
            self._start_inline(tag, values)

    def _block_start(self) -> None:
        if self._in_li():
            self.pending_break = self.block_text
        else:
            self._close_paragraph()

    def _cell_gap(self) -> None:
        # Table cells side by side: a space keeps their words apart.
        if self.block_text and not self.line_start and self.space_pending is None:
            self.space_pending = self._wanted()

    def _start_inline(self, tag: str, values: dict[str, str]) -> None:
        if tag in _VOID:
            return
        style = values.get("style", "")
        formats: list[Format] = []
        if tag in _FORMAT and not (_FORMAT[tag] == "b" and _not_bold(style)):
            formats.append((_FORMAT[tag], ""))
        elif tag == "a":
            href = safe_href(values.get("href", ""))
            if href:
                formats.append(("a", href))
        inside_link = any(f[0] == "a" for _, fs in self.active for f in fs)
        # A link is underlined anyway; QTextEdit writes that as a span inside it.
        formats += [f for f in _style_formats(style) if not (inside_link and f[0] == "u")]
        self.active.append((tag, formats))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip.pop() != tag:
                    pass
            return
        if tag in _LISTS:
            if tag in self.structure:
                while self.structure[-1] != tag:
                    self._pop()
                self._pop()
        elif tag == "li":
            if "li" in self.structure:
                while self.structure[-1] != "li":
                    self._pop()
                self._pop()
            else:
                self._close_paragraph()
        elif tag in _BLOCKS:
            if self._in_li():
                self.pending_break = self.block_text
            else:
                self._close_paragraph()
        elif tag in _CELLS:
            pass
        else:
            for index in range(len(self.active) - 1, -1, -1):
                if self.active[index][0] == tag:
                    del self.active[index]
                    break

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = _SPACE.sub(" ", data)
        if text == " " and (not self.structure or self.structure[-1] in _LISTS):
            return  # the line breaks between block tags in the source
        if text == " " and not self.block_text:
            return
        self._container()
        if self.pending_break:
            self._close_inline()
            self.out.append("<br>")
            self.block_text = self.pending_break = False
            self.space_pending, self.line_start = None, True
        if text.startswith(" ") and not self.line_start and self.space_pending is None:
            self.space_pending = self._wanted()
        words = text.strip(" ")
        if not words:
            return
        if self.space_pending is not None:
            self._sync_formats(wanted=self.space_pending)
            self.out.append(" ")
        self._sync_formats()
        self.out.append(escape(words, quote=False))
        self.block_text = True
        self.line_start = False
        self.space_pending = self._wanted() if text.endswith(" ") else None

    def finish(self) -> str:
        self.close()
        while self.structure:
            self._pop()
        html = "".join(self.out)
        # Spaces at the edges of a paragraph or beside a line break show as nothing.
        html = re.sub(r" +((?:</(?:b|i|u|a)>)*)(?=<br>|</p>|</li>|<ul>|<ol>)", r"\1", html)
        html = re.sub(r"(<br>)\s+", r"\1", html)
        # Formatting left around nothing once those spaces went (a bold space at the end).
        while True:
            shorter = _EMPTY_INLINE.sub("", html)
            if shorter == html:
                break
            html = shorter
        # An empty line: browsers need the <br> to show it, and QTextEdit needs its own
        # marker to read it back as an empty paragraph rather than one holding a line break.
        return _EMPTY_BLOCK.sub(r'<\1 style="-qt-paragraph-type:empty"><br></\1>', html)


def clean_html(html: str) -> str:
    """`html` reduced to p, br, b, i, u, ul, ol, li and http/https/mailto links."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    return cleaner.finish()


def html_to_text(html: str) -> str:
    """The note as plain text: blank lines between paragraphs, '- ' and '1. ' list items,
    links as 'text (url)' where the text is not the address itself."""
    return plain_text(clean_html(html))
