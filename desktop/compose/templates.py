"""Note templates: the built-in ones (desktop/resources/templates/notes), and the user's copies.

A template is one `.j2` file holding `{% block subject %}` and `{% block body %}`, with a
leading comment giving its title and the follow-up kind it suits (its README.md).
Rendering runs in the sandbox of desktop/compose/sandbox.py; Jinja2 is imported only then.
"""

from __future__ import annotations

import html
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.compose.html_clean import clean_html, html_to_text
from desktop.compose.note_context import NoteContext, sample_context, template_variables
from desktop.errors import UserError
from desktop.files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.compose.sandbox import NoteSandbox

__all__ = [
    "NoteContext",
    "RenderedNote",
    "TemplateError",
    "TemplateInfo",
    "TemplateLibrary",
    "builtin_templates_dir",
    "render_note",
]

SUFFIX = ".j2"
BUILTIN_ORDER = (
    "thank_you_formal",
    "thank_you_casual",
    "thank_you_next_steps",
    "check_in",
    "second_check_in",
    "addendum",
)
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# Partials ("_parts") may be included by templates but are not offered as templates.
_INCLUDE_RE = re.compile(r"_?[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_HEADER_RE = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)
_FIELD_RE = re.compile(r"^\s*(title|kind):\s*(.+?)\s*$", re.MULTILINE)
_TITLE_LINE_RE = re.compile(r"^([ \t]*title:[ \t]*).*$", re.MULTILINE)
_REQUIRED_BLOCKS = ("subject", "body")


@dataclass(frozen=True)
class RenderedNote:
    subject: str
    body_html: str
    body_text: str


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    kind: str  # the follow-up kind it suits (desktop.core.followups.Kind values)
    user: bool


class TemplateError(UserError):
    """A template that cannot be found, compiled, rendered or saved; names the line if known."""

    def __init__(self, name: str, line: int | None, reason: str) -> None:
        self.name = name
        self.line = line
        self.reason = reason
        where = f"template '{name}', line {line}" if line else f"template '{name}'"
        super().__init__(f"{where}: {reason}")


def builtin_templates_dir() -> Path:
    """The built-in note templates Afterword ships (desktop/resources/templates/notes)."""
    from desktop.resources import resource_path

    return resource_path("templates", "notes")


def _check_name(name: str) -> None:
    if not _NAME_RE.fullmatch(name):
        raise TemplateError(
            name,
            None,
            "a template name is 1 to 64 letters, digits, '_' or '-', "
            "starting with a letter or digit",
        )


def _header(source: str) -> dict[str, str]:
    found = _HEADER_RE.match(source)
    return dict(_FIELD_RE.findall(found.group(1))) if found else {}


class TemplateLibrary:
    """The templates a note can be written from: user ones override built-ins of the same name."""

    def __init__(self, user_dir: Path | None = None, builtin_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.builtin_dir = builtin_dir if builtin_dir is not None else builtin_templates_dir()
        self._env: NoteSandbox | None = None

    # -- finding templates ----------------------------------------------------------------

    def _user_path(self, name: str) -> Path | None:
        if self.user_dir is None:
            return None
        path = self.user_dir / f"{name}{SUFFIX}"
        return path if path.is_file() else None

    def _path(self, name: str) -> Path | None:
        name = name.removesuffix(SUFFIX)
        if not _INCLUDE_RE.fullmatch(name):
            return None
        user = self._user_path(name)
        if user is not None:
            return user
        path = self.builtin_dir / f"{name}{SUFFIX}"
        return path if path.is_file() else None

    def _names(self, directory: Path | None) -> list[str]:
        if directory is None or not directory.is_dir():
            return []
        return sorted(p.stem for p in directory.glob(f"*{SUFFIX}") if _NAME_RE.fullmatch(p.stem))

    def templates(self) -> list[TemplateInfo]:
        """Built-ins in their usual order, then the user's own, alphabetically."""
        builtin = self._names(self.builtin_dir)
        user = set(self._names(self.user_dir))
        ordered = [n for n in BUILTIN_ORDER if n in builtin]
        ordered += [n for n in builtin if n not in ordered]
        ordered += sorted(user - set(ordered))
        out: list[TemplateInfo] = []
        for name in ordered:
            fields = _header(self.source(name))
            title = fields.get("title", name.replace("_", " ").capitalize())
            out.append(TemplateInfo(name, title, fields.get("kind", "custom"), name in user))
        return out

    def source(self, name: str) -> str:
        """The template's text (the user's copy if there is one)."""
        path = self._path(name)
        if path is None:
            raise TemplateError(name, None, "there is no template with this name")
        return path.read_text(encoding="utf-8")

    def choose(self, kind: str, formality: str, has_promised_date: bool) -> str:
        """The template a new draft of a follow-up of `kind` starts from."""
        if kind == "thank_you":
            # Without a promised answer date, the note asks about next steps (ARCHITECTURE §1).
            if not has_promised_date:
                return "thank_you_next_steps"
            # Neutral companies get the formal wording with a first-name greeting.
            return "thank_you_casual" if formality == "casual" else "thank_you_formal"
        if kind in ("check_in", "second_check_in"):
            return kind
        if kind == "move_on":
            return "second_check_in"  # a last polite note, if the user writes one at all
        return "addendum"  # custom follow-ups

    # -- rendering --------------------------------------------------------------------------

    def _load(self, name: str) -> tuple[str, str, Callable[[], bool]] | None:
        path = self._path(name)
        if path is None:
            return None
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)

        def uptodate() -> bool:
            try:
                now = path.stat()
            except OSError:
                return False
            return (now.st_mtime_ns, now.st_size) == stamp and self._path(name) == path

        return path.read_text(encoding="utf-8"), str(path), uptodate

    def _environment(self) -> NoteSandbox:
        if self._env is None:
            from desktop.compose.sandbox import NoteSandbox

            self._env = NoteSandbox(self._load)
        return self._env

    def render(self, name: str, context: NoteContext) -> RenderedNote:
        """The note `name` makes for `context`; TemplateError if the template fails."""
        blocks = self._render_blocks(name, self.source(name), context)
        # The subject is rendered with autoescape like the body; as plain text it is unescaped.
        subject = " ".join(html.unescape(blocks["subject"]).split())
        body_html = clean_html(blocks["body"])
        return RenderedNote(subject, body_html, html_to_text(body_html))

    def _render_blocks(self, name: str, source: str, context: NoteContext) -> dict[str, str]:
        from desktop.compose import sandbox

        env = self._environment()
        try:
            sandbox.check_limits(env, source, name)
            blocks = sandbox.render_blocks(env, name, template_variables(context))
        except Exception as error:  # anything a template does wrong is the template's error
            raise _template_error(name, error) from error
        missing = [b for b in _REQUIRED_BLOCKS if b not in blocks]
        if missing:
            reason = " and ".join(f"{{% block {b} %}}" for b in missing)
            raise TemplateError(name, None, f"it has no {reason}")
        return blocks

    # -- the user's own templates -----------------------------------------------------------

    def copy_to_user(self, name: str, new_name: str) -> Path:
        """Copy template `name` into the user's folder as `new_name`, ready to edit."""
        _check_name(new_name)
        directory = self._require_user_dir(new_name)
        target = directory / f"{new_name}{SUFFIX}"
        if target.exists():
            raise TemplateError(new_name, None, "you already have a template with this name")
        text = self.source(name)
        if new_name != name:
            title = new_name.replace("_", " ").replace("-", " ").capitalize()
            text = _TITLE_LINE_RE.sub(lambda m: m.group(1) + title, text, count=1)
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text, newline="")
        return target

    def save_user(self, name: str, text: str) -> None:
        """Save the user's template after trying it; on any error the old file stays as it was."""
        _check_name(name)
        directory = self._require_user_dir(name)
        self._try(name, text)
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(directory / f"{name}{SUFFIX}", text, newline="")
        if self._env is not None:
            self._env.cache.clear()  # type: ignore[union-attr]

    def _try(self, name: str, text: str) -> None:
        """Compile and render `text` with sample data, without touching any file."""
        self.preview(name, text, sample_context())

    def preview(self, name: str, text: str, context: NoteContext) -> RenderedNote:
        """The note template text `text` (not saved) makes for `context`, as `render` would;
        TemplateError when it does not work."""
        from desktop.compose.sandbox import NoteSandbox

        def load(wanted: str) -> tuple[str, str, Callable[[], bool]] | None:
            if wanted.removesuffix(SUFFIX) == name:
                return text, f"<{name}>", lambda: False
            return self._load(wanted)

        trial = TemplateLibrary(self.user_dir, self.builtin_dir)
        trial._env = NoteSandbox(load)
        blocks = trial._render_blocks(name, text, context)
        subject = " ".join(html.unescape(blocks["subject"]).split())
        body_html = clean_html(blocks["body"])
        return RenderedNote(subject, body_html, html_to_text(body_html))

    def _require_user_dir(self, name: str) -> Path:
        if self.user_dir is None:
            raise TemplateError(name, None, "there is no folder for your own templates")
        return self.user_dir


def _template_error(name: str, error: Exception) -> TemplateError:
    """TemplateError naming the innermost template line the error happened on."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    if isinstance(error, TemplateSyntaxError):
        where = Path(error.filename).stem if error.filename else (error.name or name)
        return TemplateError(where.strip("<>"), error.lineno, error.message or "syntax error")
    line: int | None = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith(SUFFIX) or filename == f"<{name}>":
            line = lineno
            name = Path(filename).stem.strip("<>")
    if isinstance(error, TemplateNotFound):
        reason = f"there is no template '{error.name}' to include"
    elif isinstance(error, (SecurityError, OverflowError)):
        reason = f"blocked by the sandbox: {error}"
    elif isinstance(error, RecursionError):
        reason = "it calls itself without end"
    else:
        message = getattr(error, "message", None) or str(error)
        reason = message if message else type(error).__name__
    return TemplateError(name, line, reason)


def render_note(
    kind: str, context: NoteContext, library: TemplateLibrary | None = None
) -> RenderedNote:
    """The first draft for a follow-up of `kind`, from the template that suits it."""
    library = library or TemplateLibrary()
    name = library.choose(kind, context.formality, context.promised_response_by is not None)
    return library.render(name, context)
