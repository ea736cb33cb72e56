"""Nothing leaves the machine unless the user sends it (docs/ARCHITECTURE.md, its opening).

The real app runs in child processes through a realistic session (demo data, the window
with the composer, a card PDF and an .eml draft, the command line's imports, exports,
backup, proofreading and cards, the tray) under two guards: a Python audit hook and strace.
Any socket that is not a local (AF_UNIX) one fails the test. The controls show that both
guards do catch a connection, and that the one explicit SMTP send is the only thing that
ever connects.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.helpers.network_watch import NetworkWatch
from tests.helpers.smtp_server import make_certificate, smtp_server

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyspellchecker")


def no_network(watch: NetworkWatch) -> None:
    assert watch.guarded_processes() >= 1, "the Python guard was not loaded"
    if watch.strace:
        assert watch.traces and all(t.exists() for t in watch.traces), "strace wrote nothing"
    caught = watch.caught()
    assert not caught, (
        "network access:\n"
        + "\n".join(caught)
        + ("\n\n" + watch.guard_log.read_text() if watch.guard_log.exists() else "")
    )


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A data directory holding the demo job search (loaded under the guards too)."""
    root = tmp_path_factory.mktemp("no-network")
    data, out = root / "data", root / "out"
    out.mkdir()
    watch = NetworkWatch(root / "watch-demo")
    done = watch.run("demo", "-m", "desktop", "--data-dir", str(data), "demo")
    assert done.returncode == 0, done.stderr
    no_network(watch)
    yield data, out


def test_the_window_session_opens_no_network_socket(demo_data, tmp_path):
    data, out = demo_data
    watch = NetworkWatch(tmp_path / "watch")
    done = watch.run("window", "-m", "tests.helpers.window_session", str(data), str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "session-ok").exists(), done.stderr[-3000:]
    assert (out / "card.pdf").stat().st_size > 1000
    no_network(watch)


def test_the_demo_window_opens_no_network_socket(tmp_path):
    watch = NetworkWatch(tmp_path / "watch")
    done = watch.run(
        "demo-window",
        "-m",
        "desktop",
        "--data-dir",
        str(tmp_path / "data"),
        "--demo",
        AFTERWORD_QUIT_AFTER_PAINT="1",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    no_network(watch)


def test_the_command_line_opens_no_network_socket(demo_data, tmp_path):
    data, out = demo_data
    watch = NetworkWatch(tmp_path / "watch")
    done = watch.run("cli", "-m", "tests.helpers.cli_session", str(data), str(out), timeout=240)
    statuses = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(statuses) >= 15 and all(s["status"] == 0 for s in statuses), statuses
    for name in ("export.json", "export.ics", "export.csv", "report.pdf", "backup.sqlite3"):
        assert (out / name).stat().st_size > 0, name
    no_network(watch)


def test_the_tray_opens_no_network_socket(demo_data, tmp_path):
    data, _ = demo_data
    watch = NetworkWatch(tmp_path / "watch")
    done = watch.run_for("tray", 5, "-m", "desktop", "--data-dir", str(data), "tray")
    assert done.returncode == 0, done.stderr[-3000:]
    no_network(watch)


# --- the controls: the guards catch what they must, and the one allowed send ----------------


@pytest.mark.parametrize(
    ("code", "event"),
    [
        ("socket.create_connection(('127.0.0.1', 9), timeout=2)", "socket.getaddrinfo"),
        ("socket.socket().connect(('127.0.0.1', 9))", "socket.connect"),
        ("socket.socket(type=socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', 53))", "socket.sendto"),
        ("socket.socket().bind(('0.0.0.0', 0))", "socket.bind"),
        ("socket.gethostbyname('example.com')", "socket.gethostbyname"),
    ],
    ids=["create_connection", "connect", "udp-sendto", "bind", "name-lookup"],
)
def test_the_python_guard_catches_a_connection(tmp_path, code, event):
    watch = NetworkWatch(tmp_path / "watch", use_strace=False)
    done = watch.run("control", "-c", f"import socket\n{code}\nprint('not stopped')")
    assert done.returncode != 0 and "not stopped" not in done.stdout, "the guard let it through"
    assert f"NETWORK GUARD: {event} " in done.stderr
    assert "NetworkForbidden" in done.stderr
    [record] = watch.python_records()
    assert f" {event} " in record


@pytest.mark.system
def test_the_os_guard_catches_a_connection_python_never_sees(tmp_path):
    """Qt connects in C++: the audit hook is blind to it; strace is not."""
    from tests.helpers.network_watch import ptrace_refusal

    refusal = ptrace_refusal(require_tool("strace"))
    if refusal:
        pytest.skip(f"this machine does not allow ptrace, so strace cannot watch: {refusal}")
    qt_connect = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtNetwork import QTcpSocket
        app = QCoreApplication([])
        sock = QTcpSocket()
        sock.connectToHost("127.0.0.1", 9)
        sock.waitForConnected(2000)
        """
    )
    watch = NetworkWatch(tmp_path / "watch")
    watch.run("qt-control", "-c", qt_connect)
    assert watch.python_records() == []
    lines = [r for r in watch.os_records() if "htons(9)" in r]
    assert lines and all("connect(" in line and "127.0.0.1" in line for line in lines)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # aiosmtpd on Python 3.11's asyncio
def test_only_the_explicit_smtp_send_connects(tmp_path, certificate):
    cert, key = certificate
    with smtp_server("starttls", cert, key) as (port, inbox):
        allowed = NetworkWatch(tmp_path / "allowed", allow=("127.0.0.1", port))
        data = str(tmp_path / "data")
        done = allowed.run("send", "-m", "tests.helpers.smtp_send", data, str(port), str(cert))
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.startswith("sent"), done.stdout
        assert len(inbox.messages) == 1
        # The send reached the server, and nothing else was reached.
        no_network(allowed)
        if allowed.strace:
            assert allowed.os_connections_to_allowed(), "strace saw no connection at all"

        # Without the user's explicit send being allowed, the same send is caught.
        refused = NetworkWatch(tmp_path / "refused", use_strace=False)
        done = refused.run("send", "-m", "tests.helpers.smtp_send", data, str(port), str(cert))
        assert any(f"('127.0.0.1', {port})" in r for r in refused.python_records())
        assert len(inbox.messages) == 1
