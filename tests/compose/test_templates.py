"""Every built-in note template, rendered for a formal law firm and a casual start-up."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from desktop.compose.spelling import DictionarySpellChecker
from desktop.compose.templates import (
    NoteContext,
    RenderedNote,
    TemplateLibrary,
    builtin_templates_dir,
    render_note,
)
from desktop.core import proofread as pr
from desktop.core.followups import Kind
from tests.conftest import REPO

BUILTINS = (
    "thank_you_formal",
    "thank_you_casual",
    "thank_you_next_steps",
    "check_in",
    "second_check_in",
    "addendum",
)
THANK_YOUS = ("thank_you_formal", "thank_you_casual", "thank_you_next_steps")

LAW = NoteContext(
    recipient_name="Ms. Margaret Hale",
    recipient_title="Partner",
    company="Hale & Pierce LLP",
    role="Litigation Associate",
    interview_date=date(2026, 11, 19),
    talking_points="Her clerkship story with Judge Alvarez",
    sender_name="Daniel Okafor",
    signature="Daniel Okafor\n(617) 555-0100",
    formality="formal",
    promised_response_by=date(2026, 11, 25),
    interview_kind="onsite",
)
STARTUP = NoteContext(
    recipient_name="Samuel Ortiz",
    recipient_preferred_name="Sam",
    recipient_title="Engineering Manager",
    company="Brightloop",
    role="Backend Engineer",
    interview_date=date(2026, 11, 18),
    talking_points="the Kafka outage postmortem; his dog Biscuit",
    sender_name="Daniel Okafor",
    formality="casual",
    interview_kind="video",
)


@pytest.fixture(scope="module")
def library() -> TemplateLibrary:
    return TemplateLibrary()


@pytest.fixture(scope="module")
def dictionary() -> DictionarySpellChecker:
    checker = DictionarySpellChecker()
    checker.load()
    return checker


def _proofread(
    note: RenderedNote, ctx: NoteContext, checker: DictionarySpellChecker | None = None
) -> list[pr.Finding]:
    context = pr.NoteContext(
        channel=ctx.channel,
        formality=ctx.formality,
        recipient_name=ctx.recipient_name,
        preferred_name=ctx.recipient_preferred_name,
        company=ctx.company,
        role=ctx.role,
        talking_points=[p for p in ctx.talking_points.replace(";", "\n").splitlines() if p],
        # The composer passes the user's own name as known words, as here.
        user_words=frozenset(ctx.sender_name.lower().split()),
        spell_checker=checker,
    )
    return pr.proofread(note.body_text, context)


def test_every_builtin_is_listed_in_order_with_its_kind(library: TemplateLibrary) -> None:
    infos = library.templates()
    assert [t.name for t in infos] == list(BUILTINS)
    kinds = {t.name: t.kind for t in infos}
    assert kinds["thank_you_formal"] == kinds["thank_you_next_steps"] == Kind.THANK_YOU
    assert kinds["check_in"] == Kind.CHECK_IN and kinds["second_check_in"] == Kind.SECOND_CHECK_IN
    assert all(t.title and not t.user for t in infos)


@pytest.mark.parametrize("name", BUILTINS)
@pytest.mark.parametrize("ctx", [LAW, STARTUP], ids=["law", "startup"])
def test_each_template_fills_in_the_interviewer_and_the_job(
    library: TemplateLibrary, name: str, ctx: NoteContext
) -> None:
    note = library.render(name, ctx)
    text = note.body_text
    assert note.subject and "\n" not in note.subject
    assert ctx.role in note.subject or ctx.role in text
    assert ctx.company in text
    assert ctx.role in text
    assert "Daniel Okafor" in text.splitlines()[-1] or "Daniel Okafor" in text.splitlines()[-2]
    if name != "second_check_in" or ctx is LAW:
        assert ("Thursday, November 19" if ctx is LAW else "Wednesday, November 18") in text
    assert ctx.recipient_title in text
    point = (
        "your clerkship story with Judge Alvarez" if ctx is LAW else "the Kafka outage postmortem"
    )
    assert point in text
    # The company's "&" is escaped once in HTML and shown as itself in text.
    if ctx is LAW:
        assert "Hale &amp; Pierce LLP" in note.body_html and "&amp;amp;" not in note.body_html
        assert "Hale & Pierce LLP" in note.subject or "Hale" not in note.subject


@pytest.mark.parametrize("name", ["thank_you_formal", "thank_you_next_steps", "check_in"])
def test_formal_greeting_uses_the_courtesy_title_when_known(
    library: TemplateLibrary, name: str
) -> None:
    assert library.render(name, LAW).body_text.startswith("Dear Ms. Hale,\n")
    unknown = replace(LAW, recipient_name="Margaret Hale")
    assert library.render(name, unknown).body_text.startswith("Dear Margaret Hale,\n")
    # A title field holding only "Dr." is a courtesy title, not a job title.
    doctor = replace(LAW, recipient_name="Priya Raman", recipient_title="Dr.")
    assert library.render(name, doctor).body_text.startswith("Dear Dr. Raman,\n")
    assert library.render(name, LAW).body_text.split("\n\n")[-1].startswith("Sincerely,")


def test_casual_greeting_uses_the_preferred_name(library: TemplateLibrary) -> None:
    note = library.render("thank_you_casual", STARTUP)
    assert note.body_text.startswith("Hi Sam,\n")
    assert "\nBest,\nDaniel Okafor" in note.body_text
    no_preference = replace(STARTUP, recipient_preferred_name="")
    assert library.render("check_in", no_preference).body_text.startswith("Hi Samuel,\n")


def test_neutral_company_gets_the_formal_wording_with_a_first_name(
    library: TemplateLibrary,
) -> None:
    neutral = replace(LAW, formality="neutral")
    assert library.choose("thank_you", "neutral", True) == "thank_you_formal"
    text = library.render("thank_you_formal", neutral).body_text
    assert text.startswith("Dear Margaret,\n") and "\nKind regards,\n" in text


def test_choice_follows_kind_formality_and_promised_date(library: TemplateLibrary) -> None:
    assert library.choose(Kind.THANK_YOU, "formal", True) == "thank_you_formal"
    assert library.choose(Kind.THANK_YOU, "casual", True) == "thank_you_casual"
    assert library.choose(Kind.THANK_YOU, "formal", False) == "thank_you_next_steps"
    assert library.choose(Kind.THANK_YOU, "casual", False) == "thank_you_next_steps"
    assert library.choose(Kind.CHECK_IN, "formal", True) == "check_in"
    assert library.choose(Kind.SECOND_CHECK_IN, "casual", False) == "second_check_in"
    assert library.choose(Kind.CUSTOM, "neutral", False) == "addendum"
    assert library.choose(Kind.MOVE_ON, "neutral", False) == "second_check_in"


def test_no_promised_date_asks_about_next_steps(library: TemplateLibrary) -> None:
    note = render_note("thank_you", replace(LAW, promised_response_by=None), library)
    assert "Could you let me know what the next steps are" in note.body_text
    assert "Dear Ms. Hale," in note.body_text
    promised = render_note("thank_you", LAW, library).body_text
    assert "by Wednesday, November 25" in promised and "next steps are" not in promised


def test_phone_and_video_interviews_are_spoken_not_met(library: TemplateLibrary) -> None:
    assert "time to speak with me" in library.render("thank_you_casual", STARTUP).body_text
    assert "time to meet with me" in library.render("thank_you_formal", LAW).body_text


def test_missing_talking_point_leaves_a_placeholder_proofreading_catches(
    library: TemplateLibrary,
) -> None:
    bare = replace(LAW, talking_points="", recipient_title="", interview_date=None, company="")
    for name in BUILTINS:
        note = library.render(name, bare)
        assert "[something specific you discussed]" in note.body_text
        codes = [f.code for f in _proofread(note, bare)]
        assert "placeholder" in codes, name
        assert " on ." not in note.body_text and "  " not in note.body_text


def test_talking_points_typed_by_the_user_are_escaped(library: TemplateLibrary) -> None:
    hostile = replace(STARTUP, talking_points='<script>alert(1)</script> & <b onclick="x">bold</b>')
    note = library.render("thank_you_casual", hostile)
    assert "<script" not in note.body_html and "<b onclick" not in note.body_html
    assert "&lt;script&gt;" in note.body_html
    assert '<script>alert(1)</script> & <b onclick="x">bold</b>' in note.body_text


@pytest.mark.parametrize("name", THANK_YOUS)
@pytest.mark.parametrize("ctx", [LAW, STARTUP], ids=["law", "startup"])
@pytest.mark.parametrize("channel", ["email", "card"])
def test_thank_yous_pass_proofreading(
    library: TemplateLibrary,
    dictionary: DictionarySpellChecker,
    name: str,
    ctx: NoteContext,
    channel: str,
) -> None:
    ctx = replace(ctx, channel=channel)
    if name == "thank_you_casual" and ctx.formality == "formal":
        ctx = replace(ctx, formality="casual")  # "Hi" to a law firm is rightly flagged
    note = library.render(name, ctx)
    findings = _proofread(note, ctx, dictionary)
    assert [(f.code, f.message) for f in findings] == []
    words = pr.count_words(note.body_text)
    assert words <= (90 if channel == "card" else 200)


@pytest.mark.parametrize("name", ["check_in", "second_check_in"])
def test_check_ins_pass_proofreading(
    library: TemplateLibrary, dictionary: DictionarySpellChecker, name: str
) -> None:
    for ctx in (LAW, STARTUP):
        findings = _proofread(library.render(name, ctx), ctx, dictionary)
        assert [(f.code, f.message) for f in findings] == []


def test_addendum_is_flagged_until_the_user_writes_what_they_forgot(
    library: TemplateLibrary,
) -> None:
    note = library.render("addendum", STARTUP)
    assert [f.code for f in _proofread(note, STARTUP)] == ["placeholder"]


def test_card_signature_is_the_name_not_the_email_block(library: TemplateLibrary) -> None:
    card = library.render("thank_you_formal", replace(LAW, channel="card")).body_text
    email = library.render("thank_you_formal", LAW).body_text
    assert card.endswith("Sincerely,\nDaniel Okafor\n")
    assert email.endswith("Sincerely,\nDaniel Okafor\n(617) 555-0100\n")
    assert pr.count_words(card) < pr.count_words(email)


def test_body_html_is_the_simple_subset(library: TemplateLibrary) -> None:
    import re

    for name in BUILTINS:
        html = library.render(name, LAW).body_html
        assert set(re.findall(r"</?([a-z]+)", html)) <= {"p", "br", "b", "i", "ul", "li"}


def test_builtin_dir_is_the_package_data() -> None:
    # A wheel and the bundle are checked by tests/packaging/test_wheel.py and `make smoke`.
    assert builtin_templates_dir() == REPO / "desktop" / "resources" / "templates" / "notes"


def test_importing_templates_does_not_load_jinja2() -> None:
    code = (
        "import sys, desktop.compose.templates, desktop.compose.html_clean\n"
        "print('jinja2' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "False"


def test_note_without_a_person_greets_the_hiring_team(library: TemplateLibrary) -> None:
    nobody = replace(LAW, recipient_name="", recipient_title="")
    assert library.render("check_in", nobody).body_text.startswith("Dear Hiring Team,\n")
    casual = replace(STARTUP, recipient_name="", recipient_preferred_name="")
    assert library.render("check_in", casual).body_text.startswith("Hi there,\n")


def test_a_formal_draft_greets_by_salutation_and_speaks_to_the_person():
    """'Dear Eleanor Vance,' and 'the first cross-border deal she closed' to that very
    person read wrong; the draft says 'Dear Ms. Vance,' and 'you closed', and the
    proofreader finds nothing to say about pronouns."""
    vance = replace(
        LAW,
        recipient_name="Eleanor Vance",
        recipient_salutation="Ms.",
        recipient_surname="Vance",
        talking_points="the first cross-border deal she closed; the clinic he runs on Fridays",
    )
    for name in ("thank_you_formal", "thank_you_next_steps"):
        note = TemplateLibrary().render(name, replace(vance, promised_response_by=None))
        assert note.body_text.startswith("Dear Ms. Vance,"), note.body_text
        assert "the first cross-border deal you closed" in note.body_text
        assert " she " not in note.body_text and " he " not in note.body_text
        context = pr.NoteContext(
            channel="email",
            formality="formal",
            recipient_name="Eleanor Vance",
            company=vance.company,
            role=vance.role,
            talking_points=("the first cross-border deal she closed",),
        )
        assert "third_person" not in {f.code for f in pr.proofread(note.body_text, context)}
    professor = TemplateLibrary().render(
        "thank_you_formal",
        replace(vance, recipient_salutation="Prof.", recipient_surname="van der Berg"),
    )
    assert professor.body_text.startswith("Dear Professor van der Berg,")
