"""The interviewers of an interview: one row each, an existing contact or one made on the spot,
each with the talking points that make that person's thank-you note specific."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.validation import email_problem, required
from desktop.storage.records import ContactInput, ParticipantInput
from desktop.ui.forms.base import RecordPicker, error_label, multi_line, show_message

TALKING_POINTS_HINT = "What you talked about with them: a story, a project, a shared interest…"


class InterviewerRow(QFrame):
    """One interviewer: who (picked or new) and what you talked about."""

    changed = Signal()
    move_requested = Signal(object, int)  # row, -1 up / +1 down
    remove_requested = Signal(object)
    create_requested = Signal(object)  # row: make the typed name a new contact

    def __init__(
        self,
        parent: QWidget,
        contacts: list[tuple[int, str]],
        *,
        new: bool,
        contact_id: int | None = None,
        talking_points: str = "",
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.is_new = new
        self.touched = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        header.addWidget(self.heading, 1)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setAutoDefault(False)
            header.addWidget(button)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        outer.addLayout(header)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.contact: RecordPicker | None = None
        self.name = self.title = self.email = None
        if new:
            self.name = QLineEdit(self)
            self.name.setPlaceholderText(self.tr("their full name, e.g. Ms. Eleanor Vance"))
            self.title = QLineEdit(self)
            self.title.setPlaceholderText(self.tr("e.g. Engineering Manager"))
            self.email = QLineEdit(self)
            self.email.setPlaceholderText(self.tr("name@example.com"))
            for label, edit in (("Name *:", self.name), ("Title:", self.title)):
                form.addRow(label, edit)
            form.addRow(self.tr("Email:"), self.email)
            self.name.setText(name)
            edits: list[QLineEdit] = [self.name, self.title, self.email]
            for edit in edits:
                edit.textChanged.connect(self._edited)
        else:
            self.contact = RecordPicker(self, contacts, "type a name to search contacts")
            self.contact.select_id(contact_id)
            self.contact.currentTextChanged.connect(self._edited)
            form.addRow(self.tr("Contact *:"), self.contact)
        # A name that is nobody yet: offer to make them a contact on the spot.
        self.create_button = QPushButton(self)
        self.create_button.setAutoDefault(False)
        self.create_button.setVisible(False)
        self.create_button.clicked.connect(lambda: self.create_requested.emit(self))
        if self.contact is not None:
            self.contact.currentTextChanged.connect(self._offer_create)
            form.addRow("", self.create_button)
        self.talking_points: QPlainTextEdit = multi_line(self, 3)
        self.talking_points.setPlaceholderText(TALKING_POINTS_HINT)
        self.talking_points.setPlainText(talking_points)
        self.talking_points.textChanged.connect(self.changed)
        form.addRow(self.tr("Talking points:"), self.talking_points)
        outer.addLayout(form)
        self.error = error_label(self)
        outer.addWidget(self.error)

    def _edited(self, *_args: object) -> None:
        self.touched = True
        self.changed.emit()

    def unknown_name(self) -> str:
        """The name typed in the contact picker when it is no contact's, else ""."""
        if self.contact is None or self.contact.current_id() is not None:
            return ""
        return self.contact.text()

    def _offer_create(self, *_args: object) -> None:
        typed = self.unknown_name()
        self.create_button.setText(self.tr("Create “{typed}”").format(typed=typed) if typed else "")
        self.create_button.setAccessibleName(
            self.tr("Create {typed} as a new contact").format(typed=typed)
        )
        self.create_button.setToolTip(self.tr("Add them as a new contact of this company"))
        self.create_button.setVisible(bool(typed))

    def set_number(self, number: int, count: int) -> None:
        """Name the row and its controls for the eye and for screen readers."""
        who = f"interviewer {number}"
        self.heading.setText(
            (
                self.tr("New interviewer {number}")
                if self.is_new
                else self.tr("Interviewer {number}")
            ).format(number=number)
        )
        self.up_button.setAccessibleName(self.tr("Move {who} up").format(who=who))
        self.down_button.setAccessibleName(self.tr("Move {who} down").format(who=who))
        self.remove_button.setAccessibleName(self.tr("Remove {who}").format(who=who))
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)
        self.talking_points.setAccessibleName(self.tr("Talking points for {who}").format(who=who))
        if self.contact is not None:
            self.contact.setAccessibleName(self.tr("Contact for {who}").format(who=who))
        if self.name is not None and self.title is not None and self.email is not None:
            self.name.setAccessibleName(self.tr("Name of {who}").format(who=who))
            self.title.setAccessibleName(self.tr("Title of {who}").format(who=who))
            self.email.setAccessibleName(self.tr("Email of {who}").format(who=who))

    def focus_chain(self) -> list[QWidget]:
        """The row's controls in tab order: who, talking points, then its buttons."""
        who: list[QWidget] = (
            [self.contact] if self.contact is not None else [self.name, self.title, self.email]  # type: ignore[list-item]
        )
        create = [self.create_button] if self.create_button.isVisibleTo(self) else []
        return [
            *who,
            *create,
            self.talking_points,
            self.up_button,
            self.down_button,
            self.remove_button,
        ]

    def first_input(self) -> QWidget:
        return self.contact if self.contact is not None else self.name  # type: ignore[return-value]

    def problem(self, others: list[int]) -> str | None:
        """What is wrong with this row; `others` are contact ids picked on earlier rows."""
        if self.contact is not None:
            if not self.contact.text():
                return "Pick a contact, or remove this row"
            picked = self.contact.current_id()
            if picked is None:
                return f"No contact called '{self.contact.text()}' — press Create to add them"
            if picked in others:
                return "This person is already listed"
            return None
        assert self.name is not None and self.email is not None
        return required(self.name.text(), self.tr("Name")) or email_problem(self.email.text())

    def show_problem(self, message: str | None, show_all: bool) -> None:
        shown = message if (self.touched or show_all) else None
        show_message(self.error, self.first_input(), shown)

    def contact_id(self) -> int | None:
        return self.contact.current_id() if self.contact is not None else None

    def participant(self) -> ParticipantInput:
        return ParticipantInput(
            contact_id=self.contact_id() or 0,
            talking_points=self.talking_points.toPlainText().strip(),
        )

    def new_contact(self, company_id: int | None) -> ContactInput:
        assert self.name is not None and self.title is not None and self.email is not None
        return ContactInput(
            name=self.name.text().strip(),
            title=self.title.text().strip(),
            email=self.email.text().strip(),
            company_id=company_id,
        )


