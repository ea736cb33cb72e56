"""The command line of ARCHITECTURE §4: the options of every command, and nothing else.

Choices come from the modules that define them (card sizes, fonts, formalities), so a new
card size needs no edit here.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.core.i18n import _
from desktop.core.settings import FORMALITIES

IMPORT_FORMATS = ("auto", "json", "vcard", "linkedin", "csv", "tracker", "ics")
EXPORT_FORMATS = ("json", "csv", "ics", "report")
CHANNELS = ("email", "card")

if TYPE_CHECKING:
    from typing import TypeAlias

    # What add_subparsers() returns; generic only to the type checker.
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


class TableKeys:
    """The keys of a table in another module (any case), read only when argparse looks.

    `afterword tray` parses the same command line but must not import `desktop.cards`
    (tests/tray/test_tray_footprint.py); argparse reads choices only to check a value or print
    help, so the card tables are imported only by `card` and `--help`.
    """

    def __init__(self, module: str, table: str, key: str | None = None) -> None:
        self._module, self._table, self._key = module, table, key

    def _keys(self) -> list[str]:
        table = getattr(importlib.import_module(self._module), self._table)
        if self._key is None:
            return list(table)
        return [getattr(value, self._key) for value in table.values()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __contains__(self, value: object) -> bool:
        # As the card code reads them: "kalam" is Kalam.
        return isinstance(value, str) and value.strip().lower() in (
            key.lower() for key in self._keys()
        )

    def __str__(self) -> str:
        return ", ".join(self._keys())


CARD_SIZES = TableKeys("desktop.cards.layouts", "CARDS")
CARD_SHEETS = TableKeys("desktop.cards.layouts", "SHEETS")
CARD_FONTS = TableKeys("desktop.cards.fonts", "FONTS", key="family")


def _iso_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not an ISO-8601 time (e.g. 2026-11-21T09:00:00-05:00)").format(text=text)
        ) from None


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date (YYYY-MM-DD)").format(text=text)
        ) from None


# What `import` reads, for `afterword --help` and `afterword import --help`.
IMPORT_FORMAT_HELP = """\
files `afterword import` reads (--format auto tells them apart by content and name):
  json      an Afterword JSON backup (afterword export --format json), or any file in
            its format: companies, contacts, applications, interviews, follow-ups, replies
  ics       calendar invitations (.ics) from Google Calendar, Outlook/Exchange, Teams,
            Zoom or iCloud: each becomes an interview, its guests the interviewers
            (your own addresses, rooms and no-reply senders left out); a reply changes
            nothing, a cancellation cancels the interview; --company NAME names the
            employer when no guest's address tells it
  vcard     contact cards (.vcf, vCard 2.1, 3.0 or 4.0) from Apple, Google, Outlook,
            Android, Thunderbird, Nextcloud
  linkedin  LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data)
  csv       a contacts spreadsheet: Google, Outlook, Thunderbird and Apple exports are
            known by their headers; other columns are guessed from their names, or named
            with --map FIELD=COLUMN
  tracker   a job-tracker spreadsheet (company, role, status, applied, link, salary...):
            each row becomes an application
  All or nothing: a file with a problem is refused whole, naming the row or card;
  --skip-invalid imports the good ones and lists the rest.
  At most 20 MB and 10,000 records a file (LinkedIn: 30,000)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="afterword",
        description=_("Follow up on every job interview: thank-you notes, check-ins, reminders."),
        epilog=_(IMPORT_FORMAT_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Afterword {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=_("use DIR for the database, backups and logs")
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the window on a throwaway database of sample data"),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log debug details"))
    # The tray starts the window on a follow-up with this: it opens in the composer.
    parser.add_argument("--open-followup", type=int, metavar="ID", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_due(sub)
    _add_import(sub)
    _add_export(sub)
    _add_backup_and_restore(sub)
    _add_outbox(sub)
    sub.add_parser("demo", help=_("add the sample job search to the database"))
    sub.add_parser("tray", help=_("the reminders in the system tray (runs until Quit)"))
    _add_card(sub)
    _add_print(sub)
    _add_followup(sub)
    _add_proofread(sub)
    return parser


def _add_due(sub: Subparsers) -> None:
    due = sub.add_parser("due", help=_("follow-ups whose remind time has come"))
    due.add_argument("--at", type=_iso_time, metavar="ISO-8601", help=_("as of this time"))
    due.add_argument("--json", action="store_true", help=_("print JSON"))


def _add_import(sub: Subparsers) -> None:
    imp = sub.add_parser(
        "import",
        help=_("import a file: backup, invites, contacts or a job-tracker sheet"),
        epilog=_(IMPORT_FORMAT_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("file", metavar="FILE", help=_("the file to import ('-' for stdin)"))
    imp.add_argument("--format", default="auto", choices=IMPORT_FORMATS)
    imp.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, change nothing")
    )
    imp.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=_(
            "with --format csv: the column that holds a field (repeatable; "
            "COLUMN may join several with '+'); without it the columns are guessed"
        ),
    )
    imp.add_argument(
        "--company",
        metavar="NAME",
        help=_(
            "with calendar invites: the employer, for events whose guests' addresses do "
            "not tell it (free mail, relays); an existing company or a new one"
        ),
    )
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_(
            "import the good rows, cards or events and list the ones left out with their "
            "problems (without it, one bad row refuses the whole file)"
        ),
    )


def _add_export(sub: Subparsers) -> None:
    exp = sub.add_parser("export", help=_("export the data"))
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument(
        "-o", "--output", required=True, metavar="OUT", help=_("file ('-' for stdout)")
    )
    exp.add_argument(
        "--table",
        choices=("applications", "contacts"),
        default="applications",
        help=_("with --format csv: which table to write (default: applications)"),
    )
    exp.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help=_("with --format report: the first day (YYYY-MM-DD)"),
    )
    exp.add_argument(
        "--to",
        dest="end",
        type=_iso_date,
        metavar="DATE",
        help=_("with --format report: the last day"),
    )
    exp.add_argument(
        "--paper",
        choices=("auto", "a4", "letter"),
        default="auto",
        help=_("with --format report and a .pdf: paper size (auto: by the locale)"),
    )


def _add_backup_and_restore(sub: Subparsers) -> None:
    backup = sub.add_parser("backup", help=_("write a copy of the database"))
    backup.add_argument("-o", "--output", required=True, metavar="OUT")
    restore = sub.add_parser(
        "restore", help=_("replace the data with a backup (current data kept aside)")
    )
    restore.add_argument("file", metavar="FILE")


def _add_outbox(sub: Subparsers) -> None:
    outbox = sub.add_parser(
        "outbox", help=_("notes waiting to be sent by email (--send: try to send them now)")
    )
    outbox.add_argument(
        "--send",
        action="store_true",
        help=_("send the waiting notes now, with the password from the keyring"),
    )
    outbox.add_argument("--json", action="store_true", help=_("print JSON"))


def _add_card(sub: Subparsers) -> None:
    card = sub.add_parser("card", help=_("lay a note out as a handwritten-style card (PDF)"))
    source = card.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="FILE", help=_("the note's text ('-' for stdin)"))
    _followup_option(source)
    card.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help=_("('-' for stdout)")
    )
    _card_options(card)


def _add_print(sub: Subparsers) -> None:
    printing = sub.add_parser("print", help=_("print note cards on a printer, at the card's size"))
    _followup_option(printing)
    printing.add_argument(
        "--list-printers", action="store_true", help=_("list the printers (the default first)")
    )
    printing.add_argument(
        "--printer", metavar="NAME", help=_("the printer (default: the system's default printer)")
    )
    printing.add_argument(
        "--copies", type=_copies, default=1, metavar="N", help=_("copies of each card (1-99)")
    )
    _card_options(printing)


def _followup_option(group: argparse._ActionsContainer) -> None:
    group.add_argument(
        "--followup",
        type=int,
        action="append",
        metavar="ID",
        help=_("the draft of follow-up ID (repeat for one card per interviewer)"),
    )


def _copies(text: str) -> int:
    try:
        copies = int(text)
    except ValueError:
        copies = 0
    if not 1 <= copies <= 99:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a number of copies from 1 to 99").format(text=text)
        )
    return copies


def _card_options(card: argparse.ArgumentParser) -> None:
    # metavar keeps argparse from reading the choices while the parser is built.
    card.add_argument(
        "--size", default="a2", choices=CARD_SIZES, metavar="SIZE", help="%(choices)s"
    )
    card.add_argument(
        "--font", default="Caveat", choices=CARD_FONTS, metavar="NAME", help="%(choices)s"
    )
    card.add_argument(
        "--sheet",
        choices=CARD_SHEETS,
        metavar="SHEET",
        help=_("print several cards on one sheet: %(choices)s"),
    )
    card.add_argument(
        "--paper",
        choices=("ruled", "plain"),
        default="ruled",
        help=_("lines under the words or none"),
    )


def _add_followup(sub: Subparsers) -> None:
    followup = sub.add_parser(
        "followup", help=_("mark a follow-up sent, or snooze it (what a notification's buttons do)")
    )
    followup.add_argument("id", type=int, metavar="ID", help=_("the follow-up (its # in `due`)"))
    what = followup.add_mutually_exclusive_group(required=True)
    what.add_argument("--sent", action="store_true", help=_("mark it sent now"))
    what.add_argument(
        "--snooze",
        type=_minutes,
        metavar="MINUTES",
        help=_("remind again in MINUTES (1 to 10080, a week)"),
    )


def _minutes(text: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes from 1 to 10080")
    return minutes


def _add_proofread(sub: Subparsers) -> None:
    proof = sub.add_parser("proofread", help=_("check notes before they go out"))
    proof.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=_("notes ('-' for stdin); several = notes to different interviewers of one interview"),
    )
    proof.add_argument("--json", action="store_true", help=_("print JSON"))
    proof.add_argument("--channel", choices=CHANNELS, default="email")
    proof.add_argument("--formality", choices=FORMALITIES, default="neutral")
    proof.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar="NAME",
        help=_("the interviewer's name (once for all files, or once per file)"),
    )
    proof.add_argument(
        "--point",
        action="append",
        default=[],
        metavar="TEXT",
        help=_("a talking point from the conversation (repeatable)"),
    )
