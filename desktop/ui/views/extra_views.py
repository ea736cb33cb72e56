"""The views built on first show (Board, Coming up, Progress), wired to the window's verbs.

Kept out of the window's start-up: importing and building them costs Today's first paint
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.storage.board import StatusMove
    from desktop.ui.main_window import MainWindow


def build(window: MainWindow, name: str) -> QWidget:
    if name == "Board":
        return _board(window)
    if name == "Coming up":
        from desktop.ui.views.agenda import AgendaView

        agenda = AgendaView(window.search, window.clock, window.stack)
        agenda.interview_requested.connect(window.open_interview)
        agenda.write_requested.connect(window.open_composer)
        return agenda
    if name == "Progress":
        from desktop.ui.views.progress import ProgressView

        return ProgressView(window.search, window.clock, window.stack)
    raise ValueError(f"no view called {name!r}")


def _board(window: MainWindow) -> QWidget:
    from desktop.ui.views.board import BoardView

    board = BoardView(window.search, window.clock, window.state, window.stack)

    def moved(move: StatusMove, message: str) -> None:
        def take_back() -> str:
            window.search.undo_move(move)
            return "Moved back: " + message.split(" moved to ")[0]

        window.editor.remember_undo("move", take_back, lambda: board.after_move(move))
        window.after_change(message)

    def open_application(application_id: int) -> None:
        record = window.search.application(application_id)
        if record is not None:
            window.editor.edit(record)

    board.moved.connect(moved)
    board.open_requested.connect(open_application)
    board.failed.connect(lambda text: window.statusBar().showMessage(text, 6000))
    return board
