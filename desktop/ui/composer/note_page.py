"""One note to one interviewer: subject, editor, word count, checklist and (for cards) preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.proofread import Finding, count_words
from desktop.core.wording import KIND_WORDS
from desktop.ui import theme
from desktop.ui.composer.editor import FormatBar, NoteEditor
from desktop.ui.composer.findings import FindingsPanel

if TYPE_CHECKING:
    from desktop.storage.drafts import NoteTarget

CHECK_DELAY_MS = 150


class NotePage(QWidget):
    """The editing surface for one follow-up; the window saves and sends it."""

    edited = Signal()  # the subject or body changed (autosave listens)
    check_requested = Signal()  # a pause in typing: proofread now
    focus_lost = Signal()
    undo_sent_requested = Signal()  # "Undo" on the banner after Mark sent

    def __init__(self, target: NoteTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.dirty = False
        self.findings: list[Finding] = []
        self.channel = target.channel or "email"
        self.word_limit = 200

        self.recipient = QLabel(self._recipient_text(), self)
        self.recipient.setObjectName("composerRecipient")
        self.recipient.setTextFormat(Qt.TextFormat.PlainText)
        self.recipient.setWordWrap(True)
        self.recipient.setAccessibleName(self.tr("Recipient"))
        self.sent_banner = QLabel(self)
        self.sent_banner.setObjectName("composerSent")
        self.sent_banner.setAccessibleName(self.tr("Sent status"))
        self.sent_banner.setVisible(False)
        self.sent_banner.setTextFormat(Qt.TextFormat.RichText)
        self.sent_banner.linkActivated.connect(lambda _: self.undo_sent_requested.emit())

        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(self.tr("Subject"))
        self.subject.setAccessibleName(self.tr("Subject"))
        self.subject.setMaxLength(500)
        self.subject.textEdited.connect(lambda *_: self._changed())
        self.template = QComboBox(self)
        self.template.setAccessibleName(self.tr("Template"))
        self.template.setToolTip(self.tr("Start again from another template"))
        self.use_template = QPushButton(self.tr("Use template"), self)
        self.use_template.setAccessibleName(self.tr("Use template"))
        self.edit_templates = QPushButton(self.tr("Templates…"), self)
        self.edit_templates.setAccessibleName(self.tr("Edit templates"))
        self.edit_templates.setToolTip(self.tr("Copy a template and write your own wording"))
        self.subject_label = QLabel(self.tr("&Subject:"), self)
        self.subject_label.setBuddy(self.subject)
        top = QHBoxLayout()
        top.addWidget(self.subject_label)
        top.addWidget(self.subject, 3)
        top.addWidget(self.template, 2)
        top.addWidget(self.use_template)
        top.addWidget(self.edit_templates)

        self.editor = NoteEditor(self)
        self.editor.setAccessibleName(self.tr("Note to {label}").format(label=target.label))
        self.format_bar = FormatBar(self.editor, self)
        self.editor.textChanged.connect(self._changed)
        self.editor.focus_lost.connect(self.focus_lost)
        self.words = QLabel(self)
        self.words.setAccessibleName(self.tr("Word count"))
        self.save_state = QLabel(self)
        self.save_state.setAccessibleName(self.tr("Saved state"))
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight)
        status = QHBoxLayout()
        status.addWidget(self.words)
        status.addStretch(1)
        status.addWidget(self.save_state)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.recipient)
        left_layout.addWidget(self.sent_banner)
        left_layout.addLayout(top)
        left_layout.addWidget(self.format_bar)
        left_layout.addWidget(self.editor, 1)
        left_layout.addLayout(status)

        self.findings_panel = FindingsPanel(self)
        self.findings_panel.finding_activated.connect(
            lambda f: self.editor.select_range(f.start, f.end)
        )
        self.findings_panel.replace_requested.connect(
            lambda f, word: self.editor.replace_range(f.start, f.end, word)
        )
        findings_title = QLabel(self.tr("Before it goes"), self)
        findings_title.setObjectName("composerSection")
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setChildrenCollapsible(False)
        checklist = QWidget(self.right)
        checklist_layout = QVBoxLayout(checklist)
        checklist_layout.setContentsMargins(0, 0, 0, 0)
        checklist_layout.addWidget(findings_title)
        checklist_layout.addWidget(self.findings_panel, 1)
        self.right.addWidget(checklist)
        self.right.addWidget(self._job_pane())
        self.card_preview: Any = None

        # The delivery buttons (copy, send, mark sent, …) by name; Delivery adds them.
        self.buttons: dict[str, QPushButton] = {}
        self.actions_bar = QHBoxLayout()
        self.actions_bar.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.actions_bar)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_requested)
        self._loading = False
        self.subject.setVisible(self.channel != "card")
        self.subject_label.setVisible(self.channel != "card")
        self.show_sent(target.sent_at if target.status == "sent" else None)

    def _job_pane(self) -> QWidget:
        """The job description, read-only, so the note can speak to what the role asks."""
        pane = QWidget(self.right)
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("The job: {role}").format(role=self.target.role), pane)
        title.setObjectName("composerSection")
        title.setWordWrap(True)
        self.job_description = QPlainTextEdit(pane)
        self.job_description.setObjectName("jobDescription")
        self.job_description.setAccessibleName(self.tr("Job description"))
        self.job_description.setReadOnly(True)
        text = self.target.job_description.strip()
        self.job_description.setPlainText(
            text
            or "No job description saved. Paste the posting into the application "
            "(Applications ▸ Edit…) to have it here while you write."
        )
        self.job_description.setEnabled(bool(text))
        column.addWidget(title)
        column.addWidget(self.job_description, 1)
        return pane

    # --- content ---
    def load(self, subject: str, body_html: str) -> None:
        """Show a stored or freshly rendered draft without counting it as an edit."""
        from desktop.compose.html_clean import clean_html

        self._loading = True
        try:
            self.subject.setText(subject)
            # Cleaned here too, whatever wrote it: a stored draft is never trusted.
            self.editor.setHtml(clean_html(body_html))
            self.editor.document().clearUndoRedoStacks()
            self.editor.document().setModified(False)
        finally:
            self._loading = False
        self._update_words()
        self._check_timer.start()

    def body_html(self) -> str:
        from desktop.compose.html_clean import clean_html

        return clean_html(self.editor.toHtml())

    def plain_text(self) -> str:
        return self.editor.toPlainText()

    def add_action(self, button: QPushButton) -> None:
        self.actions_bar.addWidget(button)

    def attach_card_preview(self, preview: QWidget) -> None:
        self.card_preview = preview
        self.right.addWidget(preview)
        self.right.setStretchFactor(0, 1)
        self.right.setStretchFactor(1, 4)
        self.right.setSizes([150, 600])

    # --- state ---
    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update_words()
        self.save_state.setText(self.tr("Editing…"))
        self._check_timer.start()
        self.edited.emit()

    def _update_words(self) -> None:
        words = count_words(self.editor.toPlainText())
        how = "card" if self.channel == "card" else "email"
        text = (
            self.tr("{words} of {limit} words for a card")
            if how == "card"
            else self.tr("{words} of {limit} words for an email")
        )
        self.words.setText(text.format(words=words, limit=self.word_limit))
        over = words > self.word_limit
        self.words.setStyleSheet(f"color: {theme.ERROR};" if over else "")

    def mark_saved(self, at: datetime, local: Callable[[datetime], datetime]) -> None:
        self.dirty = False
        self.save_state.setText(self.tr("Saved {local:%H:%M:%S}").format(local=local(at)))

    def mark_save_failed(self, reason: str) -> None:
        self.save_state.setText(self.tr("Not saved: {reason}").format(reason=reason))
        self.save_state.setStyleSheet(f"color: {theme.ERROR};")

    def show_findings(self, findings: list[Finding], dictionary_ready: bool) -> None:
        self.findings = findings
        text = self.editor.toPlainText()
        self.editor.show_findings(findings, text)
        self.findings_panel.checking_spelling = dictionary_ready
        self.findings_panel.show_findings(findings, text, applies=self.target.kind == "thank_you")

    def show_sent(
        self,
        at: datetime | None,
        local: Callable[[datetime], datetime] | None = None,
        *,
        undo: bool = False,
    ) -> None:
        """The "Sent …" banner; with `undo` (a by-hand Mark sent) it offers to take it back."""
        if at is None:
            self.sent_banner.setVisible(False)
            return
        from datetime import UTC

        from desktop.core.wording import moment_text

        when = (local or (lambda d: d.astimezone()))(at)
        text = f"Sent {moment_text(at, when.tzinfo or UTC)}. Edits are still saved."
        if undo:
            text += ' <a href="undo">Undo</a> (not sent after all)'
        self.sent_banner.setText(text)
        self.sent_banner.setVisible(True)

    def _recipient_text(self) -> str:
        t = self.target
        who = t.recipient_name or t.company
        if t.title:
            who += f", {t.title}"
        how = (
            "by card"
            if (t.channel or "email") == "card"
            else (f"to {t.email}" if t.email else "by email")
        )
        kind = KIND_WORDS.get(t.kind, "Note")
        return f"{kind} to {who} — {t.company}, {t.role} — {how}"
