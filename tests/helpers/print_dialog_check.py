"""Print a card from the card preview's Print… button through the real print dialog,
accepted as it opens (a person who only clicks Print), onto the default CUPS queue.

`python tests/helpers/print_dialog_check.py SIZE RECIPIENT` prints one JSON line: the status
the preview showed, and the page size the printer was given.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QApplication, QDialog

from desktop.cards import CardNote
from desktop.ui.card_preview import CardPreview

NOTE = (
    "Dear Ms. Hale,\n\nThank you for your time today. Your clerkship story stayed with me, "
    "and I am keen on the Associate role.\n\nWarm regards,\nAlex"
)


def main(size: str, recipient: str) -> None:
    app = QApplication(sys.argv[:1])
    preview = CardPreview()
    preview.set_size(size)
    preview.set_note(CardNote(NOTE, recipient))
    preview.render_now()
    pages: list[list[float]] = []

    def accept(dialog: QDialog) -> int:
        dialog.accept()  # what Print does: the dialog applies its settings to the printer
        return int(QDialog.DialogCode.Accepted)

    def print_(printer: object) -> None:
        rect = printer.pageLayout().fullRect(QPageLayout.Unit.Point)  # type: ignore[attr-defined]
        pages.append([round(rect.width()), round(rect.height())])
        printing(printer)

    printing, preview.print_ = preview.print_, print_  # type: ignore[method-assign]
    preview.exec_dialog = accept
    preview.print_button.click()
    print(json.dumps({"status": preview.status.text(), "pages": pages}), flush=True)
    del app


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
