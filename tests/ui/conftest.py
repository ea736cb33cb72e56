"""Windows the ui tests share: an empty job search and the demo one, on real files."""

from __future__ import annotations

import pytest

from desktop.interchange.demo import load_demo
from desktop.ui.main_window import MainWindow
from tests.helpers.window_helpers import fixed_clock


@pytest.fixture(autouse=True)
def discard_when_closed(monkeypatch):
    """A dialog closed at a test's end is not asked "Discard changes?" (a modal box would
    wait for a click forever); tests of that question answer it themselves."""
    from desktop.ui.forms.base import FormDialog

    monkeypatch.setattr(FormDialog, "_ask_discard", lambda self: True)


@pytest.fixture(autouse=True)
def no_unanswered_boxes(monkeypatch):
    """A message box nobody answers would hang the run: the composer's "Saved … Open"
    is only recorded, and a question a test did not answer fails it at once."""
    from desktop.ui import dialogs
    from desktop.ui.composer import delivery

    announced: list[tuple[str, object]] = []
    monkeypatch.setattr(
        delivery.Delivery, "_announce_file", lambda self, what, path: announced.append((what, path))
    )

    def unexpected(parent, title, text):
        raise AssertionError(f"an unexpected question: {title}: {text}")

    monkeypatch.setattr(dialogs, "ask", unexpected)
    return announced


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


@pytest.fixture
def pinned_demo_window(qtbot, workspace):
    """The demo's job search dated around the tests' fixed NOW, in a window whose clock
    stands still there: what a view shows for "today" is known in advance."""
    from tests.helpers.window_helpers import NOW

    load_demo(workspace, NOW)
    win = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
