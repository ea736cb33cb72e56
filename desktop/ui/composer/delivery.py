# Over 400 lines on purpose: every way a note leaves shares the page's state and questions.
"""Getting a note out: copy, mail app, .eml draft, SMTP send, card preview, mark sent.

Every question to the user (confirm, file name, password) goes through a swappable callable so
tests drive the real code without blocking on a dialog.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QPushButton

from desktop.ui import dialogs
from desktop.ui.window_state import window_state

if TYPE_CHECKING:
    from desktop.compose.outbox import SendOutcome
    from desktop.ui.composer.note_page import NotePage
    from desktop.ui.composer.window import ComposerWindow

log = logging.getLogger(__name__)


class _Courier(QObject):
    """Carries a send's result from the worker thread back to the window's thread."""

    done = Signal(object, object)  # NotePage, None when sent, else what the person should know


class Delivery:
    def __init__(self, window: ComposerWindow) -> None:
        self.window = window
        self.confirm: Callable[[str, str], bool] = self._ask
        self.ask_save_path: Callable[[str, str], str | None] = self._ask_save_path
        # The save dialog itself (title, suggested path, filter) -> chosen path or "".
        self.file_dialog: Callable[[str, str, str], str] = self._file_dialog
        # A file was written: say where, with a way to open it (tests answer without a box).
        self.announce_file: Callable[[str, Path], None] = self._announce_file
        self.ask_password: Callable[[str], str | None] = self._ask_password
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._courier = _Courier(window)
        self._courier.done.connect(self._sent)
        self._threads: list[threading.Thread] = []
        # None: the system's trusted certificates (tests trust their own server's).
        self.ssl_context: Any = None
        # The follow-up as it was before a by-hand Mark sent, for the banner's Undo.
        self._undo: dict[NotePage, Any] = {}

    def _ask(self, title: str, text: str) -> bool:
        return dialogs.ask(self.window, title, text)

    # --- buttons on each page ---
    def equip(self, page: NotePage) -> None:
        def button(text: str, name: str, slot: Callable[[], None], tip: str) -> QPushButton:
            b = QPushButton(text, page)
            b.setAccessibleName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda *_: slot())
            page.add_action(b)
            return b

        copy = QPushButton(QCoreApplication.translate("Delivery", "Copy"), page)
        copy.setAccessibleName(QCoreApplication.translate("Delivery", "Copy the note"))
        copy.setToolTip(
            QCoreApplication.translate("Delivery", "Copy the note to paste it elsewhere")
        )
        menu = QMenu(copy)
        menu.addAction(
            QCoreApplication.translate("Delivery", "As formatted text"),
            lambda: self.copy(page, rich=True),
        )
        menu.addAction(
            QCoreApplication.translate("Delivery", "As plain text"),
            lambda: self.copy(page, rich=False),
        )
        copy.setMenu(menu)
        page.add_action(copy)
        if page.channel == "card":
            self._attach_preview(page)
            cards = [t for t in self.window.targets if (t.channel or "email") == "card"]
            if len(cards) > 1:
                page.buttons["all_cards"] = button(
                    QCoreApplication.translate("Delivery", "All cards in one PDF…"),
                    "All cards in one PDF",
                    self.export_all_cards,
                    QCoreApplication.translate(
                        "Delivery", "One card per interviewer, in one PDF to print together"
                    ),
                )
        else:
            page.buttons["mail_app"] = button(
                QCoreApplication.translate("Delivery", "Open in mail app"),
                "Open in mail app",
                lambda: self.open_in_mail_app(page),
                QCoreApplication.translate(
                    "Delivery", "Open a new message in your mail program with this note"
                ),
            )
            page.buttons["eml"] = button(
                QCoreApplication.translate("Delivery", "Save .eml…"),
                "Save as email draft file",
                lambda: self.save_eml(page),
                QCoreApplication.translate(
                    "Delivery", "Save an email draft file that mail programs open"
                ),
            )
            page.buttons["send"] = button(
                QCoreApplication.translate("Delivery", "Send"),
                "Send by email",
                lambda: self.send(page),
                QCoreApplication.translate(
                    "Delivery", "Send through your mail server (set it up in Settings ▸ Mail)"
                ),
            )
        page.buttons["sent"] = button(
            QCoreApplication.translate("Delivery", "Mark sent"),
            "Mark sent",
            lambda: self.mark_sent(page),
            QCoreApplication.translate("Delivery", "Record that this note went out (Ctrl+Return)"),
        )
        page.buttons["sent"].setShortcut("Ctrl+Return")
        page.undo_sent_requested.connect(lambda: self.undo_sent(page))

    # --- card preview ---
    def _attach_preview(self, page: NotePage) -> None:
        from desktop.ui.card_preview import CardPreview

        preview = CardPreview(page)
        # Export PDF… asks in the folder used last, like every save in the composer.
        preview.choose_pdf_path = lambda name: (
            self.ask_save_path(QCoreApplication.translate("Delivery", "Export card as PDF"), name)
            or ""
        )
        page.attach_card_preview(preview)
        profile = self.window.workspace.profile
        target = page.target
        who = target.recipient_name or "this person"
        where = f", or to {target.company} (Companies ▸ Edit)" if target.company else ""
        preview.set_envelope(
            target.envelope_address,
            profile.mailing_address,
            address_needed=f"add a mailing address to {who} (Contacts ▸ Edit){where}",
        )
        page.check_requested.connect(lambda: self.update_preview(page))
        self.update_preview(page)

    def update_preview(self, page: NotePage) -> None:
        from desktop.cards import CardNote

        if page.card_preview is None:
            return
        page.card_preview.set_note(
            CardNote(
                text=self._plain(page).strip(),
                recipient=page.target.recipient_name or page.target.company,
                mailing_address=page.target.envelope_address or None,
            )
        )

    def export_all_cards(self) -> None:
        """Every interviewer's card, in this page's size, hand and paper, in one PDF."""
        from desktop.cards import CardError, CardNote, render_cards

        current = self.window.current_page()
        preview = current.card_preview
        pages = [p for p in self.window.pages if p.channel == "card"]
        first = pages[0].target
        path = self.ask_save_path(
            QCoreApplication.translate("Delivery", "Export all cards"),
            f"Cards - {first.company} - {first.role}.pdf".replace("/", "-"),
        )
        if not path:
            return
        notes = [
            CardNote(
                text=self._plain(p).strip(),
                recipient=p.target.recipient_name or p.target.company,
                mailing_address=p.target.envelope_address or None,
            )
            for p in pages
        ]
        try:
            report = render_cards(
                notes,
                Path(path),
                size=preview.card_size(),
                font=preview.font_family(),
                paper=preview.paper(),
            )
        except (CardError, OSError) as exc:
            self.window.show_problem(
                QCoreApplication.translate("Delivery", "The cards were not written: {exc}").format(
                    exc=exc
                )
            )
            return
        self.window.status.emit(
            QCoreApplication.translate("Delivery", "Wrote {cards} cards to {name}").format(
                cards=report.cards, name=Path(path).name
            )
        )
        self.announce_file(f"Wrote {report.cards} cards, one per interviewer, to", Path(path))

    # --- copy, mail app, .eml ---
    def copy(self, page: NotePage, rich: bool) -> None:
        data = QMimeData()
        data.setText(self._plain(page))
        if rich:
            data.setHtml(page.body_html())
        QGuiApplication.clipboard().setMimeData(data)
        self.window.status.emit("Copied the note" + (" with its formatting" if rich else ""))

    def _plain(self, page: NotePage) -> str:
        """The note as text, as mail, plain copies and cards get it (and `afterword card`)."""
        from desktop.compose.html_clean import html_to_text

        return html_to_text(page.editor.toHtml())

    def open_in_mail_app(self, page: NotePage) -> None:
        from desktop.compose.mail import mailto_url

        url = mailto_url(page.target.email, page.subject.text(), self._plain(page))
        if not self.open_url(QUrl(url)):
            self.window.show_problem(
                QCoreApplication.translate(
                    "Delivery",
                    "No mail program opened. Copy the note instead, or save it as an .eml file.",
                )
            )

    def _message(self, page: NotePage, sender: str, draft: bool) -> Any:
        from desktop.compose.mail import build_message

        profile = self.window.workspace.profile
        to = page.target.email
        if page.target.recipient_name and to:
            from email.utils import formataddr

            to = formataddr((page.target.recipient_name, to))
        return build_message(
            sender=sender or (profile.emails[0] if profile.emails else ""),
            to=to,
            subject=page.subject.text(),
            body_text=self._plain(page),
            body_html=page.body_html(),
            draft=draft,
        )

    def save_eml(self, page: NotePage) -> None:
        from desktop.compose.mail import MailError, save_eml

        suggested = f"{page.target.label} - {page.subject.text() or 'note'}.eml"
        path = self.ask_save_path(
            QCoreApplication.translate("Delivery", "Save email draft"), suggested.replace("/", "-")
        )
        if not path:
            return
        try:
            save_eml(self._message(page, self._sender(), draft=True), Path(path))
        except (MailError, OSError) as exc:
            self.window.show_problem(
                QCoreApplication.translate("Delivery", "Could not save {path}: {exc}").format(
                    path=path, exc=exc
                )
            )
            return
        self.window.status.emit(
            QCoreApplication.translate(
                "Delivery", "Saved {name}; open it in your mail program to send"
            ).format(name=Path(path).name)
        )

    def _sender(self) -> str:
        account = self._account()
        if account is not None:
            return str(account.sender)
        profile = self.window.workspace.profile
        if profile.emails:
            from email.utils import formataddr

            return formataddr((profile.name, profile.emails[0]))
        return ""

    # --- SMTP ---
    def _account(self) -> Any:
        from desktop.compose.mail import MailError
        from desktop.compose.mail_settings import load_account

        try:
            return load_account(self.window.workspace.store)
        except MailError as exc:  # stored by an older version, or edited by hand
            self.window.show_problem(
                QCoreApplication.translate(
                    "Delivery", "The mail settings need another look: {exc}"
                ).format(exc=exc)
            )
            return None

    def send(self, page: NotePage) -> None:
        if not page.target.email:
            self.window.show_problem(
                QCoreApplication.translate(
                    "Delivery",
                    "{label} has no email address. Add it to the contact, or use Open in mail app.",
                ).format(label=page.target.label)
            )
            return
        account = self._account()
        if account is None:
            self.window.show_problem(
                QCoreApplication.translate(
                    "Delivery",
                    "Sending needs your mail server: set it up in Settings ▸ Mail, or use "
                    "Open in mail app.",
                )
            )
            return
        password = self._password(account)
        if password is None:
            return
        self.window.save_now()
        message = self._message(page, self._sender(), draft=False)
        page.buttons["send"].setEnabled(False)
        page.save_state.setText(QCoreApplication.translate("Delivery", "Sending…"))
        store = self.window.workspace.store
        clock = self.window.clock
        context = self.ssl_context

        def work() -> None:
            from desktop.compose.outbox import send_now

            problem: str | None
            try:
                outcome = send_now(
                    store,
                    account,
                    password,
                    page.target.followup_id,
                    message,
                    clock,
                    ssl_context=context,
                )
                problem = _unsent_problem(outcome)
            except Exception as exc:  # never lose the result: report whatever went wrong
                log.exception("sending follow-up %s failed", page.target.followup_id)
                problem = f"Not sent: {str(exc) or type(exc).__name__}. The note is kept."
            self._courier.done.emit(page, problem)

        thread = threading.Thread(target=work, name="afterword-send", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _password(self, account: Any) -> str | None:
        from desktop.compose.mail_settings import stored_password

        if not account.username:
            return ""  # a server that takes mail without logging in
        stored, why = stored_password(account)
        if stored:
            return stored
        prompt = f"Password for {account.username} on {account.host}"
        if why:
            prompt += f"\n({why}; it is not stored)"
        return self.ask_password(prompt)

    def _sent(self, page: NotePage, problem: str | None) -> None:
        page.buttons["send"].setEnabled(True)
        if problem is None:
            self._show_sent(page, self.window.clock())
            self.window.status.emit(
                QCoreApplication.translate("Delivery", "Sent to {label}").format(
                    label=page.target.label
                )
            )
            return
        page.save_state.setText(problem)
        self.window.show_problem(problem)

    # --- by hand ---
    def mark_sent(self, page: NotePage) -> None:
        """Record that the note went out; while the checklist shows errors, ask first."""
        self.window.save_now()
        self.window.check(page)  # what the checklist says of the text as it is now
        errors = [f for f in page.findings if f.severity == "error"]
        if errors and not self.confirm(
            QCoreApplication.translate("Delivery", "Mark sent with problems?"),
            f"The checklist still shows {len(errors)} problem"
            f"{'s' if len(errors) != 1 else ''} in the note to {page.target.label}:\n\n"
            + "\n".join(f"• {f.message}" for f in errors[:5])
            + "\n\nMark it as sent anyway?",
        ):
            self.window.status.emit(
                QCoreApplication.translate(
                    "Delivery", "Not marked sent: fix the note first, or mark it anyway"
                )
            )
            return
        at = self.window.clock()
        search = self.window.search
        before = search.followup_state(page.target.followup_id)
        search.mark_sent(page.target.followup_id, at)
        self._undo[page] = before
        self._show_sent(page, at, undo=True)
        self.window.status.emit(
            QCoreApplication.translate("Delivery", "Marked the note to {label} as sent").format(
                label=page.target.label
            )
        )

    def undo_sent(self, page: NotePage) -> None:
        """Take back a by-hand Mark sent: the follow-up is due again, as it was before."""
        before = self._undo.pop(page, None)
        if before is None:
            return
        from desktop.storage.records import ValidationError

        try:
            self.window.search.restore_followup(before)
        except ValidationError as exc:  # changed or deleted in the window since
            self.window.show_problem(
                QCoreApplication.translate("Delivery", "Could not undo: {exc}").format(exc=exc)
            )
            return
        page.show_sent(None)
        self.window.data_changed.emit()
        self.window.status.emit(
            QCoreApplication.translate(
                "Delivery", "The note to {label} is not marked sent any more"
            ).format(label=page.target.label)
        )

    def _show_sent(self, page: NotePage, at: datetime, *, undo: bool = False) -> None:
        if not undo:
            self._undo.pop(page, None)
        page.show_sent(at, self.window._local, undo=undo)
        self.window.data_changed.emit()

    # --- dialogs ---
    def _ask_save_path(self, title: str, suggested: str) -> str | None:
        """Where to save: the folder used last time (else home), the file type of the
        suggested name; the folder chosen is remembered for next time."""
        pdf = suggested.lower().endswith(".pdf")
        kind = "PDF (*.pdf)" if pdf else "Email draft (*.eml)"
        path = self.file_dialog(title, str(self.last_folder() / suggested), kind)
        if not path:
            return None
        suffix = ".pdf" if pdf else ".eml"
        if not path.lower().endswith(suffix):
            path += suffix
        self._remember_folder(Path(path).parent)
        return path

    def _file_dialog(self, title: str, start: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, start, kind)
        return path

    def _state(self) -> QSettings:
        return window_state(self.window.workspace.paths.data)

    def last_folder(self) -> Path:
        """The folder files were last saved in, if it still exists; else the home folder."""
        folder = self._state().value("files/last_folder", "")
        path = Path(str(folder)) if folder else Path.home()
        return path if path.is_dir() else Path.home()

    def _remember_folder(self, folder: Path) -> None:
        state = self._state()
        state.setValue("files/last_folder", str(folder))
        state.sync()

    def _announce_file(self, what: str, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("Delivery", "Saved"),
            QCoreApplication.translate("Delivery", "{what}\n{path}").format(what=what, path=path),
            parent=self.window,
        )
        open_button = box.addButton(
            QCoreApplication.translate("Delivery", "Open"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        box.exec()
        if box.clickedButton() is open_button:
            self.open_url(QUrl.fromLocalFile(str(path)))

    def _ask_password(self, prompt: str) -> str | None:
        password, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("Delivery", "Mail password"),
            prompt,
            QLineEdit.EchoMode.Password,
        )
        return password if ok and password else None

    def shutdown(self) -> None:
        """Wait briefly for a send in flight, so closing never cuts one off mid-way."""
        for thread in self._threads:
            thread.join(timeout=25)
        self._threads.clear()


def _unsent_problem(outcome: SendOutcome) -> str | None:
    """None when the message went; otherwise what the person should know."""
    if outcome.state == "sent":
        return None
    return outcome.message or "Not sent; the note is kept."
