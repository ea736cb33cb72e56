"""What the user does to a follow-up from the Today view: sent, skip, snooze."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.core.followups import OPEN_STATUSES, Status
from desktop.storage.models import FollowUp
from desktop.storage.records import ValidationError


def _followup(session: Session, followup_id: int) -> FollowUp:
    fu = session.get(FollowUp, followup_id)
    if fu is None:
        raise ValidationError({"followup_id": "That follow-up no longer exists"})
    return fu


def mark_sent(session: Session, followup_id: int, at: datetime) -> int:
    """Mark a follow-up sent at `at`. Returns its application, for the rules to re-run."""
    if at.tzinfo is None:
        raise ValidationError({"sent_at": "The time must carry a time zone"})
    fu = _followup(session, followup_id)
    fu.status = Status.SENT.value
    fu.sent_at = at
    fu.snoozed_until = None
    return fu.application_id


def skip(session: Session, followup_id: int) -> int:
    fu = _followup(session, followup_id)
    fu.status = Status.SKIPPED.value
    return fu.application_id


def snooze(session: Session, followup_id: int, until: datetime) -> int:
    """Remind again at `until`, which must come after the follow-up's own reminder."""
    if until.tzinfo is None:
        raise ValidationError({"until": "The time must carry a time zone"})
    fu = _followup(session, followup_id)
    if Status(fu.status) not in OPEN_STATUSES:
        raise ValidationError({"followup_id": f"This follow-up is already {fu.status}"})
    if fu.remind_at is not None and until <= fu.remind_at:
        raise ValidationError({"until": "Snooze to a time after the reminder"})
    fu.snoozed_until = until
    return fu.application_id


@dataclass(frozen=True)
class FollowUpState:
    """What mark sent, skip and snooze change: kept so the user can take the change back."""

    followup_id: int
    status: str
    sent_at: datetime | None
    snoozed_until: datetime | None


def state_of(session: Session, followup_id: int) -> FollowUpState:
    fu = _followup(session, followup_id)
    return FollowUpState(fu.id, fu.status, fu.sent_at, fu.snoozed_until)


def restore_state(session: Session, state: FollowUpState) -> int:
    """Put a follow-up back as it was before an action; returns its application."""
    fu = _followup(session, state.followup_id)
    fu.status = state.status
    fu.sent_at = state.sent_at
    fu.snoozed_until = state.snoozed_until
    return fu.application_id
