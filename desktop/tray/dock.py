"""The tray icon appears when a system tray does, even one that starts after us.

At login the tray often starts before the panel that hosts it. Qt docks an icon only into
a tray that is there when it is shown, so the menu is made when one is: at once, or after
a look that starts at a second and backs off to a minute, and stops for good once docked
(an idle tray wakes for nothing). On the offscreen platform there is never a tray to wait
for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

FIRST_LOOK_MS = 1000
LONGEST_LOOK_MS = 60_000
NEVER_A_TRAY = ("offscreen", "minimal")


class TrayDock(QObject):
    """Makes the menu (`make_menu()`), shows its icon and calls `on_docked` once a system
    tray is available; `menu` is None until then."""

    def __init__(
        self, app: Any, make_menu: Callable[[], Any], on_docked: Callable[[], None]
    ) -> None:
        super().__init__()
        self.menu: Any = None
        self._make_menu, self._on_docked = make_menu, on_docked
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        self._platform = str(app.platformName())

    def start(self) -> None:
        """Dock now if there is a system tray; else look for one until there is."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._dock()
        elif self._platform in NEVER_A_TRAY:
            log.info("tray: no system tray on the %s platform", self._platform)
        else:
            log.info("tray: no system tray yet; the icon appears when one does")
            self._timer.start(FIRST_LOOK_MS)

    @property
    def waiting(self) -> bool:
        return self._timer.isActive()

    def _look(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._dock()
            return
        self._timer.start(min(self._timer.interval() * 2, LONGEST_LOOK_MS))

    def _dock(self) -> None:
        self.menu = self._make_menu()
        self.menu.show()
        log.info("tray: the icon is in the system tray")
        self._on_docked()

    def close(self) -> None:
        self._timer.stop()
