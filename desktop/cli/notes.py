"""`afterword proofread` and `afterword card`: check a note, and lay it out as a card."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.common import EXIT_OK, CommandError, read_input, workspace

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
        data, _ = read_input(args.text, limit=MAX_NOTE_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{args.text}: not UTF-8 text (byte {exc.start})") from exc
        notes = [CardNote(text=text.strip(), recipient="")]
    else:
        notes = [_followup_card(followup_id, paths) for followup_id in args.followup]
    report = render_cards(
        notes,
        Path(args.output),
        size=args.size,
        font=args.font,
        sheet=args.sheet,
        paper=args.paper,
    )
    print(
        f"Wrote {report.path}: {report.cards} card(s) on {report.pages} page(s), "
        f"{report.font} at {report.font_pts[0]:.1f} pt"
    )
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
