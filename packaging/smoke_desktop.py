"""The smoke checks that need a desktop session: the window on Xvfb and the tray.

A private D-Bus session with a recording notification server lets the smoke test see the
bundled tray reach the desktop's notification service (plyer's Linux module, jeepney)
instead of falling back to its in-app list. Linux only; it needs `dbus-daemon` and the
recorder in tests/helpers/notification_server.py.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smoke_core import TIMEOUT_S, Run, Smoke, SmokeFailure

ROOT = Path(__file__).resolve().parents[1]
TRAY_RUN_S = 3.0
RECORDER = ROOT / "tests" / "helpers" / "notification_server.py"


@dataclass
class NotificationBus:
    address: str
    record: Path

    def received(self) -> list[dict[str, str]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for_one(self, timeout: float) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.received():
            time.sleep(0.1)
        return self.received()


# No service activation: an installed notification daemon must not answer for the recorder.
BUS_CONFIG = Path(__file__).with_name("private-session-bus.conf")


def why_unavailable() -> str | None:
    """Why the bus cannot be used here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if shutil.which("dbus-daemon") is None:
        return "dbus-daemon not found"
    if not RECORDER.is_file():
        return f"{RECORDER.relative_to(ROOT)} not found"
    try:
        import jeepney  # noqa: F401  (the recorder speaks D-Bus through it)
    except ImportError:
        return "jeepney is not installed"
    return None


@contextmanager
def session_bus() -> Iterator[str]:
    """A dbus-daemon of our own (its stderr is its business, not the app's); the address."""
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={BUS_CONFIG}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon printed no address")
        yield address
    finally:
        _end(daemon)


@contextmanager
def notification_bus(work: Path) -> Iterator[NotificationBus]:
    """A session bus of our own with the recorder on it; both end with the block."""
    with session_bus() as address:
        bus = NotificationBus(address, work / "notifications.jsonl")
        recorder = subprocess.Popen(
            [sys.executable, str(RECORDER), str(bus.record)],
            stdout=subprocess.PIPE,
            text=True,
            env={"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"},
            cwd=ROOT,
        )
        try:
            assert recorder.stdout is not None
            if recorder.stdout.readline().strip() != "ready":
                raise RuntimeError("the recording notification server did not start")
            yield bus
        finally:
            _end(recorder)


def _end(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(10)
    if process.stdout is not None:
        process.stdout.close()


def check_x11_window(smoke: Smoke) -> None:
    """The window on a real X server (Xvfb): the xcb plugin and the libraries it links."""
    if not sys.platform.startswith("linux"):
        return
    missing = [tool for tool in ("xvfb-run", "xauth", "dbus-daemon") if not shutil.which(tool)]
    if missing:
        smoke.notes.append(f"window on X11 not checked: {', '.join(missing)} not found")
        return
    # With a display but no session bus Qt may start a stray one (ARCHITECTURE §6): give it ours.
    with session_bus() as address:
        env = dict(
            smoke.env,
            QT_QPA_PLATFORM="xcb",
            AFTERWORD_QUIT_AFTER_PAINT="1",
            DBUS_SESSION_BUS_ADDRESS=address,
        )
        xvfb = ["xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x800x24"]
        done = subprocess.run(
            [*xvfb, str(smoke.executable), "--data-dir", str(smoke.data)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
            cwd=smoke.work,
        )
    smoke.collect_stderr(Run(["(window on Xvfb)"], done.returncode, done.stdout, done.stderr))
    if done.returncode != 0:
        raise SmokeFailure(
            f"the window on Xvfb exited with {done.returncode}: {done.stderr.strip()[-2000:]}"
        )


def check_tray(smoke: Smoke) -> None:
    """The tray runs, shows the demo's due follow-ups, and ends cleanly on SIGTERM.

    On Linux it runs on a private session bus with a recording notification server,
    so the notice must arrive through the desktop's notification service.
    """
    reason = why_unavailable()
    if reason is not None:
        smoke.notes.append(f"tray notifications not checked on a session bus: {reason}")
        run_tray(smoke, smoke.env, None)
        return
    with notification_bus(smoke.work) as bus:
        run_tray(smoke, dict(smoke.env, DBUS_SESSION_BUS_ADDRESS=bus.address), bus)


def run_tray(smoke: Smoke, env: dict[str, str], bus: NotificationBus | None) -> None:
    argv = [str(smoke.executable), "--data-dir", str(smoke.data), "tray"]
    process = subprocess.Popen(
        argv,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=smoke.work,
    )
    try:
        status = process.wait(timeout=TRAY_RUN_S)
    except subprocess.TimeoutExpired:
        status = None
    if status is not None:
        stdout, stderr = process.communicate()
        if status == 2 and "invalid choice" in stderr:
            smoke.notes.append("SKIPPED the tray: this build has no `tray` command yet")
            return
        smoke.collect_stderr(Run(["tray"], status, stdout, stderr))
        raise SmokeFailure(
            f"the tray exited after less than {TRAY_RUN_S:g} s with status {status}\n"
            f"stderr: {stderr.strip()[-2000:]}"
        )
    notices = bus.wait_for_one(timeout=10) if bus is not None else []
    if sys.platform == "win32":
        process.terminate()  # no SIGTERM on Windows: the installer's uninstall ends it too
        process.communicate(timeout=TIMEOUT_S)
        return
    process.send_signal(signal.SIGTERM)
    try:
        stdout, stderr = process.communicate(timeout=20)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise SmokeFailure("the tray did not exit within 20 s of SIGTERM") from exc
    smoke.collect_stderr(Run(["tray"], process.returncode, stdout, stderr))
    if process.returncode != 0:
        raise SmokeFailure(
            f"the tray exited with {process.returncode} on SIGTERM, expected 0\n"
            f"stderr: {stderr.strip()[-2000:]}"
        )
    if bus is not None and not notices:
        log = smoke.data / "logs" / "afterword.log"
        tail = log.read_text("utf-8", "replace").splitlines()[-8:] if log.exists() else []
        raise SmokeFailure(
            "the tray sent no notification over D-Bus for the demo's due follow-ups; "
            "its log ends:\n  " + "\n  ".join(tail)
        )
    if notices:
        smoke.notes.append(f"tray notified over D-Bus: {notices[0].get('summary', '')!r}")
