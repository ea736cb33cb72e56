"""The outbox: notes waiting for the mail server, stored before any attempt to send.

A note is written here first, so a crash, a power cut or a missing network never loses
it; it leaves the "queued" state only when the server took it ("sent") or refused it for
good ("failed", with the reason). The bytes are kept in every state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import select

from desktop.core.settings import RuleSettings
from desktop.storage.models import OutboxMessage
from desktop.storage.records import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.storage.store import Store

QUEUED, FAILED, SENT = "queued", "failed", "sent"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    followup_id: int | None
    recipient: str
    subject: str
    message: bytes
    queued_at: datetime
    attempts: int
    last_error: str
    last_attempt_at: datetime | None
    state: str  # "queued" | "failed" | "sent"
    sent_at: datetime | None


def _item(row: OutboxMessage) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        followup_id=row.followup_id,
        recipient=row.recipient,
        subject=row.subject,
        message=row.message,
        queued_at=row.queued_at,
        attempts=row.attempts,
        last_error=row.last_error,
        last_attempt_at=row.last_attempt_at,
        state=row.state,
        sent_at=row.sent_at,
    )


def _aware(at: datetime, field: str) -> None:
    if at.tzinfo is None:
        raise ValidationError({field: "The time must carry a time zone"})


def _row(session: Session, outbox_id: int) -> OutboxMessage:
    row = session.get(OutboxMessage, outbox_id)
    if row is None:
        raise ValidationError({"outbox_id": "That note is no longer in the outbox"})
    return row


def queue_message(
    store: Store,
    followup_id: int | None,
    recipient: str,
    subject: str,
    message: bytes,
    now: datetime,
) -> int:
    """Keep `message` (RFC 5322 bytes) in the outbox to be sent. Returns its outbox id."""
    _aware(now, "queued_at")
    if not recipient.strip():
        raise ValidationError({"recipient": "The note has no recipient"})
    if not message:
        raise ValidationError({"message": "The note is empty"})
    with store.write() as session:
        if followup_id is not None:
            from desktop.storage.models import FollowUp

            if session.get(FollowUp, followup_id) is None:
                raise ValidationError({"followup_id": "That follow-up no longer exists"})
        row = OutboxMessage(
            followup_id=followup_id,
            recipient=recipient.strip(),
            subject=subject,
            message=bytes(message),
            queued_at=now,
            attempts=0,
            last_error="",
            state=QUEUED,
        )
        session.add(row)
        session.flush()
        return row.id


def pending(store: Store) -> list[OutboxItem]:
    """The notes waiting to be sent, oldest first."""
    return items(store, (QUEUED,))


def items(store: Store, states: tuple[str, ...] = (QUEUED, FAILED)) -> list[OutboxItem]:
    """The outbox's notes in the given states, oldest first (for the outbox list)."""
    with store.read() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.state.in_(states))
            .order_by(OutboxMessage.queued_at, OutboxMessage.id)
        )
        return [_item(row) for row in rows]


def item(store: Store, outbox_id: int) -> OutboxItem | None:
    with store.read() as session:
        row = session.get(OutboxMessage, outbox_id)
        return None if row is None else _item(row)


def record_sent(
    store: Store,
    outbox_id: int,
    at: datetime,
    *,
    rules: RuleSettings | None = None,
    tz: tzinfo | None = None,
) -> None:
    """The server took the note: mark it sent, and its follow-up sent at `at`, together.

    The follow-up rules then run again for its application (a sent check-in brings the
    next one), with `rules` and `tz` if given, else those stored in the settings.
    """
    _aware(at, "sent_at")
    from desktop.storage import actions
    from desktop.storage.followups import refresh_followups
    from desktop.storage.models import FollowUp

    with store.write() as session:
        row = _row(session, outbox_id)
        row.state = SENT
        row.sent_at = at
        row.last_attempt_at = at
        row.attempts += 1
        row.last_error = ""
        if row.followup_id is not None and session.get(FollowUp, row.followup_id) is not None:
            application_id = actions.mark_sent(session, row.followup_id, at)
            if rules is None or tz is None:
                stored_rules, stored_tz = _stored_rules_and_zone(session)
                rules, tz = rules or stored_rules, tz or stored_tz
            refresh_followups(session, rules, tz, [application_id])


def record_failure(
    store: Store, outbox_id: int, reason: str, temporary: bool, at: datetime
) -> None:
    """An attempt failed: a temporary failure stays queued, any other is marked failed."""
    _aware(at, "last_attempt_at")
    with store.write() as session:
        row = _row(session, outbox_id)
        if row.state == SENT:
            return  # a late report of an earlier attempt; the note already went
        row.attempts += 1
        row.last_attempt_at = at
        row.last_error = reason
        row.state = QUEUED if temporary else FAILED


def requeue(store: Store, outbox_id: int) -> None:
    """Try a failed note again (after the user fixed the password or the address)."""
    with store.write() as session:
        row = _row(session, outbox_id)
        if row.state == FAILED:
            row.state = QUEUED


def discard(store: Store, outbox_id: int) -> None:
    """Take a note that has not gone out of the outbox."""
    with store.write() as session:
        row = _row(session, outbox_id)
        if row.state == SENT:
            raise ValidationError({"outbox_id": "That note was already sent"})
        session.delete(row)


def _stored_rules_and_zone(session: Session) -> tuple[RuleSettings, tzinfo]:
    """The rules and the user's zone as the window and the tray read them at start-up."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from desktop.storage.settings_store import load_profile, load_rules

    rules = load_rules(session)
    name = load_profile(session).timezone
    if name:
        try:
            return rules, ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # the settings dialog refuses unknown zones; an old file may have one
    import tzlocal

    return rules, tzlocal.get_localzone()
