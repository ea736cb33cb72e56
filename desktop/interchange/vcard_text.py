"""A vCard file's text as the vCard reader can take it, one card at a time.

Real exports trip a strict reader on one line and lose the whole file: Outlook's 2.1 cards
in Windows-1252 (with or without CHARSET=), quoted-printable values broken with a trailing
'=', CR CR LF line ends, a PHOTO whose base64 is damaged, an unescaped comma in TITLE. Each
is mended here, and a line that is not a vCard line at all is left out with a note naming
the card and the line, so the other cards and the other lines still arrive.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from desktop.interchange.document_builder import decode_text
from desktop.interchange.errors import InterchangeError

# Binary properties Afterword never shows; a damaged one must not cost the card.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_SINGLE_TEXT = frozenset({"FN", "TITLE", "ROLE", "NOTE"})
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_NAME = re.compile(r"^(?:[\w-]+\.)?[A-Za-z][\w-]*$")
_CHARSET = re.compile(rb";\s*CHARSET=\"?([\w.:-]+)", re.IGNORECASE)


@dataclass
class CardText:
    """One card's mended lines, where it starts in the file, and what was left out."""

    number: int
    line: int
    text: str
    notes: list[str] = field(default_factory=list)


def decode_vcards(data: bytes, source: str) -> tuple[str, list[str]]:
    """The file as text; lines that are not UTF-8 are read in their CHARSET (vCard 2.1),
    else as Windows-1252 (Outlook's), and said so."""
    try:
        return decode_text(data, source), []
    except InterchangeError as exc:
        if not any("not UTF-8 text" in p for p in exc.problems):
            raise
    lines: list[str] = []
    guessed: list[int] = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        found = _CHARSET.search(raw.split(b":", 1)[0])
        charset = found.group(1).decode("ascii") if found else ""
        try:
            codecs.lookup(charset or "-")
        except LookupError:
            charset = ""
        if not charset:
            charset = "cp1252"
            guessed.append(number)
        lines.append(raw.decode(charset, errors="replace"))
    notes = []
    if guessed:
        shown = ", ".join(map(str, guessed[:5])) + (" …" if len(guessed) > 5 else "")
        notes.append(f"line {shown}: not UTF-8 and no CHARSET given; read as Windows-1252")
    return "\n".join(lines), notes


def split_cards(text: str) -> list[CardText]:
    """Each BEGIN:VCARD … END:VCARD, mended line by line (see the module's note)."""
    lines = re.sub(r"\r*\n|\r", "\n", text).split("\n")
    cards: list[CardText] = []
    current: CardText | None = None
    body: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            current, body = CardText(len(cards) + 1, index, ""), [line.strip()]
            continue
        if current is None:
            continue
        if upper == "END:VCARD":
            body.append(line.strip())
            current.text = "\r\n".join(body) + "\r\n"
            cards.append(current)
            current = None
            continue
        # Folded continuation lines (a leading space or tab) belong to the line before.
        start = index
        folded = [line]
        while index < len(lines) and lines[index][:1] in (" ", "\t"):
            folded.append(lines[index])
            index += 1
        line = "\n".join(folded)
        if "QUOTED-PRINTABLE" in line.partition(":")[0].upper():
            # vCard 2.1 breaks a long quoted-printable value with '=' at the line's end.
            while line.endswith("=") and index < len(lines):
                line = line[:-1] + lines[index]
                index += 1
        mended = _mend(line, start, current)
        if mended is not None:
            body.append(mended)
    return cards


def _mend(line: str, number: int, card: CardText) -> str | None:
    head, colon, value = line.partition(":")
    name = head.split(";", 1)[0].strip()
    if not line.strip():
        return None
    if not colon or not _NAME.match(name):
        card.notes.append(f"line {number} is not a vCard line ({line.strip()[:40]!r}), left out")
        return None
    bare = name.rsplit(".", 1)[-1].upper()
    if bare in _BINARY:
        return None
    joined = line.replace("\n ", "").replace("\n\t", "") if "\n" in line else line
    if "QUOTED-PRINTABLE" in head.upper():
        return joined
    if bare in _SINGLE_TEXT:
        head, _, value = joined.partition(":")
        return head + ":" + _UNESCAPED_COMMA.sub(r"\\,", value)
    return joined
