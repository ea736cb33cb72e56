"""Add or edit a company: its formality follows the industry until the user chooses one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.core.formality import suggest_formality
from desktop.core.settings import FORMALITIES
from desktop.core.validation import required
from desktop.storage.records import CompanyInput, CompanyRecord
from desktop.ui.forms.base import FormDialog, choice_combo, multi_line, select_value


def web_address_problem(text: str) -> str | None:
    """A gentle check: a web address has no spaces."""
    return "A web address has no spaces" if " " in text.strip() else None


class CompanyDialog(FormDialog):
    """New or edit company: name, industry, formality, website, address, notes."""

    def __init__(self, parent: QWidget | None, record: CompanyRecord | None = None) -> None:
        super().__init__(parent, f"Edit {record.name}" if record else "New company")
        self.record = record
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Hale & Pierce LLP"))
        self.add_field("name", self.tr("&Name:"), self.name, required=True)
        self.industry = QLineEdit(self)
        self.industry.setPlaceholderText(self.tr("law, banking, software…"))
        self.add_field("industry", self.tr("&Industry:"), self.industry)
        self.formality: QComboBox = choice_combo(self, FORMALITIES)
        self.formality_hint = QLabel(self)
        self.formality_hint.setEnabled(False)  # drawn muted: a hint, not a field
        self.add_field("formality", self.tr("&Formality:"), self.formality)
        self.form.addRow("", self.formality_hint)
        self.website = QLineEdit(self)
        self.website.setPlaceholderText(self.tr("https://example.com"))
        self.add_field("website", self.tr("&Website:"), self.website)
        self.mailing_address = multi_line(self, 3)
        self.mailing_address.setPlaceholderText(self.tr("1 Court Street\nBoston, MA 02108"))
        self.mailing_address.setToolTip(
            self.tr("Card envelopes to people here who have no address of their own use this one")
        )
        self.add_field("mailing_address", self.tr("Mailing &address:"), self.mailing_address)
        self.notes = multi_line(self, 4)
        self.add_field("notes", self.tr("N&otes:"), self.notes)

        # Formality is suggested from the industry until the user picks one by hand.
        self.formality_chosen = False
        if record is not None:
            self.name.setText(record.name)
            self.industry.setText(record.industry)
            select_value(self.formality, record.formality)
            self.website.setText(record.website)
            self.mailing_address.setPlainText(record.mailing_address)
            self.notes.setPlainText(record.notes)
            self.formality_chosen = record.formality != suggest_formality(record.industry)
        else:
            select_value(self.formality, suggest_formality(""))
        self._show_formality_hint()

        self.industry.textChanged.connect(self._follow_industry)
        self.formality.activated.connect(self._formality_picked)
        self.watch("name", self.name.textChanged)
        self.watch("industry", self.industry.textChanged)
        self.watch("formality", self.formality.currentIndexChanged)
        self.watch("website", self.website.textChanged)
        self.watch("mailing_address", self.mailing_address.textChanged)
        self.watch("notes", self.notes.textChanged)
        self.add_buttons()
        self.resize(460, self.sizeHint().height())

    def _follow_industry(self, text: str) -> None:
        if not self.formality_chosen:
            select_value(self.formality, suggest_formality(text))
        self._show_formality_hint()

    def _formality_picked(self, _index: int) -> None:
        self.formality_chosen = True
        self._show_formality_hint()

    def _show_formality_hint(self) -> None:
        suggested = suggest_formality(self.industry.text())
        if not self.formality_chosen:
            text = "Suggested from the industry; pick another to override."
        elif suggested != self.formality.currentData():
            text = f"Chosen by hand (the industry suggests {suggested})."
        else:
            text = "Chosen by hand."
        self.formality_hint.setText(text)

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if message := required(self.name.text(), self.tr("Name")):
            found["name"] = message
        if message := web_address_problem(self.website.text()):
            found["website"] = message
        return found

    def value(self) -> CompanyInput:
        return CompanyInput(
            name=self.name.text().strip(),
            industry=self.industry.text().strip(),
            formality=str(self.formality.currentData()),
            website=self.website.text().strip(),
            notes=self.notes.toPlainText().strip(),
            mailing_address=self.mailing_address.toPlainText().strip(),
        )
