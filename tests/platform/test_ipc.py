"""Single instance and local messages over a real QLocalServer/QLocalSocket."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import pytest
from PySide6.QtCore import QDir

from desktop.platform import ipc
from desktop.platform.instance_server import InstanceServer
from desktop.platform.ipc import message, send, server_name
from tests.conftest import REPO, child_env


@pytest.fixture
def name() -> str:
    return server_name(ipc.WINDOW, f"test{uuid.uuid4().hex[:8]}")


def lasting_server() -> InstanceServer:
    # Parented to the application and deleted through its event loop: a server that
    # Python frees straight after pytest-qt's waitSignal crashed a later test (PySide 6.11).
    from PySide6.QtCore import QCoreApplication

    return InstanceServer(QCoreApplication.instance())


def dispose(srv: InstanceServer) -> None:
    srv.close()
    srv.deleteLater()


@pytest.fixture
def server(qtbot, name):
    srv = lasting_server()
    assert srv.listen(name)
    yield srv
    dispose(srv)


def test_names_are_per_user_and_per_data_directory(tmp_path):
    user_part = ipc._user()
    assert server_name(ipc.TRAY) == f"afterword-tray-{user_part}"
    a = server_name(ipc.WINDOW, ipc.data_dir_suffix(tmp_path / "a"))
    b = server_name(ipc.WINDOW, ipc.data_dir_suffix(tmp_path / "b"))
    assert a != b and a.startswith(f"afterword-window-{user_part}-")
    assert a == server_name(ipc.WINDOW, ipc.data_dir_suffix(tmp_path / "a"))
    assert server_name(ipc.WINDOW, "x/y z") == f"afterword-window-{user_part}-x_y_z"
    with pytest.raises(ValueError):
        server_name("other")


def test_a_message_reaches_the_server(qtbot, server, name):
    with qtbot.waitSignal(server.message_received, timeout=3000) as got:
        assert send(name, message("open", followup=12))
    assert got.args == [{"v": 1, "cmd": "open", "followup": 12}]


def test_several_lines_on_one_connection_arrive_in_order(qtbot, server, name):
    from PySide6.QtNetwork import QLocalSocket

    received: list[dict] = []
    server.message_received.connect(received.append)
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(1000)
    socket.write(b'{"v": 1, "cmd": "raise"}\n{"v": 1, "cmd": "refre')
    socket.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: len(received) == 1, timeout=3000)
    socket.write(b'sh"}\n')
    socket.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: len(received) == 2, timeout=3000)
    socket.disconnectFromServer()
    assert [m["cmd"] for m in received] == ["raise", "refresh"]


def test_nobody_listening_means_send_returns_false(name):
    assert send(name, message("raise"), timeout_ms=200) is False


def test_a_second_instance_cannot_take_a_live_name(qtbot, server, name):
    second = InstanceServer()
    assert second.listen(name) is False
    assert not second.is_listening()
    # The first one still works.
    with qtbot.waitSignal(server.message_received, timeout=3000):
        assert send(name, message("raise"))


def test_garbage_and_other_versions_are_ignored(qtbot, server, name, caplog):
    from PySide6.QtNetwork import QLocalSocket

    received: list[dict] = []
    server.message_received.connect(received.append)
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(1000)
    socket.write(
        b"\xff\xfe not json\n"
        b"[1, 2]\n"
        b'{"v": 2, "cmd": "raise"}\n'
        b'{"v": true, "cmd": "raise"}\n'
        b'{"v": 1, "cmd": "format-disk"}\n'
        b'{"v": 1, "cmd": "open", "followup": "12"}\n'
        b'{"v": 1, "cmd": "refresh"}\n'
    )
    socket.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: len(received) == 1, timeout=3000)
    socket.disconnectFromServer()
    assert received == [{"v": 1, "cmd": "refresh"}]
    assert "protocol version 2" in caplog.text
    assert "unknown command 'format-disk'" in caplog.text
    assert send(name, {"v": 2, "cmd": "raise"})  # delivered to the socket, dropped by the server
    qtbot.wait(100)
    assert len(received) == 1


def test_an_over_long_line_drops_the_peer_not_the_server(qtbot, server, name):
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(1000)
    socket.write(b"x" * (ipc.MAX_LINE_BYTES + 10))
    socket.waitForBytesWritten(1000)
    qtbot.waitUntil(
        lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=3000
    )
    with qtbot.waitSignal(server.message_received, timeout=3000):
        assert send(name, message("raise"))


@pytest.mark.skipif(sys.platform == "win32", reason="stale socket files exist only on Unix")
def test_a_stale_socket_file_is_reclaimed(qtbot, name):
    import socket as pysocket

    path = os.path.join(QDir.tempPath(), name)
    stale = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
    stale.bind(path)
    stale.close()  # the file stays, as after a crash
    assert os.path.exists(path)
    srv = lasting_server()
    try:
        assert srv.listen(name)
        with qtbot.waitSignal(srv.message_received, timeout=3000):
            assert send(name, message("refresh"))
    finally:
        dispose(srv)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is Unix-only")
def test_the_name_of_a_killed_instance_is_reclaimed(qtbot, name):
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from desktop.platform.instance_server import InstanceServer\n"
        "app = QCoreApplication([])\n"
        "srv = InstanceServer()\n"
        "print(srv.listen(sys.argv[1]), flush=True)\n"
        "app.exec()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, name],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "True"
        assert InstanceServer().listen(name) is False  # alive: not ours
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
    srv = lasting_server()
    try:
        assert srv.listen(name)
        with qtbot.waitSignal(srv.message_received, timeout=3000):
            assert send(name, message("raise"))
    finally:
        dispose(srv)


def test_a_client_in_another_process_reaches_the_server(qtbot, server, name):
    code = (
        "import sys\n"
        "from desktop.platform.ipc import message, send\n"
        "sys.exit(0 if send(sys.argv[1], message('open', followup=7), timeout_ms=3000) else 3)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, name], env=child_env(), cwd=REPO)
    with qtbot.waitSignal(server.message_received, timeout=10_000) as got:
        pass
    assert child.wait(20) == 0
    assert got.args == [{"v": 1, "cmd": "open", "followup": 7}]


def test_importing_the_module_does_not_import_qt():
    code = (
        "import sys\n"
        "import desktop.platform.ipc as ipc\n"
        "ipc.server_name('tray')\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=child_env(), cwd=REPO)
