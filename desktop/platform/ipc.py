"""Single instance and local messages between the window, the tray and the CLI.

Each process that wants to be unique listens on a per-user local socket (a Unix socket
or a Windows named pipe, via QLocalServer). Messages are JSON objects, one per line,
with a protocol version: ``{"v": 1, "cmd": "raise"}`` (with ``"view": "today"``, Today
comes forward too), ``{"v": 1, "cmd": "open", "followup": 12}``, ``{"v": 1, "cmd":
"refresh"}``. Anything else is logged and ignored, so an older and a newer Afterword never
crash each other.

Qt is imported only when a socket is used: the command line names the tray and the window
and tells them "refresh" without loading QtCore at import. The listening side, a Qt class,
is `desktop.platform.instance_server.InstanceServer`.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import re
from typing import Any

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
WINDOW = "window"
TRAY = "tray"
COMMANDS = frozenset({"raise", "open", "refresh", "quit"})
# A message is a few dozen bytes; a peer sending more than this without a newline is not ours.
MAX_LINE_BYTES = 64 * 1024


def _user() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (containers, odd environments): still per-user
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:32]
    return cleaned or "user"


def data_dir_suffix(data_dir: str | os.PathLike[str]) -> str:
    """A short, stable tag for a data directory, so two data directories can run side by side."""
    resolved = os.path.realpath(os.fspath(data_dir))
    return hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:10]


def server_name(role: str, suffix: str = "") -> str:
    """`afterword-<role>-<user>[-<suffix>]`, e.g. afterword-tray-ada-1f3a9c0b2d."""
    if role not in (WINDOW, TRAY):
        raise ValueError(f"unknown instance role {role!r}")
    name = f"afterword-{role}-{_user()}"
    tag = re.sub(r"[^A-Za-z0-9_.-]", "_", suffix)[:32]
    return f"{name}-{tag}" if tag else name


def message(cmd: str, **fields: Any) -> dict[str, Any]:
    """A message of the current protocol: message("open", followup=12)."""
    return {"v": PROTOCOL_VERSION, "cmd": cmd, **fields}


def encode(msg: dict[str, Any]) -> bytes:
    """One line of compact JSON."""
    return json.dumps(msg, separators=(",", ":"), ensure_ascii=True).encode("ascii") + b"\n"


def decode(line: bytes) -> dict[str, Any] | None:
    """The message in `line`, or None (logged) if it is malformed or not one we understand."""
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        log.warning("ipc: ignoring a line that is not JSON (%d bytes)", len(line))
        return None
    if not isinstance(data, dict):
        log.warning("ipc: ignoring a message that is not an object")
        return None
    version = data.get("v")
    if version != PROTOCOL_VERSION or isinstance(version, bool):
        log.warning("ipc: ignoring a message of protocol version %r", version)
        return None
    cmd = data.get("cmd")
    if cmd not in COMMANDS:
        log.warning("ipc: ignoring unknown command %r", cmd)
        return None
    if cmd == "open":
        followup = data.get("followup")
        if not isinstance(followup, int) or isinstance(followup, bool):
            log.warning("ipc: ignoring 'open' without a follow-up id")
            return None
    return data


def send(name: str, msg: dict[str, Any], timeout_ms: int = 500) -> bool:
    """Deliver `msg` to the process listening on `name`; False if nobody listens."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(encode(msg))
    delivered = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return bool(delivered)


def tell_running(data_dir: str | os.PathLike[str], cmd: str, timeout_ms: int = 300) -> list[str]:
    """Send `cmd` to the tray and the window running on `data_dir`; the roles that got it.

    Nobody listening costs a failed connect (no wait): a missing socket is refused at once.
    """
    suffix = data_dir_suffix(data_dir)
    return [
        role for role in (TRAY, WINDOW) if send(server_name(role, suffix), message(cmd), timeout_ms)
    ]


def is_live(name: str, timeout_ms: int = 200) -> bool:
    """True if a process is listening on `name` right now."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    live = bool(socket.waitForConnected(timeout_ms))
    if live:
        socket.disconnectFromServer()
    socket.abort()
    return live
