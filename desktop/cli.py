"""The one entry point: the window by default, and the subcommands of DESIGN §4.

Exit status: 0 on success, 1 when the input is bad (the message names what and where),
2 on usage errors. Heavy modules are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__

if TYPE_CHECKING:
    from desktop.app import Workspace

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A command cannot do what was asked; the message says what and where."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


def _iso_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO-8601 time (e.g. 2026-11-21T09:00:00-05:00)"
        ) from None


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="afterword",
        description="Follow up on every job interview: thank-you notes, check-ins, reminders.",
    )
    parser.add_argument("--version", action="version", version=f"Afterword {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="use DIR for the database, backups and logs"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the window on a throwaway database of sample data"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    # The tray starts the window on a follow-up with this: it opens in the composer.
    parser.add_argument("--open-followup", type=int, metavar="ID", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    due = sub.add_parser("due", help="follow-ups whose remind time has come")
    due.add_argument("--at", type=_iso_time, metavar="ISO-8601", help="as of this time")
    due.add_argument("--json", action="store_true", help="print JSON")

    imp = sub.add_parser("import", help="import a file (JSON backup)")
    imp.add_argument("file", metavar="FILE", help="the file to import ('-' for stdin)")
    imp.add_argument(
        "--format",
        default="auto",
        choices=("auto", "json", "vcard", "linkedin", "csv", "ics"),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="with --format csv: the column that holds a field (repeatable; "
        "COLUMN may join several with '+'); without it the columns are guessed",
    )

    exp = sub.add_parser("export", help="export the data")
    exp.add_argument("--format", required=True, choices=("json", "csv", "ics", "report"))
    exp.add_argument("-o", "--output", required=True, metavar="OUT", help="file ('-' for stdout)")
    exp.add_argument(
        "--table",
        choices=("applications", "contacts"),
        default="applications",
        help="with --format csv: which table to write (default: applications)",
    )
    exp.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help="with --format report: the first day (YYYY-MM-DD)",
    )
    exp.add_argument(
        "--to",
        dest="end",
        type=_iso_date,
        metavar="DATE",
        help="with --format report: the last day",
    )
    exp.add_argument(
        "--paper",
        choices=("auto", "a4", "letter"),
        default="auto",
        help="with --format report and a .pdf: paper size (auto: by the locale)",
    )

    backup = sub.add_parser("backup", help="write a copy of the database")
    backup.add_argument("-o", "--output", required=True, metavar="OUT")

    restore = sub.add_parser(
        "restore", help="replace the data with a backup (current data kept aside)"
    )
    restore.add_argument("file", metavar="FILE")

    outbox = sub.add_parser(
        "outbox", help="notes waiting to be sent by email (--send: try to send them now)"
    )
    outbox.add_argument(
        "--send",
        action="store_true",
        help="send the waiting notes now, with the password from the keyring",
    )
    outbox.add_argument("--json", action="store_true", help="print JSON")

    sub.add_parser("demo", help="add the sample job search to the database")
    sub.add_parser("tray", help="the reminders in the system tray (runs until Quit)")

    card = sub.add_parser("card", help="lay a note out as a handwritten-style card (PDF)")
    source = card.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="FILE", help="the note's text ('-' for stdin)")
    source.add_argument(
        "--followup",
        type=int,
        action="append",
        metavar="ID",
        help="the draft of follow-up ID (repeat for one card per interviewer in one PDF)",
    )
    card.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    card.add_argument(
        "--size", default="a2", choices=("a2", "a6", "3.5x5", "4x6", "folded-letter", "folded-a4")
    )
    card.add_argument(
        "--font",
        default="Caveat",
        metavar="NAME",
        help="Caveat, Kalam, Indie Flower, Dancing Script, Shadows Into Light, "
        "EB Garamond, Libre Baskerville",
    )
    card.add_argument("--sheet", choices=("letter", "a4"), help="print several cards on one sheet")
    card.add_argument(
        "--paper", choices=("ruled", "plain"), default="ruled", help="lines under the words or none"
    )

    proof = sub.add_parser("proofread", help="check notes before they go out")
    proof.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="notes ('-' for stdin); several = notes to different interviewers of one interview",
    )
    proof.add_argument("--json", action="store_true", help="print JSON")
    proof.add_argument("--channel", choices=("email", "card"), default="email")
    proof.add_argument("--formality", choices=("formal", "neutral", "casual"), default="neutral")
    proof.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar="NAME",
        help="the interviewer's name (once for all files, or once per file)",
    )
    proof.add_argument(
        "--point",
        action="append",
        default=[],
        metavar="TEXT",
        help="a talking point from the conversation (repeatable)",
    )
    return parser


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
    if output and output != "-" and _is_special_file(output):
        # Outputs are written beside the target and renamed over it: over a device such as
        # /dev/null that would replace the device itself (as root) or fail half-way.
        parser.error(f"argument -o/--output: {output} is not a regular file; give a file name")
    try:
        paths = resolve_paths(args.data_dir)
        configure_logging(paths.logs, verbose=args.verbose)
    except OSError as exc:
        print(f"afterword: cannot use the data directory: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    install_excepthook()
    if args.command is None:
        from desktop.ui.launch import run_window

        return run_window(paths, demo=args.demo, open_followup=args.open_followup)
    handler = COMMANDS[args.command]
    try:
        return handler(args, paths)
    except CommandError as exc:
        print(f"afterword {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except Exception as exc:
        message = user_error_message(exc)
        if message is None:
            raise
        print(f"afterword {args.command}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def user_error_message(exc: Exception) -> str | None:
    """The message of an error the user can act on, or None for a bug."""
    from desktop.core.settings import SettingsError
    from desktop.interchange.errors import InterchangeError
    from desktop.platform.timezone import TimeZoneError
    from desktop.storage.errors import StorageError

    if isinstance(exc, (StorageError, InterchangeError, TimeZoneError, SettingsError)):
        return str(exc)
    return None


def _is_special_file(name: str) -> bool:
    """True for a device, pipe or socket (a folder is refused by each writer with its name)."""
    import stat

    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _workspace(paths: Any) -> Workspace:
    from desktop.app import open_workspace

    return open_workspace(paths)


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


def cmd_due(args: argparse.Namespace, paths: Any) -> int:
    from desktop.storage.due_query import read_due_file

    ws = _workspace(paths)
    try:
        at = args.at or _now()
        if at.tzinfo is None:
            at = at.replace(tzinfo=ws.tz)
        items = read_due_file(ws.paths.database, at)
    finally:
        ws.close()
    if args.json:
        print(json.dumps([_due_json(item, ws.tz) for item in items], indent=2))
        return EXIT_OK
    if not items:
        print("Nothing is due. Well done.")
        return EXIT_OK
    for item in items:
        print(due_line(item, ws.tz))
    return EXIT_OK


def _iso(moment: datetime | None, tz: Any) -> str | None:
    """A stored time in the user's zone, ISO 8601 with its offset (None stays None)."""
    return moment.astimezone(tz).isoformat() if moment else None


