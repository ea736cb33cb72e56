"""Broken and hostile templates: a clear error naming the line, never Python internals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.compose.templates import NoteContext, TemplateError, TemplateLibrary

CTX = NoteContext(recipient_name="Margaret Hale", company="Hale & Pierce LLP", role="Associate")
HEADER = "{# title: Mine\n   kind: thank_you #}\n"


def _library(tmp_path: Path, **files: str) -> TemplateLibrary:
    user = tmp_path / "templates"
    user.mkdir(exist_ok=True)
    for name, text in files.items():
        (user / f"{name}.j2").write_text(text, encoding="utf-8")
    return TemplateLibrary(user_dir=user)


def _body(inner: str) -> str:
    return (
        HEADER
        + "{% block subject %}Hi{% endblock %}\n{% block body %}\n"
        + inner
        + "\n{% endblock %}\n"
    )


def _error(tmp_path: Path, inner: str) -> TemplateError:
    library = _library(tmp_path, bad=_body(inner))
    with pytest.raises(TemplateError) as caught:
        library.render("bad", CTX)
    return caught.value


def test_undefined_variable_names_the_line_and_the_variable(tmp_path: Path) -> None:
    error = _error(tmp_path, "<p>{{ greeting }},</p>\n<p>{{ recipient.nickname }}</p>")
    assert error.name == "bad"
    assert error.line == 6
    assert error.reason == "'recipient' is undefined"
    assert str(error) == "template 'bad', line 6: 'recipient' is undefined"


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "<p>ok</p>\n{% if greeting %}\n<p>never closed</p>")
    assert error.line is not None and error.line >= 5
    assert "endif" in error.reason or "end of template" in error.reason
    assert str(error).startswith(f"template 'bad', line {error.line}: ")


def test_runtime_error_in_template_is_reported_not_raised_raw(tmp_path: Path) -> None:
    error = _error(tmp_path, "<p>{{ 1 / 0 }}</p>")
    assert error.line == 5 and "division by zero" in error.reason


def test_unknown_template_and_missing_blocks(tmp_path: Path) -> None:
    library = _library(tmp_path, noblocks=HEADER + "<p>Just a body</p>\n")
    with pytest.raises(TemplateError, match="no template with this name"):
        library.render("nonexistent", CTX)
    with pytest.raises(TemplateError, match=r"no \{% block subject %\} and \{% block body %\}"):
        library.render("noblocks", CTX)
    with pytest.raises(TemplateError, match=r"no template '_missing\.j2' to include"):
        _library(tmp_path, inc=_body('{% include "_missing.j2" %}')).render("inc", CTX)


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ greeting._private }}",
        "{{ greeting['__class__'] }}",
        "{% if ''.__class__ %}x{% endif %}",
        "{{ talking_points.append(1) }}",
        "{{ '{0.__class__}'.format(greeting) }}",
        "{{ '%s' % greeting }}",
        "{{ range.__self__ }}",
    ],
)
def test_sandbox_escapes_are_refused(tmp_path: Path, attempt: str) -> None:
    error = _error(tmp_path, f"<p>{attempt}</p>")
    assert error.line == 5  # the line the attempt is on
    # Either the sandbox says no, or the name simply does not exist for a template.
    assert (
        error.reason.startswith("blocked by the sandbox:")
        and ("unsafe" in error.reason or "not available" in error.reason)
    ) or "has no attribute" in error.reason, error.reason


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ range(10**9) }}",
        "{% for i in range(100000) %}{% endfor %}",
        "{{ 'x' * 10**9 }}",
        "{{ [1] * 1000000000 }}",
        "{{ 2 ** 100000 }}",
        "{{ (10 ** 100) ** 100 }}",
        "{{ 'x'.center(1000000000) }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ 'x'|center(1000000000) }}",
        "{{ 'ab'|replace('a', 'a' * 9000)|replace('a', 'a' * 9000) }}",
        "{% set s = 'x' * 9000 %}{{ s + s }}",
        "{% for a in range(10) %}{% for b in range(10) %}{% for c in range(10) %}{% endfor %}"
        "{% endfor %}{% endfor %}",
        "{{ lipsum(1000000) }}",
        "{% for a in range(1000) %}{% for b in range(1000) %}{{ a }}{% endfor %}{% endfor %}",
    ],
)
def test_resource_abuse_is_refused_quickly(tmp_path: Path, attempt: str) -> None:
    started = time.monotonic()
    error = _error(tmp_path, f"<p>{attempt}</p>")
    assert time.monotonic() - started < 2
    # Output limits stop the template between lines; everything else names its line.
    assert error.line == 5 or "printed more than" in error.reason
    assert (
        error.reason.startswith("blocked by the sandbox:")
        or "no filter named" in error.reason.lower()
        or "'lipsum' is undefined" in error.reason
        or "printed more than" in error.reason
    ), error.reason


def test_allowed_template_features_still_work(tmp_path: Path) -> None:
    text = _body(
        "{% set parts = namespace(n=0) %}"
        "{% for p in talking_points %}{% set parts.n = parts.n + 1 %}{% endfor %}"
        "<p>{{ name|upper }} {{ parts.n }} {{ 'x' * 3 }} {{ range(3)|join(',') }}"
        " {{ company.lower() }} {{ (talking_points|first|default('none')) }}</p>"
    )
    ctx = NoteContext(recipient_name="Margaret Hale", company="Brightloop", talking_points="a\nb")
    note = _library(tmp_path, ok=text).render("ok", ctx)
    assert note.body_text == "MARGARET 2 xxx 0,1,2 brightloop a\n"


def test_template_html_is_cleaned(tmp_path: Path) -> None:
    text = _body(
        '<p onclick="steal()">Hi <img src="https://tracker.example/p.gif">'
        '<a href="javascript:alert(1)">there</a>{{ "<i>x</i>"|safe }}</p><script>bad()</script>'
    )
    note = _library(tmp_path, hostile=text).render("hostile", CTX)
    assert note.body_html == "<p>Hi there<i>x</i></p>"
