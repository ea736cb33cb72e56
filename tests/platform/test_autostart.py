"""Start at login, written for each operating system into a temporary home."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys
from pathlib import Path

import pytest

from desktop.platform.autostart import (
    RUN_KEY,
    RUN_VALUE,
    AutostartError,
    LaunchAgent,
    RunKey,
    XdgAutostart,
    autostart_for,
    tray_command,
)

COMMAND = ["/opt/After Word/python3", "-m", "desktop", "--data-dir", "/home/ada/My Data", "tray"]


def test_tray_command_starts_the_tray_on_the_data_directory(tmp_path: Path) -> None:
    assert tray_command(tmp_path) == [
        sys.executable,
        "-m",
        "desktop",
        "--data-dir",
        str(tmp_path),
        "tray",
    ]
    assert tray_command() == [sys.executable, "-m", "desktop", "tray"]


def test_linux_entry_goes_to_xdg_config_home_and_runs_the_tray(tmp_path: Path) -> None:
    config = tmp_path / "config"
    login = autostart_for(COMMAND, "linux", {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(config)})
    assert isinstance(login, XdgAutostart)
    assert not login.is_enabled()
    login.enable()
    entry = config / "autostart" / "afterword-tray.desktop"
    assert login.is_enabled() and entry.is_file()
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application"
    assert shlex.split(section["Exec"]) == COMMAND  # paths with spaces survive
    login.enable()  # twice is harmless
    login.disable()
    assert not entry.exists() and not login.is_enabled()
    login.disable()  # so is switching off what is off


def test_linux_without_xdg_config_home_uses_dot_config(tmp_path: Path) -> None:
    login = autostart_for(COMMAND, "linux", {"HOME": str(tmp_path), "XDG_CONFIG_HOME": "rel"})
    login.enable()
    assert (tmp_path / ".config" / "autostart" / "afterword-tray.desktop").is_file()


def test_linux_entry_switched_off_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    login = XdgAutostart(COMMAND, tmp_path)
    login.enable()
    with login.path.open("a", encoding="utf-8") as handle:
        handle.write("Hidden=true\n")
    assert not login.is_enabled()


def test_linux_refuses_what_an_exec_line_cannot_say(tmp_path: Path) -> None:
    login = XdgAutostart(["/opt/100%/python"], tmp_path)
    with pytest.raises(AutostartError, match="Exec"):
        login.enable()
    assert not login.path.exists()


def test_macos_launch_agent_in_library_launchagents(tmp_path: Path) -> None:
    login = autostart_for(COMMAND, "darwin", {"HOME": str(tmp_path)})
    assert isinstance(login, LaunchAgent)
    login.enable()
    path = tmp_path / "Library" / "LaunchAgents" / "app.afterword.tray.plist"
    plist = plistlib.loads(path.read_bytes())
    assert plist["ProgramArguments"] == COMMAND
    assert plist["RunAtLoad"] is True and plist["KeepAlive"] is False
    assert login.is_enabled()
    login.disable()
    assert not path.exists() and not login.is_enabled()


class FakeRegistry:
    """HKEY_CURRENT_USER as a dict: the Windows API is the one thing tests stand in for."""

    def __init__(self, fail: bool = False) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.fail = fail

    def set_value(self, key: str, name: str, value: str) -> None:
        if self.fail:
            raise PermissionError(5, "Access is denied")
        self.values[key, name] = value

    def delete_value(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)

    def get_value(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))


def test_windows_run_key_holds_a_quoted_command_line() -> None:
    registry = FakeRegistry()
    command = [r"C:\Program Files\Afterword\Afterword.exe", "--data-dir", r"D:\My Data", "tray"]
    login = autostart_for(command, "win32", {}, registry=registry)
    assert isinstance(login, RunKey)
    login.enable()
    assert registry.values == {
        (
            RUN_KEY,
            RUN_VALUE,
        ): r'"C:\Program Files\Afterword\Afterword.exe" --data-dir "D:\My Data" tray'
    }
    assert login.is_enabled()
    login.disable()
    assert registry.values == {} and not login.is_enabled()


def test_windows_registry_refusal_is_reported_with_the_key() -> None:
    login = RunKey(COMMAND, FakeRegistry(fail=True))
    with pytest.raises(AutostartError, match=r"CurrentVersion\\Run"):
        login.enable()
