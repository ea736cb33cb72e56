"""Run the real tray's parts on an X display with a tray host; report and photograph them.

`python tests/helpers/tray_menu_check.py DATA_DIR OUT.png` prints one JSON line: whether a
system tray is available, where the icon docked, and the menu's entries; it saves a
picture of the docked icon with its menu open.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.platform import ipc
from desktop.platform.instance_server import InstanceServer
from desktop.platform.paths import resolve_paths
from desktop.tray.run import Tray, start_tray


def wait(app: QApplication, seconds: float, done: object = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if callable(done) and done():
            return
        time.sleep(0.02)


def click_due_follow_up(app: QApplication, tray: Tray) -> list[dict[str, object]]:
    """Click the first due follow-up with a stand-in window listening: what did it get?"""
    paths = tray.reminders.paths
    server = InstanceServer()
    server.listen(ipc.server_name(ipc.WINDOW, ipc.data_dir_suffix(paths.data)))
    got: list[dict[str, object]] = []
    server.message_received.connect(got.append)
    tray.menu.due_actions()[0].trigger()
    wait(app, 3, lambda: bool(got))
    server.close()
    return got


def snooze_all(app: QApplication, tray: Tray) -> str:
    """Choose "Snooze all for 1 hour"; return the menu's first line afterwards."""
    menu = tray.menu.menu
    [snooze] = [a for a in menu.actions() if a.text() == "Snooze all for 1 hour"]
    snooze.trigger()
    wait(app, 0.3)
    return str(menu.actions()[0].text())


def main(data_dir: str, out: str) -> None:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    wait(app, 5, QSystemTrayIcon.isSystemTrayAvailable)
    available = QSystemTrayIcon.isSystemTrayAvailable()
    tray = start_tray(app, resolve_paths(data_dir))
    tray.reminders.start()
    geometry = QRect()
    if tray.menu is not None:
        icon = tray.menu.icon
        wait(app, 5, lambda: not icon.geometry().isEmpty())
        wait(app, 0.5)
        geometry = icon.geometry()
        menu = tray.menu.menu
        menu.popup(QPoint(geometry.right() - 10, geometry.bottom() + 2))
        wait(app, 1.0)
        # The docked icon and the open menu, with a margin of screen around them.
        area = geometry.united(menu.geometry()).adjusted(-150, -4, 12, 12)
        screen = app.primaryScreen()
        area = area.intersected(screen.geometry())
        shot = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        shot.save(out)
        entries = [a.text().replace("&&", "&") for a in menu.actions() if not a.isSeparator()]
        due_ids = [a.data() for a in tray.menu.due_actions()]
        tooltip = icon.toolTip()
        menu.hide()
        opened = click_due_follow_up(app, tray)
        after_snooze = snooze_all(app, tray)
    else:
        entries, due_ids, opened, after_snooze, tooltip = [], [], [], "", ""
    print(
        json.dumps(
            {
                "available": available,
                "docked": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                "menu": entries,
                "due_ids": due_ids,
                "tooltip": tooltip,
                "window_got": opened,
                "after_snooze": after_snooze,
            }
        ),
        flush=True,
    )
    tray.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
