"""Add or edit a contact: the people a job seeker writes to."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop.core.job import linkedin_problem, normalize_tags, tags_problem, tags_text
from desktop.core.names import SALUTATIONS, guess_surname, split_salutation
from desktop.core.validation import email_problem, required
from desktop.storage.records import CompanyRecord, ContactInput, ContactRecord
from desktop.ui.forms.base import FormDialog, RecordPicker, multi_line


def company_problem(picker: RecordPicker, *, needed: bool = False) -> str | None:
    """A message when the typed company is not one of the list (or is blank but needed)."""
    if not picker.text():
        return "Company is required" if needed else None
    if picker.current_id() is None:
        return f"No company called '{picker.text()}' — add it under Companies first"
    return None


class ContactDialog(FormDialog):
    """New or edit contact: name, preferred name, title, company, email, phone, address, notes."""

    def __init__(
        self,
        parent: QWidget | None,
        record: ContactRecord | None = None,
        companies: list[CompanyRecord] | None = None,
    ) -> None:
        super().__init__(parent, f"Edit {record.display_name}" if record else "New contact")
        self.record = record
        name_row = QWidget(self)
        row = QHBoxLayout(name_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.salutation = QComboBox(name_row)
        for value in SALUTATIONS:
            self.salutation.addItem(value or "—", value)
        self.salutation.setAccessibleName(self.tr("Salutation"))
        self.salutation.setToolTip(
            self.tr("How a formal note greets them: Dear Ms. Hale, Dear Dr. Chu (— for none)")
        )
        self.name = QLineEdit(name_row)
        self.name.setPlaceholderText(self.tr("Margaret Hale"))
        row.addWidget(self.salutation)
        row.addWidget(self.name, 1)
        self.add_field("name", self.tr("&Name:"), name_row, self.name, required=True)
        self.surname = QLineEdit(self)
        self.surname.setPlaceholderText(self.tr("taken from the name"))
        self.surname.setToolTip(self.tr("For formal greetings: Dear Ms. <surname>"))
        self.add_field("surname", self.tr("S&urname:"), self.surname)
        self.preferred_name = QLineEdit(self)
        self.preferred_name.setPlaceholderText(self.tr("what they like to be called, e.g. Maggie"))
        self.add_field("preferred_name", self.tr("&Preferred name:"), self.preferred_name)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Partner"))
        self.add_field("title", self.tr("&Title:"), self.title)
        self.company = RecordPicker(
            self, ((c.id, c.name) for c in companies or ()), "type to search companies"
        )
        self.add_field("company_id", self.tr("&Company:"), self.company)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.add_field("email", self.tr("&Email:"), self.email)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("+1 617 555 0101")
        self.add_field("phone", self.tr("P&hone:"), self.phone)
        self.linkedin_url = QLineEdit(self)
        self.linkedin_url.setPlaceholderText(self.tr("https://www.linkedin.com/in/…"))
        self.add_field("linkedin_url", self.tr("&LinkedIn:"), self.linkedin_url)
        self.mailing_address = multi_line(self, 3)
        self.mailing_address.setPlaceholderText(
            self.tr("for card envelopes (empty: the company's address is used)")
        )
        self.add_field("mailing_address", self.tr("&Mailing address:"), self.mailing_address)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("recruiter, alumni (commas between tags)"))
        self.add_field("tags", self.tr("Ta&gs:"), self.tags)
        self.notes = multi_line(self, 3)
        self.add_field("notes", self.tr("N&otes:"), self.notes)

        # The surname follows the name until the user types one of their own.
        self.surname_chosen = False
        if record is not None:
            self.salutation.setCurrentIndex(max(0, self.salutation.findData(record.salutation)))
            self.name.setText(record.name)
            self.surname.setText(record.surname)
            self.surname_chosen = record.surname != guess_surname(record.name)
            self.preferred_name.setText(record.preferred_name)
            self.title.setText(record.title)
            self.company.select_id(record.company_id)
            self.email.setText(record.email)
            self.phone.setText(record.phone)
            self.linkedin_url.setText(record.linkedin_url)
            self.tags.setText(tags_text(record.tags))
            self.mailing_address.setPlainText(record.mailing_address)
            self.notes.setPlainText(record.notes)

        self.name.textChanged.connect(self._name_typed)
        self.surname.textEdited.connect(self._surname_typed)
        self.watch("name", self.name.textChanged)
        self.watch("salutation", self.salutation.currentIndexChanged)
        self.watch("surname", self.surname.textChanged)
        self.watch("preferred_name", self.preferred_name.textChanged)
        self.watch("title", self.title.textChanged)
        self.watch("company_id", self.company.currentTextChanged)
        self.watch("email", self.email.textChanged)
        self.watch("phone", self.phone.textChanged)
        self.watch("linkedin_url", self.linkedin_url.textChanged)
        self.watch("tags", self.tags.textChanged)
        self.watch("mailing_address", self.mailing_address.textChanged)
        self.watch("notes", self.notes.textChanged)
        self.add_buttons()
        self.resize(500, self.sizeHint().height())

    def _name_typed(self, text: str) -> None:
        typed, _rest = split_salutation(text)
        if typed and not self.salutation.currentData():
            self.salutation.setCurrentIndex(self.salutation.findData(typed))
        if not self.surname_chosen:
            self.surname.setText(guess_surname(text))

    def _surname_typed(self, text: str) -> None:
        self.surname_chosen = bool(text.strip())

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if message := required(self.name.text(), self.tr("Name")):
            found["name"] = message
        if message := company_problem(self.company):
            found["company_id"] = message
        if message := email_problem(self.email.text()):
            found["email"] = message
        if message := linkedin_problem(self.linkedin_url.text()):
            found["linkedin_url"] = message
        if message := tags_problem(normalize_tags(self.tags.text())):
            found["tags"] = message
        return found

    def value(self) -> ContactInput:
        return ContactInput(
            salutation=str(self.salutation.currentData() or ""),
            surname=self.surname.text().strip(),
            name=self.name.text().strip(),
            preferred_name=self.preferred_name.text().strip(),
            title=self.title.text().strip(),
            company_id=self.company.current_id(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            mailing_address=self.mailing_address.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            linkedin_url=self.linkedin_url.text().strip(),
            tags=normalize_tags(self.tags.text()),
        )
