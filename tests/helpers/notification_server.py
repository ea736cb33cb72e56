"""A recording org.freedesktop.Notifications server on the session bus (ARCHITECTURE §6).

Run as a script: `python notification_server.py RECORD_FILE`. It takes the well-known
name, prints "ready" and appends one JSON line per Notify call to RECORD_FILE until it is
terminated: app, summary, body, icon, actions, the hints desktop clients read (urgency,
desktop-entry) and the expiry. It answers Introspect as a real server does, since
desktop-notifier builds its proxy from the answer. Written with jeepney, like the real
clients'. Its interface is the freedesktop Desktop Notifications Specification 1.2 (the
XML that dunst and xfce4-notifyd publish, methods and signals only).
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
INTROSPECTION = """<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node name="/org/freedesktop/Notifications">
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg direction="out" name="capabilities" type="as"/></method>
    <method name="Notify">
      <arg direction="in" name="app_name" type="s"/>
      <arg direction="in" name="replaces_id" type="u"/>
      <arg direction="in" name="app_icon" type="s"/>
      <arg direction="in" name="summary" type="s"/>
      <arg direction="in" name="body" type="s"/>
      <arg direction="in" name="actions" type="as"/>
      <arg direction="in" name="hints" type="a{sv}"/>
      <arg direction="in" name="expire_timeout" type="i"/>
      <arg direction="out" name="id" type="u"/>
    </method>
    <method name="CloseNotification"><arg direction="in" name="id" type="u"/></method>
    <method name="GetServerInformation">
      <arg direction="out" name="name" type="s"/>
      <arg direction="out" name="vendor" type="s"/>
      <arg direction="out" name="version" type="s"/>
      <arg direction="out" name="spec_version" type="s"/>
    </method>
    <signal name="NotificationClosed"><arg name="id" type="u"/><arg name="reason" type="u"/></signal>
    <signal name="ActionInvoked"><arg name="id" type="u"/><arg name="action_key" type="s"/></signal>
  </interface>
</node>
"""


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
        if member == "Introspect" and interface in ("org.freedesktop.DBus.Introspectable", None):
            conn.send(new_method_return(msg, "s", (INTROSPECTION,)))
            continue
        if interface not in (NAME, None) or fields.get(HeaderFields.path) != PATH:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownObject"))
            continue
        if member == "Notify":
            app, _replaces, icon, summary, body, actions, hints, timeout = msg.body
            next_id += 1
            entry = {
                "app": app,
                "summary": summary,
                "body": body,
                "icon": icon,
                "actions": list(actions),
                "urgency": hints.get("urgency", ("y", None))[1],
                "desktop_entry": hints.get("desktop-entry", ("s", None))[1],
                "timeout": timeout,
            }
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(entry) + "\n")
            conn.send(new_method_return(msg, "u", (next_id,)))
        elif member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (["body", "actions"],)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("recorder", "afterword-tests", "1", "1.2")))
        elif member == "CloseNotification":
            conn.send(new_method_return(msg))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
