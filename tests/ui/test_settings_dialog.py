"""The Settings dialog, driven through its real widgets."""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.settings import RuleSettings, SettingsError, UserProfile
from desktop.ui.settings_dialog import SettingsDialog

ZONES = ["America/New_York", "Europe/Berlin", "UTC"]


@pytest.fixture
def dialog(qtbot):
    profile = UserProfile(
        name="Ada Lovelace",
        signature="Best,\nAda",
        emails=("ada@example.com",),
        mailing_address="1 Main St\nBoston, MA",
        timezone="Europe/Berlin",
    )
    d = SettingsDialog(None, profile, RuleSettings(), timezones=ZONES)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_starts_with_the_given_values(dialog):
    profile, rules = dialog.values()
    assert profile.name == "Ada Lovelace"
    assert profile.emails == ("ada@example.com",)
    assert profile.signature == "Best,\nAda"
    assert profile.timezone == "Europe/Berlin"
    assert rules == RuleSettings()
    assert dialog.ok_button.isEnabled()
    assert [dialog.pages.item(i).text() for i in range(dialog.pages.count())] == [
        "You",
        "Follow-up rules",
        "Quiet hours",
    ]


def test_edited_values_come_back(qtbot, dialog):
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  Grace Hopper ")
    dialog.emails_edit.setPlainText(
        "grace@example.com\n\n  g.hopper@navy.example \nGRACE@example.com"
    )
    dialog.timezone_combo.setCurrentText("UTC")
    dialog.pages.setCurrentRow(1)
    dialog.rule_fields["thank_you_due_hours"].setValue(12)
    dialog.rule_fields["move_on_days"].setValue(10)
    dialog.card_check.setChecked(False)
    dialog.morning_edit.setTime(QTime(8, 30))
    dialog.pages.setCurrentRow(2)
    assert dialog.stack.currentIndex() == 2
    dialog.quiet_start_edit.setTime(QTime(22, 0))
    dialog.quiet_end_edit.setTime(QTime(7, 0))
    assert "the next morning" in dialog.quiet_explanation.text()
    profile, rules = dialog.values()
    assert profile.name == "Grace Hopper"
    assert profile.emails == ("grace@example.com", "g.hopper@navy.example")
    assert profile.timezone == "UTC"
    assert rules.thank_you_due_hours == 12.0
    assert rules.move_on_days == 10
    assert rules.card_for_formal is False
    assert rules.morning_reminder == time(8, 30)
    assert (rules.quiet_start, rules.quiet_end) == (time(22), time(7))


def test_an_empty_time_zone_means_the_system_one(dialog):
    dialog.timezone_combo.setCurrentText("")
    assert dialog.values()[0].timezone == ""
    assert dialog.ok_button.isEnabled()


def test_an_invalid_email_disables_ok_with_a_message(qtbot, dialog):
    dialog.emails_edit.setPlainText("ada@example.com\nnot-an-address")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.isVisible()
    assert "'not-an-address' is not an email address" in dialog.problem_label.text()
    with pytest.raises(SettingsError):
        dialog.values()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    dialog.emails_edit.setPlainText("ada@example.com")
    assert dialog.ok_button.isEnabled()
    assert not dialog.problem_label.isVisible()


def test_an_unknown_time_zone_disables_ok(dialog):
    dialog.timezone_combo.setCurrentText("Mars/Olympus_Mons")
    assert not dialog.ok_button.isEnabled()
    assert "Unknown time zone 'Mars/Olympus_Mons'" in dialog.problem_label.text()


def test_rules_that_make_no_sense_are_explained(dialog):
    dialog.rule_fields["thank_you_remind_hours"].setValue(30)  # after the 24 h deadline
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.text().startswith("Thank-you reminder after the interview: must be")
    dialog.rule_fields["thank_you_remind_hours"].setValue(2)
    dialog.rule_fields["thank_you_late_hours"].setValue(10)
    assert "Thank-you counts as late after: must not be before" in dialog.problem_label.text()


def test_restore_defaults(qtbot, dialog):
    dialog.pages.setCurrentRow(1)
    dialog.rule_fields["email_max_words"].setValue(500)
    dialog.rule_fields["thank_you_remind_hours"].setValue(30)
    dialog.quiet_start_edit.setTime(QTime(23, 0))
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.values()[1] == RuleSettings()
    assert dialog.ok_button.isEnabled()


def test_later_parts_add_pages(dialog):
    page = QWidget()
    dialog.add_page("Mail server", page)
    dialog.pages.setCurrentRow(3)
    assert dialog.stack.currentWidget() is page
    assert page.accessibleName() == "Mail server settings"


def test_every_control_has_an_accessible_name(dialog):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )

    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit)
    unnamed = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, kinds)
        and not w.accessibleName()
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)))
    ]
    assert unnamed == []
    assert dialog.findChildren(QLabel)


def test_screenshots_of_each_page(dialog, tmp_path):
    """Set AFTERWORD_SCREENSHOTS=DIR to keep them for a look."""
    shots = Path(os.environ.get("AFTERWORD_SCREENSHOTS") or tmp_path) / "settings"
    shots.mkdir(parents=True, exist_ok=True)
    for row, slug in enumerate(("you", "rules", "quiet")):
        dialog.pages.setCurrentRow(row)
        path = shots / f"{slug}.png"
        assert dialog.grab().save(str(path))
        assert path.stat().st_size > 3_000
    dialog.pages.setCurrentRow(0)
    dialog.emails_edit.setPlainText("ada@example")
    assert dialog.grab().save(str(shots / "invalid.png"))
