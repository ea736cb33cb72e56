"""File ▸ Export…: choose what to export (and, for the activity report, the period)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.interchange.export_files import EXPORT_KINDS

PAPER_CHOICES = {"auto": "By my region", "a4": "A4", "letter": "US Letter"}
REPORT_FORMATS = {"pdf": "PDF", "csv": "CSV table"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExportDialog(QDialog):
    """The kind of export, and the report's period, paper and format."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setObjectName("exportDialog")
        self.setAccessibleName(self.tr("Export"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("What to export"))
        for key, label in EXPORT_KINDS.items():
            self.kind.addItem(label, key)
        self.start = QDateEdit(_qdate(today - timedelta(days=90)), self)
        self.start.setAccessibleName(self.tr("Report from"))
        self.end = QDateEdit(_qdate(today), self)
        self.end.setAccessibleName(self.tr("Report to"))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.report_format = QComboBox(self)
        self.report_format.setAccessibleName(self.tr("Report format"))
        for key, label in REPORT_FORMATS.items():
            self.report_format.addItem(label, key)
        self.paper = QComboBox(self)
        self.paper.setAccessibleName(self.tr("Paper size"))
        for key, label in PAPER_CHOICES.items():
            self.paper.addItem(label, key)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("About this export"))

        form = QFormLayout()
        form.addRow(self.tr("Export"), self.kind)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Format"), self.report_format)
        form.addRow(self.tr("Paper"), self.paper)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export…"))
        ok.setAccessibleName(self.tr("Choose where to save the export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel export")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.report_format.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        report = self.chosen_kind() == "report"
        for widget in (self.start, self.end, self.report_format):
            widget.setEnabled(report)
        self.paper.setEnabled(report and self.report_format.currentData() == "pdf")
        notes = {
            "json": "Everything, to keep or to move to another computer.",
            "ics": "Pending follow-ups as calendar events with reminders.",
            "csv": "One row per application.",
            "contacts-csv": "One row per contact.",
            "report": "Every application with its interviews and follow-ups in the period: "
            "the record job centres ask for.",
        }
        self.note.setText(notes.get(self.chosen_kind(), ""))

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def period(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return (
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def suffix(self) -> str:
        if self.chosen_kind() == "report":
            return f".{self.report_format.currentData()}"
        return {"json": ".json", "ics": ".ics"}.get(self.chosen_kind(), ".csv")
