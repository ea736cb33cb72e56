"""How commands print records: one line of text each, or JSON objects (ARCHITECTURE §4)."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, TypedDict

from desktop.core.i18n import _, ngettext

if TYPE_CHECKING:
    from desktop.compose.outbox import DeliveryReport
    from desktop.storage.outbox import OutboxItem
    from desktop.storage.records import DueItem


class DueJson(TypedDict):
    """One object of `due --json` (DESIGN §4); times are ISO 8601 with the user's offset."""

    id: int
    kind: str
    status: str
    contact: str | None
    company: str
    role: str
    channel: str | None
    remind_at: str | None
    due_at: str | None
    late_at: str | None
    overdue: bool
    late: bool
    application_id: int
    interview_id: int | None


class OutboxNoteJson(TypedDict):
    id: int
    state: str
    to: str
    subject: str
    followup_id: int | None
    queued_at: str | None
    attempts: int
    last_error: str | None
    sent_at: str | None


class RefusedNoteJson(OutboxNoteJson):
    reason: str


class OutboxJson(TypedDict):
    """What `outbox --json` prints, and what the tray reads after `outbox --send --json`."""

    sent: list[OutboxNoteJson]
    failed: list[RefusedNoteJson]
    waiting_reason: str
    outbox: list[OutboxNoteJson]


def iso(moment: datetime | None, tz: tzinfo) -> str | None:
    """A stored time in the user's zone, ISO 8601 with its offset (None stays None)."""
    return moment.astimezone(tz).isoformat() if moment else None


def due_json(item: DueItem, tz: tzinfo) -> DueJson:
    return {
        "id": item.id,
        "kind": item.kind,
        "status": item.status,
        "contact": item.contact,
        "company": item.company,
        "role": item.role,
        "channel": item.channel,
        "remind_at": iso(item.remind_at, tz),
        "due_at": iso(item.due_at, tz),
        "late_at": iso(item.late_at, tz),
        "overdue": item.overdue,
        "late": item.late,
        "application_id": item.application_id,
        "interview_id": item.interview_id,
    }


def json_text(value: object) -> str:
    """`value` as JSON text for a program to read, with a newline at the end.

    Compact on purpose: `indent` sends json through its pure-Python encoder, and
    `afterword due --json` on 14,000 follow-ups spent 1.2 s there; without it the C
    encoder writes the same list in a twentieth of the time. `jq .` shows it indented.
    """
    return json.dumps(value) + "\n"


def due_line(item: DueItem, tz: tzinfo, now: datetime) -> str:
    from desktop.core.wording import NO_DEADLINE, action_text, due_state, moment_text

    action = action_text(item.kind, item.contact, item.company, item.role)
    state = due_state(item.overdue, item.late)
    when = moment_text(item.due_at, tz, now=now) if item.due_at else NO_DEADLINE
    channel = f" [{item.channel}]" if item.channel else ""
    context = "" if item.kind == "move_on" else f" ({item.company}, {item.role})"
    return f"#{item.id:<5} {state:<7} {when}  {action}{context}{channel}"


def _outbox_note(entry: OutboxItem, tz: tzinfo) -> OutboxNoteJson:
    return {
        "id": entry.id,
        "state": entry.state,
        "to": entry.recipient,
        "subject": entry.subject,
        "followup_id": entry.followup_id,
        "queued_at": iso(entry.queued_at, tz),
        "attempts": entry.attempts,
        "last_error": entry.last_error,
        "sent_at": iso(entry.sent_at, tz),
    }


def outbox_json(
    listed: list[OutboxItem],
    sent: list[OutboxItem],
    failed: dict[int, str],
    report: DeliveryReport | None,
    tz: tzinfo,
) -> OutboxJson:
    return {
        "sent": [_outbox_note(e, tz) for e in sent],
        "failed": [
            RefusedNoteJson(**_outbox_note(e, tz), reason=failed[e.id])
            for e in listed
            if e.id in failed
        ],
        "waiting_reason": report.waiting_reason if report else "",
        "outbox": [_outbox_note(e, tz) for e in listed],
    }


def outbox_lines(
    listed: list[OutboxItem],
    sent: list[OutboxItem],
    failed: dict[int, str],
    report: DeliveryReport | None,
    tz: tzinfo,
) -> list[str]:
    from desktop.core.wording import moment_text

    lines = [
        _("Sent #{id} to {to}: {subject}").format(id=e.id, to=e.recipient, subject=e.subject)
        for e in sent
    ]
    lines += [
        _("Not sent #{id} to {to}: {why}").format(id=e.id, to=e.recipient, why=failed[e.id])
        for e in listed
        if e.id in failed
    ]
    if not listed:
        lines.append(
            _("The outbox is empty.") if report is None else _("Nothing waits in the outbox now.")
        )
        return lines
    for entry in listed:
        when = moment_text(entry.queued_at, tz, now=datetime.now(tz))
        tries = ngettext("{n} attempt", "{n} attempts", entry.attempts).format(n=entry.attempts)
        why = f": {entry.last_error}" if entry.last_error else ""
        lines.append(
            _("#{id:<4} {state:<7} {when}  to {to}  {subject}").format(
                id=entry.id, state=entry.state, when=when, to=entry.recipient, subject=entry.subject
            )
        )
        lines.append(f"      {tries}{why}")
    return lines