def _due_json(item: Any, tz: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "status": item.status,
        "contact": item.contact,
        "company": item.company,
        "role": item.role,
        "channel": item.channel,
        "remind_at": _iso(item.remind_at, tz),
        "due_at": _iso(item.due_at, tz),
        "late_at": _iso(item.late_at, tz),
        "overdue": item.overdue,
        "late": item.late,
        "application_id": item.application_id,
        "interview_id": item.interview_id,
    }


def due_line(item: Any, tz: Any) -> str:
    from desktop.core.wording import action_text

    action = action_text(item.kind, item.contact, item.company, item.role)
    state = "LATE" if item.late else "OVERDUE" if item.overdue else "due"
    when = item.due_at.astimezone(tz).strftime("%a %d %b %H:%M") if item.due_at else "no deadline"
    channel = f" [{item.channel}]" if item.channel else ""
    context = "" if item.kind == "move_on" else f" ({item.company}, {item.role})"
    return f"#{item.id:<5} {state:<7} {when}  {action}{context}{channel}"


def _read_input(name: str) -> tuple[bytes, str]:
    from desktop.interchange.document import MAX_DOCUMENT_BYTES

    if name == "-":
        return sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1), "<stdin>"
    path = Path(name)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1), str(path)
    except OSError as exc:
        raise CommandError(f"{name}: cannot read the file: {exc.strerror or exc}") from exc


