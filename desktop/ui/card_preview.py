# Over 400 lines on purpose: one widget: card, envelope, export and print share the layout.
"""The live card preview beside the composer: the card as it will print, and its fit.

The picture is painted by the same layout code that writes the PDF (desktop.cards), into
images at the widget's own resolution; a PDF is never written just to be looked at.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.cards import FONTS, CardError, CardNote, FitResult
from desktop.ui import theme
from desktop.ui.card_canvas import CardCanvas, Face

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice

    from desktop.cards.hand import Hand
    from desktop.cards.render import PlannedCards, PlannedEnvelopes

DEBOUNCE_MS = 150  # typing pauses longer than this re-draw the card
SIZES = (
    ("a2", "A2 card (4.25 × 5.5 in)"),  # noqa: RUF001
    ("a6", "A6 card (105 × 148 mm)"),  # noqa: RUF001
    ("3.5x5", "3.5 × 5 in card"),  # noqa: RUF001
    ("4x6", "4 × 6 in card"),  # noqa: RUF001
    ("folded-letter", "Folded from Letter"),
    ("folded-a4", "Folded from A4"),
)
ENVELOPE_NAMES = {
    "a2": "A2 envelope (4.375 × 5.75 in)",  # noqa: RUF001
    "c6": "C6 envelope (114 × 162 mm)",  # noqa: RUF001
    "#10": "#10 envelope (4.125 × 9.5 in)",  # noqa: RUF001
}
ERROR_LIGHT, ERROR_DARK = theme.ERROR, theme.ERROR_ON_DARK


class CardPreview(QWidget):
    """The note as a card, live; size, font and paper; export to PDF and print.

    `exec_dialog` (runs a dialog, returns its result code) and `choose_pdf_path` (asks where
    to save; "" when cancelled) are attributes so tests can answer them without blocking.
    """

    fit_changed = Signal(bool, str)  # fits?, the status line; emitted when either changes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPreview")
        self.setAccessibleName(self.tr("Card preview"))
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.choose_pdf_path: Callable[[str], str] = self._ask_pdf_path
        self._note: CardNote | None = None
        self._recipient_address = ""
        self._return_address = ""
        # What to do when there is no address to put on the envelope (the composer knows
        # the contact and the company; the preview alone can only say that one is needed).
        self._address_needed = "the envelope needs the recipient's mailing address"
        self.last_envelope_problem = ""
        self._planned: PlannedCards | None = None
        self._envelope: PlannedEnvelopes | None = None
        self._fit: FitResult | None = None
        self._status: tuple[bool, str] | None = None
        self._hand: Hand | None = None
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self._offer_envelopes()

    # -- building -------------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for key, label in items:
            combo.addItem(label, key)
        combo.currentIndexChanged.connect(self._schedule)
        return combo

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.size_box = self._combo("Card size", list(SIZES))
        self.font_box = self._combo(
            "Handwriting font", [(f.family, f.family) for f in FONTS.values()]
        )
        self.paper_box = self._combo("Paper", [("ruled", "Ruled"), ("plain", "Plain")])
        # "No envelope", then the envelopes this card slides into, the snug one first.
        self.envelope_box = self._combo("Envelope", [("", "No envelope")])
        self.envelope_box.setToolTip(self.tr("Show, export and print an envelope for the card"))
        self.size_box.currentIndexChanged.connect(lambda *_: self._offer_envelopes())
        self.canvas = CardCanvas(self)
        self.canvas.needs_pixels.connect(self._paint_faces)
        self.status = QLabel(self)
        self.status.setObjectName("cardFit")
        self.status.setAccessibleName(self.tr("Card fit"))
        self.status.setWordWrap(True)
        self.export_button = self._button(
            self.tr("Export PDF…"), self.tr("Export card as PDF"), self._export_clicked
        )
        self.print_button = self._button(
            self.tr("Print…"), self.tr("Print card"), self._print_clicked
        )
        self.print_envelope_button = self._button(
            self.tr("Print envelope…"), self.tr("Print envelope"), self._print_envelope_clicked
        )
        # Two rows, so the preview stays usable in a narrow pane beside the editor.
        controls = QGridLayout()
        controls.addWidget(self.size_box, 0, 0)
        controls.addWidget(self.font_box, 0, 1)
        controls.addWidget(self.paper_box, 1, 0)
        controls.addWidget(self.envelope_box, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.export_button, self.print_button, self.print_envelope_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._show_status(False, self.tr("Write the note to see it on the card"))

    # -- the API the composer uses ----------------------------------------------------------

    def set_note(self, note: CardNote | None) -> None:
        """Show `note`; the card is re-drawn once typing pauses for DEBOUNCE_MS."""
        self._note = note
        self._schedule()

    def note(self) -> CardNote | None:
        return self._note

    def set_envelope(
        self, recipient_address: str, return_address: str, *, address_needed: str = ""
    ) -> None:
        """The recipient's mailing address and the user's own, for the envelope;
        `address_needed` says where to add one when there is none."""
        self._recipient_address = recipient_address.strip()
        self._return_address = return_address.strip()
        if address_needed:
            self._address_needed = address_needed
        self._schedule()

    def envelope_problem(self) -> str:
        """Why the chosen envelope cannot be made ("" when it can, or none is chosen)."""
        note = self._note
        if not self.envelope_size() or note is None:
            return ""
        if not (self._recipient_address or (note.mailing_address or "").strip()):
            return self._address_needed
        return ""

    def set_size(self, key: str) -> None:
        self.size_box.setCurrentIndex(max(0, self.size_box.findData(key)))

    def set_font(self, family: str) -> None:
        self.font_box.setCurrentIndex(max(0, self.font_box.findData(family)))

    def set_paper(self, paper: str) -> None:
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(paper)))

    def card_size(self) -> str:
        return str(self.size_box.currentData())

    def set_envelope_size(self, key: str) -> None:
        """Show the envelope `key` (a2, c6, #10) with the card; "" for none."""
        found = self.envelope_box.findData(key)
        if found < 0:
            raise CardError(f"a {self.card_size()} card does not go in that envelope")
        self.envelope_box.setCurrentIndex(found)

    def envelope_size(self) -> str:
        """The envelope shown with the card ("" for none)."""
        return str(self.envelope_box.currentData() or "")

    def _offer_envelopes(self) -> None:
        """Offer the envelopes the chosen card fits; keep the choice if it still fits,
        else move to the snug one (or to none, if none was shown)."""
        from desktop.cards.layouts import CARDS, envelopes_for

        keys = envelopes_for(CARDS[self.card_size()])
        chosen = self.envelope_size()
        box = self.envelope_box
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem(self.tr("No envelope"), "")
            for key in keys:
                box.addItem(ENVELOPE_NAMES.get(key, key), key)
            keep = chosen if chosen in keys else (keys[0] if chosen and keys else "")
            box.setCurrentIndex(max(0, box.findData(keep)))
        finally:
            box.blockSignals(False)
        self._schedule()

    def _envelope_for_card(self) -> str:
        """The envelope to print or export: the one shown, else the snug one."""
        from desktop.cards.layouts import CARDS, envelopes_for

        if self.envelope_size():
            return self.envelope_size()
        keys = envelopes_for(CARDS[self.card_size()])
        if not keys:
            raise CardError(f"no envelope size here fits a {self.card_size()} card")
        return keys[0]

    def font_family(self) -> str:
        return str(self.font_box.currentData())

    def paper(self) -> str:
        return str(self.paper_box.currentData())

    def fit(self) -> FitResult | None:
        """The last drawn card's fit, or None when nothing could be drawn."""
        return self._fit

    def status_text(self) -> str:
        return self.status.text()

    def pending(self) -> bool:
        """Whether a re-draw is waiting for typing to pause."""
        return self._timer.isActive()

    # -- drawing ------------------------------------------------------------------------------

    def _schedule(self) -> None:
        self._timer.start()

    def _envelope_note(self, wanted: bool = False) -> CardNote | None:
        note = self._note
        if note is None or not (wanted or self.envelope_size()):
            return None
        address = self._recipient_address or (note.mailing_address or "").strip()
        lines = address.splitlines()
        recipient = note.recipient
        if lines and recipient and lines[0].strip() == recipient.strip():
            recipient = ""  # the address already starts with the name
        return dataclasses.replace(note, recipient=recipient, mailing_address=address)

    def render_now(self) -> None:
        """Lay the note out and draw it now (the debounce timer calls this)."""
        from desktop.cards.render import plan_cards, plan_envelopes

        self._timer.stop()
        self._planned = self._envelope = self._fit = None
        envelope_problem = ""
        try:
            if self._note is None or not self._note.text.strip():
                raise CardError("Write the note to see it on the card")
            self._planned = plan_cards(
                [self._note],
                size=self.card_size(),
                font=self.font_family(),
                paper=self.paper(),
                hand=self._hand,
                strict=False,
            )
            self._hand = self._planned.hand
            self._fit = self._planned.fits[0]
            envelope_note = self._envelope_note()
            if self.envelope_problem():
                envelope_problem = f" No envelope yet: {self.envelope_problem()}."
            elif envelope_note is not None:
                try:
                    self._envelope = plan_envelopes(
                        [envelope_note],
                        size=self._envelope_for_card(),
                        return_address=self._return_address,
                        font=self.font_family(),
                    )
                except CardError as exc:
                    envelope_problem = f" Envelope: {exc}."
        except CardError as exc:
            self._show_status(False, str(exc))
        else:
            fit = self._fit
            message = f"Fits at {fit.font_pt:g} pt" if fit.fits else fit.message
            self._show_status(fit.fits, message, envelope_problem)
        self._paint_faces()

    def _rows(self) -> list[list[Face]]:
        rows: list[list[Face]] = []
        planned = self._planned
        if planned is not None:
            layout = planned.layout
            if layout.front is not None:
                rows.append(
                    [
                        Face("Front", layout.front.box.width, layout.front.box.height),
                        Face("Inside", layout.card_width, layout.card_height),
                    ]
                )
            else:
                rows.append([Face("Card", layout.card_width, layout.card_height)])
        if self._envelope is not None:
            env = self._envelope.layout
            rows.append([Face("Envelope", env.width, env.height)])
        return rows

    def _paint_faces(self, dpi: int | None = None) -> None:
        from desktop.cards.printing import card_faces, envelope_face

        rows = self._rows()
        if dpi is None:  # the faces' sizes decide the scale, so place them before painting
            self.canvas.set_faces(rows, 0)
            dpi = self.canvas.wanted_dpi()
        if self._planned is not None:
            images = dict(card_faces(self._planned, dpi))
            rows[0] = [dataclasses.replace(f, image=images[f.name]) for f in rows[0]]
        if self._envelope is not None:
            rows[-1] = [dataclasses.replace(rows[-1][0], image=envelope_face(self._envelope, dpi))]
        self.canvas.set_faces(rows, dpi)

    def _show_status(self, fits: bool, message: str, extra: str = "") -> None:
        dark = self.palette().window().color().lightness() < 128
        color = (
            self.palette().windowText().color()
            if fits
            else QColor(ERROR_DARK if dark else ERROR_LIGHT)
        )
        self.status.setStyleSheet(f"color: {color.name()};")
        self.status.setText((message[:1].upper() + message[1:] + extra).strip())
        can_print = self._planned is not None and fits
        for button in (self.export_button, self.print_button):
            button.setEnabled(can_print)
        self.print_envelope_button.setEnabled(self._envelope is not None)
        self.print_envelope_button.setToolTip(
            self.tr("Print the envelope at its true size (feed the envelope itself)")
            if self._envelope is not None
            else self.tr("No envelope yet: {envelope_problem}").format(
                envelope_problem=self.envelope_problem()
            )
            if self.envelope_problem()
            else self.tr("Choose an envelope in the list above to print one")
        )
        if self._status != (fits, message):
            self._status = (fits, message)
            self.fit_changed.emit(fits, message)

    # -- export and print ---------------------------------------------------------------------

    def _planned_for_output(self) -> PlannedCards:
        from desktop.cards.render import plan_cards

        if self._note is None or not self._note.text.strip():
            raise CardError("there is no note to print yet")
        return plan_cards(
            [self._note], size=self.card_size(), font=self.font_family(), paper=self.paper()
        )

    def export_pdf(self, path: Path | str) -> list[Path]:
        """Write the card to `path`, and with an envelope chosen the envelope beside it
        (`NAME-envelope.pdf`) when it can be addressed; the files written. CardError when
        the note does not fit."""
        from desktop.cards import render_cards, render_envelopes

        if self._note is None or not self._note.text.strip():
            raise CardError("there is no note to export yet")
        path = Path(path)
        render_cards(
            [self._note], path, size=self.card_size(), font=self.font_family(), paper=self.paper()
        )
        written = [path]
        self.last_envelope_problem = self.envelope_problem()
        envelope_note = self._envelope_note()
        if envelope_note is not None and not self.last_envelope_problem:
            envelope = path.with_name(f"{path.stem}-envelope.pdf")
            try:
                render_envelopes(
                    [envelope_note],
                    envelope,
                    size=self._envelope_for_card(),
                    return_address=self._return_address,
                    font=self.font_family(),
                )
            except CardError as exc:  # the card is written; the envelope says why not
                self.last_envelope_problem = str(exc)
            else:
                written.append(envelope)
        return written

    def print_(self, printer: QPagedPaintDevice) -> None:
        """Print the card at true size on the printer's paper (centred, with crop marks
        when the paper is larger than the card)."""
        from desktop.cards.printing import print_cards

        print_cards(printer, self._planned_for_output())

    def print_envelope(self, printer: QPagedPaintDevice) -> None:
        """Print the envelope at true size (feed the envelope itself)."""
        from desktop.cards.printing import print_envelopes
        from desktop.cards.render import plan_envelopes

        note = self._envelope_note(wanted=True)
        if note is None:
            raise CardError("there is no note to address an envelope for yet")
        planned = plan_envelopes(
            [note],
            size=self._envelope_for_card(),
            return_address=self._return_address,
            font=self.font_family(),
        )
        print_envelopes(printer, planned)

    def _ask_pdf_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export card as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        return path

    def _suggested_name(self) -> str:
        who = (self._note.recipient if self._note else "") or "note"
        return f"Card for {who}.pdf".replace("/", "-")

    def _export_clicked(self) -> None:
        path = self.choose_pdf_path(self._suggested_name())
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            written = self.export_pdf(path)
        except CardError as exc:
            self._show_status(False, str(exc))
            return
        except OSError as exc:  # a folder that is not writable, a full disk
            self.status.setText(self.tr("Not saved: {reason}").format(reason=exc.strerror or exc))
            return
        saved = f"Saved {', '.join(p.name for p in written)} in {written[0].parent}"
        if self.last_envelope_problem:
            saved += f". No envelope: {self.last_envelope_problem}"
        self.status.setText(saved)

    def _run_print_dialog(
        self,
        title: str,
        what: str,
        width: float,
        height: float,
        action: Callable[[QPagedPaintDevice], None],
        envelope: bool = False,
    ) -> None:
        # QtPrintSupport is paid for only by those who print (ARCHITECTURE §2).
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QPushButton

        from desktop.cards.printer import job_title, load_paper, paper_for

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        choice = paper_for(printer, what, width, height, envelope=envelope)
        load_paper(printer, choice, width, height)
        printer.setDocName(job_title([self._note.recipient if self._note else ""], envelope))
        if choice.note:
            self.status.setText(choice.note)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(title)
        # Paper the person picks under Properties is theirs; otherwise the dialog would put a
        # card size that the queue does not list back to its default (see cards/printer.py).
        chose_paper: list[bool] = []
        properties = dialog.findChild(QPushButton, "properties")
        if properties is not None:
            properties.clicked.connect(lambda: chose_paper.append(True))
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        printer = dialog.printer()
        if not chose_paper:
            choice = paper_for(printer, what, width, height, envelope=envelope)
            load_paper(printer, choice, width, height)
        try:
            action(printer)
        except CardError as exc:
            self._show_status(False, str(exc))
            return
        where = printer.printerName() or printer.outputFileName()
        self.status.setText(
            self.tr("Sent to {where}. {note}").format(where=where, note=choice.note)
            if choice.note
            else self.tr("Sent to {where}").format(where=where)
        )

    def _print_clicked(self) -> None:
        if self._planned is None:
            return
        layout = self._planned.layout
        self._run_print_dialog(
            self.tr("Print card"), layout.label, layout.page_width, layout.page_height, self.print_
        )

    def _print_envelope_clicked(self) -> None:
        if self._envelope is None:
            return
        env = self._envelope.layout
        self._run_print_dialog(
            self.tr("Print envelope"),
            env.label,
            env.width,
            env.height,
            self.print_envelope,
            envelope=True,
        )
