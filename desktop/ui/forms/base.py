# Over 400 lines on purpose: the machinery every form shares: fields, messages, Save gating.
"""What every add/edit dialog shares: a form with a message under each field, and a Save
button that stays disabled until the form is valid.

Dialogs are views only: they take plain records and return plain inputs; the caller saves
them and, when the service refuses, hands its messages back with `show_problems`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme

ERROR_STYLE = f"color: {theme.FIELD_ERROR};"


def error_label(parent: QWidget) -> QLabel:
    """A hidden red message label, shown under a field when it has a problem."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, target: QWidget | None, message: str | None) -> None:
    """Show `message` under a field (or hide the label) and tell screen readers too."""
    label.setText(message or "")
    label.setVisible(bool(message))
    if target is not None:
        target.setAccessibleDescription(message or "")


def multi_line(parent: QWidget, lines: int = 3) -> QPlainTextEdit:
    """A plain-text box about `lines` lines tall, where Tab moves on instead of typing a tab."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 2)
    return edit


def _utc() -> QTimeZone:
    return QTimeZone(QTimeZone.Initialization.UTC)


def _date_format() -> str:
    """Dates typed as the window shows them (desktop.core.wording's style of the locale)."""
    from desktop.core.wording import locale_style

    return "ddd, MMM d, yyyy" if locale_style().month_first else "ddd d MMM yyyy"


def _time_format() -> str:
    from desktop.core.wording import locale_style

    return "h:mm AP" if locale_style().hour12 else "HH:mm"


def date_edit(parent: QWidget) -> QDateEdit:
    """A date field in the user's locale, with a calendar pop-up."""
    edit = QDateEdit(parent)
    edit.setLocale(QLocale(QLocale.Language.English))  # day and month names as shown
    edit.setDisplayFormat(_date_format())
    edit.setCalendarPopup(True)
    return edit


def date_time_edit(parent: QWidget) -> QDateTimeEdit:
    """A date-and-time field in the user's locale.

    It holds wall-clock time in UTC so the system zone's DST gaps never shift what the user
    typed; the dialog attaches the user's own zone when it reads the value.
    """
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(_utc())
    edit.setLocale(QLocale(QLocale.Language.English))
    edit.setDisplayFormat(f"{_date_format()}, {_time_format()}")
    edit.setCalendarPopup(True)
    return edit


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def set_wall_time(edit: QDateTimeEdit, value: datetime, tz: tzinfo) -> None:
    """Show `value` as the wall-clock time it is in `tz`."""
    local = value.astimezone(tz) if value.tzinfo is not None else value
    edit.setDateTime(
        QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute, local.second), _utc())
    )


def wall_time(edit: QDateTimeEdit, tz: tzinfo) -> datetime:
    """The aware datetime in `tz` for the wall-clock time shown in `edit`."""
    shown = edit.dateTime()
    d, t = shown.date(), shown.time()
    return datetime.combine(from_qdate(d), time(t.hour(), t.minute()), tzinfo=tz)


class OptionalDate(QWidget):
    """A checkbox that switches a date on or off: 'no date' is a real answer."""

    changed = Signal()  # switched on or off, or the date moved

    def __init__(self, parent: QWidget, label: str, default: date) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The form row already says what the date is; the box only switches it on.
        self.check = QCheckBox(self)
        self.check.setAccessibleName(
            self.tr("{rstrip}: set a date").format(rstrip=label.rstrip(":"))
        )
        self.check.setToolTip(self.tr("Tick to set a date; leave empty for none"))
        self.edit = date_edit(self)
        self.edit.setAccessibleName(label.rstrip(":"))
        self.edit.setDate(to_qdate(default))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None


