"""`afterword proofread` through the real entry point (ARCHITECTURE §4)."""

from __future__ import annotations

import json

GOOD = (
    "Dear Ms. Hale,\n\nThank you for taking the time to meet with me today. I learned a great "
    "deal about the appellate practice, and your clerkship story made the work vivid. I am "
    "excited about the Associate role and would welcome the chance to contribute.\n\n"
    "Sincerely,\nAlex Morgan\n"
)


def test_json_output_names_each_finding_with_offsets(afterword, tmp_path):
    note = tmp_path / "hale.txt"
    note.write_text("Hey Margaret!!! Thanks 😀\n")
    out = afterword(
        "proofread",
        "--json",
        "--formality",
        "formal",
        "--recipient",
        "Margaret Hale",
        "--point",
        "her clerkship story",
        str(note),
    )
    assert out.returncode == 0, out.stderr
    (result,) = json.loads(out.stdout)
    assert result["file"] == str(note) and result["words"] == 3
    codes = {f["code"] for f in result["findings"]}
    assert {
        "informal_greeting",
        "exclamations",
        "emoji",
        "missing_appreciation",
        "missing_enthusiasm",
        "no_specific_reference",
    } <= codes
    for finding in result["findings"]:
        assert set(finding) == {"code", "severity", "message", "start", "end"}
        assert finding["severity"] in ("error", "warning")
    greeting = next(f for f in result["findings"] if f["code"] == "informal_greeting")
    assert note.read_text()[greeting["start"] : greeting["end"]] == "Hey"


def test_a_well_written_note_passes_and_stdin_works(afterword):
    out = afterword(
        "proofread",
        "--json",
        "--channel",
        "card",
        "--formality",
        "formal",
        "--recipient",
        "Margaret Hale",
        "--point",
        "her clerkship story",
        "-",
        input=GOOD,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["findings"] == []


def test_notes_to_two_interviewers_that_are_the_same_are_flagged(afterword, tmp_path):
    first, second = tmp_path / "hale.txt", tmp_path / "okafor.txt"
    first.write_text(GOOD)
    second.write_text(GOOD.replace("Ms. Hale", "Mr. Okafor"))
    out = afterword(
        "proofread",
        "--json",
        "--recipient",
        "Margaret Hale",
        "--recipient",
        "Daniel Okafor",
        str(first),
        str(second),
    )
    results = json.loads(out.stdout)
    assert all("duplicate_note" in {f["code"] for f in r["findings"]} for r in results)


def test_an_unreadable_file_exits_1_naming_it(afterword, tmp_path):
    out = afterword("proofread", str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    assert "missing.txt: cannot read the note" in out.stderr
