"""The app's identity on Windows and macOS, with the OS's own library swapped."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from desktop.platform.app_identity import ACCESSORY, APP_ID, REGULAR, set_app_identity
from tests.conftest import REPO


class Shell32:
    def __init__(self, result: int = 0) -> None:
        self.result, self.ids = result, []

    def SetCurrentProcessExplicitAppUserModelID(self, app_id: str) -> int:
        self.ids.append(app_id)
        return self.result


class NSApplication:
    def __init__(self) -> None:
        self.policies: list[int] = []

    def setActivationPolicy_(self, policy: int) -> bool:
        self.policies.append(policy)
        return True


def test_windows_sets_the_app_user_model_id_the_installer_gives_its_shortcuts() -> None:
    shell32 = Shell32()
    set_app_identity("tray", platform="win32", system=shell32)
    set_app_identity("window", platform="win32", system=shell32)
    assert shell32.ids == [APP_ID, APP_ID]
    # The Start-menu shortcut carries the same id, or toasts lose the name and the click.
    script = (REPO / "packaging/windows/afterword.iss").read_text(encoding="utf-8")
    [defined] = re.findall(r'#define AppUserModelID "([^"]+)"', script)
    assert defined == APP_ID
    shortcuts = [line for line in script.splitlines() if line.startswith('Name: "{auto')]
    assert shortcuts and all('AppUserModelID: "{#AppUserModelID}"' in s for s in shortcuts)


def test_macos_tray_has_no_dock_icon_and_the_window_has_one() -> None:
    app = NSApplication()
    set_app_identity("tray", platform="darwin", system=app)
    set_app_identity("window", platform="darwin", system=app)
    assert app.policies == [ACCESSORY, REGULAR]
    spec = (REPO / "packaging/afterword.spec").read_text(encoding="utf-8")
    assert '"LSUIElement": True' in spec and 'BUNDLE_ID = "app.afterword.Afterword"' in spec


def test_a_refusal_by_the_os_is_logged_and_the_app_starts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        set_app_identity("window", platform="win32", system=Shell32(result=-2147024809))
    assert "could not set the app's identity for the window" in caplog.text


def test_linux_needs_nothing() -> None:
    untouched: Any = object()  # any call on it would raise
    set_app_identity("tray", platform="linux", system=untouched)
