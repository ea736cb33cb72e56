"""A contact as a person: how to reach them (email, phone, LinkedIn, mailing address),
their tags, and a timeline of interviews, notes sent and replies. Beside the Contacts list."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.core.wording import (
    CHANNEL_WORDS,
    INTERVIEW_KIND_WORDS,
    KIND_WORDS,
    REPLY_OUTCOME_WORDS,
    day_text,
    due_phrase,
)

if TYPE_CHECKING:
    from desktop.storage.agenda import TimelineEntry
    from desktop.storage.job_search import JobSearch
    from desktop.storage.records import ContactRecord

REF_ROLE = Qt.ItemDataRole.UserRole + 1


def timeline_text(entry: TimelineEntry, now: datetime, tz: object) -> str:
    """'Thu, Dec 3 · Video interview — Senior Frontend Engineer at Brightloop'."""
    local = entry.at.astimezone(tz)  # type: ignore[arg-type]
    when = day_text(local.date(), year=local.year != now.astimezone(tz).year)  # type: ignore[arg-type]
    where = f"{entry.role} at {entry.company}"
    if entry.what == "interview":
        return f"{when} · {INTERVIEW_KIND_WORDS.get(entry.detail, 'Interview')} — {where}"
    if entry.what == "reply":
        words = REPLY_OUTCOME_WORDS.get(entry.detail, "A reply")
        return f"{when} · Reply: {words[:1].lower()}{words[1:]} — {where}"
    kind, _, channel = entry.detail.partition(":")
    label = KIND_WORDS.get(kind, "Note")
    by = f" by {CHANNEL_WORDS.get(channel, channel)}" if channel else ""
    if entry.what == "note":
        return f"{when} · {label} sent{by} — {where}"
    return f"{label} to write{by}, {due_phrase(entry.at, now, tz)} — {where}"  # type: ignore[arg-type]


class PersonPanel(QWidget):
    """The selected contact. Enter or a double-click on the timeline opens the interview
    or the note."""

    interview_requested = Signal(int)
    write_requested = Signal(int)

    def __init__(
        self, search: JobSearch, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.search = search
        self.clock = clock
        self.record: ContactRecord | None = None
        self.open_url: Callable[[QUrl], bool] | None = None
        self.name = QLabel(self)
        self.name.setObjectName("sectionHeading")
        self.name.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setOpenExternalLinks(False)
        self.details.linkActivated.connect(self._link)
        self.details.setAccessibleName(self.tr("How to reach them"))
        caption = QLabel(self.tr("Timeline"), self)
        caption.setObjectName("sectionHeading")
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("Timeline of interviews, notes and replies"))
        self.timeline.setWordWrap(True)
        # Lines wrap to the panel's width: a sideways scroll bar would only hide their ends.
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.timeline.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.details)
        layout.addWidget(caption)
        layout.addWidget(self.timeline, 1)
        self.show_contact(None)

    def show_contact(self, record: ContactRecord | None) -> None:
        self.record = record
        self.timeline.clear()
        if record is None:
            self.name.setText(self.tr("No one selected"))
            self.details.setText(
                self.tr("Choose a person to see how to reach them and your history.")
            )
            return
        self.name.setText(record.display_name)
        lines = []
        role = " at ".join(p for p in (record.title, record.company) if p)
        if role:
            lines.append(html.escape(role))
        if record.email:
            address = html.escape(record.email)
            lines.append(f"<a href='mailto:{address}'>{address}</a>")
        if record.phone:
            lines.append(f"Phone: {html.escape(record.phone)}")
        if record.linkedin_url:
            url = html.escape(record.linkedin_url, quote=True)
            lines.append(f"<a href='{url}'>LinkedIn profile</a>")
        if record.mailing_address:
            lines.append(html.escape(record.mailing_address).replace("\n", "<br>"))
        if record.tags:
            lines.append(" ".join(f"#{html.escape(t)}" for t in record.tags))
        self.details.setText("<br>".join(lines) or "No way to reach them recorded yet.")
        now, tz = self.clock(), self.search.tz
        entries = self.search.timeline(record.id)
        for entry in entries:
            item = QListWidgetItem(timeline_text(entry, now, tz))
            if entry.what in ("interview", "note", "planned"):
                kind = "interview" if entry.what == "interview" else "followup"
                item.setData(REF_ROLE, (kind, entry.ref))
            if entry.what == "planned":
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.timeline.addItem(item)
        if not entries:
            self.timeline.addItem(self.tr("No interviews, notes or replies with them yet."))

    def _link(self, link: str) -> None:
        if self.open_url is not None:
            self.open_url(QUrl(link))

    def _open(self, item: QListWidgetItem) -> None:
        ref = item.data(REF_ROLE)
        if not ref:
            return
        kind, record_id = ref
        if kind == "interview":
            self.interview_requested.emit(int(record_id))
        else:
            self.write_requested.emit(int(record_id))
