"""The checklist beside the editor: the elements a good note has, then what to fix."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QWidget

from desktop.core.proofread import Finding
from desktop.ui import theme

# The elements of ARCHITECTURE §1, in the words the checklist uses, and the code that flags each.
CHECKLIST = (
    ("missing_gratitude", "Thanks them for their time"),
    ("missing_appreciation", "Says what you learned or enjoyed"),
    ("missing_enthusiasm", "Shows your enthusiasm for the role"),
    ("no_specific_reference", "Mentions something from your talk with them"),
)
_CHECKLIST_CODES = {code for code, _ in CHECKLIST}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsPanel(QListWidget):
    """Checklist items (ticked when met) followed by one row per finding."""

    finding_activated = Signal(object)  # Finding
    add_to_dictionary = Signal(str)
    replace_requested = Signal(object, str)  # Finding, replacement

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Proofreading checklist and findings"))
        self.setWordWrap(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.findings: list[Finding] = []
        self.text = ""
        self.suggest: Callable[[str], list[str]] = lambda word: []
        self.checking_spelling = False

    def show_findings(self, findings: Sequence[Finding], text: str, applies: bool = True) -> None:
        """`applies`: whether the four elements make sense for this note (a thank-you)."""
        self.findings = list(findings)
        self.text = text
        self.clear()
        codes = {f.code for f in findings}
        if applies:
            for code, label in CHECKLIST:
                item = QListWidgetItem(label, self)
                met = code not in codes
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if met else Qt.CheckState.Unchecked)
                message = next((f.message for f in findings if f.code == code), "")
                item.setToolTip(message or "Done")
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{label}: {'yes' if met else 'no'}"
                )
                if not met:
                    item.setData(FINDING_ROLE, next(f for f in findings if f.code == code))
        others = [f for f in findings if not applies or f.code not in _CHECKLIST_CODES]
        for finding in others:
            word = text[finding.start : finding.end]
            prefix = "✖" if finding.severity == "error" else "▲"
            item = QListWidgetItem(
                self.tr("{prefix} {message}").format(prefix=prefix, message=finding.message), self
            )
            item.setData(FINDING_ROLE, finding)
            error = finding.severity == "error"
            item.setForeground(QColor(theme.ERROR if error else theme.WARNING))
            item.setToolTip(
                self.tr("“{word}” — click to select it in the note").format(word=word)
                if word
                else ""
            )
        if not others:
            # Never a blank list: a clean note says so (a check-in has no checklist above).
            text = "Nothing else to fix." if applies else "Nothing to fix — it reads well."
            item = QListWidgetItem(text, self)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if not self.checking_spelling:
            item = QListWidgetItem(self.tr("Spelling check is loading its dictionary…"), self)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(QColor(theme.MUTED))

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding)

    def _menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        finding = item.data(FINDING_ROLE) if item is not None else None
        if not isinstance(finding, Finding) or finding.code != "spelling":
            return
        menu = self.spelling_menu(finding)
        menu.exec(self.viewport().mapToGlobal(point))

    def spelling_menu(self, finding: Finding) -> QMenu:
        word = self.text[finding.start : finding.end]
        menu = QMenu(self)
        for suggestion in self.suggest(word)[:5]:
            menu.addAction(suggestion, partial(self.replace_requested.emit, finding, suggestion))
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(
            self.tr("Add “{word}” to the dictionary").format(word=word),
            partial(self.add_to_dictionary.emit, word),
        )
        return menu
