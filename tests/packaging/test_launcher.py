"""The bundle's entry point borrows the terminal on Windows for commands, never for the tray.

Windows' console API is replaced by a recording stand-in (the only mock here).
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TextIO

import pytest

from tests.helpers.packaging_scripts import load

launcher = load("launcher.py")


class Kernel32:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def AttachConsole(self, process: int) -> int:
        self.calls.append(process)
        return 1


@pytest.fixture
def kernel32(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Kernel32:
    """A frozen Windows GUI program's world: no streams (set per call), a fake console API."""
    fake = Kernel32()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=fake), raising=False)
    monkeypatch.chdir(tmp_path)  # where the stand-in "CONOUT$" file lands
    return fake


def start_without_streams(argv: list[str]) -> tuple[TextIO | None, TextIO | None]:
    """Run the launcher's console step as a GUI program would (no stdout, no stderr).

    pytest's own streams are put back before anything is asserted.
    """
    saved = sys.argv, sys.stdout, sys.stderr
    sys.argv, sys.stdout, sys.stderr = argv, None, None  # type: ignore[assignment]
    try:
        launcher._attach_parent_console()
        return sys.stdout, sys.stderr
    finally:
        sys.argv, sys.stdout, sys.stderr = saved


def test_a_command_typed_in_a_terminal_prints_there(kernel32: Kernel32) -> None:
    out, err = start_without_streams(["Afterword.exe", "--data-dir", "D", "due"])
    for stream in (out, err):
        if stream is not None:
            stream.close()

    assert kernel32.calls == [-1]  # ATTACH_PARENT_PROCESS
    assert out is not None and Path(out.name).name == "CONOUT$"
    assert err is not None and Path(err.name).name == "CONOUT$"


@pytest.mark.parametrize("argv", [["Afterword.exe"], ["Afterword.exe", "tray"]])
def test_the_window_and_the_tray_never_take_a_console(kernel32: Kernel32, argv: list[str]) -> None:
    out, err = start_without_streams(argv)

    assert kernel32.calls == []
    assert out is None and err is None


def test_outside_a_windows_bundle_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["afterword", "due"])
    stdout = sys.stdout
    launcher._attach_parent_console()
    assert sys.stdout is stdout
