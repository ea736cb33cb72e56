"""The user's own templates: copies, overrides, and edits that are refused without loss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.compose.templates import NoteContext, TemplateError, TemplateLibrary
from desktop.platform.paths import resolve_paths

CTX = NoteContext(
    recipient_name="Samuel Ortiz",
    recipient_preferred_name="Sam",
    company="Brightloop",
    role="Backend Engineer",
    talking_points="the Kafka outage",
    sender_name="Daniel Okafor",
    formality="casual",
)


@pytest.fixture
def library(data_dir: Path) -> TemplateLibrary:
    return TemplateLibrary(user_dir=resolve_paths(data_dir).user_templates)


def test_user_folder_is_not_created_until_something_is_saved(
    library: TemplateLibrary, data_dir: Path
) -> None:
    assert library.user_dir is not None
    assert library.templates()[0].name == "thank_you_formal"
    library.render("thank_you_casual", CTX)
    assert not library.user_dir.exists()
    assert os.listdir(data_dir) == []


def test_copy_then_edit_overrides_the_builtin(library: TemplateLibrary) -> None:
    assert "Thanks so much" in library.render("thank_you_casual", CTX).body_text  # now cached
    path = library.copy_to_user("thank_you_casual", "thank_you_casual")
    assert path == library.user_dir / "thank_you_casual.j2"  # type: ignore[operator]
    edited = library.source("thank_you_casual").replace("Thanks so much", "Many thanks")
    library.save_user("thank_you_casual", edited)
    note = library.render("thank_you_casual", CTX)
    assert "Many thanks for taking the time" in note.body_text
    infos = {t.name: t for t in library.templates()}
    assert infos["thank_you_casual"].user and not infos["thank_you_formal"].user
    assert len(infos) == 6  # an override is not a seventh template
    # Another library over the same folder (the window reopened) sees the same.
    again = TemplateLibrary(user_dir=library.user_dir)
    assert "Many thanks" in again.render("thank_you_casual", CTX).body_text


def test_copy_under_a_new_name_is_a_new_template(library: TemplateLibrary) -> None:
    library.copy_to_user("check_in", "gentle_nudge")
    infos = {t.name: t for t in library.templates()}
    assert infos["gentle_nudge"].user
    assert infos["gentle_nudge"].title == "Gentle nudge"
    assert infos["gentle_nudge"].kind == "check_in"
    assert not infos["check_in"].user
    assert (
        library.render("gentle_nudge", CTX).body_text == library.render("check_in", CTX).body_text
    )


@pytest.mark.parametrize(
    "bad", ["", "../evil", "a/b", ".hidden", "_partial", "x" * 65, "nöte", "a b"]
)
def test_bad_names_are_refused(library: TemplateLibrary, bad: str) -> None:
    with pytest.raises(TemplateError, match="template name is 1 to 64 letters"):
        library.copy_to_user("check_in", bad)
    with pytest.raises(TemplateError):
        library.save_user(bad, library.source("check_in"))
    assert not library.user_dir.exists()  # type: ignore[union-attr]


def test_copy_does_not_overwrite_an_existing_template(library: TemplateLibrary) -> None:
    library.copy_to_user("check_in", "mine")
    library.save_user(
        "mine", library.source("mine").replace("I hope you are well.", "Hello again.")
    )
    with pytest.raises(TemplateError, match="already have a template"):
        library.copy_to_user("thank_you_formal", "mine")
    assert "Hello again." in library.source("mine")


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("{% block body %}<p>{{ greeting }</p>{% endblock %}", "unexpected '}'"),
        ("{% block body %}<p>{{ nickname }}</p>{% endblock %}", "'nickname' is undefined"),
        ("{% block body %}{{ ''.__class__.__mro__ }}{% endblock %}", "blocked by the sandbox"),
        ("<p>no body block</p>", "no {% block body %}"),
    ],
)
def test_bad_edit_is_refused_and_the_old_file_kept(
    library: TemplateLibrary, broken: str, reason: str
) -> None:
    path = library.copy_to_user("thank_you_casual", "mine")
    library.save_user("mine", library.source("mine").replace("Thanks so much", "Many thanks"))
    before = path.read_bytes()
    with pytest.raises(TemplateError) as caught:
        library.save_user("mine", "{% block subject %}x{% endblock %}\n" + broken)
    assert reason in str(caught.value)
    assert caught.value.name == "mine"
    assert path.read_bytes() == before
    assert "Many thanks" in library.render("mine", CTX).body_text
    assert sorted(p.name for p in path.parent.iterdir()) == ["mine.j2"]  # no temp files left


def test_error_line_points_into_the_edited_text(library: TemplateLibrary) -> None:
    text = "{% block subject %}x{% endblock %}\n{% block body %}\n<p>ok</p>\n<p>{{ nope }}</p>\n{% endblock %}"
    with pytest.raises(TemplateError) as caught:
        library.save_user("fresh", text)
    assert (caught.value.line, caught.value.reason) == (4, "'nope' is undefined")
    assert not (library.user_dir / "fresh.j2").exists()  # type: ignore[operator]


def test_without_a_user_folder_saving_is_refused() -> None:
    library = TemplateLibrary()
    with pytest.raises(TemplateError, match="no folder for your own templates"):
        library.copy_to_user("check_in", "mine")


def test_user_template_may_extend_a_builtin_and_change_one_block(library: TemplateLibrary) -> None:
    library.save_user(
        "short_subject",
        '{# title: Short subject\n   kind: thank_you #}{% extends "thank_you_casual" %}'
        "{% block subject %}Thanks, {{ name }}{% endblock %}",
    )
    note = library.render("short_subject", CTX)
    assert note.subject == "Thanks, Sam"
    assert note.body_text == library.render("thank_you_casual", CTX).body_text
    assert {t.name: t.kind for t in library.templates()}["short_subject"] == "thank_you"


def test_template_extending_itself_is_refused(library: TemplateLibrary) -> None:
    with pytest.raises(TemplateError, match="calls itself without end"):
        library.save_user("loop", '{% extends "loop" %}')
