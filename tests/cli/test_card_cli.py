"""`afterword card` through the real entry point, read back with poppler."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO, child_env, require_tool

NOTE = (
    "Dear Ms. Hale,\n\nThank you for meeting with me today. Your clerkship story stayed "
    "with me, and I am excited about the Associate role.\n\nWarm regards,\nAlex"
)


def test_card_from_text_is_an_a2_pdf_with_the_whole_note(afterword, tmp_path):
    pdfinfo, pdftotext = require_tool("pdfinfo"), require_tool("pdftotext")
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    out = afterword("card", "--text", str(note), "-o", str(tmp_path / "card.pdf"))
    assert out.returncode == 0, out.stderr
    info = subprocess.run(
        [pdfinfo, str(tmp_path / "card.pdf")], capture_output=True, text=True
    ).stdout
    assert "Page size:       306 x 396 pts" in info  # 4.25 x 5.5 in
    text = subprocess.run(
        [pdftotext, str(tmp_path / "card.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert " ".join(text.split()) == " ".join(NOTE.split())


def test_card_from_a_followup_uses_its_draft_and_refuses_one_without(afterword, data_dir, tmp_path):
    pdftotext = require_tool("pdftotext")
    assert afterword("--data-dir", str(data_dir), "demo").returncode == 0
    ok = afterword(
        "--data-dir", str(data_dir), "card", "--followup", "1", "-o", str(tmp_path / "f1.pdf")
    )
    assert ok.returncode == 0, ok.stderr
    text = subprocess.run(
        [pdftotext, str(tmp_path / "f1.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Dear Priya," in text and "Basel III" in text
    missing = afterword(
        "--data-dir", str(data_dir), "card", "--followup", "999", "-o", str(tmp_path / "x.pdf")
    )
    assert missing.returncode == 1 and "there is no follow-up #999" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_note_too_long_for_the_card_is_refused_with_how_much(afterword, tmp_path):
    note = tmp_path / "long.txt"
    note.write_text("Thank you for a wonderful conversation about the role. " * 30)
    out = afterword(
        "card", "--text", str(note), "-o", str(tmp_path / "long.pdf"), "--size", "3.5x5"
    )
    assert out.returncode == 1
    assert "words too long" in out.stderr
    assert not (tmp_path / "long.pdf").exists()


def test_several_followups_make_one_pdf_with_a_card_each(afterword, data_dir, tmp_path):
    from desktop.app import open_workspace
    from desktop.platform.paths import resolve_paths
    from desktop.storage.job_search import JobSearch

    pdfinfo, pdftotext = require_tool("pdfinfo"), require_tool("pdftotext")
    assert afterword("--data-dir", str(data_dir), "demo").returncode == 0
    ws = open_workspace(resolve_paths(data_dir))
    try:
        search = JobSearch(ws.store, ws.rules, ws.tz)
        hale = next(i for i in search.today(search.clock()) if i.contact == "Margaret Hale")
        search.save_draft(
            hale.id, "", "<p>Dear Ms. Hale,</p><p>Thank you for the clerkship story.</p>"
        )
    finally:
        ws.close()
    out_pdf = tmp_path / "both.pdf"
    out = afterword(
        "--data-dir", str(data_dir), "card", "--followup", "1", "--followup", str(hale.id),
        "-o", str(out_pdf),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    info = subprocess.run([pdfinfo, str(out_pdf)], capture_output=True, text=True).stdout
    assert "Pages:           2" in info
    pages = subprocess.run(
        [pdftotext, str(out_pdf), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    assert "Dear Priya," in pages[0] and "Dear Ms. Hale," in pages[1]


def test_card_to_stdout_is_the_pdf_itself(afterword, tmp_path):
    pdfinfo = require_tool("pdfinfo")
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "card", "--text", str(note), "-o", "-", "--size", "a6"],
        capture_output=True, cwd=REPO, env=child_env(), timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"%PDF-") and out.stdout.rstrip().endswith(b"%%EOF")
    assert not (tmp_path / "-").exists() and not (REPO / "-").exists()
    (tmp_path / "piped.pdf").write_bytes(out.stdout)
    info = subprocess.run([pdfinfo, str(tmp_path / "piped.pdf")], capture_output=True, text=True)
    assert "Page size:       298 x 420 pts" in info.stdout  # A6
    # A note too long writes nothing to the pipe, and says why on stderr.
    note.write_text("Thank you for a wonderful conversation about the role. " * 30)
    long = subprocess.run(
        [sys.executable, "-m", "desktop", "card", "--text", str(note), "-o", "-", "--size", "a6"],
        capture_output=True, cwd=REPO, env=child_env(), timeout=60,
    )  # fmt: skip
    assert long.returncode == 1 and long.stdout == b""
    assert b"words too long" in long.stderr
