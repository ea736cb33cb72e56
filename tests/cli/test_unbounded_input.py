"""Input refused up front by size and type (issue 14): a 1 GB "note", a card of NUL bytes,
a FIFO given to import. Each is a message and exit 1, at once, with nothing written."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers.faults import run_afterword


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as out:
        out.write(b"Thank you for your time. ")
        out.truncate(size)
    return path


def test_proofread_refuses_a_huge_file_from_its_size(tmp_path):
    huge = _sparse(tmp_path / "note.txt", 2**30)
    out = run_afterword("proofread", str(huge), timeout=30)
    assert out.returncode == 1
    assert "note.txt: the file is 1024 MB; at most 256 kB can be read" in out.stderr


def test_card_refuses_text_of_nul_bytes(tmp_path):
    note = tmp_path / "note.txt"
    note.write_bytes(b"Dear Ms. Hale,\n\x00\x00\x00\x00 thank you\n")
    out = run_afterword("card", "--text", str(note), "-o", str(tmp_path / "card.pdf"))
    assert out.returncode == 1, out.stdout
    assert "not text: it holds the control character U+0000" in out.stderr
    assert not (tmp_path / "card.pdf").exists()


def test_a_fifo_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    for args in (("import", str(fifo)), ("proofread", str(fifo)), ("card", "--text", str(fifo))):
        extra = ("-o", str(tmp_path / "c.pdf")) if args[0] == "card" else ()
        out = run_afterword("--data-dir", str(tmp_path / "data"), *args, *extra, timeout=30)
        assert out.returncode == 1, (args, out.stderr)
        assert "not a regular file (a pipe or device)" in out.stderr, out.stderr
