"""Add or edit an interview: when, what kind, and who interviewed (with talking points)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.followups import INTERVIEW_KINDS
from desktop.core.links import meeting_link
from desktop.core.validation import interview_times_problem, promised_date_problem
from desktop.storage.records import (
    ApplicationRecord,
    ContactInput,
    ContactRecord,
    InterviewInput,
    InterviewRecord,
    ParticipantInput,
)
from desktop.ui.forms.application import application_title, contact_label
from desktop.ui.forms.base import (
    FormDialog,
    OptionalDate,
    RecordPicker,
    choice_combo,
    date_time_edit,
    error_label,
    multi_line,
    select_value,
    set_wall_time,
    to_qdate,
    wall_time,
)
from desktop.ui.forms.interviewers import InterviewerList


@dataclass(frozen=True)
class InterviewDraft:
    """What the interview dialog returns.

    `interview.participants` reference existing contacts. `new_contacts` are people to create
    first; their ParticipantInput.contact_id is 0 until the caller knows the new id.
    `order` is the on-screen order of all interviewers: ("existing", i) is
    interview.participants[i], ("new", i) is new_contacts[i]; `complete` applies it.
    """

    interview: InterviewInput
    new_contacts: tuple[tuple[ContactInput, ParticipantInput], ...] = ()
    order: tuple[tuple[str, int], ...] = ()

    def complete(self, new_contact_ids: Sequence[int]) -> InterviewInput:
        """The interview with every interviewer, in the order shown, once the new contacts exist."""
        if len(new_contact_ids) != len(self.new_contacts):
            raise ValueError("one id is needed for each new contact")
        made = [
            replace(participant, contact_id=contact_id)
            for (_contact, participant), contact_id in zip(
                self.new_contacts, new_contact_ids, strict=True
            )
        ]
        existing = list(self.interview.participants)
        order = self.order or tuple(
            [("existing", i) for i in range(len(existing))] + [("new", i) for i in range(len(made))]
        )
        everyone = tuple(existing[i] if kind == "existing" else made[i] for kind, i in order)
        return replace(self.interview, participants=everyone)


def next_hour(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


class InterviewDialog(FormDialog):
    """New or edit interview, with its interviewers and their talking points."""

    def __init__(
        self,
        parent: QWidget | None,
        record: InterviewRecord | None,
        applications: list[ApplicationRecord],
        contacts: list[ContactRecord],
        tz: tzinfo,
        *,
        now: datetime | None = None,
        application_id: int | None = None,
    ) -> None:
        """`application_id`: the application a new interview is for (the one just made)."""
        title = f"Edit interview — {record.role} at {record.company}" if record else "New interview"
        super().__init__(parent, title)
        self.record = record
        self.tz = tz
        self.applications = {a.id: a for a in applications}
        start = next_hour((now or datetime.now(tz)).astimezone(tz))

        self.application = RecordPicker(
            self, ((a.id, application_title(a)) for a in applications), "type a company or role"
        )
        if record is not None and record.application_id not in self.applications:
            self.application.addItem(
                self.tr("{role} at {company}").format(role=record.role, company=record.company),
                record.application_id,
            )
        self.add_field("application_id", self.tr("&Application:"), self.application, required=True)
        self.starts_at = date_time_edit(self)
        set_wall_time(self.starts_at, start, tz)
        self.add_field("starts_at", self.tr("&Starts:"), self.starts_at)
        ends_row = QWidget(self)
        ends_layout = QHBoxLayout(ends_row)
        ends_layout.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(ends_row)
        self.has_end.setAccessibleName(self.tr("Ends: set an end time"))
        self.has_end.setToolTip(self.tr("Tick to set when it ends"))
        self.has_end.setChecked(True)
        self.ends_at = date_time_edit(ends_row)
        self.ends_at.setAccessibleName(self.tr("Ends"))
        set_wall_time(self.ends_at, start + timedelta(hours=1), tz)
        self.has_end.toggled.connect(self.ends_at.setEnabled)
        ends_layout.addWidget(self.has_end)
        ends_layout.addWidget(self.ends_at, 1)
        self.add_field("ends_at", self.tr("&Ends:"), ends_row, self.ends_at)
        self.kind = choice_combo(self, INTERVIEW_KINDS)
        select_value(self.kind, "video")
        self.add_field("kind", self.tr("&Kind:"), self.kind)
        where = QWidget(self)
        where_row = QHBoxLayout(where)
        where_row.setContentsMargins(0, 0, 0, 0)
        self.location = QLineEdit(where)
        self.location.setPlaceholderText(self.tr("address, or video link"))
        self.join_button = QPushButton(self.tr("Join"), where)
        self.join_button.setAccessibleName(self.tr("Join the video call"))
        self.join_button.setToolTip(self.tr("Open the video link in the browser"))
        self.join_button.setAutoDefault(False)
        self.join_button.setEnabled(False)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.join_button.clicked.connect(
            lambda: self.open_url(QUrl(meeting_link(self.location.text()) or ""))
        )
        self.location.textChanged.connect(
            lambda text: self.join_button.setEnabled(meeting_link(text) is not None)
        )
        where_row.addWidget(self.location, 1)
        where_row.addWidget(self.join_button)
        self.add_field("location", self.tr("&Location:"), where, self.location)
        self.promised = OptionalDate(self, self.tr("Answer promised by"), start.date())
        self.add_field(
            "promised_response_by",
            self.tr("&Answer promised by:"),
            self.promised,
            self.promised.check,
        )
        self.notes = multi_line(self, 4)
        self.add_field("notes", self.tr("N&otes:"), self.notes)
        self.cancelled = QCheckBox(self.tr("This interview was cancelled"), self)
        self.add_field("cancelled", "", self.cancelled)
        # What the employer answered after this round, recorded with Record reply….
        self.reply = QLabel(self)
        self.reply.setObjectName("formHint")
        self.reply.setWordWrap(True)
        self.reply.setAccessibleName(self.tr("Their reply"))
        if record is not None and record.reply_at is not None:
            from desktop.core.wording import REPLY_OUTCOME_WORDS, moment_text

            said = REPLY_OUTCOME_WORDS.get(record.reply_outcome, "A reply")
            self.reply.setText(
                self.tr("{said}, {moment_text}").format(
                    said=said, moment_text=moment_text(record.reply_at, tz)
                )
            )
            self.form.addRow(self.tr("Their reply:"), self.reply)
        else:
            self.reply.hide()

        names = [(c.id, contact_label(c)) for c in contacts]
        known = {c.id for c in contacts}
        for p in record.participants if record else ():
            if p.contact_id not in known:
                names.append((p.contact_id, p.name))
        self.interviewers = InterviewerList(self, names)
        self._build_interviewer_panel()

        if record is not None:
            self._load(record)
        elif application_id is not None and self.application.findData(application_id) >= 0:
            self.application.select_id(application_id)
            self.initial_focus = self.starts_at
        self.previous_start = wall_time(self.starts_at, tz)
        self.starts_at.dateTimeChanged.connect(self._start_moved)
        self.watch("application_id", self.application.currentTextChanged)
        self.watch("starts_at", self.starts_at.dateTimeChanged)
        self.watch("ends_at", self.ends_at.dateTimeChanged)
        self.watch("ends_at", self.has_end.toggled)
        self.watch("kind", self.kind.currentIndexChanged)
        self.watch("location", self.location.textChanged)
        self.promised.changed.connect(self._promised_changed)
        self.watch("notes", self.notes.textChanged)
        self.watch("cancelled", self.cancelled.toggled)
        self.watch("participants", self.interviewers.changed)
        self.add_buttons()
        self.resize(1000, max(620, self.sizeHint().height()))

    def _build_interviewer_panel(self) -> None:
        panel = QVBoxLayout()
        heading = QLabel(self.tr("Interviewers"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        hint = QLabel(
            self.tr(
                "One thank-you note goes to each person. Talking points make each note personal."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        hint.setMinimumHeight(hint.fontMetrics().lineSpacing() * 2 + 4)
        message = error_label(self)
        self.register_field("participants", message, self.interviewers.add_button)
        for widget in (heading, hint):
            panel.addWidget(widget)
        panel.addWidget(self.interviewers, 1)
        panel.addWidget(message)
        self.columns.addSpacing(12)
        self.columns.addLayout(panel, 1)

    def _load(self, record: InterviewRecord) -> None:
        self.application.select_id(record.application_id)
        set_wall_time(self.starts_at, record.starts_at, self.tz)
        self.has_end.setChecked(record.ends_at is not None)
        if record.ends_at is not None:
            set_wall_time(self.ends_at, record.ends_at, self.tz)
        select_value(self.kind, record.kind)
        self.location.setText(record.location)
        self.promised.set_value(record.promised_response_by)
        self.notes.setPlainText(record.notes)
        self.cancelled.setChecked(record.cancelled)
        for p in record.participants:
            self.interviewers.add_row(
                new=False, contact_id=p.contact_id, talking_points=p.talking_points
            )

    def _start_moved(self) -> None:
        """Moving the start moves the end with it, keeping the length the user set."""
        start = wall_time(self.starts_at, self.tz)
        if self.has_end.isChecked():
            length = wall_time(self.ends_at, self.tz) - self.previous_start
            if length > timedelta(0):
                set_wall_time(self.ends_at, start + length, self.tz)
        if self.promised.value() is None:
            self.promised.edit.setDate(to_qdate(start.date()))
        self.previous_start = start

    def _promised_changed(self) -> None:
        self._service_problems.pop("promised_response_by", None)
        self.revalidate()

    # --- reading the form ---
    def start(self) -> datetime:
        return wall_time(self.starts_at, self.tz)

    def end(self) -> datetime | None:
        return wall_time(self.ends_at, self.tz) if self.has_end.isChecked() else None

    def promised_by(self) -> date | None:
        return self.promised.value()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.application.text():
            found["application_id"] = "Application is required"
        elif self.application.current_id() is None:
            found["application_id"] = f"No application called '{self.application.text()}'"
        if message := interview_times_problem(self.start(), self.end()):
            found["ends_at"] = message
        if message := promised_date_problem(self.promised_by(), self.start()):
            found["promised_response_by"] = message
        return found

    def revalidate(self) -> None:
        super().revalidate()
        rows_ok = self.interviewers.check(self._show_all)
        if not rows_ok:
            self.save_button.setEnabled(False)

    def value(self) -> InterviewDraft:
        application_id = self.application.current_id()
        if application_id is None:
            raise ValueError("value() called on an invalid form: no application")
        application = self.applications.get(application_id)
        company_id = application.company_id if application else None
        existing: list[ParticipantInput] = []
        new: list[tuple[ContactInput, ParticipantInput]] = []
        order: list[tuple[str, int]] = []
        for row in self.interviewers.rows:
            if row.is_new:
                order.append(("new", len(new)))
                new.append((row.new_contact(company_id), row.participant()))
            else:
                order.append(("existing", len(existing)))
                existing.append(row.participant())
        interview = InterviewInput(
            application_id=application_id,
            starts_at=self.start(),
            ends_at=self.end(),
            kind=str(self.kind.currentData()),
            location=self.location.text().strip(),
            promised_response_by=self.promised_by(),
            notes=self.notes.toPlainText().strip(),
            cancelled=self.cancelled.isChecked(),
            participants=tuple(existing),
        )
        return InterviewDraft(interview, tuple(new), tuple(order))
