"""`afterword proofread` and `afterword card`: check a note, and lay it out as a card."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_OK, EXIT_USAGE, CommandError, read_input, workspace
from desktop.core.i18n import _

# A note card holds 90 words; a thank-you email 200. A file far larger is not a note.
MAX_NOTE_BYTES = 256 * 1024

if TYPE_CHECKING:
    from desktop.cards import CardNote
    from desktop.platform.paths import AppPaths


def cmd_proofread(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.compose.proofread_command import format_findings_text, proofread_files

    recipient: str | list[str] | None = None
    if len(args.recipient) == 1:
        recipient = args.recipient[0]
    elif args.recipient:
        recipient = args.recipient
    results = proofread_files(
        args.files,
        channel=args.channel,
        formality=args.formality,
        recipient=recipient,
        points=args.point,
        stdin=sys.stdin,
    )
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(format_findings_text(results))
    return EXIT_OK


def cmd_card(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.cards import CardNote, render_cards

    if args.text is not None:
        data, _name = read_input(args.text, limit=MAX_NOTE_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(
                _("{file}: not UTF-8 text (byte {byte})").format(file=args.text, byte=exc.start)
            ) from exc
        notes = [CardNote(text=text.strip(), recipient="")]
    else:
        notes = [_followup_card(followup_id, paths) for followup_id in args.followup]
    options = {"size": args.size, "font": args.font, "sheet": args.sheet, "paper": args.paper}
    if args.output == "-":
        # The PDF is the output: it is made whole in a private folder, then copied, so a
        # note that does not fit writes nothing at all to the pipe.
        with tempfile.TemporaryDirectory(prefix="afterword-card-") as folder:
            report = render_cards(notes, Path(folder) / "card.pdf", **options)
            sys.stdout.flush()
            sys.stdout.buffer.write(report.path.read_bytes())
            sys.stdout.buffer.flush()
        return EXIT_OK
    report = render_cards(notes, Path(args.output), **options)
    print(
        _("Wrote {file}: {cards} card(s) on {pages} page(s), {font} at {size} pt").format(
            file=report.path,
            cards=report.cards,
            pages=report.pages,
            font=report.font,
            size=f"{report.font_pts[0]:.1f}",
        )
    )
    return EXIT_OK


def cmd_print(args: argparse.Namespace, paths: AppPaths) -> int:
    """Cards for follow-ups onto a printer: the card's own paper when the printer has it."""
    from desktop.cards.layouts import sheet_layout
    from desktop.cards.printer import card_printer, job_title, printer_names
    from desktop.cards.printing import print_cards
    from desktop.cards.render import plan_cards, write_cards

    if args.list_printers:
        names = printer_names()  # QPrinterInfo: the default one first
        print("\n".join(f"{n} (default)" if i == 0 else n for i, n in enumerate(names)))
        if not names:
            print(_("No printer is set up on this computer."))
        return EXIT_OK
    if not args.followup:
        raise CommandError(_("give the cards to print with --followup ID"), EXIT_USAGE)
    notes = [_followup_card(followup_id, paths) for followup_id in args.followup]
    planned = plan_cards(notes, size=args.size, font=args.font, paper=args.paper)
    layout = planned.layout
    sheet = sheet_layout(args.sheet) if args.sheet else None
    if sheet is not None and layout.folded:
        raise CommandError(
            _("{card} already fills a sheet; leave out --sheet").format(card=layout.label)
        )
    width, height = (
        (sheet.width, sheet.height) if sheet else (layout.page_width, layout.page_height)
    )
    what = f"a {sheet.key} sheet" if sheet else layout.label
    title = job_title([note.recipient for note in notes])
    printer, paper = card_printer(args.printer, what, width, height, title, args.copies)
    if paper.note:
        print(paper.note, file=sys.stderr)
    if sheet is not None:
        write_cards(printer, planned, sheet, printer.printerName())
    else:
        print_cards(printer, planned)
    sent = _("Sent {cards} card(s) to {printer} as \u201c{title}\u201d on {paper}").format(
        cards=len(notes), printer=printer.printerName(), title=title, paper=paper.paper.name
    )
    if args.copies > 1:
        sent += _(", {copies} copies each").format(copies=args.copies)
    print(sent)
    return EXIT_OK


def _followup_card(followup_id: int, paths: AppPaths) -> CardNote:
    from desktop.cards import CardNote
    from desktop.compose.html_clean import html_to_text
    from desktop.storage.followups import note_source

    with workspace(paths) as ws:
        with ws.store.read() as session:
            source = note_source(session, followup_id)
        signature = ws.profile.signature.splitlines()[0] if ws.profile.signature else ""
    if source is None:
        raise CommandError(_("there is no follow-up #{id}").format(id=followup_id))
    if not source.body_html:
        raise CommandError(
            _("follow-up #{id} has no draft yet; write the note first").format(id=followup_id)
        )
    return CardNote(
        # The same text the composer's card preview shows for this draft.
        text=html_to_text(source.body_html).strip(),
        recipient=source.contact or source.company,
        mailing_address=source.mailing_address or None,
        signature="" if signature and signature in source.body_html else signature,
    )
