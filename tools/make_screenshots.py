"""Save a screenshot of every view and dialog, light and dark, on the demo data.

QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.make_screenshots OUT_DIR

Views and the composer at 1024x640 and 1600x1000 (`NAME-SCHEME-WIDTH.png`); dialogs at the
size they open with (`dialog-NAME-SCHEME.png`). Dialogs are shown without blocking and
closed again, so nothing is saved.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZES = ((1024, 640), (1600, 1000))


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import open_workspace
    from desktop.interchange.demo import load_demo
    from desktop.platform.paths import resolve_paths
    from desktop.ui.icons import clear_cache
    from desktop.ui.main_window import VIEWS, MainWindow
    from desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        workspace = open_workspace(resolve_paths(data))
        load_demo(workspace)
        for scheme in ("light", "dark"):
            apply_theme(app, scheme)  # type: ignore[arg-type]
            clear_cache()
            window = MainWindow(workspace, demo=True)
            window.show()
            for width, height in SIZES:
                window.resize(width, height)
                for name in VIEWS:
                    window.show_view(name)
                    if name == "Contacts":
                        _select_person(window, "Ines Moreau")
                    settle(app)
                    window.grab().save(str(out / f"{name.lower()}-{scheme}-{width}.png"))
                window.search_box.setText("clerk")
                window.search_box.run()
                settle(app)
                window.grab().save(str(out / f"search-{scheme}-{width}.png"))
                window.search_box.clear()
                window.search_box.results.hide()
            _dialogs(app, window, out, scheme)
            _composers(app, window, out, scheme)
            window.close()
        workspace.close()


def _select_person(window, name: str) -> None:  # type: ignore[no-untyped-def]
    """A contact chosen, so the shot shows their timeline beside the list."""
    model = window.contacts.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            window.contacts.table.selectRow(row)


def settle(app, rounds: int = 5) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def _shoot(app, dialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.show()
    settle(app)
    dialog.grab().save(str(path))
    dialog.hide()
    dialog.deleteLater()


def _dialogs(app, window, out: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """Each dialog as a person first sees it (some with a field filled, to show a hint)."""
    from desktop.ui import help as help_dialogs
    from desktop.ui.forms.application import ApplicationDialog
    from desktop.ui.forms.company import CompanyDialog
    from desktop.ui.forms.contact import ContactDialog
    from desktop.ui.forms.interview import InterviewDialog
    from desktop.ui.forms.reply import ReplyDialog
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.welcome import WelcomeDialog

    search, ws = window.search, window.workspace
    companies, contacts = search.companies(), search.contacts()
    applications, interviews = search.applications(), search.interviews()
    hale = next(c for c in companies if c.name.startswith("Hale"))
    chu = next(c for c in contacts if c.surname == "Chu")
    associate = next(a for a in applications if a.company == hale.name)
    frontend = next(a for a in applications if a.role == "Senior Frontend Engineer")
    panel = next(i for i in interviews if i.company == hale.name)
    shots = {
        "company-new": CompanyDialog(window, None),
        "company-edit": CompanyDialog(window, hale),
        "contact-edit": ContactDialog(window, chu, companies),
        "application-new": ApplicationDialog(window, None, companies, contacts, company_id=hale.id),
        "application-edit": ApplicationDialog(window, frontend, companies, contacts),
        "interview-edit": InterviewDialog(window, panel, applications, contacts, ws.tz),
        "reply": ReplyDialog(window, associate, ws.tz),
        "welcome": WelcomeDialog(window, type(ws.profile)(), ws.rules),
        "shortcuts": help_dialogs.shortcuts_dialog(window),
        "data-folder": help_dialogs.data_folder_dialog(window, ws.paths),
        "about": help_dialogs.about_dialog(window),
    }
    for name, dialog in shots.items():
        _shoot(app, dialog, out / f"dialog-{name}-{scheme}.png")
    settings = SettingsDialog(window, ws.profile, ws.rules)
    from desktop.ui.mail_settings_page import add_mail_page

    add_mail_page(settings, ws.store)
    settings.show()
    for row in range(settings.pages.count()):
        settings.pages.setCurrentRow(row)
        settle(app)
        page = settings.pages.item(row).text().lower().replace(" ", "-")
        settings.grab().save(str(out / f"dialog-settings-{page}-{scheme}.png"))
    settings.hide()
    settings.deleteLater()
    from datetime import date

    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.outbox_dialog import OutboxDialog

    outbox = OutboxDialog(ws.store, ws.tz, lambda: "", window)
    _shoot(app, outbox, out / f"dialog-outbox-{scheme}.png")
    _shoot(app, ExportDialog(date.today(), window), out / f"dialog-export-{scheme}.png")


def _composers(app, window, out: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """The composer on a card thank-you and on an email one, with the dictionary loaded,
    and the template editor on the card note's interviewer."""
    wanted = {"card": None, "email": None}
    for item in window.today.items:
        if item.kind == "thank_you" and item.channel in wanted and wanted[item.channel] is None:
            wanted[item.channel] = item.id
    for channel, followup_id in wanted.items():
        if followup_id is None:
            continue
        composer = window.open_composer(followup_id)
        deadline = time.monotonic() + 20
        while not composer.proofreader.ready and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for width, height in SIZES:
            composer.resize(width, height)
            composer.check_all()
            settle(app, 30)  # the card preview re-renders after a short pause
            composer.grab().save(str(out / f"composer-{channel}-{scheme}-{width}.png"))
        if channel == "card":
            editor = composer.template_editor()
            editor.choice.setCurrentIndex(editor.choice.findText("Thank you (formal)"))
            _shoot(app, editor, out / f"dialog-templates-{scheme}.png")
        composer.close()
        settle(app)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
