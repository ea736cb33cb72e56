"""`afterword due` and `afterword tray`: what is due now, and the process that says so."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_OK, now, workspace
from desktop.cli.output import due_json, due_line, json_text
from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.platform.paths import AppPaths


def cmd_due(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.storage.due_query import read_due_file

    with workspace(paths, reading=True) as ws:
        at = args.at or now()
        if at.tzinfo is None:
            at = at.replace(tzinfo=ws.tz)
        items = read_due_file(ws.paths.database, at)
    if args.json:
        sys.stdout.write(json_text([due_json(item, ws.tz) for item in items]))
        return EXIT_OK
    if not items:
        print(_("Nothing is due. Well done."))
        return EXIT_OK
    for item in items:
        print(due_line(item, ws.tz, at))
    return EXIT_OK


def cmd_tray(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.tray.run import run_tray

    return run_tray(paths, data_dir_given=args.data_dir is not None)
