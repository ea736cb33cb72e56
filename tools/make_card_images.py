"""Regenerate the README's card pictures: every size, an envelope, a sheet with crop marks,
and the preview widget.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.make_card_images [OUT_DIR]

Cards go through the real PDF path and come back through `pdftoppm -png -scale-to`, so the
pictures are the PDFs a person would print; the preview is an offscreen grab of the widget.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
NOTE = (  # paragraphs apart, as the composer gives them (they stay apart where room allows)
    "Dear Ms. Hale,\n\n"
    "Thank you for taking the time to meet with me on Thursday. I enjoyed hearing your "
    "clerkship story, and our talk about the appellate group left me even more excited "
    "about the associate role at Hale & Pierce.\n\n"
    "I look forward to hearing about next steps."
)
SIGNATURE = "With thanks,\nJane Doe"
ADDRESS = "Hale & Pierce LLP\n1 Court Street, Suite 400\nBoston, MA 02108"
RETURN = "Jane Doe\n12 Elm Street\nSomerville, MA 02144"
# (file name, card size, font, paper, greeting, longest side in pixels)
CARDS = (
    ("a2", "a2", "Caveat", "ruled", "Thank you", 560),
    ("a6", "a6", "Kalam", "ruled", None, 560),
    ("3.5x5", "3.5x5", "Indie Flower", "plain", None, 520),
    ("4x6", "4x6", "Dancing Script", "plain", "With gratitude", 580),
    ("folded-letter", "folded-letter", "Caveat", "ruled", "Thank you", 760),
    ("folded-a4", "folded-a4", "EB Garamond", "plain", "Thank you", 760),
)


def _png(pdf: Path, out: Path, longest: int) -> Path:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("pdftoppm is not installed (poppler-utils)")
    stem = out.with_suffix("")
    subprocess.run([tool, "-png", "-singlefile", "-scale-to", str(longest), str(pdf), str(stem)],
                   check=True)  # fmt: skip
    return out


def cards(out_dir: Path) -> list[Path]:
    """One PNG per card size, an envelope and a Letter sheet of four cards with crop marks."""
    from desktop.cards import CardNote, render_cards, render_envelopes

    made = []
    note = CardNote(NOTE, "Margaret Hale", SIGNATURE, mailing_address=ADDRESS)
    with tempfile.TemporaryDirectory() as tmp:
        for name, size, font, paper, greeting, longest in CARDS:
            pdf = Path(tmp) / f"{name}.pdf"
            card = CardNote(NOTE, note.recipient, SIGNATURE, greeting)
            render_cards([card], pdf, size=size, font=font, paper=paper)
            made.append(_png(pdf, out_dir / f"card-{name}.png", longest))
        pdf = Path(tmp) / "envelope.pdf"
        render_envelopes([note], pdf, size="a2", return_address=RETURN)
        made.append(_png(pdf, out_dir / "envelope-a2.png", 640))
        people = ["Ms. Hale", "Mr. Pierce", "Dr. Ruiz", "Ms. Chen"]
        notes = [
            CardNote(NOTE.replace("Ms. Hale", who), who, SIGNATURE, "Thank you") for who in people
        ]
        pdf = Path(tmp) / "sheet.pdf"
        render_cards(notes, pdf, size="3.5x5", font="Kalam", sheet="letter")
        made.append(_png(pdf, out_dir / "sheet-letter-3.5x5.png", 820))
    return made


def preview(out: Path) -> Path:
    """The preview widget on the demo note, folded from Letter, with its envelope."""
    from PySide6.QtWidgets import QApplication

    from desktop.cards import CardNote
    from desktop.ui.card_preview import CardPreview

    app = QApplication.instance() or QApplication([])
    widget = CardPreview()
    widget.resize(900, 560)
    widget.set_size("folded-letter")
    widget.set_envelope_size("a2")
    widget.set_envelope("Margaret Hale\n" + ADDRESS, RETURN)
    widget.set_note(CardNote(NOTE, "Margaret Hale", SIGNATURE, "Thank you"))
    widget.show()
    app.processEvents()
    widget.render_now()
    app.processEvents()
    widget.grab().save(str(out))
    widget.close()
    return out


def main(out_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # widgets later, so not a bare QtGui one
    out_dir.mkdir(parents=True, exist_ok=True)
    made = cards(out_dir)
    made.append(preview(out_dir.parent / "card-preview.png"))
    del app
    for path in made:
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  "
              f"{path.stat().st_size // 1024} KB")  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots" / "cards")
