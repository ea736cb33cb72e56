"""The commands that move data in and out: import, export, backup, restore, demo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    read_input,
    shown,
    workspace,
    write_output,
)
from desktop.core.i18n import _

if TYPE_CHECKING:
    from desktop.platform.paths import AppPaths


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.interchange.document_import import import_document
    from desktop.interchange.errors import InterchangeError
    from desktop.interchange.import_preview import guess_format, parse_import, read_import_file

    if args.file == "-":
        data, source = read_input(args.file)
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
            raise CommandError(
                _("{file}: {problems}; name it with --format").format(
                    file=exc.source, problems=problems
                )
            ) from None
    else:
        fmt = args.format
    mapping = _csv_mapping(args, data, source) if fmt == "csv" else None
    if args.company is not None and not args.company.strip():
        raise CommandError(_("--company: give the company's name"), EXIT_USAGE)
    with workspace(paths) as ws:
        document, _found = parse_import(
            ws, data, source, fmt, mapping, company=args.company, skip_invalid=args.skip_invalid
        )
        summary = import_document(ws.store, document, ws.rules, ws.tz, dry_run=args.dry_run)
    if args.json:
        print(
            json.dumps({**summary.as_dict(), **({"mapping": mapping} if mapping else {})}, indent=2)
        )
    else:
        print("\n".join(summary.lines()))
    return EXIT_OK


def _csv_mapping(args: argparse.Namespace, data: bytes, source: str) -> dict[str, str]:
    """The columns given with --map, else the guessed ones (printed, so they can be fixed)."""
    from desktop.interchange.contacts_csv import (
        describe_mapping,
        guess_mapping,
        read_header,
        recognised,
    )

    if not args.map:
        header = read_header(data, source)
        mapping = guess_mapping(header)
        program = recognised(header)
        if not args.json:
            if program:
                print(_("Recognised a {program} export; its columns:").format(program=program))
            else:
                print(_("Columns (guessed; change with --map FIELD=COLUMN):"))
            print("\n".join(describe_mapping(mapping)))
        return mapping
    mapping = {}
    for item in args.map:
        field, equals, column = item.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise CommandError(
                _("--map {item}: expected FIELD=COLUMN, e.g. email=E-mail").format(item=repr(item)),
                EXIT_USAGE,
            )
        mapping[field.strip()] = column.strip()
    return mapping


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.format == "report":
        return _export_report(args, paths)
    from desktop.interchange.export_files import export_text

    kind = "contacts-csv" if args.format == "csv" and args.table == "contacts" else args.format
    with workspace(paths, reading=True) as ws:
        text, newline = export_text(ws, kind, args.output)
    write_output(args.output, text, newline=newline)
    return EXIT_OK


def _export_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.interchange.export_files import report_format, write_report

    try:
        fmt = report_format(args.output)
    except Exception:
        raise CommandError(
            _("{file}: an activity report is written as .pdf or .csv").format(file=args.output),
            EXIT_USAGE,
        ) from None
    if args.start and args.end and args.end < args.start:
        raise CommandError(
            _("--to {end} is before --from {start}").format(end=args.end, start=args.start),
            EXIT_USAGE,
        )
    with workspace(paths) as ws:
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
    if fmt == "pdf":
        print(_("Wrote {file} ({pages} pages)").format(file=args.output, pages=pages))
    else:
        print(_("Wrote {file}").format(file=args.output))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.storage.backups import copy_database

    with workspace(paths):
        pass  # the database exists and is up to date before it is copied
    target = Path(args.output)
    if target.resolve() == paths.database.resolve():
        raise CommandError(
            _("{file}: that is the database itself; choose another file").format(file=target)
        )
    copy_database(paths.database, target)
    print(_("Backed up {database} to {file}").format(database=paths.database, file=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.storage.restore import restore_backup

    paths.create()
    done = restore_backup(Path(args.file), paths.database, paths.backups)
    print(_("Restored {file}.").format(file=shown(args.file)))
    if done.kept is not None:
        kept = (
            _("The damaged file it replaced was kept in {file}")
            if done.was_damaged
            else _("The data it replaced was kept in {file}")
        )
        print(kept.format(file=shown(done.kept)))
    return EXIT_OK  # main tells a running window and tray (it writes)


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.interchange.demo import load_demo

    with workspace(paths) as ws:
        summary = load_demo(ws)
    print("\n".join(summary.lines()))
    return EXIT_OK
