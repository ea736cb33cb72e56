"""dunst, the notification daemon, on an Xvfb display and a private session bus.

dunst takes the well-known name itself (the bus starts nothing on demand). Its
configuration is ours: every notice from Afterword runs a script that records what dunst
made of it (urgency, expiry, icon, desktop entry: its DUNST_* variables), and its context
menu (`dunstctl context`) runs a script that picks the entry named in a file, as a person
picks a button; dunst then sends ActionInvoked itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.helpers.bus import SessionBus
from tests.helpers.display import TrayDisplay

RECORD = """#!/bin/sh
exec {python} -c 'import json, os, sys
with open(sys.argv[1], "a") as out:
    out.write(json.dumps({{k: v for k, v in os.environ.items() if k.startswith("DUNST_")}}) + "\\n")
' {record}
"""
# The menu is written aside and renamed, so the test never reads it half-written.
PICK = """#!/bin/sh
cat > {menu}.part
mv {menu}.part {menu}
grep -m1 -F "$(cat {want})" {menu}
"""
CONFIG = """[global]
    dmenu = {pick}
    browser = /bin/true
    # Bubbles stay on screen for as long as the sender asks (never "forever" by default).
    timeout = 0

[afterword]
    appname = Afterword
    script = {record}
"""


class Dunst:
    def __init__(self, tmp: Path, bus: SessionBus) -> None:
        require_tool("dunst")
        require_tool("dunstctl")
        self.tmp = tmp
        self.record = tmp / "dunst-record.jsonl"
        self.want = tmp / "dunst-want.txt"
        self.menu = tmp / "dunst-menu.txt"
        record, pick = tmp / "dunst-record.sh", tmp / "dunst-pick.sh"
        record.write_text(RECORD.format(python=sys.executable, record=self.record))
        pick.write_text(PICK.format(menu=self.menu, want=self.want))
        record.chmod(0o755)
        pick.chmod(0o755)
        config = tmp / "dunstrc"
        config.write_text(CONFIG.format(pick=pick, record=record))
        self.display = TrayDisplay()
        self.env = self.display.env(bus.env())
        self.process = subprocess.Popen(
            ["dunst", "-config", str(config)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while self.ctl("count", "displayed").returncode != 0:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                pytest.fail("dunst did not start on the private bus")
            time.sleep(0.1)

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )

    def seen(self) -> list[dict[str, str]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines() if line]

    def wait_for(self, count: int, timeout: float = 15) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while len(self.seen()) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.seen()

    def choose(self, entry: str) -> str:
        """Open the context menu and pick the line that contains `entry`; the menu's lines."""
        self.want.write_text(entry)
        self.menu.unlink(missing_ok=True)
        done = self.ctl("context")
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 10  # dunst runs the menu after dunstctl returns
        while not self.menu.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.menu.read_text()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.display.close()
