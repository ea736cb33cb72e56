"""Add or edit an application: a role at a company, and where it stands."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.core.followups import APPLICATION_STATUSES
from desktop.core.validation import required
from desktop.storage.records import (
    ApplicationInput,
    ApplicationRecord,
    CompanyRecord,
    ContactRecord,
)
from desktop.ui.forms.base import (
    FormDialog,
    OptionalDate,
    RecordPicker,
    choice_combo,
    multi_line,
    select_value,
)
from desktop.ui.forms.company import web_address_problem
from desktop.ui.forms.contact import company_problem


def contact_label(contact: ContactRecord) -> str:
    """How a contact is listed in a picker: 'Margaret Hale (Hale & Pierce LLP)'."""
    return f"{contact.name} ({contact.company})" if contact.company else contact.name


def application_title(record: ApplicationRecord) -> str:
    return f"{record.role} at {record.company}"


class ApplicationDialog(FormDialog):
    """New or edit application: company, role, status, source, posting, date, contact, notes."""

    def __init__(
        self,
        parent: QWidget | None,
        record: ApplicationRecord | None = None,
        companies: list[CompanyRecord] | None = None,
        contacts: list[ContactRecord] | None = None,
        *,
        today: date | None = None,
        company_id: int | None = None,
    ) -> None:
        """`company_id`: the company a new application is for (the one just made)."""
        title = f"Edit {application_title(record)}" if record else "New application"
        super().__init__(parent, title)
        self.record = record
        self.company = RecordPicker(
            self, ((c.id, c.name) for c in companies or ()), "type to search companies"
        )
        self.add_field("company_id", "&Company:", self.company, required=True)
        self.role = QLineEdit(self)
        self.role.setPlaceholderText("Associate")
        self.add_field("role", "&Role:", self.role, required=True)
        self.status = choice_combo(self, APPLICATION_STATUSES)
        select_value(self.status, "applied")
        self.add_field("status", "&Status:", self.status)
        self.source = QLineEdit(self)
        self.source.setPlaceholderText("referral, job board, recruiter…")
        self.add_field("source", "S&ource:", self.source)
        self.posting_url = QLineEdit(self)
        self.posting_url.setPlaceholderText("https://")
        self.add_field("posting_url", "&Posting URL:", self.posting_url)
        self.applied_on = OptionalDate(self, "Applied on", today or date.today())
        self.add_field("applied_on", "&Applied on:", self.applied_on, self.applied_on.check)
        self.primary_contact = RecordPicker(
            self, ((c.id, contact_label(c)) for c in contacts or ()), "optional"
        )
        self.add_field("primary_contact_id", "Primary con&tact:", self.primary_contact)
        self.notes = multi_line(self, 4)
        self.add_field("notes", "&Notes:", self.notes)

        if record is not None:
            self.company.select_id(record.company_id)
            self.role.setText(record.role)
            select_value(self.status, record.status)
            self.source.setText(record.source)
            self.posting_url.setText(record.posting_url)
            self.applied_on.set_value(record.applied_on)
            self.primary_contact.select_id(record.primary_contact_id)
            self.notes.setPlainText(record.notes)
        elif company_id is not None and self.company.findData(company_id) >= 0:
            self.company.select_id(company_id)
            self.initial_focus = self.role

        self.watch("company_id", self.company.currentTextChanged)
        self.watch("role", self.role.textChanged)
        self.watch("status", self.status.currentIndexChanged)
        self.watch("source", self.source.textChanged)
        self.watch("posting_url", self.posting_url.textChanged)
        self.applied_on.changed.connect(self._applied_changed)
        self.watch("primary_contact_id", self.primary_contact.currentTextChanged)
        self.watch("notes", self.notes.textChanged)
        self.add_buttons()
        self.resize(520, self.sizeHint().height())

    def _applied_changed(self) -> None:
        self._service_problems.pop("applied_on", None)
        self.revalidate()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if message := company_problem(self.company, needed=True):
            found["company_id"] = message
        if message := required(self.role.text(), "Role"):
            found["role"] = message
        if message := web_address_problem(self.posting_url.text()):
            found["posting_url"] = message
        if self.primary_contact.text() and self.primary_contact.current_id() is None:
            found["primary_contact_id"] = "Pick a contact from the list, or leave it blank"
        return found

    def value(self) -> ApplicationInput:
        company_id = self.company.current_id()
        if company_id is None:
            raise ValueError("value() called on an invalid form: no company")
        return ApplicationInput(
            company_id=company_id,
            role=self.role.text().strip(),
            status=str(self.status.currentData()),
            source=self.source.text().strip(),
            posting_url=self.posting_url.text().strip(),
            applied_on=self.applied_on.value(),
            closed_on=self.record.closed_on if self.record else None,
            primary_contact_id=self.primary_contact.current_id(),
            notes=self.notes.toPlainText().strip(),
        )
