"""Who the running process is to the operating system: its Windows AppUserModelID, and on
macOS whether it shows a Dock icon.

Windows groups taskbar buttons and files toasts under a process's AppUserModelID; the
installer's Start-menu shortcut carries the same one (packaging/windows/afterword.iss), so
a toast shows Afterword's name and icon, and a click on it comes back to Afterword.
desktop-notifier registers that id under HKCU with the display name and icon, and sends
the toasts under it: it is the app name we give it (`APP_NAME`).

The macOS bundle sets LSUIElement (packaging/afterword.spec), so the tray, which starts at
login, shows no Dock icon; the window makes itself a regular app with a Dock icon and a
menu bar when it starts (NSApplication's activation policy, through rubicon-objc, which
desktop-notifier brings on macOS).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from desktop.platform.notifications import APP_NAME

log = logging.getLogger(__name__)

APP_ID = APP_NAME  # the AppUserModelID; desktop-notifier sends toasts under its app name
# NSApplicationActivationPolicy
REGULAR, ACCESSORY = 0, 1


def set_app_identity(role: str, platform: str = sys.platform, system: Any = None) -> None:
    """Tell the OS who this process is: `role` is "window" or "tray". `system` stands in for
    the OS's own library (shell32, NSApplication) in tests on another platform."""
    try:
        if platform == "win32":
            _windows_app_id(system)
        elif platform == "darwin":
            _macos_activation(role, system)
    except Exception as exc:  # cosmetic: never a reason not to start
        log.warning("could not set the app's identity for the %s: %s", role, exc)


def _windows_app_id(shell32: Any) -> None:
    if shell32 is None:
        import ctypes

        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    result = shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)
    if result != 0:  # an HRESULT
        raise OSError(f"SetCurrentProcessExplicitAppUserModelID returned {result:#x}")


def _macos_activation(role: str, application: Any) -> None:
    if application is None:
        from rubicon.objc import ObjCClass

        application = ObjCClass("NSApplication").sharedApplication
    application.setActivationPolicy_(ACCESSORY if role == "tray" else REGULAR)
