"""Sending notes through the outbox: queued first, then handed to the server.

A note is stored before the first attempt, so a crash mid-send loses nothing; a note
that could not go for a passing reason (offline, server busy) waits and goes on the next
delivery; one refused for good is marked failed with the reason, and its bytes are kept.
If the process dies after the server took a note but before that was recorded, the note
goes again on the next delivery: twice is better than never for a thank-you.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

from desktop.compose.mail import WIRE_POLICY
from desktop.compose.smtp import SendError, SmtpAccount, send

if TYPE_CHECKING:
    from desktop.storage.store import Store

WAITS = "the note waits in the outbox and goes when the server can be reached"


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery did: how many notes went, how many wait, which failed and why."""

    sent: int
    waiting: int
    failed: list[tuple[int, str]] = field(default_factory=list)
    waiting_reason: str = ""  # why the waiting ones wait (the last passing failure)
    sent_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SendOutcome:
    """What became of one note given to send_now."""

    outbox_id: int
    state: str  # "sent" | "queued" | "failed"
    message: str  # a sentence for the status bar
    report: DeliveryReport


def deliver_pending(
    store: Store,
    account: SmtpAccount,
    password_provider: Callable[[], str | None],
    now: Callable[[], datetime],
    *,
    timeout: float = 20,
    ssl_context: ssl.SSLContext | None = None,
    wait: float = 60,
) -> DeliveryReport:
    """Try to send every queued note, oldest first.

    The password is asked for (from the keyring, or from the person) only when there is
    something to send, and once per delivery. A problem with the server or the account
    (offline, password refused) stops the round: the notes not yet tried stay queued.

    One delivery at a time per database, across threads and processes (the composer's
    Send, the window's retries, `afterword`): a lock file is held for the round, so no
    note is handed to the server twice by two rounds that read the outbox together.
    The round waits up to `wait` seconds for another to end (0: give up at once).
    """
    from filelock import FileLock, Timeout

    from desktop.storage.outbox import pending

    lock = FileLock(str(store.path.with_name(store.path.name + ".outbox.lock")), mode=0o600)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        return DeliveryReport(
            sent=0,
            waiting=len(pending(store)),
            waiting_reason=f"the outbox is being sent already; {WAITS}",
        )
    try:
        return _deliver(store, account, password_provider, now, timeout, ssl_context)
    finally:
        lock.release()


NO_ACCOUNT = "no mail server is set up (Settings ▸ Mail in the window)"


def deliver_unattended(
    store: Store,
    now: Callable[[], datetime],
    *,
    wait: float,
    ssl_context: ssl.SSLContext | None = None,
) -> DeliveryReport | None:
    """A delivery round nobody is there to answer (the window's retry; `afterword outbox
    --send`, which the tray runs): it uses only a password the keyring holds and never
    asks. None when nothing waits; MailError, with a sentence to show, when the mail
    settings are missing or unusable."""
    from desktop.compose.mail import MailError
    from desktop.compose.mail_settings import load_account, stored_password
    from desktop.storage.outbox import pending

    if not pending(store):
        return None
    try:
        account = load_account(store)
    except MailError as exc:
        raise MailError(f"the mail settings are not usable: {exc}") from exc
    if account is None:
        raise MailError(NO_ACCOUNT)
    return deliver_pending(
        store, account, lambda: stored_password(account)[0], now,
        ssl_context=ssl_context, wait=wait,
    )  # fmt: skip


def _deliver(
    store: Store,
    account: SmtpAccount,
    password_provider: Callable[[], str | None],
    now: Callable[[], datetime],
    timeout: float,
    ssl_context: ssl.SSLContext | None,
) -> DeliveryReport:
    from desktop.storage.outbox import pending, record_failure, record_sent

    waiting_notes = pending(store)
    if not waiting_notes:
        return DeliveryReport(sent=0, waiting=0)
    password = password_provider() if account.username else None
    if account.username and password is None:
        # Asked and not given (no keyring, prompt cancelled): nothing was tried or lost.
        return DeliveryReport(
            sent=0,
            waiting=len(waiting_notes),
            waiting_reason=f"No password for {account.username}; the notes wait in the "
            "outbox until you send with the password",
        )
    sent_ids: list[int] = []
    failed: list[tuple[int, str]] = []
    waiting_reason = ""
    for position, note in enumerate(waiting_notes):
        try:
            send(account, password, note.message, timeout=timeout, ssl_context=ssl_context)
        except SendError as exc:
            if exc.temporary:
                reason = f"{exc.reason}; {WAITS}"
                waiting_reason = reason
            else:
                reason = exc.reason
                failed.append((note.id, reason))
            record_failure(store, note.id, reason, exc.temporary, now())
            if exc.whole_server:
                if not exc.temporary and position + 1 < len(waiting_notes):
                    waiting_reason = f"{exc.reason}; the other notes wait in the outbox"
                break
            continue
        record_sent(store, note.id, now())
        sent_ids.append(note.id)
    return DeliveryReport(
        sent=len(sent_ids),
        waiting=len(pending(store)),
        failed=failed,
        waiting_reason=waiting_reason,
        sent_ids=tuple(sent_ids),
    )


def send_now(
    store: Store,
    account: SmtpAccount,
    password: str | None,
    followup_id: int | None,
    message: EmailMessage,
    now: Callable[[], datetime],
    *,
    timeout: float = 20,
    ssl_context: ssl.SSLContext | None = None,
) -> SendOutcome:
    """Queue `message` for `followup_id`, then deliver the outbox (this note included).

    On success the follow-up is recorded as sent with the time the server took the note.
    """
    from desktop.storage.outbox import item, queue_message

    data = message.as_bytes(policy=WIRE_POLICY)
    outbox_id = queue_message(
        store,
        followup_id,
        str(message.get("To", "")),
        str(message.get("Subject", "")),
        data,
        now(),
    )
    report = deliver_pending(
        store, account, lambda: password, now, timeout=timeout, ssl_context=ssl_context
    )
    stored = item(store, outbox_id)
    state = stored.state if stored is not None else "sent"
    recipient = str(message.get("To", ""))
    if state == "sent":
        text = f"Sent to {recipient}"
    elif state == "failed":
        text = f"Not sent: {stored.last_error if stored else ''}"
    else:
        text = (stored.last_error if stored else "") or report.waiting_reason or f"Queued: {WAITS}"
    return SendOutcome(outbox_id=outbox_id, state=state, message=text, report=report)
