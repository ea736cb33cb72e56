"""Dates and times in the user's locale and zone, and the words the views show."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, QLocale


def when(moment: datetime | None, tz: tzinfo) -> str:
    """'Sat 21 Nov 2026, 11:00' in the user's locale and zone."""
    if moment is None:
        return ""
    locale = QLocale.system()
    local = moment.astimezone(tz)
    day = QDate(local.year, local.month, local.day)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if locale.timeFormat(QLocale.FormatType.ShortFormat).lower().startswith("h:"):
        clock = local.strftime("%I:%M %p").lstrip("0")
    return f"{locale.toString(day, 'ddd d MMM yyyy')}, {clock}"


def day(value: date | None) -> str:
    if value is None:
        return ""
    return QLocale.system().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def due_phrase(due_at: datetime | None, now: datetime, tz: tzinfo) -> str:
    """'due in 3 hours', 'due tomorrow 11:00', '2 days overdue'."""
    if due_at is None:
        return "no deadline"
    delta = due_at - now
    seconds = delta.total_seconds()
    if seconds < 0:
        late = -seconds
        if late < 3600:
            return "overdue by minutes"
        if late < 86400:
            return f"{int(late // 3600)} h overdue"
        return f"{int(late // 86400)} day{'s' if late >= 172800 else ''} overdue"
    local_due = due_at.astimezone(tz)
    local_now = now.astimezone(tz)
    clock = f"{local_due.hour:02d}:{local_due.minute:02d}"
    if local_due.date() == local_now.date():
        return f"due today {clock}"
    if (local_due.date() - local_now.date()).days == 1:
        return f"due tomorrow {clock}"
    return f"due {when(due_at, tz)}"
