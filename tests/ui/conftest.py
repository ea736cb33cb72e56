"""Windows the ui tests share: an empty job search and the demo one, on real files."""

from __future__ import annotations

import pytest

from desktop.interchange.demo import load_demo
from desktop.ui.main_window import MainWindow
from tests.ui.window_helpers import fixed_clock


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def demo_window(qtbot, workspace):
    load_demo(workspace)
    win = MainWindow(workspace, demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
