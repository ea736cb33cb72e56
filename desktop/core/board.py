"""The pipeline board's rules: which column is next, and how urgent a card's next note is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from desktop.core.calendar import end_of_day, local_date, require_aware
from desktop.core.followups import APPLICATION_STATUSES

# A card's next follow-up is overdue, due by the end of today, due within SOON, or later.
SOON = timedelta(days=3)


def due_urgency(due_at: datetime | None, now: datetime, tz: tzinfo) -> str:
    """'overdue', 'today', 'soon', 'later', or '' when nothing is due."""
    if due_at is None:
        return ""
    require_aware(now, "now")
    if due_at <= now:
        return "overdue"
    if due_at <= end_of_day(local_date(now, tz), tz):
        return "today"
    return "soon" if due_at - now <= SOON else "later"


def neighbour_status(status: str, step: int, shown: Sequence[str]) -> str | None:
    """The column `step` places left (-1) or right (+1) of `status` among the `shown`
    ones, in the statuses' order; None at either end."""
    order = [s for s in APPLICATION_STATUSES if s in shown or s == status]
    if status not in order:
        return None
    index = order.index(status) + step
    while 0 <= index < len(order) and order[index] not in shown:
        index += step
    return order[index] if 0 <= index < len(order) else None
