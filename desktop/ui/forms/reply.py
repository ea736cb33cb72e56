"""Record a reply from the employer: it ends the application's check-in chain."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.storage.records import ApplicationRecord
from desktop.ui.forms.application import application_title
from desktop.ui.forms.base import FormDialog, date_time_edit, set_wall_time, wall_time


class ReplyDialog(FormDialog):
    """When the reply came and a short note about it."""

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
            "A reply ends the check-ins Afterword was planning for this application.", self
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.received_at = date_time_edit(self)
        set_wall_time(self.received_at, self.now.replace(second=0, microsecond=0), tz)
        self.add_field("received_at", "&Received:", self.received_at)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("e.g. invited to a second round")
        self.note.setMaxLength(500)
        self.add_field("note", "&Note:", self.note)
        self.watch("received_at", self.received_at.dateTimeChanged)
        self.watch("note", self.note.textChanged)
        self.add_buttons()
        self.resize(480, self.sizeHint().height())

    def problems(self) -> dict[str, str]:
        # A minute of slack: the default is "now", which is already past when Save is pressed.
        if wall_time(self.received_at, self.tz) > self.now + timedelta(minutes=1):
            return {"received_at": "A reply cannot arrive in the future"}
        return {}

    def value(self) -> tuple[datetime, str]:
        return wall_time(self.received_at, self.tz), self.note.text().strip()
