"""Notes that waited in the outbox (sent while offline) go out when the server is reachable.

While the window is open it tries every few minutes, on a worker thread, and only with a
password it can read from the keyring: it never interrupts the person to ask for one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    import ssl

    from desktop.storage.store import Store

log = logging.getLogger(__name__)
RETRY_MS = 5 * 60 * 1000
FIRST_TRY_MS = 20 * 1000


def _now() -> datetime:
    return datetime.now(UTC)


class OutboxRunner(QObject):
    delivered = Signal(str)  # a status-bar sentence, emitted when something went out

    def __init__(
        self, store: Store, parent: QObject | None = None, clock: Callable[[], datetime] = _now
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self._busy = threading.Lock()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.try_now)

    def start(self) -> None:
        self._timer.start(RETRY_MS)
        QTimer.singleShot(FIRST_TRY_MS, self.try_now)

    def try_now(self) -> None:
        if not self._busy.acquire(blocking=False):
            return  # a round is still under way
        threading.Thread(target=self._round, name="afterword-outbox", daemon=True).start()

    def _round(self) -> None:
        try:
            text = deliver_waiting(self.store, self.clock)
            if text:
                self.delivered.emit(text)
        except Exception:  # a retry must never take the window down; the next round tries again
            log.exception("delivering the outbox failed")
        finally:
            self._busy.release()


def deliver_waiting(
    store: Store, clock: Callable[[], datetime], ssl_context: ssl.SSLContext | None = None
) -> str:
    """One delivery round; returns what to tell the person ("" when nothing went)."""
    from desktop.compose.mail import MailError
    from desktop.compose.outbox import deliver_unattended

    try:
        # wait=0: when another round is under way (a Send, another window) this one
        # stands aside; the next retry looks again.
        report = deliver_unattended(store, clock, wait=0, ssl_context=ssl_context)
    except MailError:  # no usable account: the Outbox dialog and Send say so, not a retry
        return ""
    if report is None or not report.sent:
        return ""
    notes = "note" if report.sent == 1 else "notes"
    return f"{report.sent} {notes} from the outbox went out"
