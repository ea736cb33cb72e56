"""Record a reply from the employer: what they said sets the application's status, and it
ends the check-ins Afterword was planning."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from desktop.core.followups import REPLY_OUTCOMES, status_after_reply
from desktop.core.wording import APPLICATION_STATUS_WORDS, REPLY_OUTCOME_WORDS
from desktop.storage.records import ApplicationRecord
from desktop.ui.forms.application import application_title
from desktop.ui.forms.base import FormDialog, date_time_edit, set_wall_time, wall_time


class ReplyDialog(FormDialog):
    """What they said, when the reply came, and a short note about it."""

    def __init__(
        self,
        parent: QWidget | None,
        application: ApplicationRecord,
        tz: tzinfo,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent, f"Record a reply — {application_title(application)}")
        self.application = application
        self.tz = tz
        self.now = (now or datetime.now(tz)).astimezone(tz)
        intro = QLabel(
            self.tr(
                "A reply ends the check-ins Afterword was planning for this application. "
                "What it said moves the application on (Ctrl+Z takes it back)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)

        choices = QWidget(self)
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for outcome in REPLY_OUTCOMES:
            button = QRadioButton(REPLY_OUTCOME_WORDS[outcome], choices)
            button.setAccessibleName(
                self.tr("They said: {REPLY_OUTCOME_WORDS}").format(
                    REPLY_OUTCOME_WORDS=REPLY_OUTCOME_WORDS[outcome]
                )
            )
            self.outcomes.addButton(button)
            self.outcome_buttons[outcome] = button
            column.addWidget(button)
        self.effect = QLabel(choices)
        self.effect.setObjectName("formHint")
        self.effect.setEnabled(False)  # drawn muted: what Save will do
        self.effect.setWordWrap(True)
        column.addWidget(self.effect)
        self.add_field(
            "outcome", self.tr("They said *:"), choices, self.outcome_buttons["next_round"]
        )
        self._quiet.add("outcome")
        self.received_at = date_time_edit(self)
        set_wall_time(self.received_at, self.now.replace(second=0, microsecond=0), tz)
        self.add_field("received_at", self.tr("&Received:"), self.received_at)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("e.g. second round with the partners on Tuesday"))
        self.note.setMaxLength(500)
        self.add_field("note", self.tr("&Note:"), self.note)
        self.outcomes.buttonToggled.connect(lambda *_: self._show_effect())
        self.watch("outcome", self.outcomes.buttonToggled)
        self.watch("received_at", self.received_at.dateTimeChanged)
        self.watch("note", self.note.textChanged)
        self._show_effect()
        self.add_buttons()
        self.resize(500, self.sizeHint().height())

    def outcome(self) -> str | None:
        return next((o for o, b in self.outcome_buttons.items() if b.isChecked()), None)

    def _show_effect(self) -> None:
        outcome = self.outcome()
        if outcome is None:
            self.effect.setText(self.tr("Pick what they said."))
            return
        status = status_after_reply(outcome, self.application.status)
        words = APPLICATION_STATUS_WORDS.get(status, status)
        self.effect.setText(
            self.tr("The application stays “{words}”.").format(words=words)
            if status == self.application.status
            else self.tr("The application becomes “{words}”.").format(words=words)
        )

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.outcome() is None:
            found["outcome"] = "Pick what they said"
        # A minute of slack: the default is "now", which is already past when Save is pressed.
        if wall_time(self.received_at, self.tz) > self.now + timedelta(minutes=1):
            found["received_at"] = "A reply cannot arrive in the future"
        return found

    def value(self) -> tuple[datetime, str, str]:
        return (
            wall_time(self.received_at, self.tz),
            self.note.text().strip(),
            self.outcome() or "other",
        )
