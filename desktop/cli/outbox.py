"""`afterword outbox [--send]`: the notes waiting to go by email, and sending them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, now, workspace
from desktop.cli.output import outbox_json, outbox_lines
from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.compose.outbox import DeliveryReport
    from desktop.platform.paths import AppPaths


def cmd_outbox(args: argparse.Namespace, paths: AppPaths) -> int:
    """List the outbox; with --send, deliver it first. Exit 1 when a note is left waiting
    or failed by this send (the tray runs this and tells the person what went)."""
    from desktop.storage.outbox import item, items

    with workspace(paths) as ws:
        report = _deliver(ws) if args.send else None
        listed = items(ws.store)
        sent = [item(ws.store, i) for i in report.sent_ids] if report else []
    delivered = [entry for entry in sent if entry is not None]
    failed = dict(report.failed) if report else {}
    if args.json:
        print(json.dumps(outbox_json(listed, delivered, failed, report, ws.tz), indent=2))
    else:
        print("\n".join(outbox_lines(listed, delivered, failed, report, ws.tz)))
    if report is not None and (report.waiting or report.failed):
        if not args.json:
            print(
                "afterword outbox: "
                + (report.waiting_reason or _("some notes could not be sent (see above)")),
                file=sys.stderr,
            )
        return EXIT_BAD_INPUT
    return EXIT_OK


def _deliver(ws: Workspace) -> DeliveryReport | None:
    """A delivery round that never asks for a password: this may run from the tray.
    None when nothing waits."""
    from desktop.compose.outbox import deliver_unattended

    return deliver_unattended(ws.store, now, wait=30)
