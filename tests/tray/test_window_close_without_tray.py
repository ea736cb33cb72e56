"""With no system tray to reach the reminders from, closing the window asks about them."""

from __future__ import annotations

import time

import pytest

from desktop.platform import ipc
from desktop.ui.main_window import MainWindow
from tests.conftest import child_env
from tests.helpers.bus import start_tray, stop
from tests.helpers.window_helpers import fixed_clock


def _tray_listening(data_dir) -> bool:
    name = ipc.server_name(ipc.TRAY, ipc.data_dir_suffix(data_dir))
    return ipc.is_live(name)


@pytest.mark.parametrize("keep", [True, False])
def test_closing_the_window_asks_whether_to_keep_reminders(qtbot, workspace, keep):
    data_dir = workspace.paths.data
    # The offscreen platform has no system tray, like some Linux desktops.
    tray = start_tray(data_dir, child_env(QT_QPA_PLATFORM="offscreen"))
    try:
        qtbot.waitUntil(lambda: _tray_listening(data_dir), timeout=20000)
        window = MainWindow(workspace, clock=fixed_clock)
        qtbot.addWidget(window)
        window.show()
        asked = []
        window.editor.confirm = lambda title, text: asked.append(title) or keep
        window.close()
        assert asked == ["Keep reminders running?"]
        if keep:
            time.sleep(1)
            assert tray.poll() is None, "the tray stopped although the person kept it"
        else:
            deadline = time.monotonic() + 15
            while tray.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert tray.returncode == 0, "the tray did not stop when asked"
    finally:
        _, stderr = stop(tray)
    # Whoever started `afterword tray` by hand is told why no icon appears.
    assert "this desktop has no system tray, so there is no icon or menu" in stderr


def test_a_window_without_a_running_tray_closes_without_asking(qtbot, workspace):
    window = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(window)
    window.show()
    window.editor.confirm = lambda title, text: pytest.fail(f"asked {title!r}")
    window.close()
