"""Dates and times as the window shows them: the words module's, in the locale's style.

Kept as the window's short names for them; the wording itself lives in desktop.core.wording
so the tray and the command line say the same.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from desktop.core.wording import day_text, due_phrase, moment_text

__all__ = ["day", "due_phrase", "when"]


def when(moment: datetime | None, tz: tzinfo) -> str:
    """'Sat 21 Nov 2026, 11:00' (or the locale's 'Sat, Nov 21, 2026, 11:00 AM')."""
    return moment_text(moment, tz)


def day(value: date | None) -> str:
    return "" if value is None else day_text(value)
