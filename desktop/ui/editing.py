"""Adding, editing and deleting records from the window: dialogs in, services out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from desktop.storage.records import (
    ApplicationRecord,
    CompanyRecord,
    ContactRecord,
    InterviewRecord,
    Snapshot,
    ValidationError,
)
from desktop.ui import dialogs

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStatusBar, QWidget

    from desktop.app import Workspace
    from desktop.storage.job_search import JobSearch
    from desktop.ui.views.board import BoardView
    from desktop.ui.views.records import RecordsView
    from desktop.ui.views.today import TodayView

ALL = 100_000  # pickers list everything; records are small plain tuples


class EditingWindow(Protocol):
    """What the editing verbs use of the main window (which imports this module, so this
    module names what it needs rather than importing the window)."""

    workspace: Workspace
    search: JobSearch
    clock: Callable[[], datetime]
    today: TodayView
    record_views: dict[str, RecordsView]
    undo_action: QAction
    open_url: Callable[[QUrl], bool]

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...
    @property
    def board(self) -> BoardView: ...
    def current_view_name(self) -> str: ...
    def show_view(self, name: str) -> None: ...
    def after_change(self, message: str = "") -> None: ...


class Editor(QObject):
    """The window's editing verbs (a QObject for `tr()`); tests swap `exec_dialog`."""

    def __init__(self, window: EditingWindow) -> None:
        super().__init__()
        self.window = window
        self.dialog_parent = window.window()  # the window itself: dialogs open over it
        self.search = window.search
        # The last change Ctrl+Z takes back: what it was, and how to take it back.
        self.undo_step: tuple[str, Callable[[], str]] | None = None
        self._after_undo: Callable[[], object] | None = None
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        # What was made last this session, so the next step starts from it: a company just
        # saved is the new application's company, an application the new interview's.
        self.last_made: dict[str, int] = {}
        self.confirm: Callable[[str, str], bool] = self._ask

    # --- helpers ---
    def _ask(self, title: str, text: str) -> bool:
        return dialogs.ask(self.dialog_parent, title, text)

    def _run(self, dialog: Any, save: Callable[[Any], Any]) -> Any:
        """Show `dialog` until its input saves, keeping it open on a service-side problem."""
        while self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            try:
                result = save(dialog.value())
            except ValidationError as exc:
                dialog.show_problems(exc.problems)
                continue
            return result
        return None

    def _companies(self) -> list[CompanyRecord]:
        return self.search.companies(0, ALL)

    def _contacts(self) -> list[ContactRecord]:
        return self.search.contacts(0, ALL)

    def _applications(self) -> list[ApplicationRecord]:
        return self.search.applications(0, ALL)

    def _saved(self, message: str, view: str | None = None, record_id: int | None = None) -> None:
        self.window.after_change(message)
        if view == "Applications" and self.window.current_view_name() == "Board":
            # Edited from its card: stay on the board, with the card selected.
            if record_id is not None:
                self.window.board.select(record_id)
            return
        if view is not None and record_id is not None:
            self.window.show_view(view)
            records = self.window.record_views[view]
            if not records.select_id(record_id) and records.choice.isVisible():
                # Hidden by the list's filter (a past interview under "Upcoming"): show all.
                records.choice.setCurrentIndex(records.choice.findData(None))
                records.select_id(record_id)

    # --- new ---
    def new_for(self, view: RecordsView) -> Callable[[], None]:
        return {
            "Applications": self.new_application,
            "Interviews": self.new_interview,
            "Contacts": self.new_contact,
            "Companies": self.new_company,
        }[view.title]

    def new_company(self) -> None:
        self._edit_company(None)

    def new_contact(self) -> None:
        self._edit_contact(None)

    def new_application(self) -> None:
        if not self.search.count_companies():
            self.window.statusBar().showMessage(
                self.tr("Add the company first, then the application."), 6000
            )
            self._edit_company(None)
            if not self.search.count_companies():
                return
        self._edit_application(None, company_id=self._starting_point("Companies", "company"))

    def new_interview(self) -> None:
        if not self.search.count_applications():
            self.window.statusBar().showMessage(
                self.tr("An interview belongs to an application: add that first."), 6000
            )
            self.new_application()
            if not self.search.count_applications():
                return
        self._edit_interview(
            None, application_id=self._starting_point("Applications", "application")
        )

    def _starting_point(self, view_name: str, kind: str) -> int | None:
        """The record a new one belongs to: the one selected in the list the user is
        looking at, else the one made last this session."""
        if self.window.current_view_name() == view_name:
            selected = self.window.record_views[view_name].current()
            if selected is not None:
                return int(selected.id)
        return self.last_made.get(kind)

    # --- edit ---
    def edit_current(self) -> None:
        view = self.window.record_views.get(self.window.current_view_name())
        if view is not None and view.current() is not None:
            self.edit(view.current())

    def edit(self, record: Any) -> None:
        if isinstance(record, CompanyRecord):
            self._edit_company(record)
        elif isinstance(record, ContactRecord):
            self._edit_contact(record)
        elif isinstance(record, ApplicationRecord):
            self._edit_application(record)
        elif isinstance(record, InterviewRecord):
            self._edit_interview(record)

    def _edit_company(self, record: CompanyRecord | None) -> None:
        from desktop.ui.forms.company import CompanyDialog

        dialog = CompanyDialog(self.dialog_parent, record)
        saved = self._run(
            dialog, lambda v: self.search.save_company(v, record.id if record else None)
        )
        if saved is not None:
            if record is None:
                self.last_made["company"] = saved
            self._saved(
                self.tr("Saved {name}").format(name=dialog.value().name), "Companies", saved
            )

    def _edit_contact(self, record: ContactRecord | None) -> None:
        from desktop.ui.forms.contact import ContactDialog

        dialog = ContactDialog(self.dialog_parent, record, self._companies())
        saved = self._run(
            dialog, lambda v: self.search.save_contact(v, record.id if record else None)
        )
        if saved is not None:
            self._saved(self.tr("Saved {name}").format(name=dialog.value().name), "Contacts", saved)

    def _edit_application(
        self, record: ApplicationRecord | None, company_id: int | None = None
    ) -> None:
        from desktop.ui.forms.application import ApplicationDialog

        dialog = ApplicationDialog(
            self.dialog_parent, record, self._companies(), self._contacts(), company_id=company_id
        )
        dialog.open_url = self.window.open_url
        saved = self._run(
            dialog, lambda v: self.search.save_application(v, record.id if record else None)
        )
        if saved is not None:
            if record is None:
                self.last_made["application"] = saved
            self._saved(
                self.tr("Saved {role}").format(role=dialog.value().role), "Applications", saved
            )

    def _edit_interview(
        self, record: InterviewRecord | None, application_id: int | None = None
    ) -> None:
        from desktop.ui.forms.interview import InterviewDialog

        dialog = InterviewDialog(
            self.dialog_parent,
            record,
            self._applications(),
            self._contacts(),
            tz=self.search.tz,
            application_id=application_id,
        )
        saved = self._run(dialog, lambda draft: self._save_interview(draft, record))
        if saved is not None:
            message = self.tr("Saved the interview; its follow-ups are in Today")
            self._saved(message, "Interviews", saved)

    def _save_interview(self, draft: Any, record: InterviewRecord | None) -> int:
        # Interviewers created on the spot are saved first, then named by their new ids;
        # if the interview itself is refused, they are taken back out.
        made = [self.search.save_contact(contact) for contact, _ in draft.new_contacts]
        try:
            return self.search.save_interview(draft.complete(made), record.id if record else None)
        except ValidationError:
            for contact_id in made:
                self.search.delete_contact(contact_id)
            raise

    # --- delete and undo ---
    def delete_current(self) -> None:
        view = self.window.record_views.get(self.window.current_view_name())
        if view is not None and view.current() is not None:
            self.delete(view.current())

    def delete(self, record: Any) -> None:
        delete: Callable[[int], Snapshot]  # the service verb for this kind of record
        if isinstance(record, CompanyRecord):
            what, delete = record.name, self.search.delete_company
            consequence = self.tr("its applications, interviews and follow-ups")
        elif isinstance(record, ContactRecord):
            what, delete = record.name, self.search.delete_contact
            consequence = self.tr("their thank-you notes and talking points")
        elif isinstance(record, ApplicationRecord):
            what = self.tr("{role} at {company}").format(role=record.role, company=record.company)
            consequence = self.tr("its interviews, follow-ups and drafts")
            delete = self.search.delete_application
        elif isinstance(record, InterviewRecord):
            what = self.tr("the interview with {company}").format(company=record.company)
            consequence = self.tr("its thank-you notes and drafts")
            delete = self.search.delete_interview
        else:
            return
        if not self.confirm(
            self.tr("Delete?"),
            self.tr("Delete {what}, with {consequence}?\n\nYou can undo this with Ctrl+Z.").format(
                what=what, consequence=consequence
            ),
        ):
            return
        snapshot = delete(record.id)

        def restore() -> str:
            self.search.restore(snapshot)
            return self.tr("Restored {what}").format(what=snapshot.description)

        self.remember_undo(self.tr("delete of {what}").format(what=what), restore)
        self._saved(self.tr("Deleted {what}. Press Ctrl+Z to undo.").format(what=what))

    def remember_undo(
        self, what: str, take_back: Callable[[], str], then: Callable[[], object] | None = None
    ) -> None:
        """Make `take_back` the one step Ctrl+Z undoes (it returns what to tell the user);
        `then` runs once the views have read the result (to select what came back)."""
        self.undo_step = (what, take_back)
        self._after_undo = then
        self.window.undo_action.setEnabled(True)
        self.window.undo_action.setText(self.tr("&Undo {what}").format(what=what))

    def followup_changed(self, message: str, before: Any) -> None:
        """Mark sent, skip or snooze from Today: Ctrl+Z puts the follow-up back, selected."""
        what = message.split(":")[0].lower()

        def take_back() -> str:
            self.search.restore_followup(before)
            return self.tr("Undone: {message}").format(message=message)

        self.remember_undo(
            what, take_back, lambda: self.window.today.select_followup(before.followup_id)
        )

    def undo(self) -> None:
        if self.undo_step is None:
            return
        (_, take_back), self.undo_step = self.undo_step, None
        self.window.undo_action.setEnabled(False)
        self.window.undo_action.setText(self.tr("&Undo"))
        then, self._after_undo = self._after_undo, None
        try:
            said = take_back()
        except ValidationError as exc:  # the record was changed or deleted since
            self.window.statusBar().showMessage(
                self.tr("Could not undo: {exc}").format(exc=exc), 6000
            )
            return
        self._saved(said)
        if then is not None:
            then()

    # --- applications ---
    def record_reply_for(self, application_id: int) -> None:
        """They answered: record what they said; Ctrl+Z takes it back whole."""
        from desktop.core.wording import APPLICATION_STATUS_WORDS, REPLY_OUTCOME_SHORT
        from desktop.ui.forms.reply import ReplyDialog

        application = self.search.application(application_id)
        if application is None:
            return
        dialog = ReplyDialog(
            self.dialog_parent, application, self.search.tz, now=self.window.clock()
        )
        recorded = self._run(
            dialog, lambda v: self.search.record_reply(application_id, v[0], v[1], v[2])
        )
        if recorded is None:
            return
        what = self.tr("{role} at {company}").format(
            role=application.role, company=application.company
        )

        def take_back() -> str:
            self.search.undo_reply(recorded)
            return self.tr("Reply taken back: {what} is as it was").format(what=what)

        self.remember_undo(self.tr("reply"), take_back)
        outcome = REPLY_OUTCOME_SHORT.get(dialog.value()[2], "reply")
        status = APPLICATION_STATUS_WORDS.get(recorded.status_after, recorded.status_after)
        self._saved(
            self.tr(
                "Reply recorded ({outcome}): {what} is {status}; no more check-ins. Press Ctrl+Z"
                " to undo."
            ).format(outcome=outcome, what=what, status=status)
        )

    def close_application_for(self, application_id: int) -> None:
        application = self.search.application(application_id)
        if application is None:
            return
        if not self.confirm(
            self.tr("Close application?"),
            self.tr(
                "Close {role} at {company} as “no response”? Its pending check-ins are cancelled."
            ).format(role=application.role, company=application.company),
        ):
            return
        self.search.close_application(application_id, "no_response")
        self._saved(
            self.tr("Closed {role} at {company} as no response").format(
                role=application.role, company=application.company
            )
        )

    # --- settings ---
    def settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog
        from desktop.ui.settings_tray_page import add_login_page

        workspace = self.window.workspace
        dialog = SettingsDialog(self.dialog_parent, workspace.profile, workspace.rules)
        add_login_page(dialog, workspace.paths.data)
        from desktop.ui.mail_settings_page import add_mail_page, save_mail_page

        mail_page = add_mail_page(dialog, workspace.store)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        profile, rules = dialog.values()
        workspace.save_settings(profile, rules)
        self.search.rules, self.search.tz = workspace.rules, workspace.tz
        mail_saved = save_mail_page(mail_page, workspace.store)
        saved = self.tr("Settings saved; follow-up times were recomputed")
        self._saved(f"{saved}. {mail_saved}" if mail_saved else saved)  # two sentences
