"""File ▸ Import…, the preview dialog, drag and drop, and File ▸ Export…, driven through the
real widgets on a real database file."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from desktop.ui.import_dialog import PROBLEM_BACKGROUND, ImportDialog

DATA = Path(__file__).resolve().parent.parent / "data"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
BAD_SHEET = (
    "Full Name,E-mail Address,Company,Job Title\n"
    "Ada Byron,ada@engines.example,Analytical Engines,Chief Analyst\n"
    "Charles Babbage,charles@engines.example,Analytical Engines,Founder\n"
    "Mary Somerville,mary at somerville,Royal Society,Science Writer\n"
    "Grace Hopper,grace@navy.example,US Navy,Rear Admiral\n"
)


def contacts(workspace) -> list[str]:
    from desktop.interchange.document_export import export_document

    with workspace.store.read() as session:
        return sorted(p["name"] for p in export_document(session, workspace.tz)["contacts"])


def drive(window, act):  # type: ignore[no-untyped-def]
    """Stand in for the user: show the real dialog, let `act` work it, return its result."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        seen.append(dialog)
        dialog.show()
        act(dialog)
        return dialog.result()

    window.files.exec_dialog = run
    return seen


def press_import(dialog: ImportDialog) -> None:
    if dialog.pages.currentWidget() is dialog.mapping_page:
        dialog.next_button.click()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()


def test_a_problem_row_is_highlighted_and_import_is_disabled(window, workspace, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET)
    looked: dict[str, object] = {}

    def act(dialog: ImportDialog) -> None:
        assert dialog.pages.currentWidget() is dialog.mapping_page
        assert dialog.column_boxes["name"].currentText() == "Full Name"
        assert dialog.column_boxes["email"].currentText() == "E-mail Address"
        assert dialog.column_boxes["phone"].currentText() == "(not imported)"
        assert not dialog.import_button.isEnabled()
        dialog.next_button.click()
        rows = dialog.problem_rows()
        looked["rows"] = rows
        looked["where"] = dialog.table.item(rows[0], 0).text()
        looked["message"] = dialog.table.item(rows[0], 2).text()
        looked["colour"] = dialog.table.item(rows[0], 2).background().color()
        looked["enabled"] = dialog.import_button.isEnabled()
        looked["summary"] = dialog.summary.text()
        looked["order"] = [
            (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())
        ]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.resize(760, 420)
        QApplication.processEvents()
        assert dialog.grab().save(str(SCREENSHOTS / "import-preview.png"))
        dialog.reject()

    drive(window, act)
    assert window.files.import_file(sheet) is None
    (problem,) = looked["rows"]
    assert looked["where"] == "row 4"
    # The good rows are listed too, in the file's order, with the problem in its place.
    assert looked["order"][problem] == ("row 4", "Problem")
    assert [w for w, _ in looked["order"]] == sorted(
        (w for w, _ in looked["order"]), key=lambda w: int(w.split()[1])
    )
    assert ("row 5", "Contact") in looked["order"] and ("row 2", "Company") in looked["order"]
    assert looked["message"] == "email: not an email address ('mary at somerville')"
    assert looked["colour"] == PROBLEM_BACKGROUND
    assert looked["enabled"] is False
    assert "cannot be imported" in str(looked["summary"])
    assert contacts(workspace) == []


def test_fixing_the_column_choice_makes_the_file_importable(window, workspace, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET)

    def act(dialog: ImportDialog) -> None:
        dialog.next_button.click()
        assert not dialog.import_button.isEnabled()
        dialog.back_button.click()
        dialog.column_boxes["email"].setCurrentText("(not imported)")
        dialog.next_button.click()
        assert dialog.problem_rows() == []
        names = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
        assert "Mary Somerville" in names and "Analytical Engines" in names
        press_import(dialog)

    drive(window, act)
    result = window.files.import_file(sheet)
    assert result is not None and result.committed
    assert contacts(workspace) == [
        "Ada Byron",
        "Charles Babbage",
        "Grace Hopper",
        "Mary Somerville",
    ]


