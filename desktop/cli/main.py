"""Run the command line: parse, set up logging, then the window or one command.

Exit status: 0 on success, 1 when the input is bad (the message names what and where),
2 on usage errors. A `UserError` from any layer is mapped here, once; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_BAD_INPUT, CommandError, is_special_file, shown
from desktop.cli.parser import build_parser
from desktop.core.i18n import _
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.platform.paths import AppPaths

Command = Callable[[argparse.Namespace, "AppPaths"], int]


def _command(module: str, name: str) -> Command:
    """`desktop.cli.<module>.<name>`, imported when the command runs: the window, which
    starts through this module too, never pays for the commands' modules."""

    def run(args: argparse.Namespace, paths: AppPaths) -> int:
        from importlib import import_module

        command: Command = getattr(import_module(f"desktop.cli.{module}"), name)
        return command(args, paths)

    return run


COMMANDS: dict[str, Command] = {
    "card": _command("notes", "cmd_card"),
    "print": _command("notes", "cmd_print"),
    "followup": _command("followups", "cmd_followup"),
    "proofread": _command("notes", "cmd_proofread"),
    "due": _command("reminders", "cmd_due"),
    "import": _command("data", "cmd_import"),
    "export": _command("data", "cmd_export"),
    "backup": _command("data", "cmd_backup"),
    "restore": _command("data", "cmd_restore"),
    "demo": _command("data", "cmd_demo"),
    "outbox": _command("outbox", "cmd_outbox"),
    "tray": _command("reminders", "cmd_tray"),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.logs import configure_logging, install_excepthook
    from desktop.platform.paths import resolve_paths

    if args.demo and args.command:
        parser.error("--demo opens the window; it cannot be combined with a command")
    output = getattr(args, "output", None)
    if output == "":  # Path("") is the current folder: a traceback
        parser.error("argument -o/--output: give a file name")
    if output and output != "-" and is_special_file(output):
        # Outputs are written beside the target and renamed over it: over a device such as
        # /dev/null that would replace the device itself (as root) or fail half-way.
        parser.error(f"argument -o/--output: {output} is not a regular file; give a file name")
    paths = resolve_paths(args.data_dir)
    problem = configure_logging(paths.logs, verbose=args.verbose)
    if problem:  # a log we cannot write (one left by `sudo afterword`) never stops us
        print(_("afterword: warning: {problem}").format(problem=shown(problem)), file=sys.stderr)
    install_excepthook()
    if args.command is None:
        from desktop.ui.launch import run_window

        return run_window(paths, demo=args.demo, open_followup=args.open_followup)
    try:
        status = COMMANDS[args.command](args, paths)
    except UserError as exc:
        return _refused(args.command, exc)
    except Exception as exc:
        fault = known_fault(exc, paths, f"'afterword {args.command}'")
        if fault is None:
            from desktop.logs import log_bug

            where = log_bug(exc)
            report = (
                _("please report it with the details in {file}").format(file=where)
                if where
                else _("please report it")
            )
            print(
                _(
                    "afterword {command}: this is a bug in Afterword, not something you did; "
                    "{report}."
                ).format(command=args.command, report=report),
                file=sys.stderr,
            )
            raise
        return _refused(args.command, fault)
    if writes(args):
        # A running tray would otherwise learn of the change at its hourly check, and an
        # open window not at all (ARCHITECTURE §4). A failing send is only a process not running.
        from desktop.platform.ipc import tell_running

        tell_running(paths.data, "refresh")
    return status


def writes(args: argparse.Namespace) -> bool:
    """Whether the command may have changed the data (all-or-nothing ones that failed
    raised before this is asked)."""
    if args.command in ("demo", "restore", "followup"):
        return True
    if args.command == "import":
        return not args.dry_run
    if args.command == "outbox":
        return bool(args.send)  # attempts are counted even when nothing went
    return False


def _refused(command: str, exc: UserError) -> int:
    import logging

    # The message names files and tables, never a record's contents.
    logging.getLogger(__name__).error("%s refused: %s", command, exc)
    print(f"afterword {command}: {shown(exc)}", file=sys.stderr)
    return exc.status if isinstance(exc, CommandError) else EXIT_BAD_INPUT


def known_fault(exc: BaseException, paths: AppPaths, doing: str) -> UserError | None:
    """The user's error for an OS or database error that reached the top (a full disk
    while making the data directory, a database that became read-only); None for a bug."""
    from desktop.storage.errors import known_fault as storage_fault

    return storage_fault(exc, paths.database, doing)
