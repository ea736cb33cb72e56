"""A private session bus and a recording notification server for the tray's system tests."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, child_env, require_tool

SERVER = Path(__file__).with_name("notification_server.py")
# A session bus with no service directories: nothing installed here (dunst, which ships a
# D-Bus service file) is ever started on demand (ARCHITECTURE §6). The smoke test uses it too.
BUS_CONFIG = REPO / "packaging" / "private-session-bus.conf"


class SessionBus:
    """A dbus-daemon of our own (no fork, so the test owns and ends it), without service
    activation unless `services` names a folder of .service files."""

    def __init__(self, services: Path | None = None) -> None:
        require_tool("dbus-daemon")
        self._config = tempfile.NamedTemporaryFile(  # noqa: SIM115  (kept for the bus's life)
            "w", suffix=".conf", prefix="afterword-bus-", delete=False
        )
        config = BUS_CONFIG.read_text(encoding="utf-8")
        if services is not None:  # one folder of our own .service files
            config = config.replace("<policy", f"<servicedir>{services}</servicedir>\n  <policy", 1)
        with self._config as out:
            out.write(config)
        self.process = subprocess.Popen(
            ["dbus-daemon", f"--config-file={self._config.name}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        if not self.address:
            self.close()
            pytest.fail("dbus-daemon printed no address")

    def env(self, **extra: str) -> dict[str, str]:
        return child_env(DBUS_SESSION_BUS_ADDRESS=self.address, **extra)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        Path(self._config.name).unlink(missing_ok=True)


class NotificationRecorder:
    """tests/helpers/notification_server.py on `bus`; `.received()` lists what it was sent."""

    def __init__(self, bus: SessionBus, record: Path) -> None:
        self.record = record
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), str(record)],
            stdout=subprocess.PIPE,
            text=True,
            env=bus.env(),
            cwd=REPO,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            self.close()
            pytest.fail("the recording notification server did not start")

    def received(self) -> list[dict[str, str]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for(self, count: int, timeout: float) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.received()
            if len(got) >= count:
                return got
            time.sleep(0.1)
        return self.received()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


class Logind:
    """Stands in for systemd-logind on a private bus: owns its name and, like logind around
    a suspend, emits `PrepareForSleep(true)` before and `PrepareForSleep(false)` after."""

    def __init__(self, bus: SessionBus) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(bus=bus.address)
        reply = self.conn.send_and_get_reply(
            message_bus.RequestName("org.freedesktop.login1", 4)  # DO_NOT_QUEUE
        )
        if reply.body[0] != 1:  # PRIMARY_OWNER
            self.close()
            pytest.fail(f"cannot own org.freedesktop.login1: {reply.body}")

    def prepare_for_sleep(self, start: bool) -> None:
        from jeepney import DBusAddress, new_signal

        manager = DBusAddress("/org/freedesktop/login1", interface="org.freedesktop.login1.Manager")
        self.conn.send(new_signal(manager, "PrepareForSleep", "b", (start,)))

    def close(self) -> None:
        self.conn.close()


def start_tray(
    data_dir: Path, env: dict[str, str], stats: Path | None = None, options: tuple[str, ...] = ()
) -> subprocess.Popen[str]:
    """The real tray process, `python -m desktop [OPTIONS] --data-dir D tray`."""
    if stats is not None:
        env = {**env, "AFTERWORD_TRAY_STATS": str(stats)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *options, "--data-dir", str(data_dir), "tray"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen[str], timeout: float = 10) -> tuple[int, str]:
    """SIGTERM, as the session manager and the packaging smoke test do; (status, stderr)."""
    if process.poll() is None:
        process.terminate()
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"the tray did not stop on SIGTERM within {timeout} s")
    return process.returncode, err


def wait_for_log(data_dir: Path, text: str, timeout: float = 15) -> bool:
    """Whether the tray's log says `text` within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while text not in log_text(data_dir):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def log_text(data_dir: Path) -> str:
    path = data_dir / "logs" / "afterword.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""
