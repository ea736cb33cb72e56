"""Proofreading any text (emoji, right-to-left, combining marks, lone surrogates from a broken
paste): no crash, and every finding points inside the text, so the editor can underline it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.core.proofread import NoteContext, proofread
from tests.conftest import examples
from tests.helpers.notes import CASUAL, CASUAL_NOTE, FORMAL, FORMAL_NOTE

CODES = {
    "missing_gratitude", "missing_appreciation", "missing_enthusiasm", "no_specific_reference",
    "too_long", "exclamations", "emoji", "spelling", "recipient_name", "informal_greeting",
    "placeholder", "duplicate_note", "third_person",
}  # fmt: skip
SPECIAL = [
    "\ud800", "\udfff", "\ud83d", "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\u2764\ufe0f",
    "\U0001f1fa\U0001f1f8", "\u202e", "\u202d", "\u200f", "\u200e", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627", "e\u0301", "\u0301", "\ufeff", "\u00a0", "\u2019", "'",
    "!", "!!!", "\uff01", "[", "]", "{{", "}}", "Dear", "Hi", "Ms.", "Hale", "Margaret", "Sam",
    "thank", "Thanks", "enjoyed", "excited", "clerkship", "teh", "recieve", "\n", "\r\n", "\t",
    " ", ".", ",", "-", "\x00", "\u0130", "\u00df", "\ufb01", "\u2126", "\U00010400",
]  # fmt: skip
unicode_text = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=60).map(
    "".join
)


def assert_findings_fit(text: str, context: NoteContext) -> None:
    for finding in proofread(text, context):
        assert 0 <= finding.start <= finding.end <= len(text), (finding, len(text))
        assert finding.code in CODES
        assert finding.severity in ("error", "warning")
        assert finding.message.strip()


@st.composite
def mutated_note(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([FORMAL_NOTE, CASUAL_NOTE]))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(SPECIAL)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
    return text


FUZZ = settings(max_examples=examples(120), deadline=None)


@FUZZ
@given(text=unicode_text, formal=st.booleans(), card=st.booleans())
def test_any_text_gives_findings_inside_it(text: str, formal: bool, card: bool) -> None:
    context = FORMAL if formal else CASUAL
    assert_findings_fit(text, replace(context, channel="card" if card else "email"))


@FUZZ
@given(text=mutated_note(), formal=st.booleans())
def test_mutated_notes_give_findings_inside_them(text: str, formal: bool) -> None:
    assert_findings_fit(text, FORMAL if formal else CASUAL)


@settings(max_examples=examples(80), deadline=None)
@given(
    text=unicode_text,
    name=unicode_text,
    preferred=st.text(max_size=10),
    points=st.lists(unicode_text, max_size=3),
    others=st.lists(st.one_of(unicode_text, mutated_note()), max_size=2),
)
# Found by this test: "Hi" to a formal recipient whose name has no Latin letters (李明) or
# only a title ("Ms.") raised IndexError.
@example(text="Hi Li,", name="李明", preferred="", points=[], others=[])
@example(text="Hi", name="Ms.", preferred="", points=[], others=[])
def test_odd_names_points_and_other_notes_are_fine_too(
    text: str, name: str, preferred: str, points: list[str], others: list[str]
) -> None:
    context = replace(
        FORMAL,
        recipient_name=name,
        preferred_name=preferred,
        company=name[:10],
        talking_points=tuple(points),
        other_notes=tuple(others),
        other_note_labels=tuple(f"to #{i}" for i in range(len(others))),
    )
    assert_findings_fit(text, context)
    assert_findings_fit(FORMAL_NOTE, context)