def test_a_good_file_imports_and_the_lists_refresh(window, workspace, qtbot):
    window.show_view("Contacts")
    assert window.contacts.proxy.rowCount() == 0

    def act(dialog: ImportDialog) -> None:
        assert dialog.pages.currentWidget() is dialog.preview_page  # no mapping for vCards
        actions = {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
        assert actions == {"New"}
        assert "<b>New:</b> 2 companies, 2 contacts." in dialog.summary.text()
        press_import(dialog)

    drive(window, act)
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        window.files.import_file(DATA / "apple-contacts.vcf")
    assert window.contacts.proxy.rowCount() == 2
    assert "Imported" in window.statusBar().currentMessage()
    assert contacts(workspace) == ["Margaret Hale", "Samuel Okafor"]


def drop_on(window, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropping_a_file_opens_the_same_preview(window, workspace, qtbot, tmp_path):
    seen = drive(window, press_import)
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        assert drop_on(window, [DATA / "google-invite.ics"])
    assert isinstance(seen[0], ImportDialog)
    assert seen[0].windowTitle() == "Import google-invite.ics"
    from desktop.interchange.document_export import export_document

    with workspace.store.read() as session:
        assert len(export_document(session, workspace.tz)["interviews"]) == 1
    # A file Afterword cannot read is not taken.
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    assert drop_on(window, [other]) is False


def test_a_50_mb_drop_shows_the_size_problem_and_changes_nothing(
    window, workspace, qtbot, tmp_path
):
    big = tmp_path / "big.vcf"
    with big.open("wb") as handle:
        handle.truncate(50 * 2**20)
    looked: dict[str, object] = {}

    def act(dialog: ImportDialog) -> None:
        looked["problem"] = dialog.table.item(0, 2).text()
        looked["enabled"] = dialog.import_button.isEnabled()
        dialog.reject()

    seen = drive(window, act)
    assert drop_on(window, [big])
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert looked == {
        "problem": "the file is 50.0 MB; at most 20 MB can be imported",
        "enabled": False,
    }
    assert contacts(workspace) == []


def test_export_writes_the_chosen_file(window, workspace, tmp_path):
    from desktop.interchange.demo import load_demo

    load_demo(workspace)
    target = tmp_path / "activity.csv"

    def act(dialog: QDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("report"))
        dialog.report_format.setCurrentIndex(dialog.report_format.findData("csv"))
        assert dialog.start.isEnabled() and not dialog.paper.isEnabled()
        assert dialog.suffix() == ".csv"
        dialog.accept()

    drive(window, act)
    asked: list[str] = []
    window.files.ask_save = lambda name: asked.append(name) or target
    message = window.files.export()
    assert asked and asked[0].startswith("job-search-activity-") and asked[0].endswith(".csv")
    assert message == "Wrote the activity report to activity.csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert {"Applied", "Interview"} <= {r["activity"] for r in rows}


def test_every_control_has_an_accessible_name(window, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET)
    unnamed: list[str] = []
    kinds = (QAbstractButton, QComboBox, QLineEdit, QDateEdit, QTableWidget)

    def walk(dialog: QDialog) -> None:
        for step in range(2):
            for widget in dialog.findChildren(QWidget):
                if (
                    isinstance(widget, kinds)
                    and widget.isVisibleTo(dialog)
                    and not widget.accessibleName()
                    and not _inside_date_edit(widget)
                ):
                    unnamed.append(f"{type(dialog).__name__}: {type(widget).__name__}")
            if step == 0 and isinstance(dialog, ImportDialog):
                dialog.next_button.click()
        dialog.reject()

    drive(window, walk)
    window.files.import_file(sheet)
    window.files.export()
    assert unnamed == []


def _inside_date_edit(widget) -> bool:  # type: ignore[no-untyped-def]
    """The line edit inside a date edit is named by its date edit."""
    parent = widget.parent()
    return isinstance(widget, QLineEdit) and isinstance(parent, QDateEdit)


def test_no_session_in_the_views():
    root = Path(__file__).resolve().parent.parent.parent / "desktop" / "ui"
    for name in ("import_dialog.py", "export_dialog.py", "file_actions.py"):
        text = (root / name).read_text()
        assert "store.read" not in text and "store.write" not in text and "sqlalchemy" not in text
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_a_slow_file_keeps_the_window_painting(qtbot):
    """The dry run runs off the window's thread: timers keep firing, the buttons wait."""
    import time

    from PySide6.QtCore import QTimer

    from desktop.interchange.import_preview import ImportPreview

    ticks: list[bool] = []
    seen: dict[str, bool] = {}

    def slow(_mapping):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        return ImportPreview("big.vcf", "vcard", counts={"contacts": {"created": 1}})

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(True))
    timer.start(20)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ImportDialog):
                seen["progress"] = not widget.progress.isHidden()
                seen["cancel"] = widget.cancel_button.isEnabled()

    QTimer.singleShot(300, look)
    dialog = ImportDialog("big.vcf", "vcard", slow, slow)
    qtbot.addWidget(dialog)
    timer.stop()
    assert len(ticks) >= 20  # about 50 in the second the dry run took
    assert seen == {"progress": True, "cancel": False}
    assert dialog.import_button.isEnabled() and not dialog.progress.isVisible()


