# Over 400 lines on purpose: the window's frame: sidebar, menus and shortcuts refer to each other.
"""The main window: a sidebar of views, global search, menus and shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from desktop.ui.search_box import SearchBox
from desktop.ui.views.lists import applications_view, companies_view, contacts_view, interviews_view
from desktop.ui.views.today import TodayView
from desktop.ui.window_state import window_state

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.ui.composer.window import ComposerWindow
    from desktop.ui.file_actions import FileActions
    from desktop.ui.views.board import BoardView
    from desktop.ui.views.records import RecordsView

VIEWS = (
    "Today",
    "Applications",
    "Interviews",
    "Contacts",
    "Companies",
    "Board",
    "Coming up",
    "Progress",
)
# Built the first time they are shown, so start-up pays only for Today.
LAZY_VIEWS = ("Board", "Coming up", "Progress")


def _now() -> datetime:
    return datetime.now(UTC)


class MainWindow(QMainWindow):
    data_changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__()
        from desktop.storage.job_search import JobSearch
        from desktop.ui.editing import Editor

        self.workspace = workspace
        self.demo = demo
        self.clock = clock
        # False when the app quits with nobody at the window (SIGTERM, a benchmark's quit):
        # a question then would answer itself "no" and stop the tray's reminders.
        self.ask_on_close = True
        self.search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        # One "now" for the window and the services it reads: what a view calls today and
        # what the service calls overdue must agree.
        self.search.clock = clock
        self.setWindowTitle(self.tr("Afterword — demo") if demo else "Afterword")
        self.setObjectName("mainWindow")

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Views"))
        self.sidebar.setFixedWidth(164)
        self.stack = QStackedWidget(self)
        self.today = TodayView(self.search, clock, self)
        self.applications = applications_view(self.search, self)
        self.interviews = interviews_view(self.search, clock, self)
        self.contacts = contacts_view(self.search, self, clock)
        self.companies = companies_view(self.search, self)
        self.record_views: dict[str, RecordsView] = {
            "Applications": self.applications,
            "Interviews": self.interviews,
            "Contacts": self.contacts,
            "Companies": self.companies,
        }
        self.lazy_views: dict[str, QWidget] = {}
        placeholders = [QWidget(self.stack) for _ in LAZY_VIEWS]
        built = (self.today, *self.record_views.values(), *placeholders)
        for name, view in zip(VIEWS, built, strict=True):
            item = QListWidgetItem(self._icon(name.lower().replace(" ", "_")), name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} view")
            self.sidebar.addItem(item)
            self.stack.addWidget(view)
        self.sidebar.currentRowChanged.connect(self._show_row)

        body = QWidget(self)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.search_box = SearchBox(self.search, self)
        self.search_box.chosen.connect(self.open_hit)
        toolbar = self.addToolBar(self.tr("Search"))
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)

        self.editor = Editor(self)
        # Opens links (a video call's "Join"); tests answer it without a browser.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._files: FileActions | None = None
        self.setAcceptDrops(True)  # files dropped on the window open the import preview
        self.composers: list[ComposerWindow] = []
        self._build_menus()
        self._connect_views()
        self._restore_state()
        # Reading order: the search at the top, the views on the left, then the view.
        QWidget.setTabOrder(self.search_box, self.sidebar)
        QWidget.setTabOrder(self.sidebar, self.today.tree)
        self.statusBar().showMessage(self.tr("Ready"), 3000)
        # Another process (the tray, the command line) wrote: read again, no F5 needed.
        from desktop.ui.data_watch import DataWatch

        self.data_watch = DataWatch(workspace.paths.database, self)
        self.data_watch.changed.connect(self.refresh_all)
        self.data_watch.start()
        self._update_actions()

    # --- building ---
    def _icon(self, name: str) -> QIcon:
        try:
            from desktop.ui.icons import icon

            return icon(name)
        except Exception:  # icons are decoration; a missing one must not stop the window
            return QIcon()

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[..., object],  # triggered(checked): a slot may take it or not
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        new_menu = file_menu.addMenu(self.tr("&New"))
        self._action(new_menu, self.tr("&Interview…"), "Ctrl+N", self.editor.new_interview)
        self._action(
            new_menu, self.tr("&Application…"), "Ctrl+Shift+A", self.editor.new_application
        )
        self._action(new_menu, self.tr("&Contact…"), "Ctrl+Shift+P", self.editor.new_contact)
        self._action(new_menu, self.tr("C&ompany…"), "Ctrl+Shift+O", self.editor.new_company)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import…"), "Ctrl+I", lambda: self.files.import_file())
        self._action(file_menu, self.tr("E&xport…"), "Ctrl+Shift+E", lambda: self.files.export())
        self._action(file_menu, self.tr("&Outbox…"), None, self.show_outbox)
        file_menu.addSeparator()
        self.restore_action = self._action(
            file_menu, self.tr("&Restore from backup…"), None, lambda: self.files.restore()
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Settings…"), "Ctrl+,", self.editor.settings)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, self.tr("&Undo"), QKeySequence.StandardKey.Undo, self.editor.undo
        )
        self.undo_action.setEnabled(False)
        edit_menu.addSeparator()
        # Ctrl+F narrows the list on screen; Ctrl+K searches everything, from a fresh box.
        self._action(
            edit_menu,
            self.tr("&Find in this list…"),
            QKeySequence.StandardKey.Find,
            self.find_in_list,
        )
        self._action(edit_menu, self.tr("Find &anywhere…"), "Ctrl+K", self.focus_search)
        self.edit_selected_action = self._action(
            edit_menu, self.tr("&Edit selected…"), "Ctrl+E", self.editor.edit_current
        )
        self.delete_selected_action = self._action(
            edit_menu,
            self.tr("&Delete selected"),
            QKeySequence.StandardKey.Delete,
            self.editor.delete_current,
        )

        view_menu = bar.addMenu(self.tr("&View"))
        for number, name in enumerate(VIEWS, 1):
            self._action(
                view_menu, f"&{name}", f"Ctrl+{number}", lambda _=False, n=name: self.show_view(n)
            )
        view_menu.addSeparator()
        self._action(
            view_menu, self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh_all
        )
        view_menu.addSeparator()
        appearance = view_menu.addMenu(self.tr("A&ppearance"))
        group = QActionGroup(self)
        self.appearance_actions: dict[str, QAction] = {}
        for scheme, label in (
            ("auto", self.tr("&System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = self._action(
                appearance, label, None, lambda _=False, s=scheme: self.set_appearance(s)
            )
            action.setCheckable(True)
            group.addAction(action)
            self.appearance_actions[scheme] = action
        self.appearance_actions[self.appearance()].setChecked(True)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts)
        self._action(help_menu, self.tr("&Where your data lives"), None, self.show_data_folder)
        help_menu.addSeparator()
        self._action(help_menu, self.tr("&About Afterword"), None, self.show_about)

    def _connect_views(self) -> None:
        self.today.changed.connect(self.after_change)
        self.today.write_requested.connect(self.open_composer)
        self.today.undoable.connect(self.editor.followup_changed)
        self.today.reply_requested.connect(self.editor.record_reply_for)
        self.today.close_requested.connect(self.editor.close_application_for)
        self.today.add_interview_requested.connect(self.editor.new_interview)
        self.today.interview_requested.connect(self.open_interview)
        person = self.contacts.person  # type: ignore[attr-defined]
        person.interview_requested.connect(self.open_interview)
        person.write_requested.connect(self.open_composer)
        person.open_url = lambda url: self.open_url(url)
        for view in self.record_views.values():
            view.new_requested.connect(self.editor.new_for(view))
            view.edit_requested.connect(self.editor.edit)
            view.delete_requested.connect(self.editor.delete)
            view.selection_changed.connect(lambda *_: self._update_actions())
        self.stack.currentChanged.connect(lambda *_: self._update_actions())
        self.applications.add_button(
            self.tr("Record reply…"),
            self.tr("They answered: this ends the check-ins"),
            lambda a: self.editor.record_reply_for(a.id),
        )
        self.applications.add_button(
            self.tr("Close as no response"),
            self.tr("Move on from this application"),
            lambda a: self.editor.close_application_for(a.id),
        )
        from desktop.core.links import meeting_link

        self.join_button = self.interviews.add_button(
            self.tr("Join"),
            self.tr("Open the interview's video link in the browser"),
            lambda i: self.open_url(QUrl(meeting_link(i.location) or "")),
            applies=lambda i: meeting_link(i.location) is not None,
        )

    @property
    def files(self) -> FileActions:
        """Import, export and dropped files; built on first use, not before the first paint
        (the import dialog and its services cost ~50 ms of imports)."""
        if self._files is None:
            from desktop.ui.file_actions import FileActions

            self._files = FileActions(self)
        return self._files

    # --- navigation ---
    def show_view(self, name: str) -> None:
        self.sidebar.setCurrentRow(VIEWS.index(name))

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(VIEWS) and VIEWS[row] in LAZY_VIEWS:
            self.lazy_view(VIEWS[row])
        self.stack.setCurrentIndex(row)

    def lazy_view(self, name: str) -> QWidget:
        """The Board, Coming up or Progress view, built (and put in its place) on first use."""
        view = self.lazy_views.get(name)
        if view is not None:
            return view
        from desktop.ui.views import extra_views

        view = extra_views.build(self, name)
        row = VIEWS.index(name)
        placeholder = self.stack.widget(row)
        assert placeholder is not None  # every view has its place from the start
        self.stack.insertWidget(row, view)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.lazy_views[name] = view
        return view

    @property
    def board(self) -> BoardView:
        from desktop.ui.views.board import BoardView

        view = self.lazy_view("Board")
        assert isinstance(view, BoardView)
        return view

    def current_view_name(self) -> str:
        return VIEWS[self.stack.currentIndex()]

    def focus_search(self) -> None:
        """Ctrl+K: search everything, starting from an empty box."""
        self.search_box.clear()
        self.search_box.results.hide()
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def find_in_list(self) -> None:
        """Ctrl+F: filter the list on screen; where a list has no filter, search everything."""
        view = self.record_views.get(self.current_view_name())
        if view is not None and not view.filter.isHidden():
            view.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
            view.filter.selectAll()
            return
        self.focus_search()

    def _update_actions(self) -> None:
        """Edit and Delete act on the selected record: greyed out when there is none."""
        view = self.record_views.get(self.current_view_name())
        chosen = view is not None and view.current() is not None
        self.edit_selected_action.setEnabled(chosen)
        self.delete_selected_action.setEnabled(chosen)

    def open_interview(self, interview_id: int) -> None:
        record = self.search.interview(interview_id)
        if record is not None:
            self.editor.edit(record)

    # --- first run, appearance, help ---
    def offer_welcome(self) -> None:
        """The first time, ask who the user is (skippable), before any note is drafted."""
        from desktop.storage.first_run import welcomed

        if self.workspace.profile.name.strip() or welcomed(self.workspace.paths.database):
            return  # every start but the first: the dialog's module is not even loaded
        from desktop.ui.welcome import offer_welcome

        if offer_welcome(self.workspace, self.editor.exec_dialog, self):
            self.search.rules, self.search.tz = self.workspace.rules, self.workspace.tz
            name = self.workspace.profile.name
            self.after_change(
                self.tr("Welcome, {name}. Notes are signed by you.").format(name=name)
                if name
                else self.tr("Welcome. Notes are signed by you.")
            )

    def appearance(self) -> str:
        scheme = str(self._state().value("appearance", "auto"))
        return scheme if scheme in ("auto", "light", "dark") else "auto"

    def set_appearance(self, scheme: str) -> None:
        """System, Light or Dark, now and from the next start on."""
        from PySide6.QtWidgets import QApplication

        from desktop.ui.icons import clear_cache
        from desktop.ui.theme import apply_theme

        state = self._state()
        state.setValue("appearance", scheme)
        state.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, scheme)
            clear_cache()
        self.appearance_actions[scheme].setChecked(True)
        self.refresh_all()  # colours of overdue rows follow the palette

    def show_shortcuts(self) -> None:
        from desktop.ui.help import shortcuts_dialog

        self.editor.exec_dialog(shortcuts_dialog(self))

    def show_data_folder(self) -> None:
        from desktop.ui.help import data_folder_dialog

        self.editor.exec_dialog(data_folder_dialog(self, self.workspace.paths))

    def show_about(self) -> None:
        from desktop.ui.help import about_dialog

        self.editor.exec_dialog(about_dialog(self))

    def open_hit(self, kind: str, record_id: int) -> None:
        """Go to the record a search result names."""
        name = {
            "company": "Companies",
            "contact": "Contacts",
            "application": "Applications",
            "interview": "Interviews",
        }.get(kind)
        if name is None:
            return
        view = self.record_views[name]
        if name == "Interviews":
            view.choice.setCurrentIndex(view.choice.findData(None))
        if name == "Applications":
            view.choice.setCurrentIndex(0)
        self.show_view(name)
        if not view.select_id(record_id):
            self.statusBar().showMessage(self.tr("That record is no longer there"), 4000)

    def open_composer(self, followup_id: int) -> QWidget | None:
        """Open (or bring forward) the composer for a follow-up and its sibling notes."""
        for window in self.composers:
            if followup_id in window.followup_ids():
                window.show()
                window.raise_()
                window.activateWindow()
                index = window.followup_ids().index(followup_id)
                window.tabs.setCurrentIndex(index)
                return window
        from desktop.ui.composer.window import ComposerWindow

        targets = self.search.note_targets(followup_id)
        if not targets:
            self.statusBar().showMessage(self.tr("That follow-up is no longer there"), 4000)
            return None
        window = ComposerWindow(self.workspace, self.search, targets, self.clock)
        window.data_changed.connect(lambda: self.after_change())
        window.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        window.destroyed.connect(lambda *_: self._forget_composer(window))
        # Forgotten on close, not only once deleted: opening the note again at once must
        # build a new composer, not raise the one being torn down.
        window.closed.connect(lambda: self._forget_composer(window))
        self.composers.append(window)
        window.show()
        return window

    def show_outbox(self) -> None:
        """Notes sent while offline, or refused by the server: try again or discard."""
        from desktop.ui.outbox_dialog import OutboxDialog
        from desktop.ui.outbox_runner import deliver_waiting

        store = self.workspace.store
        dialog = OutboxDialog(
            store, self.workspace.tz, lambda: deliver_waiting(store, self.clock), self
        )
        dialog.confirm = self.editor.confirm
        self.editor.exec_dialog(dialog)
        self.after_change()

    def backup_failed(self, message: str) -> None:
        """The day's automatic backup could not be written: say so once, without stopping
        the user's work (a window, not a question: it waits for them to read it)."""
        if getattr(self, "_told_backup_failed", False):
            return
        self._told_backup_failed = True
        from desktop.ui.problems import problem_box

        box = problem_box(
            self.tr("Today's backup was not made"),
            self.tr(
                "{message}\n\nYour data is as it was; Afterword tries again the next time it"
                " starts. Until then, File ▸ Export… (Afterword backup) keeps a copy by hand."
            ).format(message=message),
            self,
        )
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.backup_notice = box
        box.show()

    def _forget_composer(self, window: QWidget) -> None:
        self.composers = [w for w in self.composers if w is not window]

    def bring_to_front(self) -> None:
        """Another launch asked for the window: show it, restored and on top."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # --- changes ---
    def after_change(self, message: str = "") -> None:
        """Something was saved: every view reads again, the tray is told."""
        self.refresh_all()
        if message:
            self.statusBar().showMessage(message, 6000)
        self.data_changed.emit()

    def refresh_all(self) -> None:
        self.today.refresh()
        for view in self.record_views.values():
            view.reload()
        for lazy in self.lazy_views.values():
            lazy.reload()  # type: ignore[attr-defined]
        if hasattr(self, "data_watch"):
            self.data_watch.seen()

    def _ask_about_reminders(self) -> None:
        """Without a system tray, the person cannot see or quit the tray: ask on close."""
        from PySide6.QtWidgets import QSystemTrayIcon

        from desktop.platform import ipc

        if self.demo or not self.ask_on_close or QSystemTrayIcon.isSystemTrayAvailable():
            return
        name = ipc.server_name(ipc.TRAY, ipc.data_dir_suffix(self.workspace.paths.data))
        if not ipc.is_live(name):
            return
        keep = self.editor.confirm(
            self.tr("Keep reminders running?"),
            self.tr(
                "Afterword's reminders run in the background and notify you when a follow-up "
                "comes due. This desktop has no tray to reach them from.\n\nKeep them running "
                "after the window closes?"
            ),
        )
        if not keep:
            ipc.send(name, ipc.message("quit"))

    # --- state ---
    def _state(self) -> QSettings:
        return self.state()

    def state(self) -> QSettings:
        """The window's own settings file (geometry, view, appearance, hidden columns)."""
        return window_state(self.workspace.paths.data)

    def _restore_state(self) -> None:
        state = self._state()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        view = state.value("view", "Today")
        self.show_view(view if view in VIEWS else "Today")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.files.drop(event.mimeData()):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.composers):
            if not window.close():
                event.ignore()
                return
        self._ask_about_reminders()
        state = self._state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("view", self.current_view_name())
        state.sync()
        self.data_watch.timer.stop()
        self.data_watch.close()
        super().closeEvent(event)
