"""Network guard for the no-network tests, loaded by Python at start-up from PYTHONPATH.

Every socket operation Python audits (connect, sendto, bind, name lookups) on anything but an
AF_UNIX socket (Qt's QLocalSocket and D-Bus use those) is written to the file named by
AFTERWORD_NET_GUARD_LOG with the Python stack that made it, reported on stderr and refused
with an exception. AFTERWORD_NET_GUARD_ALLOW may name "host:port" pairs that may be reached
(the one explicit SMTP send). Qt's own C++ sockets bypass Python: the tests also watch the
process with strace.
"""

from __future__ import annotations

import os
import socket
import sys
import traceback

_LOG = os.environ.get("AFTERWORD_NET_GUARD_LOG", "")
_ALLOW = {a for a in os.environ.get("AFTERWORD_NET_GUARD_ALLOW", "").split(",") if a}
_UNIX = getattr(socket, "AF_UNIX", None)


class NetworkForbidden(RuntimeError):
    """Raised where the application tried to reach the network."""


def _allowed(address: object) -> bool:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}" in _ALLOW
    return False


def _violation(event: str, detail: str) -> None:
    stack = "".join(traceback.format_stack(limit=12)[:-2])
    record = f"{os.getpid()} {event} {detail}\n{stack}\n"
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as out:
            out.write(record)
    sys.stderr.write(f"NETWORK GUARD: {event} {detail}\n")
    raise NetworkForbidden(f"network access is forbidden here: {event} {detail}")


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event in ("socket.connect", "socket.sendto", "socket.bind"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) == _UNIX or _allowed(address):
            return
        _violation(event, repr(address))
    elif event == "socket.getaddrinfo":
        host, port = args[0], args[1]
        if _allowed((host, port)):
            return
        _violation(event, repr((host, port)))
    elif event in ("socket.gethostbyname", "socket.gethostbyaddr"):
        # smtplib looks up this computer's own name for its EHLO greeting: part of the send.
        if _ALLOW and args[:1] == (socket.gethostname(),):
            return
        _violation(event, repr(args))  # a name lookup may ask a DNS server


if _LOG:
    sys.addaudithook(_hook)
    # So a test can tell the guard was there at all (a wrong PYTHONPATH would pass silently).
    with open(_LOG, "a", encoding="utf-8") as _out:
        _out.write(f"{os.getpid()} guard-active {sys.argv!r}\n")
