"""The composer window: one tab per interviewer, autosaved, proofread as you type."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.core.wording import KIND_WORDS
from desktop.ui.composer.note_page import NotePage

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.storage.drafts import NoteTarget
    from desktop.storage.job_search import JobSearch

log = logging.getLogger(__name__)
# Typing is saved at most this long after the first unsaved keystroke (not after the last:
# someone who types without pausing must not lose a minute of it).
AUTOSAVE_MS = 1000


class ComposerWindow(QWidget):
    """Notes for one follow-up and its siblings (the same note to each interviewer)."""

    data_changed = Signal()
    status = Signal(str)
    closed = Signal()  # closed for good (it is deleted a moment later)

    def __init__(
        self,
        workspace: Workspace,
        search: JobSearch,
        targets: list[NoteTarget],
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from desktop.compose.templates import TemplateLibrary
        from desktop.ui.composer.checking import Proofreader
        from desktop.ui.composer.delivery import Delivery

        self.workspace = workspace
        self.search = search
        self.clock = clock
        self.targets = targets
        self.setObjectName("composerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        first = targets[0]
        kind = KIND_WORDS.get(first.kind, "Note")
        self.setWindowTitle(
            self.tr("{kind} — {company}, {role} — Afterword").format(
                kind=kind, company=first.company, role=first.role
            )
        )
        self.setAccessibleName(self.tr("Composer"))
        self.library = TemplateLibrary(user_dir=workspace.paths.user_templates)
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        # The user's own name is in every signature: it is never a spelling mistake.
        own_words = set(search.user_words()) | set(workspace.profile.name.split())
        self.proofreader = Proofreader(own_words, workspace.rules, self)
        self.proofreader.dictionary_ready.connect(self.check_all)

        heading = QLabel(self._heading(), self)
        heading.setObjectName("viewHeading")
        heading.setAccessibleName(self.tr("Composer heading"))
        self.problem = QLabel(self)
        self.problem.setObjectName("composerProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.setVisible(False)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Notes, one per interviewer"))
        self.tabs.setDocumentMode(True)
        self.pages: list[NotePage] = []
        self.delivery = Delivery(self)
        for target in targets:
            page = NotePage(target, self.tabs)
            page.word_limit = (
                workspace.rules.card_max_words
                if page.channel == "card"
                else workspace.rules.email_max_words
            )
            self._fill_templates(page)
            self._load(page)
            page.edited.connect(self._schedule_save)
            page.focus_lost.connect(self.save_now)
            page.editor.paste_refused.connect(self.show_problem)
            page.check_requested.connect(lambda p=page: self.check(p))
            page.findings_panel.add_to_dictionary.connect(self.add_word)
            page.findings_panel.suggest = self.proofreader.suggestions
            page.editor.add_to_dictionary.connect(self.add_word)
            page.editor.suggest = self.proofreader.suggestions
            page.use_template.clicked.connect(lambda *_, p=page: self.use_template(p))
            page.edit_templates.clicked.connect(lambda *_: self.edit_templates())
            self.delivery.equip(page)
            self.pages.append(page)
            self.tabs.addTab(page, target.label)
        self.tabs.currentChanged.connect(lambda *_: self.save_now())

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_now)
        for key, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda s=step: self._step_tab(s))
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save_now)
        QShortcut(QKeySequence("Ctrl+W"), self).activated.connect(self.close)
        self.resize(1060, 700)
        self.proofreader.start()

    # --- reading and writing drafts ---
    def _heading(self) -> str:
        first = self.targets[0]
        count = len(self.targets)
        kind = KIND_WORDS.get(first.kind, "Note").lower()
        people = f"{count} interviewers, one {kind} each" if count > 1 else f"one {kind}"
        return f"{first.company} · {first.role} — {people}"

    def _fill_templates(self, page: NotePage) -> None:
        page.template.clear()
        for info in self.library.templates():
            label = f"{info.title} (mine)" if info.user else info.title
            page.template.addItem(label, info.name)
        chosen = self._chosen_template(page.target)
        index = page.template.findData(chosen)
        if index >= 0:
            page.template.setCurrentIndex(index)

    def _chosen_template(self, target: NoteTarget) -> str:
        return self.library.choose(
            target.kind, target.formality, target.promised_response_by is not None
        )

    def _context(self, target: NoteTarget) -> Any:
        from desktop.compose.templates import NoteContext

        profile = self.workspace.profile
        starts = target.interview_starts_at
        return NoteContext(
            recipient_name=target.recipient_name,
            recipient_preferred_name=target.preferred_name,
            recipient_salutation=target.salutation,
            recipient_surname=target.surname,
            recipient_title=target.title,
            company=target.company,
            role=target.role,
            interview_date=starts.astimezone(self.workspace.tz).date() if starts else None,
            talking_points=target.talking_points,
            sender_name=profile.name,
            signature=profile.signature,
            formality=target.formality,
            channel=target.channel or "email",
            promised_response_by=target.promised_response_by,
            interview_kind=target.interview_kind,
        )

    def _render(self, page: NotePage, name: str) -> tuple[str, str] | None:
        from desktop.compose.templates import TemplateError

        try:
            note = self.library.render(name, self._context(page.target))
        except TemplateError as exc:
            self.show_problem(self.tr("The template could not be used: {exc}").format(exc=exc))
            return None
        return note.subject, note.body_html

    def _load(self, page: NotePage) -> None:
        draft = page.target.draft
        if draft is not None:
            page.load(draft.subject, draft.body_html)
            page.mark_saved(draft.updated_at, self._local)
            return
        # A new note starts from its template and is stored at once, so it is never lost.
        rendered = self._render(page, self._chosen_template(page.target))
        if rendered is None:
            page.load("", "")
            return
        page.load(*rendered)
        page.dirty = True
        self.save_page(page)

    def use_template(self, page: NotePage) -> None:
        name = page.template.currentData()
        rendered = self._render(page, str(name))
        if rendered is None:
            return
        if page.editor.document().isModified() and not self.delivery.confirm(
            self.tr("Replace the note?"),
            self.tr(
                "Start again from this template? Your text is replaced (Ctrl+Z brings it back)."
            ),
        ):
            return
        subject, html = rendered
        page.subject.setText(subject)
        page.editor.replace_all_html(html)

    def template_editor(self) -> QDialog:
        """Templates…, previewed on the interviewer whose note is open."""
        from desktop.ui.composer.template_editor import TemplateEditor

        target = self.current_page().target
        return TemplateEditor(
            self.library,
            self,
            context=self._context(target),
            context_label=f"{target.label} — {target.company}, {target.role}",
        )

    def edit_templates(self) -> None:
        self.exec_dialog(self.template_editor())
        for page in self.pages:
            chosen = page.template.currentData()
            self._fill_templates(page)
            index = page.template.findData(chosen)
            if index >= 0:
                page.template.setCurrentIndex(index)

    def _schedule_save(self) -> None:
        if not self._save_timer.isActive():
            self._save_timer.start()

    def save_page(self, page: NotePage) -> bool:
        if not page.dirty:
            return True
        from desktop.storage.records import ValidationError

        try:
            at = self.search.save_draft(
                page.target.followup_id, page.subject.text(), page.body_html()
            )
        except ValidationError as exc:
            page.mark_save_failed(str(exc))
            return False
        except Exception as exc:  # the disk is full, the file is locked too long …
            log.exception("saving the draft of follow-up %s failed", page.target.followup_id)
            page.mark_save_failed(str(exc) or type(exc).__name__)
            return False
        page.mark_saved(at, self._local)
        return True

    def save_now(self) -> bool:
        self._save_timer.stop()
        return all([self.save_page(page) for page in self.pages])

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.workspace.tz)

    # --- proofreading ---
    def check(self, page: NotePage) -> None:
        others = [p for p in self.pages if p is not page]
        findings = self.proofreader.check(
            page.plain_text(),
            channel=page.channel,
            formality=page.target.formality,
            recipient_name=page.target.recipient_name,
            preferred_name=page.target.preferred_name,
            company=page.target.company,
            role=page.target.role,
            talking_points=page.target.talking_points,
            other_notes=[p.plain_text() for p in others],
            other_labels=[f"to {p.target.label}" for p in others],
        )
        page.show_findings(findings, self.proofreader.ready)
        index = self.tabs.indexOf(page)
        errors = sum(1 for f in findings if f.severity == "error")
        label = page.target.label + (f" ({errors})" if errors else "")
        if index >= 0 and self.tabs.tabText(index) != label:
            self.tabs.setTabText(index, label)

    def check_all(self) -> None:
        for page in self.pages:
            self.check(page)

    def add_word(self, word: str) -> None:
        from desktop.storage.records import ValidationError

        try:
            self.search.add_user_word(word)
        except ValidationError as exc:
            self.show_problem(str(exc))
            return
        self.proofreader.add_word(word)
        self.check_all()
        self.status.emit(self.tr("“{word}” added to your dictionary").format(word=word))

    # --- around ---
    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def current_page(self) -> NotePage:
        page = self.tabs.currentWidget()
        assert isinstance(page, NotePage)
        return page

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def followup_ids(self) -> list[int]:
        return [t.followup_id for t in self.targets]

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.save_now() and not self.delivery.confirm(
            self.tr("Close without saving?"),
            self.tr(
                "A note could not be saved (see the line under it). Close anyway and lose the "
                "last changes?"
            ),
        ):
            event.ignore()
            return
        self.delivery.shutdown()
        super().closeEvent(event)
        self.closed.emit()
