"""The tray's Qt shell on a real database: one timer set to the next reminder, no polling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.platform.paths import resolve_paths
from desktop.tray.app import Reminders
from tests.helpers.tray_helpers import (
    Spoken,
    TrayClock,
    import_document,
    thank_you_document,
    this_morning,
)


def test_announces_what_is_due_once_and_sleeps_until_the_next_reminder(
    qtbot: QtBot, data_dir: Path
) -> None:
    # At 10:00, whatever the hour the test runs at: without quiet hours a pause lasts until
    # midnight, fourteen hours on, well past Tom's reminder and the hourly check.
    clock = TrayClock(this_morning(10))
    now = clock()
    people = [("Margaret Hale", -timedelta(minutes=5)), ("Tom Pierce", timedelta(minutes=30))]
    import_document(data_dir, thank_you_document(now, people))
    notify = shown = Spoken()
    first = Reminders(resolve_paths(data_dir), notify, now=clock)
    first.start()
    assert [title.split(" — ")[0] for title, _ in shown] == ["Thank Margaret Hale (Hale & Pierce)"]
    assert [item.contact for item in first.due] == ["Margaret Hale"]
    # Asleep until Tom's reminder (30 minutes, within the hourly safety check).
    assert 29 * 60_000 < first.next_wake_ms <= 30 * 60_000

    # A second tray on the same data, and a refresh of the first: nothing is repeated.
    second = Reminders(resolve_paths(data_dir), notify, now=clock)
    second.start()
    first.refresh()
    assert len(shown) == 1
    assert first.wakeups == 0 and second.wakeups == 0  # nothing fired on a timer

    # Paused until tomorrow: the timer waits for the morning, not for Tom.
    until = first.pause_until_tomorrow()
    assert first.paused
    assert first.next_wake_ms > 59 * 60_000  # the hourly check; Tom waits for the morning
    # The pause outlives the process: a restarted tray (and the other one) keep it.
    first.close()
    second.refresh()
    assert second.paused and second.paused_until == until
    restarted = Reminders(resolve_paths(data_dir), notify, now=clock)
    restarted.start()
    assert restarted.paused_until == until
    restarted.resume()
    second.refresh()
    assert not second.paused and second.paused_until is None
    restarted.close()
    second.close()


def test_a_pause_chosen_before_the_database_exists_is_kept_when_it_appears(
    qtbot: QtBot, data_dir: Path
) -> None:
    reminders = Reminders(resolve_paths(data_dir), Spoken())
    reminders.start()  # no database yet: the tray waits for it
    until = reminders.pause_until_tomorrow()
    import_document(data_dir, thank_you_document(datetime.now(UTC), [("Ann Lee", -timedelta(1))]))
    reminders.refresh()
    assert reminders.paused_until == until
    other = Reminders(resolve_paths(data_dir), Spoken())
    other.start()
    assert other.paused_until == until and other.due_count == 1
    other.close()
    reminders.close()