def cmd_import(args: argparse.Namespace, paths: Any) -> int:
    from desktop.interchange.errors import InterchangeError
    from desktop.interchange.import_preview import guess_format, parse_import, read_import_file

    if args.file == "-":
        data, source = _read_input(args.file)
    else:
        # A file over the size limit is refused from its size, before it is read.
        try:
            data, source = read_import_file(Path(args.file)), args.file
        except InterchangeError as exc:
            raise CommandError(f"{args.file}: {'; '.join(exc.problems)}") from None
    if args.format == "auto":
        try:
            fmt = guess_format(args.file, data)
        except InterchangeError as exc:
            problems = "; ".join(exc.problems)
            raise CommandError(f"{exc.source}: {problems}; name it with --format") from None
    else:
        fmt = args.format
    mapping = _csv_mapping(args, data, source) if fmt == "csv" else None
    from desktop.interchange.document_import import import_document

    ws = _workspace(paths)
    try:
        document, _ = parse_import(ws, data, source, fmt, mapping)
        summary = import_document(ws.store, document, ws.rules, ws.tz, dry_run=args.dry_run)
    finally:
        ws.close()
    if args.json:
        print(
            json.dumps({**summary.as_dict(), **({"mapping": mapping} if mapping else {})}, indent=2)
        )
    else:
        print("\n".join(summary.lines()))
    return EXIT_OK


def _csv_mapping(args: argparse.Namespace, data: bytes, source: str) -> dict[str, str]:
    """The columns given with --map, else the guessed ones (printed, so they can be fixed)."""
    from desktop.interchange.contacts_csv import describe_mapping, guess_mapping, read_header

    if not args.map:
        mapping = guess_mapping(read_header(data, source))
        if not args.json:
            print("Columns (guessed; change with --map FIELD=COLUMN):")
            print("\n".join(describe_mapping(mapping)))
        return mapping
    mapping = {}
    for item in args.map:
        field, equals, column = item.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise CommandError(
                f"--map {item!r}: expected FIELD=COLUMN, e.g. email=E-mail", EXIT_USAGE
            )
        mapping[field.strip()] = column.strip()
    return mapping


def write_atomically(target: str, text: str, newline: str | None = None) -> None:
    """Write `text` to `target` ('-' is stdout) so a crash never leaves half a file.

    `newline=""` writes the line ends as they are (CSV and iCalendar carry their own CRLF).
    """
    if target == "-":
        sys.stdout.write(text)
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise CommandError(f"{target}: the folder {path.parent} does not exist")
    from desktop.platform.files import write_atomically as write

    try:
        write(path, text, newline=newline)
    except OSError as exc:
        raise CommandError(f"{target}: cannot write: {exc.strerror or exc}") from exc


def cmd_export(args: argparse.Namespace, paths: Any) -> int:
    if args.format == "report":
        return _export_report(args, paths)
    from desktop.interchange.export_files import export_text

    kind = "contacts-csv" if args.format == "csv" and args.table == "contacts" else args.format
    ws = _workspace(paths)
    try:
        text, newline = export_text(ws, kind, args.output)
    finally:
        ws.close()
    write_atomically(args.output, text, newline=newline)
    return EXIT_OK


