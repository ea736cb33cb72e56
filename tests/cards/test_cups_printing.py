"""Cards onto a real CUPS queue (cups-pdf), from the command line and from the print
dialog: the PDF that comes out is the card's size, and the job carries its title."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, child_env, require_tool
from tests.helpers.cups import QUEUE, PrivateCups, cups_pdf_title

pytestmark = pytest.mark.system
TITLE = "Afterword card – Priya Raman"  # noqa: RUF001  (the en dash of the job's title)


@pytest.fixture(scope="module")
def cups() -> Iterator[PrivateCups]:
    server = PrivateCups()
    yield server
    server.close()


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def run(cups: PrivateCups, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=REPO,
        env=child_env(CUPS_SERVER=str(cups.socket)),
    )  # fmt: skip


def test_afterword_print_puts_a_4x6_card_on_the_queue_at_its_size(
    cups: PrivateCups, data_dir: Path
) -> None:
    assert run(cups, "-m", "desktop", "--data-dir", str(data_dir), "demo").returncode == 0
    printed = run(
        cups, "-m", "desktop", "--data-dir", str(data_dir),
        "print", "--followup", "1", "--size", "4x6", "--printer", QUEUE.lower(),
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip().startswith(f"Sent 1 card(s) to {QUEUE} as “{TITLE}”")
    info = pdfinfo(cups.wait_for_pdf(cups.first_job))
    assert info["Page size"] == "288 x 432 pts"  # 4 x 6 in, not the queue's A4
    assert info["Pages"] == "1"
    assert cups_pdf_title(info["Title"]) == TITLE
    listed = run(cups, "-m", "desktop", "print", "--list-printers")
    assert listed.stdout == f"{QUEUE} (default)\n"
    # An unknown printer is refused, naming the ones there are.
    wrong = run(
        cups, "-m", "desktop", "--data-dir", str(data_dir), "print", "--followup", "1",
        "--printer", "Nowhere",
    )  # fmt: skip
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == (
        f"afterword print: there is no printer called 'Nowhere'; the printers are: {QUEUE}"
    )


def test_the_print_dialog_starts_on_the_cards_paper(cups: PrivateCups) -> None:
    # An A2 card (4.25 x 5.5 in): a size the queue does not list, which the dialog used to
    # replace with the queue's default paper.
    done = run(cups, str(REPO / "tests/helpers/print_dialog_check.py"), "a2", "Priya Raman")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pages"] == [[306, 396]]
    assert result["status"] == f"Sent to {QUEUE}"
    job = cups.first_job + 1  # after the command line's
    info = pdfinfo(cups.wait_for_pdf(job))
    assert info["Page size"] == "306 x 396 pts"
    assert cups_pdf_title(info["Title"]) == TITLE
