"""Each finding code: a note that must trigger it, with offsets on the offending text."""

from __future__ import annotations

import pytest

from desktop.core.proofread import CODES, NoteContext, count_words, proofread
from desktop.core.settings import RuleSettings
from tests.helpers.notes import CASUAL, CASUAL_NOTE, FORMAL, FORMAL_NOTE, check, codes, only


def spans(text: str, findings: list) -> list[str]:
    return [text[f.start : f.end] for f in findings]


def test_well_written_notes_trigger_nothing() -> None:
    assert check(FORMAL_NOTE, FORMAL) == []
    assert check(CASUAL_NOTE, CASUAL) == []
    # The same notes through the other channel, and without a spell checker.
    assert check(FORMAL_NOTE, FORMAL, channel="email", spell_checker=None) == []
    assert check(CASUAL_NOTE, CASUAL, channel="card", formality="neutral") == []


def test_every_code_is_listed_once() -> None:
    assert len(set(CODES)) == len(CODES) == 13


def test_missing_gratitude() -> None:
    text = FORMAL_NOTE.replace("Thank you for taking the time to meet", "I met")
    (f,) = only(check(text, FORMAL), "missing_gratitude")
    assert (f.start, f.end, f.severity) == (0, 0, "warning")
    assert "Thank Margaret" in f.message and "e.g." in f.message
    assert codes(check(text, FORMAL)) == ["missing_gratitude"]


def test_appreciating_the_time_counts_as_gratitude() -> None:
    text = FORMAL_NOTE.replace("Thank you for taking the time", "I appreciate your time")
    assert check(text, FORMAL) == []


def test_missing_appreciation() -> None:
    text = FORMAL_NOTE.replace(
        "I especially enjoyed hearing about your clerkship", "Your clerkship"
    )
    (f,) = only(check(text, FORMAL), "missing_appreciation")
    assert "Litigation Associate" in f.message and (f.start, f.end) == (0, 0)
    assert codes(check(text, FORMAL)) == ["missing_appreciation"]


def test_missing_enthusiasm() -> None:
    text = FORMAL_NOTE.replace(
        "Our conversation confirmed my enthusiasm for the role, and I look forward to hearing about next steps.",
        "Please let me know about next steps.",
    )
    (f,) = only(check(text, FORMAL), "missing_enthusiasm")
    assert "Hale & Pierce LLP" in f.message
    assert codes(check(text, FORMAL)) == ["missing_enthusiasm"]


def test_no_specific_reference_names_the_interviewer_and_a_point() -> None:
    text = FORMAL_NOTE.replace("your clerkship", "the work of the firm")
    (f,) = only(check(text, FORMAL), "no_specific_reference")
    assert f.message == (
        "Mention something specific you discussed with Margaret — e.g. 'your clerkship story'"
    )
    assert codes(check(text, FORMAL)) == ["no_specific_reference"]


def test_specific_reference_matches_word_forms_of_any_point() -> None:
    text = CASUAL_NOTE.replace("handled the Kafka outage — the postmortem culture", "grows")
    assert "no_specific_reference" in codes(check(text, CASUAL))
    paired = text.replace("grows", "paired with engineers every Friday")
    assert "no_specific_reference" not in codes(check(paired, CASUAL))


def test_company_words_in_a_point_prove_nothing_specific() -> None:
    context = NoteContext(company="Brightloop", talking_points=("Brightloop roadmap",))
    assert "no_specific_reference" not in codes(proofread("Brightloop roadmap", context))
    assert "no_specific_reference" in codes(proofread("I like Brightloop a lot.", context))


def test_too_long_for_a_card_points_at_the_words_past_the_limit() -> None:
    extra = " ".join(f"word{i}" for i in range(60))
    text = FORMAL_NOTE.replace("Sincerely,", f"{extra}\n\nSincerely,")
    findings = check(text, FORMAL, spell_checker=None)
    (f,) = only(findings, "too_long")
    words = count_words(text)
    assert words > 90 and f"At {words} words this card is {words - 90} over" in f.message
    assert text[: f.start].split()[-1] != "" and count_words(text[: f.start]) == 90
    assert f.end == len(text.rstrip())
    # The same note is fine as an email (limit 200).
    assert "too_long" not in codes(check(text, FORMAL, channel="email", spell_checker=None))


def test_length_limit_comes_from_the_settings() -> None:
    rules = RuleSettings(email_max_words=20)
    assert "too_long" in codes(check(CASUAL_NOTE, CASUAL, rules=rules))


