"""A recording org.freedesktop.Notifications server on the session bus (DESIGN §6).

Run as a script: `python notification_server.py RECORD_FILE`. It takes the well-known
name, prints "ready" and appends one JSON line per Notify call (app, summary, body) to
RECORD_FILE until it is terminated. Written with jeepney, like the real clients'.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def serve(record: Path) -> None:
    conn = open_dbus_connection(bus="SESSION")
    reply = conn.send_and_get_reply(message_bus.RequestName(NAME, 4))  # DO_NOT_QUEUE
    if reply.body[0] != 1:  # PRIMARY_OWNER
        raise SystemExit(f"cannot own {NAME}: {reply.body}")
    print("ready", flush=True)
    next_id = 0
    while True:
        msg = conn.receive()
        if msg.header.message_type != MessageType.method_call:
            continue
        fields = msg.header.fields
        member = fields.get(HeaderFields.member)
        interface = fields.get(HeaderFields.interface)
        if interface not in (NAME, None) or fields.get(HeaderFields.path) != PATH:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownObject"))
            continue
        if member == "Notify":
            app, _replaces, _icon, summary, body = msg.body[:5]
            next_id += 1
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"app": app, "summary": summary, "body": body}) + "\n")
            conn.send(new_method_return(msg, "u", (next_id,)))
        elif member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (["body"],)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("recorder", "afterword-tests", "1", "1.2")))
        elif member == "CloseNotification":
            conn.send(new_method_return(msg))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
