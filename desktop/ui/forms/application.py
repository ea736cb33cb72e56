"""Add or edit an application: a role at a company, and where it stands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.followups import APPLICATION_STATUSES
from desktop.core.job import (
    CURRENCIES,
    SALARY_PERIODS,
    SOURCES,
    WORK_MODES,
    Salary,
    normalize_tags,
    parse_salary,
    salary_problem,
    tags_problem,
    tags_text,
)
from desktop.core.validation import required
from desktop.core.wording import SALARY_PERIOD_WORDS, WORK_MODE_WORDS
from desktop.storage.records import (
    ApplicationInput,
    ApplicationRecord,
    CompanyRecord,
    ContactRecord,
    JobDetails,
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


def amount_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"


def read_amount(text: str) -> tuple[int | None, bool]:
    """(amount, understood) for what was typed in a salary box: '120k', '120,000', ''."""
    if not text.strip():
        return None, True
    salary = parse_salary(text)
    if salary is None or salary.minimum != salary.maximum:
        return None, False
    return salary.minimum, True


class ApplicationDialog(FormDialog):
    """New or edit application: company, role, status, source, the posting and the job
    (location, how it is worked, salary, the description pasted in), tags, contact, notes."""

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
        self.add_field("company_id", self.tr("&Company:"), self.company, required=True)
        self.role = QLineEdit(self)
        self.role.setPlaceholderText(self.tr("Associate"))
        self.add_field("role", self.tr("&Role:"), self.role, required=True)
        self.status = choice_combo(self, APPLICATION_STATUSES)
        select_value(self.status, "applied")
        self.add_field("status", self.tr("&Status:"), self.status)
        self.source = QComboBox(self)
        self.source.setEditable(True)
        self.source.addItems(["", *SOURCES])
        source_line = self.source.lineEdit()
        assert source_line is not None  # an editable box has its line
        source_line.setPlaceholderText(self.tr("referral, job board, recruiter…"))
        self.add_field("source", self.tr("S&ource:"), self.source)
        # Opens links in the browser; tests answer it without one.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        posting_row = QWidget(self)
        row = QHBoxLayout(posting_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.posting_url = QLineEdit(posting_row)
        self.posting_url.setPlaceholderText("https://")
        self.open_posting = QPushButton(self.tr("Open"), posting_row)
        self.open_posting.setToolTip(self.tr("Open the posting in the browser"))
        self.open_posting.setAccessibleName(self.tr("Open the posting"))
        self.open_posting.setAutoDefault(False)
        self.open_posting.clicked.connect(self._open_posting)
        row.addWidget(self.posting_url, 1)
        row.addWidget(self.open_posting)
        self.add_field("posting_url", self.tr("&Posting URL:"), posting_row, self.posting_url)
        self.applied_on = OptionalDate(self, self.tr("Applied on"), today or date.today())
        self.add_field(
            "applied_on", self.tr("&Applied on:"), self.applied_on, self.applied_on.check
        )
        where_row = QWidget(self)
        row = QHBoxLayout(where_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.location = QLineEdit(where_row)
        self.location.setPlaceholderText(self.tr("Boston, MA"))
        self.work_mode = QComboBox(where_row)
        self.work_mode.setAccessibleName(self.tr("Remote, hybrid or on-site"))
        for mode in WORK_MODES:
            self.work_mode.addItem(WORK_MODE_WORDS[mode], mode)
        row.addWidget(self.location, 1)
        row.addWidget(self.work_mode)
        self.add_field("location", self.tr("&Location:"), where_row, self.location)
        salary_row = QWidget(self)
        row = QHBoxLayout(salary_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.salary_min = QLineEdit(salary_row)
        self.salary_min.setPlaceholderText(self.tr("120k"))
        self.salary_min.setAccessibleName(self.tr("Salary from"))
        self.salary_max = QLineEdit(salary_row)
        self.salary_max.setPlaceholderText(self.tr("140k"))
        self.salary_max.setAccessibleName(self.tr("Salary to"))
        self.currency = QComboBox(salary_row)
        self.currency.setEditable(True)
        self.currency.setAccessibleName(self.tr("Currency"))
        self.currency.addItems(["", *CURRENCIES])
        self.currency.setMinimumContentsLength(4)
        self.period = QComboBox(salary_row)
        self.period.setAccessibleName(self.tr("Salary period"))
        for period in SALARY_PERIODS:
            self.period.addItem(SALARY_PERIOD_WORDS[period], period)
        row.addWidget(self.salary_min, 1)
        row.addWidget(QLabel("\u2013", salary_row))
        row.addWidget(self.salary_max, 1)
        row.addWidget(self.currency)
        row.addWidget(self.period)
        self.add_field("salary", self.tr("Sa&lary:"), salary_row, self.salary_min)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("remote, dream job (commas between tags)"))
        self.add_field("tags", self.tr("Ta&gs:"), self.tags)
        self.primary_contact = RecordPicker(
            self, ((c.id, contact_label(c)) for c in contacts or ()), "optional"
        )
        self.add_field("primary_contact_id", self.tr("Primary con&tact:"), self.primary_contact)
        self.notes = multi_line(self, 4)
        self.add_field("notes", self.tr("&Notes:"), self.notes)
        # The posting's text beside the form: kept, searchable, shown by the composer.
        side = QVBoxLayout()
        caption = QLabel(self.tr("Job &description (paste the posting's text):"), self)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Job description"))
        self.description.setPlaceholderText(
            self.tr(
                "Paste the job posting here: it is kept with the application, found by search, "
                "and shown beside your notes when you write to the interviewers."
            )
        )
        self.description.setTabChangesFocus(True)
        self.description.setMinimumWidth(320)
        caption.setBuddy(self.description)
        side.addWidget(caption)
        side.addWidget(self.description, 1)
        self.columns.addLayout(side, 1)

        if record is not None:
            self.company.select_id(record.company_id)
            self.role.setText(record.role)
            select_value(self.status, record.status)
            self.source.setEditText(record.source)
            self.posting_url.setText(record.posting_url)
            self.applied_on.set_value(record.applied_on)
            job = record.job
            self.location.setText(job.location)
            select_value(self.work_mode, job.work_mode)
            self.salary_min.setText(amount_text(job.salary_min))
            self.salary_max.setText(amount_text(job.salary_max))
            self.currency.setEditText(job.salary_currency)
            select_value(self.period, job.salary_period)
            self.description.setPlainText(job.description)
            self.tags.setText(tags_text(record.tags))
            self.primary_contact.select_id(record.primary_contact_id)
            self.notes.setPlainText(record.notes)
        elif company_id is not None and self.company.findData(company_id) >= 0:
            self.company.select_id(company_id)
            self.initial_focus = self.role

        self.watch("company_id", self.company.currentTextChanged)
        self.watch("role", self.role.textChanged)
        self.watch("status", self.status.currentIndexChanged)
        self.watch("source", self.source.currentTextChanged)
        self.watch("posting_url", self.posting_url.textChanged)
        self.posting_url.textChanged.connect(self._posting_changed)
        self._posting_changed()
        self.watch("location", self.location.textChanged)
        self.watch("location", self.work_mode.currentIndexChanged)
        for widget in (self.salary_min, self.salary_max):
            self.watch("salary", widget.textChanged)
        self.watch("salary", self.currency.currentTextChanged)
        self.watch("salary", self.period.currentIndexChanged)
        self.watch("tags", self.tags.textChanged)
        self.watch("description", self.description.textChanged)
        self.applied_on.changed.connect(self._applied_changed)
        self.watch("primary_contact_id", self.primary_contact.currentTextChanged)
        self.watch("notes", self.notes.textChanged)
        self.add_buttons()
        self.resize(920, self.sizeHint().height())

    def _posting_changed(self) -> None:
        text = self.posting_url.text().strip()
        self.open_posting.setEnabled(
            bool(text) and web_address_problem(text) is None and "://" in text
        )

    def _open_posting(self) -> None:
        self.open_url(QUrl(self.posting_url.text().strip()))

    def salary(self) -> tuple[Salary, str | None]:
        """The salary as typed, and what is wrong with it (None when it reads well)."""
        low, low_ok = read_amount(self.salary_min.text())
        high, high_ok = read_amount(self.salary_max.text())
        currency = self.currency.currentText().strip().upper()
        salary = Salary(low, high, currency, str(self.period.currentData() or ""))
        if not (low_ok and high_ok):
            return salary, "Type an amount such as 120000 or 120k"
        if low is None and high is not None:
            salary = Salary(high, high, currency, salary.period)
        return salary, salary_problem(salary)

    def _applied_changed(self) -> None:
        self._service_problems.pop("applied_on", None)
        self.revalidate()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if message := company_problem(self.company, needed=True):
            found["company_id"] = message
        if message := required(self.role.text(), self.tr("Role")):
            found["role"] = message
        if message := web_address_problem(self.posting_url.text()):
            found["posting_url"] = message
        if self.primary_contact.text() and self.primary_contact.current_id() is None:
            found["primary_contact_id"] = "Pick a contact from the list, or leave it blank"
        if message := self.salary()[1]:
            found["salary"] = message
        if message := tags_problem(normalize_tags(self.tags.text())):
            found["tags"] = message
        return found

    def value(self) -> ApplicationInput:
        company_id = self.company.current_id()
        if company_id is None:
            raise ValueError("value() called on an invalid form: no company")
        salary = self.salary()[0]
        return ApplicationInput(
            company_id=company_id,
            role=self.role.text().strip(),
            status=str(self.status.currentData()),
            source=self.source.currentText().strip(),
            posting_url=self.posting_url.text().strip(),
            applied_on=self.applied_on.value(),
            closed_on=self.record.closed_on if self.record else None,
            primary_contact_id=self.primary_contact.current_id(),
            notes=self.notes.toPlainText().strip(),
            job=JobDetails(
                location=self.location.text().strip(),
                work_mode=str(self.work_mode.currentData() or ""),
                salary_min=salary.minimum,
                salary_max=salary.maximum,
                salary_currency=salary.currency,
                salary_period=salary.period,
                description=self.description.toPlainText().strip(),
            ),
            tags=normalize_tags(self.tags.text()),
        )
