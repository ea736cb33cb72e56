"""Plain text from the simple HTML `clean_html` makes (for mailto:, .eml and plain copies)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LISTS = frozenset({"ul", "ol"})
_SPACE = re.compile(r"\s+")


class LenientHTMLParser(HTMLParser):
    """HTMLParser that skips a malformed "<![" as a browser does instead of failing.

    Python 3.11's parser raises AssertionError on one (found by fuzzing pasted HTML).
    """

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


class _TextWriter(LenientHTMLParser):
    """Plain text from clean HTML: one chunk per paragraph or list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, int, str]] = []  # (kind "p"|"li", list number, text)
        self.list_number = 0  # counts top-level lists, so two lists in a row stay apart
        self.current: list[str] = []
        self.kind = "p"
        self.marker = ""  # the "- " or "1. " the current list item starts with
        self.lists: list[list[int | str]] = []  # [tag, next number]
        self.links: list[tuple[str, int]] = []  # (href, where its text starts in current)

    def _flush(self) -> None:
        text = "".join(self.current)
        lines = [line.rstrip() for line in text.split("\n")]
        text = "\n".join(lines).strip("\n")
        if text.strip() and text.strip() != self.marker.strip():
            self.chunks.append((self.kind, self.list_number, text))
        self.current = []
        self.kind = "p"
        self.marker = ""

    def _indent(self) -> str:
        return "  " * max(0, len(self.lists) - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._flush()
        elif tag in _LISTS:
            self._flush()
            if not self.lists:
                self.list_number += 1
            self.lists.append([tag, 1])
        elif tag == "li":
            self._flush()
            self.kind = "li"
            marker = "- "
            if self.lists and self.lists[-1][0] == "ol":
                number = int(self.lists[-1][1])
                self.lists[-1][1] = number + 1
                marker = f"{number}. "
            self.marker = self._indent() + marker
            self.current.append(self.marker)
        elif tag == "br":
            pad = "  " * len(self.lists) if self.kind == "li" else ""
            self.current.append("\n" + pad)
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href, len(self.current)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li"):
            self._flush()
        elif tag in _LISTS:
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.current[start:]).strip()
            if href and text not in (href, href.removeprefix("mailto:")):
                self.current.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.current.append(_SPACE.sub(" ", data))

    def text(self) -> str:
        self.close()
        self._flush()
        out: list[str] = []
        previous = ("", 0)
        for kind, number, text in self.chunks:
            if out:
                out.append("\n" if kind == "li" and previous == ("li", number) else "\n\n")
            out.append(text.strip(" ") if kind == "p" else text.rstrip())
            previous = (kind, number)
        return "".join(out) + "\n" if out else ""


def plain_text(clean: str) -> str:
    """Text of HTML already cleaned by `clean_html`: see `html_clean.html_to_text`."""
    writer = _TextWriter()
    writer.feed(clean)
    return writer.text()
