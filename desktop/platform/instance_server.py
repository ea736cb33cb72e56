"""The listening end of the local socket: one per role, user and data directory.

A plain Qt class in its own module, so that `desktop.platform.ipc` (names, messages, send)
stays free of Qt at import for the command line; only the window and the tray import this.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.platform.ipc import MAX_LINE_BYTES, decode, is_live

log = logging.getLogger("desktop.platform.ipc")  # the same logger the protocol logs to


class InstanceServer(QObject):
    """Owns a per-user name; emits each valid message it receives."""

    message_received = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        # Only this user may connect (sets the socket file's permissions on Unix).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self, name: str) -> bool:
        """Own `name`; False if a live instance already does. A crashed owner's leftover
        socket file is removed and the name reclaimed."""
        if self._server.isListening():
            self._server.close()
        if is_live(name):
            return False
        # Nobody answered: whatever is left under that name is stale.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("ipc: cannot listen on %s: %s", name, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()
        sockets, self._buffers = list(self._buffers), {}
        for socket in sockets:
            # Quietly: a signal from a socket being torn down must not call back in.
            socket.blockSignals(True)
            socket.abort()
            socket.deleteLater()

    def is_listening(self) -> bool:
        return bool(self._server.isListening())

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None or not socket.isOpen():
            return
        buffer.extend(bytes(socket.readAll().data()))
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            if line.strip():
                self._deliver(line)
        if len(buffer) > MAX_LINE_BYTES:
            log.warning("ipc: dropping a peer that sent an over-long line")
            buffer.clear()
            socket.abort()

    def _deliver(self, line: bytes) -> None:
        msg = decode(line)
        if msg is not None:
            self.message_received.emit(msg)

    def _drop(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.pop(socket, None)
        # A peer may close without a final newline; its last message still counts.
        if buffer is not None:
            if socket.isOpen() and socket.bytesAvailable():
                buffer.extend(bytes(socket.readAll().data()))
            if buffer.strip() and len(buffer) <= MAX_LINE_BYTES:
                self._deliver(bytes(buffer))
        socket.deleteLater()
