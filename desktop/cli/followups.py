"""`afterword followup ID --sent | --snooze MINUTES`: what a reminder's buttons do.

The tray runs this in a child process when "Mark sent" or "Snooze 1 hour" is pressed on a
notification, so the rules (marking a thank-you sent starts the check-in clock) and
SQLAlchemy stay out of the tray; the command then tells the tray and the window.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_OK, now, workspace
from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.platform.paths import AppPaths


def cmd_followup(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.storage.job_search import JobSearch

    with workspace(paths) as ws:
        search = JobSearch(ws.store, ws.rules, ws.tz)
        moment = now()
        if args.sent:
            search.mark_sent(args.id, moment)
            print(_("Marked #{id} sent.").format(id=args.id))
            return EXIT_OK
        until = moment + timedelta(minutes=args.snooze)
        search.snooze(args.id, until)
        when = f"{until.astimezone(ws.tz):%a %H:%M}"
        print(_("Snoozed #{id} until {when}.").format(id=args.id, when=when))
    return EXIT_OK
