"""An X server with a system-tray host (Xvfb + trayer), so QSystemTrayIcon can dock."""

from __future__ import annotations

import os
import subprocess
import time

from tests.conftest import require_tool


class TrayDisplay:
    """Xvfb on a free display, and trayer docked at its top right."""

    def __init__(self, width: int = 900, height: int = 480) -> None:
        require_tool("Xvfb")
        require_tool("trayer")
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            self.xvfb.kill()
            self.xvfb.wait()
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"
        self.trayer: subprocess.Popen[bytes] | None = None

    def start_tray_host(self, env: dict[str, str]) -> None:
        self.trayer = subprocess.Popen(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "28",
                "--transparent",
                "false",
                "--tint",
                "0xf2f2f2",
                "--SetDockType",
                "true",
                "--expand",
                "true",
            ],
            env={**env, "DISPLAY": self.display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)  # trayer claims the _NET_SYSTEM_TRAY selection when mapped

    def docked(self) -> list[str]:
        """The names of the windows trayer's panel holds (an icon it took in)."""
        tree = subprocess.run(
            [require_tool("xwininfo"), "-root", "-tree"],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.splitlines()  # fmt: skip
        names, depth = [], None
        for line in tree:
            indent = len(line) - len(line.lstrip())
            if depth is not None and indent <= depth and line.strip():
                depth = None
            if '("panel" "trayer")' in line:
                depth = indent
            elif depth is not None and line.strip().startswith("0x") and '"' in line:
                names.append(line.split('"')[1])
        return names

    def env(self, base: dict[str, str]) -> dict[str, str]:
        return {**base, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def close(self) -> None:
        for process in (self.trayer, self.xvfb):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(10)