class InterviewerList(QWidget):
    """The rows, in the order the user wants them, with Add and New buttons under them."""

    changed = Signal()

    def __init__(self, parent: QWidget, contacts: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.contacts = contacts
        self.rows: list[InterviewerRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(
            self.tr(
                "No interviewers yet. Add each person you met: Afterword plans one "
                "thank-you note per interviewer."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        holder = QWidget(self)
        self.row_layout = QVBoxLayout(holder)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.addWidget(self.empty)
        self.row_layout.addStretch(1)
        self.rows_area = QScrollArea(self)
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setFrameShape(QFrame.Shape.NoFrame)
        self.rows_area.setWidget(holder)
        self.rows_area.setMinimumWidth(440)
        outer.addWidget(self.rows_area, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add interviewer"), self)
        self.add_button.setAccessibleName(self.tr("Add an existing contact as interviewer"))
        self.new_button = QPushButton(self.tr("New interviewer…"), self)
        self.new_button.setAccessibleName(self.tr("New interviewer, not yet a contact"))
        for button in (self.add_button, self.new_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row(new=False).first_input().setFocus())
        self.new_button.clicked.connect(self.new_interviewer)

    def add_row(
        self,
        *,
        new: bool,
        contact_id: int | None = None,
        talking_points: str = "",
        name: str = "",
        at: int | None = None,
    ) -> InterviewerRow:
        row = InterviewerRow(
            self,
            self.contacts,
            new=new,
            contact_id=contact_id,
            talking_points=talking_points,
            name=name,
        )
        row.changed.connect(self.changed)
        row.move_requested.connect(self.move_row)
        row.remove_requested.connect(self.remove_row)
        row.create_requested.connect(self.create_from)
        self.rows.insert(len(self.rows) if at is None else at, row)
        self._relayout()
        return row

    def create_from(self, row: InterviewerRow) -> InterviewerRow:
        """Turn a row whose typed name is nobody's into a new person with that name."""
        typed = row.unknown_name()
        position = self.rows.index(row)
        points = row.talking_points.toPlainText()
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        made = self.add_row(new=True, name=typed, talking_points=points, at=position)
        made.touched = True
        assert made.title is not None
        made.title.setFocus()  # the name is there; what they do comes next
        return made

    def new_interviewer(self) -> InterviewerRow:
        """New interviewer…: the name typed in a contact row that matched nobody, if any;
        else an empty row for a new person."""
        typed = [r for r in self.rows if r.unknown_name()]
        if typed:
            return self.create_from(typed[-1])
        row = self.add_row(new=True)
        row.first_input().setFocus()
        return row

    def move_row(self, row: InterviewerRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if 0 <= target < len(self.rows):
            self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
            self._relayout()
            (
                row.up_button if step < 0 and row.up_button.isEnabled() else row.down_button
            ).setFocus()

    def remove_row(self, row: InterviewerRow) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self._relayout()
        self.add_button.setFocus()

    def _relayout(self) -> None:
        for row in self.rows:
            self.row_layout.removeWidget(row)
        for position, row in enumerate(self.rows):
            self.row_layout.insertWidget(position, row)
            row.set_number(position + 1, len(self.rows))
            row.show()  # now, not on the next turn of the event loop: focus can move into it
        self.empty.setVisible(not self.rows)
        # Tab goes through the rows in the order shown, not the order they were made.
        chain: list[QWidget] = [w for row in self.rows for w in row.focus_chain()]
        chain += [self.add_button, self.new_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.changed.emit()

    def check(self, show_all: bool) -> bool:
        """Show each row's problem; True when every row is fine."""
        picked: list[int] = []
        ok = True
        for row in self.rows:
            message = row.problem(picked)
            row.show_problem(message, show_all)
            ok = ok and message is None
            if (contact_id := row.contact_id()) is not None:
                picked.append(contact_id)
        return ok