def test_exclamations_beyond_the_allowance() -> None:
    text = CASUAL_NOTE.replace("so much for", "so much!! for").replace("pipeline.", "pipeline!")
    findings = only(check(text, CASUAL), "exclamations")
    assert spans(text, findings) == ["!!", "!", "!"]
    assert "4 exclamation marks; keep at most 1" in findings[0].message
    assert codes(check(text, CASUAL, rules=RuleSettings(max_exclamations=4))) == ["exclamations"]


def test_a_formal_note_has_no_exclamation_mark_at_all() -> None:
    text = FORMAL_NOTE.replace("about next steps.", "about next steps!")
    (f,) = only(check(text, FORMAL), "exclamations")
    assert spans(text, [f]) == ["!"]
    assert f.message.startswith("A formal note has no exclamation marks")
    assert "exclamations" not in codes(check(text, FORMAL, formality="neutral"))


def test_the_recipient_spoken_of_in_the_third_person() -> None:
    text = FORMAL_NOTE.replace(
        "how it shaped the way you approach appellate briefs",
        "the first cross-border deal she closed, and the clinic he runs on Fridays",
    )
    found = only(check(text, FORMAL), "third_person")
    assert spans(text, found) == ["she", "he"]
    assert "this note is to them" in found[0].message and "Margaret" in found[0].message
    # Someone else named in the sentence: "her" may be theirs, so nothing is said.
    other = FORMAL_NOTE.replace(
        "how it shaped the way you approach appellate briefs",
        "how Judge Alvarez ran her chambers",
    )
    assert "third_person" not in codes(check(other, FORMAL))


def test_one_exclamation_is_allowed_but_not_a_run() -> None:
    assert check(CASUAL_NOTE, CASUAL) == []
    text = CASUAL_NOTE.replace("next steps!", "next steps!!")
    assert spans(text, only(check(text, CASUAL), "exclamations")) == ["!!"]


@pytest.mark.parametrize("emoji", ["😊", "👍🏽", "👩‍💻", "❤️", ":)", ";-)", ":D", "<3", "🇺🇸"])
def test_emoji_and_emoticons(emoji: str) -> None:
    text = CASUAL_NOTE.replace("next steps!", f"next steps! {emoji}")
    (f,) = only(check(text, CASUAL), "emoji")
    assert text[f.start : f.end] == emoji and f.severity == "warning"
    assert codes(check(text, CASUAL)) == ["emoji"]


def test_emoji_is_an_error_for_a_formal_company() -> None:
    text = FORMAL_NOTE.replace("next steps.", "next steps. 🙂")
    (f,) = only(check(text, FORMAL), "emoji")
    assert f.severity == "error"


def test_times_and_colons_are_not_emoticons() -> None:
    text = CASUAL_NOTE.replace("today", "today at 3:30 (ref: Dana)")
    assert "emoji" not in codes(check(text, CASUAL, spell_checker=None))


def test_spelling_points_at_the_misspelled_word() -> None:
    text = FORMAL_NOTE.replace("appellate briefs", "apellate breifs")
    findings = only(check(text, FORMAL), "spelling")
    assert spans(text, findings) == ["apellate", "breifs"]
    assert "add it to your dictionary" in findings[0].message
    assert codes(check(text, FORMAL)) == ["spelling", "spelling"]


def test_spelling_ignores_names_company_role_points_and_user_words() -> None:
    context = NoteContext(
        recipient_name="Siobhan Nakashima-Oyelaran",
        company="Qwyntrix",
        role="Zorbist",
        talking_points=("the Flubbertonic ledger",),
        user_words=frozenset({"Okafor"}),
        spell_checker=FORMAL.spell_checker,
    )
    text = (
        "Dear Siobhan Nakashima-Oyelaran, thank you. The Zorbist role at Qwyntrix and the "
        "Flubbertonic ledger, Siobhan's idea, excite me. Okafor, OKR, mail me at dok@exmpl.com."
    )
    assert "spelling" not in codes(proofread(text, context))
    findings = proofread(text.replace("Okafor", "Okafro"), context)
    assert spans(text.replace("Okafor", "Okafro"), only(findings, "spelling")) == ["Okafro"]


def test_spelling_is_skipped_without_a_checker() -> None:
    text = FORMAL_NOTE.replace("appellate", "apellate")
    assert check(text, FORMAL, spell_checker=None) == []


