"""The tray at rest: resident memory, CPU time and timer wake-ups over an idle period,
beside a bare PySide6 process that shows a QSystemTrayIcon.

Under Xvfb with the trayer host when they are installed (the icons really dock), else on
the offscreen platform. AFTERWORD_BENCH_IDLE_SECONDS shortens the idle period (default 60).

.venv/bin/python -m tests.benchmarks.tray_bench
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IDLE_ENV = "AFTERWORD_BENCH_IDLE_SECONDS"
SETTLE_SECONDS = 4.0

BASELINE = """
import signal
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
signal.signal(signal.SIGTERM, signal.SIG_DFL)
app = QApplication([])
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(64, 64)
pixmap.fill(Qt.GlobalColor.transparent)
p = QPainter(pixmap)
p.setBrush(QColor("#2f5d62"))
p.drawRoundedRect(4, 14, 56, 38, 5, 5)
p.end()
icon = QSystemTrayIcon(QIcon(pixmap))
menu = QMenu()
menu.addAction("Quit").triggered.connect(app.quit)
icon.setContextMenu(menu)
icon.show()
app.exec()
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def _environment(tmp: Path) -> tuple[dict[str, str], list[object], str]:
    """The children's environment: Xvfb + trayer + a session bus when available."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("AFTERWORD_DATA_DIR", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "c"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    helpers: list[object] = []
    if all(shutil.which(tool) for tool in ("Xvfb", "trayer", "dbus-daemon")):
        from tests.helpers.bus import NotificationRecorder, SessionBus
        from tests.helpers.display import TrayDisplay

        bus = SessionBus()
        helpers.append(bus)
        # A notification service answers, so the tray's reminders go out through
        # desktop-notifier (asyncio, dbus-fast) as on a desktop, and that is measured.
        helpers.append(NotificationRecorder(bus, tmp / "notifications.jsonl"))
        display = TrayDisplay()
        helpers.append(display)
        env = display.env({**env, "DBUS_SESSION_BUS_ADDRESS": bus.address})
        display.start_tray_host(env)
        return env, helpers, "Xvfb + trayer + notification service"
    return env, helpers, "offscreen"


def measure(idle: float | None = None) -> dict[str, float | int | str]:
    idle = float(os.environ.get(IDLE_ENV, "60")) if idle is None else idle
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        env, helpers, where = _environment(tmp)
        stats = tmp / "tray-stats.json"
        try:
            subprocess.run(
                [sys.executable, "-m", "desktop", "--data-dir", str(data), "demo"],
                env=env, cwd=REPO, check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            base = subprocess.Popen([sys.executable, "-c", BASELINE], env=env, cwd=REPO)
            tray = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--data-dir", str(data), "tray"],
                env={**env, "AFTERWORD_TRAY_STATS": str(stats)},
                cwd=REPO,
            )
            try:
                # Start-up (and the first announcement of the demo's due reminders) settle.
                time.sleep(SETTLE_SECONDS)
                for process in (base, tray):
                    if process.poll() is not None:
                        raise RuntimeError(f"{process.args!r} exited early")
                cpu0 = {p.pid: _cpu_seconds(p.pid) for p in (base, tray)}
                time.sleep(idle)
                cpu = {p.pid: _cpu_seconds(p.pid) - cpu0[p.pid] for p in (base, tray)}
                rss = {p.pid: _rss_mb(p.pid) for p in (base, tray)}
            finally:
                tray.send_signal(signal.SIGTERM)
                tray.wait(20)
                base.terminate()
                base.wait(20)
            after = json.loads(stats.read_text())
        finally:
            for helper in reversed(helpers):
                helper.close()  # type: ignore[attr-defined]
    per_minute = 60.0 / idle
    return {
        "where": where,
        "idle_seconds": idle,
        "tray_rss_mb": rss[tray.pid],
        "base_rss_mb": rss[base.pid],
        "tray_cpu_per_min": cpu[tray.pid] * per_minute,
        "base_cpu_per_min": cpu[base.pid] * per_minute,
        # Every firing of the tray's one timer since start; at rest there should be none
        # (the start-up check is not a timer firing, and the hourly check is an hour away).
        "tray_wakeups": int(after.get("wakeups", -1)),
        "tray_reads": int(after.get("reads", -1)),
    }


def bench() -> list[tuple[str, str, str, str]]:
    m = measure()
    ratio = float(m["tray_rss_mb"]) / float(m["base_rss_mb"])
    idle = f"{float(m['idle_seconds']):.0f} s idle, {m['where']}"
    return [
        ("bare QSystemTrayIcon process RSS (baseline)", f"{m['base_rss_mb']:.1f} MB", "1.00", idle),
        ("tray RSS", f"{m['tray_rss_mb']:.1f} MB", f"{ratio:.2f}", "target <= 1.6 x baseline"),
        ("bare QSystemTrayIcon CPU per idle minute", f"{m['base_cpu_per_min']:.3f} s", "", ""),
        ("tray CPU per idle minute", f"{m['tray_cpu_per_min']:.3f} s", "", "target < 0.1 s"),
        (
            "tray timer wake-ups while idle",
            str(m["tray_wakeups"]),
            "",
            "target 0 between due times (hourly safety check only)",
        ),
    ]


if __name__ == "__main__":
    for row in bench():
        print("  ".join(row))
