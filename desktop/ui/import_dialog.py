# Over 400 lines on purpose: one dialog whose two steps (mapping, preview) share their state.
"""The import preview: what a file will create, update or leave alone, and why it cannot be
imported when it cannot. A CSV file first gets a column-mapping step.

The dialog only lays out: it is given two functions (preview, commit) that take the user's
choices (column mapping, the company of each invitation no address tells, whether to skip
rows with problems) and return an ImportPreview; it never sees a session or a row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.interchange.import_preview import FORMAT_NAMES, ImportChoices, ImportPreview
from desktop.ui import theme
from desktop.ui.import_choices import CompanyChoices, SkipChoice
from desktop.ui.waiting import busy, in_background

Run = Callable[[ImportChoices], ImportPreview]

FIELD_LABELS = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "preferred_name": "Preferred name",
    "title": "Job title",
    "company": "Company",
    "email": "Email",
    "phone": "Phone",
    "mailing_address": "Mailing address",
    "notes": "Notes",
}
NOT_IMPORTED = "(not imported)"
SECTION_WORDS = {
    "companies": "Company",
    "contacts": "Contact",
    "applications": "Application",
    "interviews": "Interview",
}
ACTION_WORDS = {"new": "New", "update": "Update", "unchanged": "Skip (no change)"}
PROBLEM_BACKGROUND = QColor(theme.PROBLEM_ROW_BACKGROUND)
PROBLEM_TEXT = QColor(theme.PROBLEM_ROW_TEXT)
SKIPPED_TEXT = QColor(theme.SKIPPED_TEXT)
UNIT_NOUNS = {"row": "row", "card": "card", "event": "event", "line": "line"}


class ImportDialog(QDialog):
    """Preview one file's import; Import commits it all or nothing."""

    def __init__(
        self,
        source: str,
        fmt: str,
        preview: Run,
        commit: Run,
        *,
        columns: list[str] | None = None,
        guessed: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._preview_run = preview
        self._commit_run = commit
        self.result_preview: ImportPreview | None = None
        self.shown: ImportPreview | None = None
        self.companies_chosen: dict[str, str] = {}
        self.skip_invalid = False
        name = Path(source).name
        self.setWindowTitle(self.tr("Import {name}").format(name=name))
        self.setObjectName("importDialog")
        self.setAccessibleName(self.tr("Import {name}").format(name=name))
        self.resize(760, 520)

        self.heading = QLabel(
            self.tr("<b>{name}</b> — {get}").format(name=name, get=FORMAT_NAMES.get(fmt, fmt)), self
        )
        self.heading.setAccessibleName(self.tr("File being imported"))
        self.pages = QStackedWidget(self)
        self.pages.setAccessibleName(self.tr("Import steps"))
        self.mapping_page = self._mapping_page(columns or [], guessed or {})
        self.preview_page = self._preview_page()
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.preview_page)

        self.back_button = QPushButton(self.tr("Back to columns"), self)
        self.back_button.setAccessibleName(self.tr("Back to the column choices"))
        self.back_button.clicked.connect(lambda: self.pages.setCurrentWidget(self.mapping_page))
        self.next_button = QPushButton(self.tr("Preview"), self)
        self.next_button.setAccessibleName(self.tr("Preview the import with these columns"))
        self.next_button.clicked.connect(self.show_preview)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setAccessibleName(self.tr("Import everything listed"))
        self.import_button.clicked.connect(self.commit)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel; nothing is changed"))
        self.cancel_button.clicked.connect(self.reject)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the writer cannot say how far it is
        self.progress.setAccessibleName(self.tr("Working on the file"))
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        for button in (self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.is_csv = columns is not None
        if self.is_csv:
            self._show_mapping()
        else:
            self.show_preview()

    # --- the column-mapping step ---
    def _mapping_page(self, columns: list[str], guessed: dict[str, str]) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName(self.tr("Column choices"))
        intro = QLabel(
            self.tr(
                "Choose the column that holds each detail. The choices were guessed from the "
                "column names; a detail left as “(not imported)” stays empty."
            ),
            page,
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("About the column choices"))
        form = QFormLayout()
        self.column_boxes: dict[str, QComboBox] = {}
        options = [NOT_IMPORTED, *columns]
        for field_name, label in FIELD_LABELS.items():
            box = QComboBox(page)
            box.setAccessibleName(self.tr("Column for {lower}").format(lower=label.lower()))
            box.addItems(options)
            chosen = guessed.get(field_name)
            if chosen and chosen not in columns:
                box.addItem(chosen)  # a join of several columns, e.g. Outlook's address
            box.setCurrentText(chosen or NOT_IMPORTED)
            self.column_boxes[field_name] = box
            form.addRow(label, box)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def mapping(self) -> dict[str, str]:
        """Field -> column, as chosen in the combo boxes."""
        return {
            name: box.currentText()
            for name, box in self.column_boxes.items()
            if box.currentText() != NOT_IMPORTED
        }

    def _show_mapping(self) -> None:
        self.pages.setCurrentWidget(self.mapping_page)
        self.back_button.hide()
        self.next_button.show()
        self.import_button.setEnabled(False)
        self.next_button.setDefault(True)

    # --- the preview ---
    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        page.setAccessibleName(self.tr("Preview"))
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the import will do"))
        self.table = QTableWidget(0, 4, page)
        self.table.setAccessibleName(self.tr("Records and problems"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Where"), self.tr("What"), self.tr("Details"), self.tr("Action")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows are measured at the column's width: measure again when it changes.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.warnings = QLabel(page)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Warnings"))
        self.company_choices = CompanyChoices(page)
        self.company_choices.applied.connect(self._companies_applied)
        self.skip_choice = SkipChoice(page)
        self.skip_choice.toggled.connect(self._skip_toggled)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.company_choices)
        layout.addWidget(self.skip_choice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        return page

    def choices(self) -> ImportChoices:
        """Everything the user chose so far, for the next dry run or the import."""
        return ImportChoices(
            mapping=self.mapping() if self.is_csv else None,
            companies=dict(self.companies_chosen),
            skip_invalid=self.skip_invalid,
        )

    def show_preview(self) -> None:
        """Run the dry run with the chosen columns and show what it found."""
        choices = self.choices()
        preview = self._working(lambda: self._preview_run(choices))
        self.fill(preview)

    def _companies_applied(self) -> None:
        self.companies_chosen.update(self.company_choices.chosen())
        self.show_preview()

    def _skip_toggled(self, checked: bool) -> None:
        self.skip_invalid = checked
        self.show_preview()

    def _working(self, work: Callable[[], ImportPreview]) -> ImportPreview:
        """Run a dry run or the import off the window's thread, the buttons held meanwhile."""
        buttons = (self.back_button, self.next_button, self.import_button, self.cancel_button)
        enabled = [b.isEnabled() for b in buttons]
        for button in buttons:
            button.setEnabled(False)
        self.progress.show()
        try:
            with busy():
                return in_background(work)
        finally:
            self.progress.hide()
            for button, was in zip(buttons, enabled, strict=True):
                button.setEnabled(was)

    def fill(self, preview: ImportPreview) -> None:
        self.shown = preview
        self.pages.setCurrentWidget(self.preview_page)
        self.back_button.setVisible(self.is_csv)
        self.next_button.hide()
        self.import_button.setEnabled(preview.can_import)
        self.import_button.setDefault(preview.can_import)
        self.table.setRowCount(0)
        self.company_choices.ask(preview.needs_company, preview.companies, self.companies_chosen)
        unit = _unit(preview)
        self.skip_choice.offer(preview.skippable or len(preview.skipped), unit, self.skip_invalid)
        if self.company_choices.isVisible():
            self.company_choices.apply_button.setDefault(True)
        if preview.problems:
            count = len(preview.problems)
            # The remedies are phrases placed into one sentence, so a translator still
            # sees (and can reorder) each whole phrase.
            fix = (
                self.tr("correct the file or the column choices")
                if self.is_csv
                else self.tr("correct the file")
            )
            if preview.needs_company:
                fix = self.tr("name the companies, {fix}").format(fix=fix)
            if preview.skippable:
                fix = self.tr("{fix}, or skip those rows,").format(fix=fix)
            self.summary.setText(
                (
                    self.tr(
                        "<b>This file cannot be imported yet</b>: 1 problem (highlighted below)."
                        " Nothing will be changed; {fix} and try again."
                    )
                    if count == 1
                    else self.tr(
                        "<b>This file cannot be imported yet</b>: %n problems (highlighted"
                        " below). Nothing will be changed; {fix} and try again.",
                        "",
                        count,
                    )
                ).format(fix=fix)
            )
        else:
            self.summary.setText(_summary_text(preview))
        rows: list[tuple[tuple[int, int], tuple[str, str, str, str], bool]] = []
        for problem in preview.problems:
            number = problem.row if problem.row is not None else -1
            action = (
                "Choose above" if problem.where in preview.needs_company else "Fix, then import"
            )
            cells = (problem.where or "file", "Problem", problem.message, action)
            rows.append(((number, 1), cells, True))
        for problem in preview.skipped:
            number = problem.row if problem.row is not None else -1
            cells = (problem.where or "file", "Left out", problem.message, "Not imported")
            rows.append(((number, 1), cells, False))
        for entry in preview.entries:
            where = "" if entry.origin.startswith("existing") else entry.origin
            at = _number(where)
            cells = (
                where,
                SECTION_WORDS.get(entry.section, entry.section),
                entry.name,
                ACTION_WORDS.get(entry.action, entry.action),
            )
            rows.append(((at if at is not None else 10**9, 0), cells, False))
        rows.sort(key=lambda r: r[0])  # the file's order, each problem in its place
        for _, cells, is_problem in rows:
            self._row(*cells, problem=is_problem)
            if cells[1] == "Left out":
                for column in range(4):
                    item = self.table.item(self.table.rowCount() - 1, column)
                    if item is not None:
                        item.setForeground(QBrush(SKIPPED_TEXT))
        self.table.resizeRowsToContents()
        if preview.problems:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
            first = self.table.item(self.problem_rows()[0], 0)
            if first is not None:
                self.table.scrollToItem(first)
        shown = preview.warnings[:5]
        more = len(preview.warnings) - len(shown)
        self.warnings.setText(
            "\n".join(self.tr("Note: {warning}").format(warning=w) for w in shown)
            + (self.tr("\n… and {more} more notes", "", more).format(more=more) if more else "")
        )
        self.warnings.setVisible(bool(shown))

    def _row(self, where: str, what: str, name: str, action: str, *, problem: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((where, what, name, action)):
            item = QTableWidgetItem(text)
            if problem:
                item.setBackground(QBrush(PROBLEM_BACKGROUND))
                item.setForeground(QBrush(PROBLEM_TEXT))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Problem at {where}: {name}")
                font = item.font()
                font.setBold(column < 2)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def problem_rows(self) -> list[int]:
        """The table rows shown as problems."""
        return [
            row
            for row in range(self.table.rowCount())
            if (item := self.table.item(row, 1)) is not None and item.text() == "Problem"
        ]

    # --- committing ---
    def commit(self) -> None:
        """Import everything in one transaction; on a problem, show it and change nothing."""
        choices = self.choices()
        result = self._working(lambda: self._commit_run(choices))
        if result.problems:
            self.fill(result)
            return
        self.result_preview = result
        self.accept()


_NOUNS = {
    "companies": ("company", "companies"),
    "contacts": ("contact", "contacts"),
    "applications": ("application", "applications"),
    "interviews": ("interview", "interviews"),
    "followups": ("follow-up", "follow-ups"),
    "drafts": ("draft", "drafts"),
    "replies": ("reply", "replies"),
    "templates": ("template", "templates"),
}


def _counted(preview: ImportPreview, outcome: str) -> str:
    parts = []
    for section, counts in preview.counts.items():
        n = counts.get(outcome, 0)
        if n:
            one, many = _NOUNS.get(section, (section, section))
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) or "nothing"


def _unit(preview: ImportPreview) -> str:
    """What the file's records are called: 'row', 'card' or 'event'."""
    for problem in [*preview.problems, *preview.skipped]:
        head = problem.where.partition(" ")[0]
        if head in UNIT_NOUNS:
            return UNIT_NOUNS[head]
    return "row"


def _number(where: str) -> int | None:
    head, _, number = where.partition(" ")
    return int(number) if head in ("row", "card", "event", "line") and number.isdigit() else None


def _summary_text(preview: ImportPreview) -> str:
    if not any(preview.total(o) for o in ("created", "updated", "unchanged")):
        return "There is nothing to import in this file."
    lines = [
        f"<b>New:</b> {_counted(preview, 'created')}.",
        f"<b>Updated:</b> {_counted(preview, 'updated')}.",
        f"<b>Skipped</b> (already the same): {_counted(preview, 'unchanged')}.",
    ]
    if preview.generated_followups:
        lines.append(f"The rules will schedule {preview.generated_followups} follow-ups.")
    if preview.skipped:
        count = len(preview.skipped)
        lines.append(f"<b>Left out:</b> {count} with problems (listed in grey).")
    lines.append("Nothing is changed until you press Import.")
    return "<br>".join(lines)
