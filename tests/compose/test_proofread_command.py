"""`proofread_files`: several notes of one interview, the ARCHITECTURE §4 JSON, and the text form."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.compose.proofread_command import (
    ProofreadError,
    format_findings_text,
    proofread_files,
    text_from_html,
)
from desktop.compose.spelling import DictionarySpellChecker
from tests.helpers.notes import FORMAL_NOTE

BENNETT_NOTE = FORMAL_NOTE.replace("Ms. Hale", "Mr. Bennett")
CHEN_NOTE = """Dear Dr. Chen,

Thank you for walking me through the firm's pro bono program on Thursday. It was great to learn how associates split their time between the housing clinic and client matters.

I am excited about the Litigation Associate role and would be glad to answer any further questions.

Sincerely,
Daniel Okafor
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_three_notes_of_one_interview_find_the_copied_pair(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "hale.txt", FORMAL_NOTE),
        write(tmp_path, "bennett.txt", BENNETT_NOTE),
        write(tmp_path, "chen.txt", CHEN_NOTE),
    ]
    results = proofread_files(
        paths,
        channel="card",
        formality="formal",
        user_words=["Okafor"],
        spell_checker=DictionarySpellChecker(),
    )
    found = {Path(r["file"]).name: [f["code"] for f in r["findings"]] for r in results}
    assert found == {
        "hale.txt": ["duplicate_note"],
        "bennett.txt": ["duplicate_note"],
        "chen.txt": [],
    }
    message = results[0]["findings"][0]["message"]
    assert (
        message.startswith("This note is 100% the same as the note ") and "bennett.txt" in message
    )


def test_json_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "Hey Margret!! Thanks for the chat. TODO 😊\n")
    results = proofread_files(
        [path], formality="formal", recipient="Margaret Hale", points=["her clerkship story"]
    )
    assert json.loads(json.dumps(results)) == results
    (result,) = results
    assert set(result) == {"file", "words", "findings"}
    assert result["file"] == path and result["words"] == 7
    for finding in result["findings"]:
        assert set(finding) == {"code", "severity", "message", "start", "end"}
        assert finding["severity"] in ("error", "warning")
        assert isinstance(finding["start"], int) and isinstance(finding["end"], int)
    assert {f["code"] for f in result["findings"]} == {
        "missing_appreciation",
        "missing_enthusiasm",
        "no_specific_reference",
        "informal_greeting",
        "recipient_name",
        "exclamations",
        "placeholder",
        "emoji",
    }


def test_stdin_and_a_recipient_per_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bennett.txt", CHEN_NOTE.replace("Dr. Chen", "Mr. Bennett"))
    results = proofread_files(
        ["-", path],
        formality="formal",
        recipient=["Margaret Hale", "Wei Chen"],
        user_words=["okafor"],
        stdin=io.StringIO(FORMAL_NOTE),
    )
    assert results[0]["file"] == "-" and results[0]["findings"] == []
    (wrong,) = results[1]["findings"]
    assert wrong["code"] == "recipient_name" and "for Wei Chen" in wrong["message"]


def test_html_note_is_read_as_its_text(tmp_path: Path) -> None:
    html = "<p>Dear Ms. Hale,</p><p>Thank you &amp; <b>TODO</b></p><script>x()</script>"
    assert text_from_html(html) == "Dear Ms. Hale,\n\nThank you & TODO\n"
    path = write(tmp_path, "note.html", html)
    (result,) = proofread_files([path], spell_checker=DictionarySpellChecker())
    (placeholder,) = [f for f in result["findings"] if f["code"] == "placeholder"]
    text = text_from_html(html)
    assert (placeholder["start"], placeholder["end"]) == (
        text.index("TODO"),
        text.index("TODO") + 4,
    )


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(ProofreadError, match=r"nope\.txt: cannot read the note"):
        proofread_files([missing])
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ProofreadError, match=r"bad\.txt: not a UTF-8 text file"):
        proofread_files([str(binary)])
    with pytest.raises(ProofreadError, match="--channel"):
        proofread_files([missing], channel="fax")
    with pytest.raises(ProofreadError, match="2 recipients for 1 notes"):
        proofread_files([missing], recipient=["A", "B"])


def test_text_output() -> None:
    results = [
        {"file": "a.txt", "words": 80, "findings": []},
        {
            "file": "b.txt",
            "words": 12,
            "findings": [
                {
                    "code": "missing_enthusiasm",
                    "severity": "warning",
                    "message": "Say so.",
                    "start": 0,
                    "end": 0,
                },
                {
                    "code": "placeholder",
                    "severity": "error",
                    "message": "Fill it.",
                    "start": 4,
                    "end": 8,
                },
            ],
        },
    ]
    assert format_findings_text(results) == (
        "a.txt: 80 words, no problems found\n"
        "b.txt: 12 words, 1 error(s), 1 warning(s)\n"
        "  warning missing_enthusiasm (whole note): Say so.\n"
        "  error   placeholder (chars 4-8): Fill it.\n"
    )


def test_spell_checker_user_dictionary() -> None:
    checker = DictionarySpellChecker()
    assert checker.unknown(["clerkship", "teh", "okafor"]) == {"teh", "okafor"}
    checker.add_to_dictionary("Okafor")
    assert checker.unknown(["okafor", "teh"]) == {"teh"}
    assert checker.user_words == frozenset({"okafor"})
    assert checker.loaded and "the" in checker.suggestions("teh")
