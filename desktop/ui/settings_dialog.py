# Over 400 lines on purpose: one dialog and its table of rule fields; big pages live apart.
"""The Settings dialog: who the user is, the follow-up rules, quiet hours; later parts add pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QSignalBlocker, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import RuleSettings, SettingsError, UserProfile
from desktop.core.validation import own_emails, timezone_problem
from desktop.ui import theme
from desktop.ui.forms.base import zone_picker

# Field of RuleSettings -> (label, minimum, maximum, suffix). Hours are fractional.
_HOURS: dict[str, tuple[str, float, float]] = {
    "thank_you_remind_hours": ("Thank-you reminder after the interview", 0.0, 168.0),
    "thank_you_due_hours": ("Thank-you due after the interview", 1.0, 336.0),
    "thank_you_late_hours": ("Thank-you counts as late after", 1.0, 720.0),
}
_COUNTS: dict[str, tuple[str, int, int, str]] = {
    "default_interview_minutes": ("Interview length when no end is given", 5, 600, " min"),
    "check_in_business_days_after_promise": (
        "Check in after a promised date passes by",
        0,
        30,
        " business days",
    ),
    "check_in_days_without_promise": ("Check in when nothing was promised after", 1, 90, " days"),
    "second_check_in_days": ("Second check-in after the first by", 1, 60, " days"),
    "move_on_days": ("Suggest moving on after the last check-in by", 1, 90, " days"),
    "email_max_words": ("Longest email note", 20, 2000, " words"),
    "card_max_words": ("Longest card note", 10, 500, " words"),
    "max_exclamations": ("Most exclamation marks in a note", 0, 10, ""),
}
_LABELS = (
    {name: spec[0] for name, spec in _HOURS.items()}
    | {name: spec[0] for name, spec in _COUNTS.items()}
    | {
        "morning_reminder": "Morning reminder for date deadlines",
        "card_for_formal": "Handwritten card for formal companies",
        "quiet_start": "Quiet hours start",
        "spelling_variant": "English spelling",
        "quiet_end": "Quiet hours end",
    }
)


def _page() -> tuple[QWidget, QFormLayout]:
    """A page whose form sits at the top, controls at their natural width."""
    page = QWidget()
    outer = QVBoxLayout(page)
    outer.setContentsMargins(8, 0, 0, 0)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    outer.addLayout(form)
    outer.addStretch(1)
    return page, form


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


class SettingsDialog(QDialog):
    """Edit a UserProfile and RuleSettings; OK stays disabled while anything is invalid."""

    def __init__(
        self,
        parent: QWidget | None,
        profile: UserProfile,
        rules: RuleSettings,
        timezones: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        if timezones is None:
            import zoneinfo

            timezones = sorted(zoneinfo.available_timezones())
        self._timezones = set(timezones)

        self.pages = QListWidget()
        self.pages.setAccessibleName(self.tr("Settings pages"))
        self.pages.setFixedWidth(170)
        self.pages.setSpacing(3)
        self.stack = QStackedWidget()
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._page_problems: list[Callable[[], str | None]] = []

        self.problem_label = QLabel()
        self.problem_label.setAccessibleName(self.tr("Settings problem"))
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Save settings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Return saves, as in every other dialog of the window.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.add_page(self.tr("You"), self._build_you_page(profile, sorted(timezones)))
        self.add_page(self.tr("Follow-up rules"), self._build_rules_page())
        self.add_page(self.tr("Quiet hours"), self._build_quiet_page())
        self._set_rules(rules)
        self.pages.setCurrentRow(0)
        self.resize(660, 560)
        self._revalidate()

    # -- pages -------------------------------------------------------------

    def add_page(
        self, title: str, widget: QWidget, problem: Callable[[], str | None] | None = None
    ) -> None:
        """Append a page; it is listed on the left under `title`.

        `problem` says what is wrong on the page (None if nothing): it is shown like the
        other pages' problems and keeps OK disabled. A page with a `changed` signal has
        it re-checked whenever it emits.
        """
        self.pages.addItem(title)
        widget.setAccessibleName(self.tr("{title} settings").format(title=title))
        self.stack.addWidget(widget)
        if problem is not None:
            self._page_problems.append(problem)
            changed = getattr(widget, "changed", None)
            if changed is not None:
                changed.connect(self._revalidate)
            self._revalidate()

    def _build_you_page(self, profile: UserProfile, zones: list[str]) -> QWidget:
        page, form = _page()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit(profile.name)
        self.name_edit.setPlaceholderText(self.tr("Ada Lovelace"))
        self.signature_edit = QPlainTextEdit(profile.signature)
        self.signature_edit.setPlaceholderText(self.tr("Best regards,\nAda Lovelace\n+1 555 0100"))
        self.signature_edit.setTabChangesFocus(True)
        self.emails_edit = QPlainTextEdit("\n".join(profile.emails))
        self.emails_edit.setPlaceholderText(self.tr("ada@example.com\nada.lovelace@work.example"))
        self.emails_edit.setTabChangesFocus(True)
        self.address_edit = QPlainTextEdit(profile.mailing_address)
        self.address_edit.setPlaceholderText(self.tr("12 St James's Square\nLondon SW1Y 4JH"))
        self.address_edit.setTabChangesFocus(True)
        for edit, lines in (
            (self.signature_edit, 4),
            (self.emails_edit, 3),
            (self.address_edit, 4),
        ):
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.timezone_combo = zone_picker(self, zones, profile.timezone, "System time zone")

        rows = (
            ("Your name", self.name_edit, "&Name:"),
            ("Signature", self.signature_edit, "&Signature:"),
            ("Your email addresses, one per line", self.emails_edit, "&Email addresses:"),
            ("Mailing address for return addresses", self.address_edit, "&Mailing address:"),
            ("Time zone, empty for the system's", self.timezone_combo, "&Time zone:"),
        )
        for name, widget, label in rows:
            form.addRow(label, _named(widget, name))
        hint = QLabel(
            self.tr(
                "Your own addresses are never offered as recipients, and an imported "
                "invitation never takes you for an interviewer. "
                "Leave the time zone empty to follow the computer's."
            )
        )
        hint.setWordWrap(True)
        hint.setContentsMargins(0, 6, 0, 0)
        form.addRow(hint)
        self.name_edit.textChanged.connect(self._revalidate)
        self.emails_edit.textChanged.connect(self._revalidate)
        self.timezone_combo.currentTextChanged.connect(self._revalidate)
        return page

    def _build_rules_page(self) -> QWidget:
        page, form = _page()
        sections = {
            "thank_you_remind_hours": "Thank-you notes",
            "check_in_business_days_after_promise": "Check-ins",
            "email_max_words": "Proofreading",
        }
        self.rule_fields: dict[str, QWidget] = {}
        for name, (label, low, high) in _HOURS.items():
            spin = QDoubleSpinBox()
            spin.setRange(low, high)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" h")
            if name in sections:
                form.addRow(_heading(sections[name]))
            spin.valueChanged.connect(self._revalidate)
            self.rule_fields[name] = spin
            form.addRow(label + ":", _named(spin, label))
        self.card_check = QCheckBox(_LABELS["card_for_formal"])
        self.card_check.toggled.connect(self._revalidate)
        self.rule_fields["card_for_formal"] = self.card_check
        self.morning_edit = QTimeEdit()
        self.morning_edit.setDisplayFormat("HH:mm")
        self.morning_edit.timeChanged.connect(self._revalidate)
        self.rule_fields["morning_reminder"] = self.morning_edit
        for name, (label, low, high, suffix) in _COUNTS.items():
            count = QSpinBox()
            count.setRange(low, high)
            count.setSuffix(suffix)
            if name in sections:
                form.addRow(_heading(sections[name]))
            count.valueChanged.connect(self._revalidate)
            self.rule_fields[name] = count
            form.addRow(label + ":", _named(count, label))
            if name == "default_interview_minutes":
                form.addRow(_named(self.card_check, _LABELS["card_for_formal"]))
            if name == "move_on_days":
                morning = _LABELS["morning_reminder"]
                form.addRow(morning + ":", _named(self.morning_edit, morning))
        from desktop.compose.spelling import VARIANTS

        self.spelling_combo = QComboBox()
        for code, words in VARIANTS.items():
            self.spelling_combo.addItem(
                self.tr("{words} ({code})").format(words=words, code=code), code
            )
        self.spelling_combo.currentIndexChanged.connect(self._revalidate)
        self.rule_fields["spelling_variant"] = self.spelling_combo
        spelling = "English spelling"
        form.addRow(spelling + ":", _named(self.spelling_combo, spelling))
        self.restore_button = QPushButton(self.tr("&Restore defaults"))
        self.restore_button.setAccessibleName(self.tr("Restore default follow-up rules"))
        self.restore_button.clicked.connect(self.restore_defaults)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        form.addRow(restore_row)
        for widget in self.rule_fields.values():
            if not isinstance(widget, QCheckBox):
                widget.setMinimumWidth(150)
        return page

    def _build_quiet_page(self) -> QWidget:
        page, form = _page()
        self.quiet_start_edit = QTimeEdit()
        self.quiet_end_edit = QTimeEdit()
        for edit, name, label in (
            (self.quiet_start_edit, "quiet_start", "&Start:"),
            (self.quiet_end_edit, "quiet_end", "&End:"),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self._revalidate)
            self.rule_fields[name] = edit
            form.addRow(label, _named(edit, _LABELS[name]))
        self.quiet_explanation = QLabel()
        self.quiet_explanation.setAccessibleName(self.tr("What quiet hours mean"))
        self.quiet_explanation.setWordWrap(True)
        form.addRow(self.quiet_explanation)
        return page

    # -- values ------------------------------------------------------------

    def restore_defaults(self) -> None:
        """Put every follow-up rule and quiet hour back to the etiquette defaults."""
        self._set_rules(RuleSettings())

    def _set_rules(self, rules: RuleSettings) -> None:
        blockers = [QSignalBlocker(w) for w in self.rule_fields.values()]
        for name, widget in self.rule_fields.items():
            value = getattr(rules, name)
            if isinstance(widget, QTimeEdit):
                widget.setTime(_qtime(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.setValue(value)
        del blockers
        self._revalidate()

    def _rules(self) -> RuleSettings:
        kwargs: dict[str, object] = {}
        for name, widget in self.rule_fields.items():
            if isinstance(widget, QTimeEdit):
                kwargs[name] = _pytime(widget.time())
            elif isinstance(widget, QComboBox):
                kwargs[name] = str(widget.currentData())
            elif isinstance(widget, QCheckBox):
                kwargs[name] = widget.isChecked()
            elif isinstance(widget, QDoubleSpinBox):
                kwargs[name] = float(widget.value())
            elif isinstance(widget, QSpinBox):
                kwargs[name] = int(widget.value())
        return dataclasses.replace(RuleSettings(), **kwargs)  # type: ignore[arg-type]

    def _emails(self) -> tuple[list[str], str | None]:
        return own_emails(self.emails_edit.toPlainText())

    def problem(self) -> str | None:
        """What is wrong with the current input, in words a person can act on; None if fine."""
        _, email_error = self._emails()
        if email_error:
            return email_error
        if zone_error := timezone_problem(self.timezone_combo.currentText(), self._timezones):
            return zone_error
        try:
            self._rules().validate()
        except SettingsError as exc:
            field, sep, text = str(exc).partition(": ")
            return f"{_LABELS.get(field, field)}: {text}" if sep else str(exc)
        for page_problem in self._page_problems:
            found = page_problem()
            if found:
                return found
        return None

    def values(self) -> tuple[UserProfile, RuleSettings]:
        """The edited profile and rules; SettingsError if the input is not valid."""
        problem = self.problem()
        if problem:
            raise SettingsError(problem)
        emails, _ = self._emails()
        profile = UserProfile(
            name=self.name_edit.text().strip(),
            signature=self.signature_edit.toPlainText().rstrip(),
            emails=tuple(emails),
            mailing_address=self.address_edit.toPlainText().strip(),
            timezone=self.timezone_combo.currentText().strip(),
        )
        return profile, self._rules()

    def _revalidate(self) -> None:
        if not hasattr(self, "quiet_explanation"):
            return  # still building the pages
        self._explain_quiet_hours()
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(bool(problem))
        self.ok_button.setEnabled(problem is None)

    def _explain_quiet_hours(self) -> None:
        start, end = self.quiet_start_edit.time(), self.quiet_end_edit.time()
        s, e = start.toString("HH:mm"), end.toString("HH:mm")
        if start == end:
            text = "Quiet hours are off: reminders may arrive at any time of day."
        elif start > end:
            text = (
                f"No reminders from {s} in the evening until {e} the next morning. "
                "Quiet hours wrap past midnight when the end is earlier than the start; "
                "a reminder that falls inside waits until they end."
            )
        else:
            text = (
                f"No reminders between {s} and {e} on the same day; "
                "a reminder that falls inside waits until they end. "
                "To stay quiet overnight, choose an end earlier than the start."
            )
        self.quiet_explanation.setText(text)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()
