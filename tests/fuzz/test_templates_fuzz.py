"""Random and mutated user templates: saving or rendering one fails only with TemplateError,
never hangs, and a refused edit never replaces the copy that works."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.compose.templates import (
    NoteContext,
    TemplateError,
    TemplateLibrary,
    builtin_templates_dir,
)
from tests.conftest import examples

CTX = NoteContext(
    recipient_name="Margaret Hale",
    recipient_preferred_name="Meg",
    recipient_title="Partner",
    company="Hale & Pierce LLP",
    role="Associate",
    talking_points="her clerkship story",
    sender_name="Ada Lovelace",
    signature="Ada Lovelace\n555-0100",
    formality="formal",
)
# The sandbox stops a template after 2 s; the rest is compiling and cleaning the output.
SECONDS_PER_CALL = 4.0
BUILTINS = sorted(p.name for p in builtin_templates_dir().glob("*.j2"))
BODY = "{% block body %}<p>Thank you.</p>{% endblock %}"
GOOD = "{% block subject %}Thanks{% endblock %}" + BODY

TOKENS = [
    "{%", "%}", "{{", "}}", "{#", "#}", "{%-", "-%}", " ", "\n", "block", "endblock",
    "subject", "body", "for", "endfor", "in", "if", "endif", "else", "set", "macro",
    "endmacro", "call", "endcall", "extends", "include", "import", "raw", "endraw", "filter",
    "endfilter", "recursive", "loop", "loop(", "caller()", "super()", "self", "namespace()",
    "range(", "999", "1000", "-1", "0", ")", "(", "[", "]", ",", "=", "|", "~", "*", "**",
    "+", "%", ".", "'", '"', "x", "f(", "f", "'addendum'", "'_parts'", "'thank_you_formal'",
    "recipient_name", "greeting", "signature", "talking_point", "join", "replace(", "upper",
    "sort", "nl2br", "safe", "__class__", "mro", "format", "attr(", "<script>", "<p>", "</p>",
    "é", "\u202e", "\U0001f600", "\x00",
]  # fmt: skip
HOSTILE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ range.__globals__ }}",
    "{{ 'a' * 99999 }}",
    "{{ 9 ** 99999 }}",
    "{{ '%999999s' % 'x' }}",
    "{{ 'a'.replace('a', 'aaaaaaaaaa') }}",
    "{{ 'x'|replace('x', 'x' * 9999) }}",
    "{% for i in range(1000) %}{% for j in range(1000) %}ab{% endfor %}{% endfor %}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "{% for c in 'a' * 9999 %}{% for d in 'a' * 9999 %}{% endfor %}{% endfor %}",
    "{% include 'x' %}",
    "{% extends 'thank_you_formal' %}",
    "{% import 'addendum' as a %}{{ a }}",
    "{{ lipsum() }}{{ cycler(1,2).next() }}",
    "{% set ns = namespace(a=1) %}{% set ns.a = ns.a ~ ns.a %}{{ ns.a }}",
]


@pytest.fixture(scope="module")
def user_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="afterword-fuzz-templates-") as folder:
        yield Path(folder)


def _timed(call: object, *args: object) -> object:
    start = time.monotonic()
    try:
        return call(*args)  # type: ignore[operator]
    finally:
        elapsed = time.monotonic() - start
        assert elapsed < SECONDS_PER_CALL, f"a template held the window for {elapsed:.1f} s"


def save_and_render(library: TemplateLibrary, name: str, text: str) -> None:
    """The promise: TemplateError or a rendered note, the working copy kept on error."""
    library.save_user(name, GOOD)
    try:
        _timed(library.save_user, name, text)
    except TemplateError as error:
        assert str(error).startswith("template '")
        assert library.source(name) == GOOD  # the working copy was not replaced
        return
    assert library.source(name) == text
    try:
        note = _timed(library.render, name, CTX)
    except TemplateError:
        return
    assert "<script" not in note.body_html.lower()  # type: ignore[attr-defined]


@st.composite
def token_soup(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(TOKENS + HOSTILE), max_size=40))
    return "".join(parts)


@st.composite
def mutated_builtin(draw: st.DrawFn) -> str:
    """A built-in template with a few tokens inserted, pieces cut or lines dropped."""
    text = (builtin_templates_dir() / draw(st.sampled_from(BUILTINS))).read_text()
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "drop_line", "hostile"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
        elif action == "drop_line":
            lines = text.splitlines(keepends=True)
            del lines[at % max(len(lines), 1) : at % max(len(lines), 1) + 1]
            text = "".join(lines)
        else:
            text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
    return text


FUZZ = settings(
    max_examples=examples(60),
    deadline=None,  # each call is timed by _timed instead (a slow machine must not flake)
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(text=token_soup())
def test_token_soup_gives_only_template_errors(user_dir: Path, text: str) -> None:
    save_and_render(TemplateLibrary(user_dir=user_dir), "fuzzed", text)


@FUZZ
@given(text=mutated_builtin())
def test_mutated_builtins_give_only_template_errors(user_dir: Path, text: str) -> None:
    save_and_render(TemplateLibrary(user_dir=user_dir), "mutated", text)


@FUZZ
@given(text=st.text(max_size=300))
def test_any_text_gives_only_template_errors(user_dir: Path, text: str) -> None:
    save_and_render(TemplateLibrary(user_dir=user_dir), "anything", text)


@pytest.mark.parametrize(
    "busy",
    [
        # Found while writing these tests: they print nothing until done, so the clock on
        # the output never looked. A macro calling itself twice 24 deep ran 98 s (40 deep:
        # for ever); two loops of 3,000 inside a macro ran 11 s, building 9 MB of output.
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "{% macro m() %}{% for c in 'a' * 9999 %}{% for d in 'a' * 9999 %}{{ c }}"
        "{% endfor %}{% endfor %}{% endmacro %}{{ m()|length }}",
        "{% for c in 'a' * 9999 %}{% for d in 'a' * 9999 %}{% endfor %}{% endfor %}",
    ],
    ids=["macro-doubling", "loops-in-a-macro", "empty-loops"],
)
def test_a_template_that_works_without_printing_is_stopped_in_time(
    user_dir: Path, busy: str
) -> None:
    library = TemplateLibrary(user_dir=user_dir)
    library.save_user("busy", GOOD)
    start = time.monotonic()
    with pytest.raises(TemplateError, match="took more than 2 seconds"):
        library.save_user("busy", "{% block subject %}" + busy + "{% endblock %}" + BODY)
    assert time.monotonic() - start < SECONDS_PER_CALL
    assert library.source("busy") == GOOD


@settings(max_examples=examples(100), deadline=None)
@given(
    name=st.one_of(
        st.text(max_size=70),
        st.sampled_from(["../evil", "/tmp/x", "a/b", ".j2", "_parts", "CON", "a" * 65]),
    )
)
def test_any_template_name_is_saved_inside_the_folder_or_refused(name: str) -> None:
    with tempfile.TemporaryDirectory(prefix="afterword-fuzz-names-") as root:
        user_dir = Path(root) / "templates"
        library = TemplateLibrary(user_dir=user_dir)
        try:
            library.save_user(name, GOOD)
        except TemplateError:
            assert not user_dir.exists() or not any(user_dir.iterdir())
            return
        [saved] = list(Path(root).rglob("*.j2"))
        assert saved.parent == user_dir and saved.name == f"{name}.j2"
