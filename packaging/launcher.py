"""The bundle's entry point: the same as `python -m desktop` (window, tray or a command)."""

from __future__ import annotations

import sys


def _attach_parent_console() -> None:
    """On Windows the bundle is a GUI program, so it has no console of its own.

    When a command (`Afterword.exe due`) is typed in a terminal, borrow that terminal so
    the command's output is seen; the window and the tray stay console-free.
    """
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    if sys.stdout is not None and sys.stderr is not None:
        return  # started with pipes or files: keep them
    from desktop.cli import COMMANDS

    speaks = (set(COMMANDS) - {"tray"}) | {"--version", "--help", "-h"}
    if not speaks.intersection(sys.argv[1:]):
        return
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return
    if sys.stdout is None:
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115


def main() -> int:
    _attach_parent_console()
    from desktop.cli import main as afterword

    return afterword()


if __name__ == "__main__":
    raise SystemExit(main())
