"""The choices an import preview asks for when a file cannot go in as it is: the company of
each invitation no address tells, and whether to leave out the rows that have problems.

Only layout and signals: the dialog reruns the dry run with what is chosen here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PICK = "Pick or type the company…"


class CompanyChoices(QFrame):
    """One editable list per event: an existing company, or a new name typed in."""

    applied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyChoices")
        self.setAccessibleName(self.tr("Companies of the invitations"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(self.tr("Why a company is asked for"))
        self.form = QFormLayout()
        self.apply_button = QPushButton(self.tr("&Use these companies"), self)
        self.apply_button.setAccessibleName(self.tr("Preview again with these companies"))
        self.apply_button.clicked.connect(self.applied)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addLayout(row)
        self.boxes: dict[str, QComboBox] = {}
        self.hide()

    def ask(self, events: dict[str, str], companies: list[str], chosen: dict[str, str]) -> None:
        """Show one choice per event (origin -> title); keep what was chosen before."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes = {}
        count = len(events)
        self.intro.setText(
            self.tr(
                "<b>No guest's address tells the company of 1 invitation</b> (they write from"
                " personal mail or a scheduling service). Pick the company from your list or"
                " type a new name:"
            )
            if count == 1
            else self.tr(
                "<b>No guest's address tells the company of %n invitations</b> (they write"
                " from personal mail or a scheduling service). Pick the company from your"
                " list or type a new name:",
                "",
                count,
            )
        )
        for origin, title in events.items():
            box = QComboBox(self)
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItems(companies)
            box.setCurrentIndex(-1)
            line = box.lineEdit()
            assert line is not None  # an editable combo box has one
            line.setPlaceholderText(PICK)
            if origin in chosen:
                box.setCurrentText(chosen[origin])
            box.setAccessibleName(self.tr("Company for {origin}").format(origin=origin))
            box.setMinimumWidth(260)
            # Queued: the preview that follows rebuilds these boxes, and must not delete
            # the line edit while it is still delivering its own key press.
            line.returnPressed.connect(self.applied, Qt.ConnectionType.QueuedConnection)
            self.boxes[origin] = box
            label = QLabel(
                self.tr("{origin} — {title}:").format(
                    origin=origin.capitalize(), title=title or self.tr("untitled")
                ),
                self,
            )
            label.setBuddy(box)
            self.form.addRow(label, box)
        self.setVisible(bool(events))

    def chosen(self) -> dict[str, str]:
        """Event -> the company typed or picked (events left empty are left out)."""
        return {
            o: b.currentText().strip() for o, b in self.boxes.items() if b.currentText().strip()
        }


class SkipChoice(QCheckBox):
    """'Skip these N rows and import the rest', shown when the rest can go in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Leave out the rows with problems"))
        self.hide()

    def offer(self, count: int, noun: str, checked: bool) -> None:
        self.blockSignals(True)
        self.setText(
            (
                self.tr("&Skip this 1 {noun} with problems and import the rest")
                if count == 1
                else self.tr("&Skip these %n {noun}s with problems and import the rest", "", count)
            ).format(noun=noun)
        )
        self.setChecked(checked)
        self.blockSignals(False)
        self.setVisible(count > 0 or checked)