def zone_picker(parent: QWidget, zones: list[str], current: str, placeholder: str) -> QComboBox:
    """An editable combo of IANA zones, filtered by what is typed; empty means the system's."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(["", *zones])
    line = box.lineEdit()
    assert line is not None  # an editable combo box has one
    line.setPlaceholderText(placeholder)
    completer = QCompleter(zones, box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    box.setCurrentText(current)
    return box


class RecordPicker(QComboBox):
    """An editable combo of records: type part of a name to filter, pick one by id."""

    def __init__(
        self, parent: QWidget, items: Iterable[tuple[int, str]], placeholder: str = ""
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for item_id, text in items:
            self.addItem(text, item_id)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        if placeholder and line is not None:
            line.setPlaceholderText(placeholder)
        self.setCurrentIndex(-1)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def text(self) -> str:
        return self.currentText().strip()

    def current_id(self) -> int | None:
        """The id of the record whose name is typed, or None if none matches."""
        text = self.text().casefold()
        if not text:
            return None
        for row in range(self.count()):
            if self.itemText(row).casefold() == text:
                return int(self.itemData(row))
        return None

    def select_id(self, item_id: int | None) -> None:
        row = self.findData(item_id) if item_id is not None else -1
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText("")


def choice_combo(parent: QWidget, values: Iterable[str]) -> QComboBox:
    """A fixed list of allowed values, shown in words ('no_response' → 'No response')."""
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(value.replace("_", " ").capitalize(), value)
    return combo


def select_value(combo: QComboBox, value: str) -> None:
    row = combo.findData(value)
    if row >= 0:
        combo.setCurrentIndex(row)


class FormDialog(QDialog):
    """A dialog of labelled fields, each with its own inline message, and Save/Cancel.

    Subclasses add fields with `add_field`, connect their change signals to `revalidate`
    (through `watch`), and return `{field: message}` from `problems()`.
    """

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._errors: dict[str, tuple[QLabel, QWidget | None]] = {}
        self._fields: dict[str, QWidget] = {}
        # Messages from the service: shown until the user edits that field.
        self._service_problems: dict[str, str] = {}
        # A blank required field is not scolded until it was touched or Save was tried.
        self._quiet: set[str] = set()
        self._touched: set[str] = set()
        self._show_all = False

        outer = QVBoxLayout(self)
        self.general_error = error_label(self)
        self.general_error.setAccessibleName(self.tr("Problem saving"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(8)
        # Side by side: the form, and any panel a dialog adds beside it (the interviewers).
        form_column = QVBoxLayout()
        form_column.addLayout(self.form)
        form_column.addStretch(1)  # extra height goes below the fields, not between them
        self.columns = QHBoxLayout()
        self.columns.addLayout(form_column, 1)
        outer.addLayout(self.columns, 1)
        self.body = outer
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+Return)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._save)
        # Where typing goes when the dialog opens: the first field, unless a dialog that
        # was handed a value (the company just made) names the next one.
        self.initial_focus: QWidget | None = None
        self._opened = False
        # Asked before a filled form is thrown away; tests answer it without a dialog.
        self.confirm_discard: Callable[[], bool] = self._ask_discard

    # --- building ---
    def add_field(
        self,
        name: str,
        label: str,
        widget: QWidget,
        target: QWidget | None = None,
        *,
        required: bool = False,
    ) -> QWidget:
        """Add a labelled row with `widget` and a message label under it."""
        container = QWidget(self)
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label(container)
        column.addWidget(message)
        if required:
            self._quiet.add(name)
            label = label.rstrip(":") + " *:"
        caption = QLabel(label, self)
        focus = target or widget
        caption.setBuddy(focus)
        if not focus.accessibleName():
            spoken = label or getattr(focus, "text", lambda: "")()
            focus.setAccessibleName(spoken.replace("&", "").rstrip(": *"))
        self.form.addRow(caption, container)
        self._errors[name] = (message, focus)
        self._fields[name] = focus
        return widget

    def register_field(self, name: str, message: QLabel, focus: QWidget) -> None:
        """A field laid out by the dialog itself, with its own message label."""
        self._errors[name] = (message, focus)
        self._fields[name] = focus

    def add_buttons(self) -> None:
        """Put Save/Cancel last (after any section a subclass appended) and check the form."""
        if self._quiet:
            legend = QLabel(self.tr("* required"), self)
            legend.setEnabled(False)
            self.body.addWidget(legend)
        self.body.addWidget(self.general_error)
        self.body.addWidget(self.buttons)
        self.revalidate()

    def watch(self, name: str, signal: SignalInstance) -> None:
        """Re-check the form when `signal` fires, dropping the service's message on `name`."""

        def changed(*_args: object) -> None:
            self._touched.add(name)
            self._service_problems.pop(name, None)
            self.revalidate()

        signal.connect(changed)

    # --- checking ---
    def problems(self) -> dict[str, str]:
        """Field name → message for everything wrong with the form as typed."""
        return {}

    def revalidate(self) -> None:
        found = self.problems()
        shown = {
            **self._service_problems,
            **{
                n: m
                for n, m in found.items()
                if self._show_all or n in self._touched or n not in self._quiet
            },
        }
        for name, (label, target) in self._errors.items():
            show_message(label, target, shown.get(name))
        general = [m for n, m in self._service_problems.items() if n not in self._errors]
        show_message(self.general_error, None, "\n".join(general))
        blocking = [n for n in self._service_problems if n in self._errors]
        self.save_button.setEnabled(not found and not blocking)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show the service's messages next to their fields and keep the dialog open."""
        self._service_problems = dict(problems)
        self.revalidate()
        for name in problems:
            if name in self._fields:
                self._fields[name].setFocus()
                break

    def message_for(self, name: str) -> str:
        """The message shown under field `name` ('' if none)."""
        label, _target = self._errors[name]
        return "" if label.isHidden() else label.text()

    def _save(self) -> None:
        self._show_all = True
        self.revalidate()
        if self.save_button.isEnabled():
            self.accept()

    # --- opening and leaving ---
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._opened:
            return
        self._opened = True
        # Typing goes into the form, never to a button a Space would press.
        target = self.initial_focus or next(iter(self._fields.values()), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def has_changes(self) -> bool:
        """Whether the person typed or chose anything since the dialog opened."""
        return bool(self._touched)

    def reject(self) -> None:
        """Escape, Cancel or the close box: ask first when something was typed."""
        if self.has_changes() and not self.confirm_discard():
            return
        super().reject()

    def _ask_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("You typed into this form. Close it and lose what you typed?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard
