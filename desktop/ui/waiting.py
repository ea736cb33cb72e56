"""Long work from the window: a wait cursor, and a worker thread while the window paints."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while a file is read or written, so long work never looks frozen."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def in_background(work: Callable[[], T], name: str = "import") -> T:
    """Run `work` on a worker thread while the window keeps painting, and return its result.

    A file of thousands of contacts takes seconds to check, and a restore may wait for
    another program's write: the window must not freeze. The service opens its own
    connections there (SQLite in WAL mode serves both threads).
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=name, daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    worker.start()
    worker.join(0.05)  # most work is done by now: no event loop, no flicker
    if worker.is_alive():
        timer.start()
        loop.exec()
        timer.stop()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
