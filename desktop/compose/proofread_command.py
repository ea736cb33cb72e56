"""`afterword proofread`: check note files; the findings as JSON or text (ARCHITECTURE §4)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from desktop.compose.html_text import LenientHTMLParser
from desktop.core.proofread import NoteContext, SpellChecker, count_words, proofread
from desktop.core.settings import FORMALITIES, RuleSettings
from desktop.errors import UserError

CHANNELS = ("email", "card")


class ProofreadError(UserError):
    """A note could not be read or the options make no sense; the message says which."""


class _TextOfHtml(LenientHTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_from_html(html: str) -> str:
    """The plain text a reader sees in a simple HTML note (paragraphs become blank lines)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip() + "\n"


# A note is at most a few hundred words; a file far larger is not one (a 1 GB file once
# took two minutes and 2 GB to "proofread"). Refused from its size, before it is read.
MAX_NOTE_BYTES = 256 * 1024


def _read(path: str, stdin: TextIO | None) -> str:
    from desktop.files import InputRefused, read_regular_file

    if path == "-":
        try:
            text = (stdin or sys.stdin).read(MAX_NOTE_BYTES + 1)
        except UnicodeDecodeError:
            raise ProofreadError("<stdin>: not UTF-8 text") from None
        if len(text) > MAX_NOTE_BYTES:
            raise ProofreadError(f"<stdin>: longer than any note ({MAX_NOTE_BYTES // 1024} kB)")
        return text
    try:
        text = read_regular_file(Path(path), MAX_NOTE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise ProofreadError(f"{path}: not a UTF-8 text file") from None
    except InputRefused as exc:
        raise ProofreadError(f"{path}: {exc}; a note is far shorter") from None
    except OSError as exc:
        raise ProofreadError(f"{path}: cannot read the note ({exc.strerror or exc})") from None
    return text_from_html(text) if path.lower().endswith((".html", ".htm")) else text


def proofread_files(
    paths: list[str],
    *,
    channel: str = "email",
    formality: str = "neutral",
    recipient: str | Sequence[str] | None = None,
    points: Sequence[str] = (),
    stdin: TextIO | None = None,
    rules: RuleSettings | None = None,
    spell_checker: SpellChecker | None = None,
    user_words: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """One ARCHITECTURE §4 result per file; several files are notes to different interviewers.

    `recipient` is one name for every file, or one name per file (same order as `paths`).
    With no `spell_checker` the offline English dictionary is loaded (once per process).
    """
    if not paths:
        raise ProofreadError("no note given: name a file, or '-' to read from standard input")
    if channel not in CHANNELS:
        raise ProofreadError(f"--channel: expected one of {', '.join(CHANNELS)}, got {channel!r}")
    if formality not in FORMALITIES:
        raise ProofreadError(
            f"--formality: expected one of {', '.join(FORMALITIES)}, got {formality!r}"
        )
    if recipient is None or isinstance(recipient, str):
        recipients = [recipient or ""] * len(paths)
    elif len(recipient) == len(paths):
        recipients = list(recipient)
    else:
        raise ProofreadError(f"{len(recipient)} recipients for {len(paths)} notes: give one each")
    if spell_checker is None:
        from desktop.compose.spelling import DictionarySpellChecker

        spell_checker = DictionarySpellChecker(variant=(rules or RuleSettings()).spelling_variant)
    cache: dict[str, str] = {}
    for path in paths:
        if path not in cache:  # stdin can be read only once
            cache[path] = _read(path, stdin)
    texts = [cache[p] for p in paths]
    results: list[dict[str, Any]] = []
    for index, (path, text) in enumerate(zip(paths, texts, strict=True)):
        others = [i for i in range(len(paths)) if i != index]
        context = NoteContext(
            channel=channel,
            formality=formality,
            recipient_name=recipients[index],
            talking_points=tuple(points),
            other_notes=tuple(texts[i] for i in others),
            other_note_labels=tuple(paths[i] for i in others),
            user_words=frozenset(w.lower() for w in user_words),
            rules=rules or RuleSettings(),
            spell_checker=spell_checker,
        )
        findings = [asdict(f) for f in proofread(text, context)]
        results.append({"file": path, "words": count_words(text), "findings": findings})
    return results


def format_findings_text(results: list[dict[str, Any]]) -> str:
    """The results for a person: one line per file, then one indented line per finding."""
    lines: list[str] = []
    for result in results:
        findings = result["findings"]
        if not findings:
            lines.append(f"{result['file']}: {result['words']} words, no problems found")
            continue
        errors = sum(1 for f in findings if f["severity"] == "error")
        lines.append(
            f"{result['file']}: {result['words']} words, {errors} error(s), "
            f"{len(findings) - errors} warning(s)"
        )
        for f in findings:
            where = f"chars {f['start']}-{f['end']}" if f["end"] > f["start"] else "whole note"
            lines.append(f"  {f['severity']:<7} {f['code']} ({where}): {f['message']}")
    return "\n".join(lines) + "\n"