@pytest.mark.parametrize(
    ("greeting", "wrong"),
    [("Dear Ms. Hael,", "Hael"), ("Dear Margret,", "Margret"), ("Dear Ms Haley,", "Haley")],
)
def test_recipient_name_misspelled_in_the_greeting(greeting: str, wrong: str) -> None:
    text = FORMAL_NOTE.replace("Dear Ms. Hale,", greeting)
    findings = check(text, FORMAL)
    (f,) = only(findings, "recipient_name")
    assert text[f.start : f.end] == wrong and f.severity == "error"
    assert "contact record for Margaret Hale" in f.message
    assert codes(findings) == ["recipient_name"]


def test_recipient_name_of_another_person_in_the_greeting() -> None:
    text = FORMAL_NOTE.replace("Dear Ms. Hale,", "Dear Mr. Bennett,")
    (f,) = only(check(text, FORMAL), "recipient_name")
    assert text[f.start : f.end] == "Bennett"
    assert "addressed to 'Bennett', but this note is for Margaret Hale" in f.message


def test_recipient_name_misspelled_in_the_body() -> None:
    text = FORMAL_NOTE.replace("your clerkship", "Ms. Hael's clerkship")
    (f,) = only(check(text, FORMAL), "recipient_name")
    assert text[f.start : f.end] == "Hael"
    # A dictionary word near the name is left alone unless it is used as a name.
    hall = FORMAL_NOTE.replace("on Thursday", "at City Hall on Thursday")
    assert check(hall, FORMAL) == []


def test_preferred_name_and_generic_greetings_are_fine() -> None:
    assert check(CASUAL_NOTE.replace("Hi Sam,", "Hi Samuel,"), CASUAL) == []
    assert "recipient_name" not in codes(
        check(FORMAL_NOTE.replace("Ms. Hale", "Hiring Team"), FORMAL)
    )


def test_informal_greeting_for_a_formal_company() -> None:
    text = FORMAL_NOTE.replace("Dear Ms. Hale,", "Hey Margaret,")
    (f,) = only(check(text, FORMAL), "informal_greeting")
    assert text[f.start : f.end] == "Hey"
    assert "'Dear Ms./Mr. Hale,'" in f.message and "Hale & Pierce LLP" in f.message
    assert codes(check(text, FORMAL)) == ["informal_greeting"]
    assert check(text, FORMAL, formality="neutral") == []


@pytest.mark.parametrize(
    "placeholder", ["{{ interviewer }}", "[Name]", "<company>", "XXX", "TODO", "{% if x %}"]
)
def test_placeholder(placeholder: str) -> None:
    text = FORMAL_NOTE.replace("on Thursday", f"on {placeholder}")
    (f,) = only(check(text, FORMAL), "placeholder")
    assert text[f.start : f.end] == placeholder and f.severity == "error"
    assert placeholder in f.message
    assert codes(check(text, FORMAL)) == ["placeholder"]


def test_duplicate_note_ignores_the_names() -> None:
    other = FORMAL_NOTE.replace("Ms. Hale", "Mr. Bennett").replace(
        "your clerkship", "Ms. Hale's clerkship"
    )
    (f,) = only(
        check(FORMAL_NOTE, FORMAL, other_notes=(other,), other_note_labels=("to Bennett",)),
        "duplicate_note",
    )
    assert "the same as the note to Bennett" in f.message and f.severity == "error"
    assert FORMAL_NOTE[f.start : f.end].startswith("Thank you for taking")
    rewritten = (
        "Dear Ms. Hale,\n\nThank you for our talk on Thursday. Hearing about your clerkship "
        "taught me a great deal about appellate work at Hale & Pierce LLP, and I am eager to "
        "contribute as a Litigation Associate.\n\nSincerely,\nDaniel Okafor\n"
    )
    assert check(rewritten, FORMAL, other_notes=(other,)) == []


def test_findings_are_in_text_order_whole_note_first() -> None:
    text = "Hey Margret!! TODO 😊"
    findings = check(text, FORMAL)
    placed = [f.start for f in findings if f.end > f.start]
    assert placed == sorted(placed)
    assert [f.end for f in findings[:4]] == [0, 0, 0, 0]


def test_count_words() -> None:
    assert count_words("A follow-up, e.g. this one — isn't long.") == 7


def test_without_a_dictionary_sentence_openers_are_not_names() -> None:
    context = NoteContext(recipient_name="Dan Lee")
    text = "Dear Dan,\n\nSee you soon. I met Mr. Lea and Dr. Lee. Thanks to Leo."
    found = [text[f.start : f.end] for f in proofread(text, context) if f.code == "recipient_name"]
    assert found == ["Lea", "Leo"]
