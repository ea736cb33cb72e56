"""The outbox end to end: a real SMTP server on 127.0.0.1 that is down, then up."""

from __future__ import annotations

import email
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.compose.mail import build_message
from desktop.compose.mail_settings import load_account, save_account
from desktop.compose.outbox import deliver_pending, send_now
from desktop.compose.smtp import SmtpAccount
from desktop.storage import outbox
from desktop.storage.models import FollowUp
from desktop.storage.settings_store import load_mail
from tests.helpers.job_search_helpers import at, build, job_search
from tests.helpers.smtp_server import (
    PASSWORD,
    USER,
    client_context,
    free_port,
    make_certificate,
    smtp_server,
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass(frozen=True)
class Row:
    status: str
    sent_at: datetime | None


def _followup(store, followup_id: int) -> Row:
    with store.read() as s:
        fu = s.get_one(FollowUp, followup_id)
        return Row(fu.status, fu.sent_at)


def _thank_you_for_margaret(store) -> int:
    with store.read() as s:
        return s.scalars(
            select(FollowUp.id).where(FollowUp.kind == "thank_you", FollowUp.contact_id == 1)
        ).one()


def _note(to: str = "Margaret Hale <m@hale.law>", subject: str = "Thank you, Ms. Hale"):
    return build_message(
        sender="Ada Lovelace <ada@example.com>",
        to=to,
        subject=subject,
        body_text="Dear Ms. Hale,\n\nThank you for telling me about your clerkship.\n",
        body_html="<p>Dear Ms. Hale,</p><p>Thank you for telling me about your clerkship.</p>",
    )


def _account(port: int) -> SmtpAccount:
    return SmtpAccount("127.0.0.1", port, "starttls", USER, "ada@example.com", "Ada Lovelace")


def test_offline_the_note_waits_then_goes_when_the_server_is_up(workspace, certificate):
    cert, key = certificate
    store = workspace.store
    build(job_search(workspace))
    followup_id = _thank_you_for_margaret(store)
    port = free_port()  # nothing listens here yet: as good as offline
    clock = Clock(at(16, 12))

    outcome = send_now(
        store,
        _account(port),
        PASSWORD,
        followup_id,
        _note(),
        clock,
        ssl_context=client_context(cert),
        timeout=5,
    )
    assert outcome.state == "queued"
    assert outcome.message.startswith(f"Could not reach 127.0.0.1:{port} — you may be offline")
    assert outcome.message.endswith(
        "the note waits in the outbox and goes when the server can be reached"
    )
    assert (outcome.report.sent, outcome.report.waiting, outcome.report.failed) == (0, 1, [])
    [waiting] = outbox.pending(store)
    assert waiting.attempts == 1 and waiting.followup_id == followup_id
    assert _followup(store, followup_id) == Row("pending", None)

    asked: list[str] = []

    def password() -> str:
        asked.append("asked")
        return PASSWORD

    with smtp_server("starttls", cert, key, port=port) as (_port, inbox):
        report = deliver_pending(
            store, _account(port), password, clock, ssl_context=client_context(cert)
        )
        # Nothing left: a second round neither sends again nor asks for the password.
        again = deliver_pending(store, _account(port), password, clock)
    assert (report.sent, report.waiting, report.failed) == (1, 0, [])
    assert (again.sent, again.waiting) == (0, 0)
    assert asked == ["asked"]
    [received] = inbox.messages
    assert received.rcpt_tos == ["m@hale.law"]
    parsed = email.message_from_bytes(received.content, policy=policy.default)
    assert parsed["Subject"] == "Thank you, Ms. Hale"
    assert parsed.get_body(("plain",)) is not None and parsed.get_body(("html",)) is not None
    assert received.content.replace(b"\r\n", b"\n") == waiting.message.replace(b"\r\n", b"\n")

    row = _followup(store, followup_id)
    sent_item = outbox.item(store, waiting.id)
    assert row.status == "sent"
    assert row.sent_at == sent_item.sent_at
    assert at(16, 12) < row.sent_at <= clock.now
    assert outbox.pending(store) == []


def test_a_wrong_password_fails_the_note_and_keeps_it(workspace, certificate):
    cert, key = certificate
    store = workspace.store
    build(job_search(workspace))
    followup_id = _thank_you_for_margaret(store)
    clock = Clock(at(16, 12))
    with smtp_server("starttls", cert, key) as (port, inbox):
        first = send_now(
            store,
            _account(port),
            "wrong",
            followup_id,
            _note(),
            clock,
            ssl_context=client_context(cert),
        )
        assert first.state == "failed"
        assert first.message == (
            f"Not sent: The server refused the password for {USER} "
            "(535 5.7.8 Authentication credentials invalid); check it in Settings → Mail"
        )
        assert first.report.failed == [(first.outbox_id, first.message.removeprefix("Not sent: "))]
        assert _followup(store, followup_id).status == "pending"
        kept = outbox.item(store, first.outbox_id)
        assert kept.state == "failed" and b"Thank you for telling me" in kept.message

        outbox.requeue(store, first.outbox_id)
        report = deliver_pending(
            store, _account(port), lambda: PASSWORD, clock, ssl_context=client_context(cert)
        )
    assert report.sent_ids == (first.outbox_id,)
    assert len(inbox.messages) == 1
    assert _followup(store, followup_id).status == "sent"


def test_a_server_problem_leaves_the_rest_of_the_outbox_waiting(workspace, certificate):
    cert, _key = certificate
    store = workspace.store
    clock = Clock(at(16, 12))
    ids = [
        outbox.queue_message(store, None, to, "Hi", _note(to=to).as_bytes(), clock())
        for to in ("a@example.com", "b@example.com", "c@example.com")
    ]
    report = deliver_pending(
        store,
        _account(free_port()),
        lambda: PASSWORD,
        clock,
        ssl_context=client_context(cert),
        timeout=5,
    )
    assert (report.sent, report.waiting, report.failed) == (0, 3, [])
    assert "you may be offline" in report.waiting_reason
    # Only the first was tried: the others would have failed the same way.
    assert [outbox.item(store, i).attempts for i in ids] == [1, 0, 0]


def test_the_account_is_stored_without_the_password(workspace):
    store = workspace.store
    assert load_account(store) is None
    account = SmtpAccount("smtp.example.com", 465, "ssl", USER, "ada@example.com", "Ada")
    save_account(store, account)
    assert load_account(store) == account
    with store.read() as s:
        stored = load_mail(s)
    assert stored == account.to_dict() and "password" not in str(stored).lower()
    save_account(store, None)
    assert load_account(store) is None


def test_without_a_password_nothing_is_tried_and_nothing_is_lost(workspace):
    store = workspace.store
    build(job_search(workspace))
    followup_id = _thank_you_for_margaret(store)
    clock = Clock(at(16, 12))
    outcome = send_now(store, _account(free_port()), None, followup_id, _note(), clock)
    assert outcome.state == "queued"
    assert outcome.message == (
        f"No password for {USER}; the notes wait in the outbox until you send with the password"
    )
    [item] = outbox.pending(store)
    assert item.attempts == 0 and item.followup_id == followup_id
    assert _followup(store, followup_id).status == "pending"


def test_two_rounds_at_once_hand_each_note_to_the_server_once(workspace, certificate):
    """The composer's Send and the window's retry (or two windows) reading the outbox at
    the same moment: each note still goes exactly once."""
    import threading

    from desktop.storage.store import Store

    cert, key = certificate
    clock = Clock(at(16, 12))
    ids = [
        outbox.queue_message(workspace.store, None, to, "Hi", _note(to=to).as_bytes(), clock())
        for to in (f"person{n}@example.com" for n in range(6))
    ]
    reports = []
    barrier = threading.Barrier(2)
    with smtp_server("starttls", cert, key) as (port, inbox):

        def round_() -> None:
            store = Store(workspace.store.path)  # its own connections, as another process
            barrier.wait()
            context = client_context(cert)
            report = deliver_pending(
                store, _account(port), lambda: PASSWORD, clock, ssl_context=context
            )
            reports.append(report)
            store.engine.dispose()

        threads = [threading.Thread(target=round_) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    received = sorted(m.rcpt_tos[0] for m in inbox.messages)
    assert received == sorted(f"person{n}@example.com" for n in range(6))
    assert sorted(r.sent for r in reports) == [0, 6]
    assert all(outbox.item(workspace.store, i).state == "sent" for i in ids)


def test_a_background_round_stands_aside_while_another_sends(workspace):
    from filelock import FileLock

    clock = Clock(at(16, 12))
    outbox.queue_message(workspace.store, None, "a@example.com", "Hi", _note().as_bytes(), clock())
    path = workspace.store.path
    with FileLock(str(path.with_name(path.name + ".outbox.lock"))):
        report = deliver_pending(
            workspace.store, _account(free_port()), lambda: PASSWORD, clock, wait=0
        )
    assert (report.sent, report.waiting) == (0, 1)
    assert report.waiting_reason.startswith("the outbox is being sent already")
    assert [n.attempts for n in outbox.pending(workspace.store)] == [0]  # not even tried