def _export_report(args: argparse.Namespace, paths: Any) -> int:
    from desktop.interchange.export_files import report_format, write_report

    try:
        fmt = report_format(args.output)
    except Exception:
        raise CommandError(
            f"{args.output}: an activity report is written as .pdf or .csv", EXIT_USAGE
        ) from None
    if args.start and args.end and args.end < args.start:
        raise CommandError(f"--to {args.end} is before --from {args.start}", EXIT_USAGE)
    ws = _workspace(paths)
    try:
        if args.output == "-":
            from desktop.interchange.activity_report import build_report, report_csv

            with ws.store.read() as session:
                report = build_report(
                    session, ws.tz, start=args.start, end=args.end, person=ws.profile.name
                )
            sys.stdout.write(report_csv(report))
            return EXIT_OK
        pages = write_report(
            ws, Path(args.output), start=args.start, end=args.end, paper=args.paper
        )
    finally:
        ws.close()
    print(f"Wrote {args.output}" + (f" ({pages} pages)" if fmt == "pdf" else ""))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, paths: Any) -> int:
    from desktop.storage.backups import copy_database

    ws = _workspace(paths)
    ws.close()
    target = Path(args.output)
    if target.resolve() == paths.database.resolve():
        raise CommandError(f"{target}: that is the database itself; choose another file")
    copy_database(paths.database, target)
    print(f"Backed up {paths.database} to {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, paths: Any) -> int:
    from desktop.storage.backups import restore_database
    from desktop.storage.migrate import ensure_schema

    paths.create()
    safety = restore_database(Path(args.file), paths.database, paths.backups)
    # A backup from an older version is brought up to date (with its own backup first).
    ensure_schema(paths.database, paths.backups)
    print(f"Restored {args.file}.")
    if safety is not None:
        print(f"The data it replaced was kept in {safety}")
    return EXIT_OK


def cmd_outbox(args: argparse.Namespace, paths: Any) -> int:
    """List the outbox; with --send, deliver it first. Exit 1 when a note is left waiting
    or failed by this send (the tray runs this and tells the person what went)."""
    from desktop.storage.outbox import item, items

    ws = _workspace(paths)
    try:
        report = _deliver_outbox(ws) if args.send else None
        listed = items(ws.store)
        sent = [item(ws.store, i) for i in report.sent_ids] if report else []
    finally:
        ws.close()
    failed = dict(report.failed) if report else {}
    if args.json:
        print(json.dumps(_outbox_json(listed, sent, failed, report, ws.tz), indent=2))
    else:
        _print_outbox(listed, sent, failed, report, ws.tz)
    if report is not None and (report.waiting or report.failed):
        if not args.json:
            print(
                "afterword outbox: "
                + (report.waiting_reason or "some notes could not be sent (see above)"),
                file=sys.stderr,
            )
        return EXIT_BAD_INPUT
    return EXIT_OK


def _deliver_outbox(ws: Workspace) -> Any:
    from desktop.compose.mail import MailError
    from desktop.compose.outbox import deliver_unattended

    try:  # never asks for a password: this may run from the tray
        return deliver_unattended(ws.store, _now, wait=30)
    except MailError as exc:
        raise CommandError(str(exc)) from exc


def _outbox_json(
    listed: list[Any], sent: list[Any], failed: dict[int, str], report: Any, tz: Any
) -> dict[str, Any]:
    def note(entry: Any) -> dict[str, Any]:
        return {
            "id": entry.id,
            "state": entry.state,
            "to": entry.recipient,
            "subject": entry.subject,
            "followup_id": entry.followup_id,
            "queued_at": _iso(entry.queued_at, tz),
            "attempts": entry.attempts,
            "last_error": entry.last_error,
            "sent_at": _iso(entry.sent_at, tz),
        }

    return {
        "sent": [note(e) for e in sent if e is not None],
        "failed": [{**note(e), "reason": failed[e.id]} for e in listed if e.id in failed],
        "waiting_reason": report.waiting_reason if report else "",
        "outbox": [note(e) for e in listed],
    }


def _print_outbox(
    listed: list[Any], sent: list[Any], failed: dict[int, str], report: Any, tz: Any
) -> None:
    for entry in sent:
        if entry is not None:
            print(f"Sent #{entry.id} to {entry.recipient}: {entry.subject}")
    for entry in listed:
        if entry.id in failed:
            print(f"Not sent #{entry.id} to {entry.recipient}: {failed[entry.id]}")
    if not listed:
        print("The outbox is empty." if report is None else "Nothing waits in the outbox now.")
        return
    for entry in listed:
        when = entry.queued_at.astimezone(tz).strftime("%a %d %b %H:%M")
        tries = f"{entry.attempts} attempt{'s' if entry.attempts != 1 else ''}"
        why = f": {entry.last_error}" if entry.last_error else ""
        print(f"#{entry.id:<4} {entry.state:<7} {when}  to {entry.recipient}  {entry.subject}")
        print(f"      {tries}{why}")


def cmd_tray(args: argparse.Namespace, paths: Any) -> int:
    from desktop.tray.run import run_tray

    return run_tray(paths, data_dir_given=args.data_dir is not None)


def cmd_demo(args: argparse.Namespace, paths: Any) -> int:
    ws = _workspace(paths)
    try:
        summary = load_demo(ws)
    finally:
        ws.close()
    print("\n".join(summary.lines()))
    return EXIT_OK


def load_demo(ws: Workspace) -> Any:
    """Import the sample job search (and a sample profile if none is set)."""
    from desktop.interchange.demo import demo_document, demo_profile
    from desktop.interchange.document import parse_document
    from desktop.interchange.document_import import import_document
    from desktop.storage.settings_store import read_value, write_value
    from desktop.storage.settings_values import PROFILE_KEY

    with ws.store.write() as session:
        if not read_value(session, PROFILE_KEY):
            write_value(session, PROFILE_KEY, demo_profile())
    ws.reload_settings()
    data = json.dumps(demo_document(_now(), ws.tz)).encode()
    document = parse_document(data, "demo data", ws.tz)
    return import_document(ws.store, document, ws.rules, ws.tz)


def cmd_proofread(args: argparse.Namespace, paths: Any) -> int:
    from desktop.compose.proofread_command import (
        ProofreadError,
        format_findings_text,
        proofread_files,
    )

    recipient: str | list[str] | None = None
    if len(args.recipient) == 1:
        recipient = args.recipient[0]
    elif args.recipient:
        recipient = args.recipient
    try:
        results = proofread_files(
            args.files,
            channel=args.channel,
            formality=args.formality,
            recipient=recipient,
            points=args.point,
            stdin=sys.stdin,
        )
    except ProofreadError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(format_findings_text(results))
    return EXIT_OK


def cmd_card(args: argparse.Namespace, paths: Any) -> int:
    from desktop.cards import CardError, CardNote, render_cards

    if args.text is not None:
        data, _ = _read_input(args.text)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{args.text}: not UTF-8 text (byte {exc.start})") from exc
        notes = [CardNote(text=text.strip(), recipient="")]
    else:
        notes = [_followup_card(followup_id, paths) for followup_id in args.followup]
    try:
        report = render_cards(
            notes,
            Path(args.output),
            size=args.size,
            font=args.font,
            sheet=args.sheet,
            paper=args.paper,
        )
    except CardError as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Wrote {report.path}: {report.cards} card(s) on {report.pages} page(s), "
        f"{report.font} at {report.font_pts[0]:.1f} pt"
    )
    return EXIT_OK


def _followup_card(followup_id: int, paths: Any) -> Any:
    from desktop.cards import CardNote
    from desktop.compose.html_clean import html_to_text
    from desktop.storage.followups import note_source

    ws = _workspace(paths)
    try:
        with ws.store.read() as session:
            source = note_source(session, followup_id)
        signature = ws.profile.signature.splitlines()[0] if ws.profile.signature else ""
    finally:
        ws.close()
    if source is None:
        raise CommandError(f"there is no follow-up #{followup_id}")
    if not source.body_html:
        raise CommandError(f"follow-up #{followup_id} has no draft yet; write the note first")
    return CardNote(
        # The same text the composer's card preview shows for this draft.
        text=html_to_text(source.body_html).strip(),
        recipient=source.contact or source.company,
        mailing_address=source.mailing_address or None,
        signature="" if signature and signature in source.body_html else signature,
    )


COMMANDS: dict[str, Callable[[argparse.Namespace, Any], int]] = {
    "card": cmd_card,
    "proofread": cmd_proofread,
    "due": cmd_due,
    "import": cmd_import,
    "export": cmd_export,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "demo": cmd_demo,
    "outbox": cmd_outbox,
    "tray": cmd_tray,
}