CORPUS = DATA / "corpus"


def test_invites_without_a_company_address_ask_for_one_per_event(window, workspace, qtbot):
    from desktop.interchange.document_export import export_document

    looked: dict[str, object] = {}

    def act(dialog: ImportDialog) -> None:
        choices = dialog.company_choices
        looked["visible"] = choices.isVisible()
        looked["events"] = list(choices.boxes)
        looked["enabled"] = dialog.import_button.isEnabled()
        looked["offered"] = [
            choices.boxes["event 1"].itemText(i) for i in range(choices.boxes["event 1"].count())
        ]
        choices.boxes["event 1"].setCurrentText("Brightloop")
        choices.boxes["event 2"].setCurrentText("Duarte Logistics")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.resize(760, 520)
        QApplication.processEvents()
        assert dialog.grab().save(str(SCREENSHOTS / "import-company-choice.png"))
        qtbot.keyClick(choices.boxes["event 2"].lineEdit(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.problem_rows(), timeout=5000)
        looked["after"] = (
            choices.isVisible(),
            dialog.problem_rows(),
            dialog.import_button.isEnabled(),
        )
        press_import(dialog)

    from desktop.interchange.demo import load_demo

    load_demo(workspace)  # Brightloop is one of the demo's companies
    drive(window, act)
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        result = window.files.import_file(CORPUS / "ics/two-events-personal-mail.ics")
    assert result is not None and result.committed
    assert looked["visible"] is True and looked["enabled"] is False
    assert looked["events"] == ["event 1", "event 2"]
    assert "Brightloop" in looked["offered"]
    assert looked["after"] == (False, [], True)
    with workspace.store.read() as session:
        doc = export_document(session, workspace.tz)
    companies = {c["id"]: c["name"] for c in doc["companies"]}
    apps = {a["id"]: companies[a["company"]] for a in doc["applications"]}
    imported = [i for i in doc["interviews"] if i.get("calendar_uid", "").endswith("@google.com")]
    assert sorted(apps[i["application"]] for i in imported) == ["Brightloop", "Duarte Logistics"]
    assert [n for n in companies.values() if n == "Brightloop"] == ["Brightloop"]


def test_skipping_the_rows_with_problems_imports_the_rest(window, workspace, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET)
    looked: dict[str, object] = {}

    def act(dialog: ImportDialog) -> None:
        dialog.next_button.click()
        looked["offer"] = (dialog.skip_choice.isVisible(), dialog.skip_choice.text())
        dialog.skip_choice.setChecked(True)
        looked["left out"] = [
            (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())
            if dialog.table.item(r, 1).text() == "Left out"
        ]
        looked["summary"] = dialog.summary.text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.resize(760, 460)
        QApplication.processEvents()
        assert dialog.grab().save(str(SCREENSHOTS / "import-skip-rows.png"))
        press_import(dialog)

    drive(window, act)
    result = window.files.import_file(sheet)
    assert result is not None and result.committed
    assert looked["offer"] == (True, "&Skip this 1 row with problems and import the rest")
    assert looked["left out"] == [("row 4", "Left out")]
    assert "<b>Left out:</b> 1 with problems" in str(looked["summary"])
    assert contacts(workspace) == ["Ada Byron", "Charles Babbage", "Grace Hopper"]
