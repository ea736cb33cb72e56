"""The window's words are translatable: a real catalogue changes them, and none slips past.

The catalogue is a Qt Linguist .ts file (the format pyside6-lupdate writes; see Qt's
"Qt Linguist Manual: TS File Format") compiled by the pyside6-lrelease that ships in the
PySide6 wheel, then loaded with a real QTranslator: the same path a translation takes at
start-up. Contexts are the runtime class names, which is what PySide6's `self.tr()` looks up.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.ui.forms.company import CompanyDialog
from desktop.ui.problems import show_bug
from tests.helpers.window_helpers import when_modal

ROOT = Path(__file__).resolve().parents[2]

# context -> {English: "translation"}; upper case so a translated string is plain to see.
CATALOGUE = {
    "MainWindow": {"&File": "&FICHIER", "&Edit": "&ÉDITION", "&View": "&AFFICHAGE"},
    "CompanyDialog": {"&Name:": "&NOM:", "&Industry:": "&SECTEUR :"},
    "BoardView": {"Board": "TABLEAU"},
    "ProgressView": {"Progress": "PROGRÈS"},
    "problems": {
        "Afterword ran into a problem": "AFTERWORD A RENCONTRÉ UN PROBLÈME",
        "Something went wrong: {exc}\n\nThis is a bug in Afterword, not something you did;"
        " your data is safe.{where}": "ÇA N'A PAS MARCHÉ : {exc}{where}",
    },
}


def _lrelease() -> str:
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("pyside6-lrelease is missing: it ships in the PySide6 wheel")
    return found


@pytest.fixture
def translated(qapp, tmp_path):
    contexts = "".join(
        f"<context><name>{escape(name)}</name>"
        + "".join(
            f"<message><source>{escape(src)}</source>"
            f"<translation>{escape(dst)}</translation></message>"
            for src, dst in messages.items()
        )
        + "</context>"
        for name, messages in CATALOGUE.items()
    )
    ts = tmp_path / "afterword_xx.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS>'
        f'<TS version="2.1" language="fr">{contexts}</TS>',
        encoding="utf-8",
    )
    qm = tmp_path / "afterword_xx.qm"
    subprocess.run([_lrelease(), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm)), "the compiled catalogue did not load"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_catalogue_translates_menus_form_labels_headings_and_a_message_box(
    translated, qtbot, workspace
):
    from desktop.ui.main_window import MainWindow
    from tests.helpers.window_helpers import fixed_clock

    window = MainWindow(workspace, clock=fixed_clock)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["&FICHIER", "&ÉDITION", "&AFFICHAGE"]

    board = window.lazy_view("Board")
    progress = window.lazy_view("Progress")
    assert board.findChild(QLabel, "viewHeading").text() == "TABLEAU"
    assert progress.heading.text() == "PROGRÈS"

    dialog = CompanyDialog(None, None)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&NOM *:", "&SECTEUR :"} <= labels  # a required field keeps its own star

    boxes = when_modal(QMessageBox, lambda box: box.close())
    show_bug(RuntimeError("disk on fire"), "", None)
    assert boxes[0].windowTitle() == "AFTERWORD A RENCONTRÉ UN PROBLÈME"
    assert boxes[0].text() == "ÇA N'A PAS MARCHÉ : disk on fire"


# --- every literal the user reads goes through tr() ---

# Calls whose string arguments a person reads (or hears, from a screen reader).
SHOWN = {
    "setText",
    "setWindowTitle",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QAction",
    "addAction",
    "addMenu",
    "addRow",
    "addButton",
    "addTab",
    "setToolTip",
    "setPlaceholderText",
    "setAccessibleName",
    "showMessage",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
}
BOXES = {"information", "warning", "critical", "question"}  # QMessageBox's static calls
# Words no language changes, with the reason.
UNTRANSLATED = {
    "Afterword",  # the product's name
    "https://",  # a URL's start, as placeholder text
}


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and node.value not in UNTRANSLATED
    if isinstance(node, ast.JoinedStr):
        return True  # an f-string cannot be translated: tr("… {name}").format(name=…)
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    if isinstance(node, ast.BinOp):
        return _literal(node.left) or _literal(node.right)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_literal(e) for e in node.elts)
    return False


def unwrapped_strings(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in BOXES:
            if not (isinstance(func, ast.Attribute) and ast.unparse(func.value) == "QMessageBox"):
                continue  # log.warning(...) and friends are for the log, not the user
            args = node.args[1:3]
        elif name in SHOWN:
            args = node.args[:1]  # addItem("Week", "week"): the data after it is no word
        else:
            continue
        found += [f"{where}:{node.lineno}: {ast.unparse(a)[:60]}" for a in args if _literal(a)]
    return found


def test_the_guard_finds_a_literal_an_f_string_and_a_message_box():
    source = (
        "label.setText('Saved')\n"
        "QPushButton(f'Delete {noun}', self)\n"
        "QMessageBox.warning(self, 'Export', text)\n"
        "log.warning('not for the user: %s', exc)\n"
        "label.setText(self.tr('Saved'))\n"
        "self.setWindowTitle('Afterword')\n"
    )
    assert [line.split(": ")[0] for line in unwrapped_strings(source, "x.py")] == [
        "x.py:1",
        "x.py:2",
        "x.py:3",
    ]


def test_no_window_or_tray_string_reaches_the_screen_untranslated():
    found = []
    for package in ("desktop/ui", "desktop/tray"):
        for path in sorted((ROOT / package).rglob("*.py")):
            found += unwrapped_strings(
                path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
            )
    assert not found, "wrap these in self.tr() or QCoreApplication.translate():\n" + "\n".join(
        found
    )
