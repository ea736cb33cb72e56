"""Start the tray at login: one interface, a writer per operating system.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/afterword-tray.desktop`.
- macOS: a LaunchAgent plist in `~/Library/LaunchAgents`.
- Windows: a value under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run; the
  registry is reached through one small object so tests can stand in for it anywhere.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from desktop.errors import UserError
from desktop.files import write_atomically

ENTRY_NAME = "afterword-tray"
LAUNCH_AGENT_LABEL = "app.afterword.tray"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Afterword reminders"


class AutostartError(UserError):
    """Starting at login could not be switched on or off; the message says where."""


class Autostart(Protocol):
    def enable(self) -> None: ...
    def disable(self) -> None: ...
    def is_enabled(self) -> bool: ...


def tray_command(data_dir: Path | None = None) -> list[str]:
    """The command that starts the tray (the frozen app itself, or `python -m desktop`)."""
    frozen = getattr(sys, "frozen", False)
    base = [sys.executable] if frozen else [sys.executable, "-m", "desktop"]
    where = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return [*base, *where, "tray"]


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as exc:
        raise AutostartError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"{path}: cannot remove: {exc.strerror or exc}") from exc


class XdgAutostart:
    """An XDG autostart entry, honoured by GNOME, KDE, Xfce and the rest."""

    def __init__(self, command: Sequence[str], config_home: Path) -> None:
        self.command = list(command)
        self.path = config_home / "autostart" / f"{ENTRY_NAME}.desktop"

    def enable(self) -> None:
        # The Exec key has its own quoting rules; shlex quoting is a subset they accept
        # for paths without '%', '"', '`' or '$' (checked, since a wrong entry fails silently).
        for arg in self.command:
            if any(ch in arg for ch in '%"`$\\'):
                raise AutostartError(f"{self.path}: cannot quote {arg!r} for an Exec line")
        exec_line = " ".join(shlex.quote(arg) for arg in self.command)
        entry = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Afterword reminders\n"
            "Comment=Reminds you when a thank-you note or a check-in is due\n"
            f"Exec={exec_line}\n"
            "Icon=afterword\n"
            "Terminal=false\n"
            "NoDisplay=true\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        _write(self.path, entry.encode("utf-8"))

    def disable(self) -> None:
        _remove(self.path)

    def is_enabled(self) -> bool:
        if not self.path.is_file():
            return False
        text = self.path.read_text(encoding="utf-8", errors="replace")
        # A desktop may switch an entry off by editing it instead of removing it.
        return "Hidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text


class LaunchAgent:
    """A per-user LaunchAgent that runs the tray at login (macOS)."""

    def __init__(self, command: Sequence[str], home: Path) -> None:
        self.command = list(command)
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def enable(self) -> None:
        plist = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": self.command,
            "RunAtLoad": True,
            # Quit from the menu means quit: launchd must not start it again.
            "KeepAlive": False,
            "ProcessType": "Interactive",
        }
        _write(self.path, plistlib.dumps(plist))

    def disable(self) -> None:
        _remove(self.path)

    def is_enabled(self) -> bool:
        if not self.path.is_file():
            return False
        try:
            plist = plistlib.loads(self.path.read_bytes())
        except Exception:
            return False
        return bool(plist.get("RunAtLoad")) and not plist.get("Disabled", False)


class RunKeyRegistry(Protocol):
    """The three registry calls the Run key needs (HKEY_CURRENT_USER only)."""

    def set_value(self, key: str, name: str, value: str) -> None: ...
    def delete_value(self, key: str, name: str) -> None: ...
    def get_value(self, key: str, name: str) -> str | None: ...


class WindowsRegistry:
    """The real HKCU registry through winreg: the only code here that needs Windows."""

    def set_value(self, key: str, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete_value(self, key: str, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as h:
                winreg.DeleteValue(h, name)
        except FileNotFoundError:
            pass

    def get_value(self, key: str, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)


class RunKey:
    """A value under the HKCU Run key (Windows)."""

    def __init__(self, command: Sequence[str], registry: RunKeyRegistry | None = None) -> None:
        self.command = list(command)
        self.registry: RunKeyRegistry = registry or WindowsRegistry()

    @property
    def value(self) -> str:
        # Windows quoting (what CreateProcess reads back), whatever system builds it.
        return subprocess.list2cmdline(self.command)

    def enable(self) -> None:
        try:
            self.registry.set_value(RUN_KEY, RUN_VALUE, self.value)
        except OSError as exc:
            raise AutostartError(f"HKCU\\{RUN_KEY}: cannot write {RUN_VALUE!r}: {exc}") from exc

    def disable(self) -> None:
        try:
            self.registry.delete_value(RUN_KEY, RUN_VALUE)
        except OSError as exc:
            raise AutostartError(f"HKCU\\{RUN_KEY}: cannot remove {RUN_VALUE!r}: {exc}") from exc

    def is_enabled(self) -> bool:
        try:
            return self.registry.get_value(RUN_KEY, RUN_VALUE) is not None
        except OSError:
            return False


def autostart_for(
    command: Sequence[str],
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    registry: RunKeyRegistry | None = None,
) -> Autostart:
    """The login item for this operating system (the arguments let tests pick another)."""
    env = os.environ if env is None else env
    home = home if home is not None else Path(env.get("HOME") or Path.home())
    if platform == "win32":
        return RunKey(command, registry)
    if platform == "darwin":
        return LaunchAgent(command, home)
    config = env.get("XDG_CONFIG_HOME") or ""
    # The XDG spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    config_home = Path(config) if os.path.isabs(config) else home / ".config"
    return XdgAutostart(command, config_home)
