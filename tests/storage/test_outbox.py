"""The outbox table: notes kept until the server takes them, and sent recorded with the follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from desktop.storage import outbox
from desktop.storage.models import FollowUp
from desktop.storage.records import ValidationError
from desktop.storage.settings_store import load_mail, save_mail
from tests.helpers.job_search_helpers import at, build, job_search

NOTE = b"From: a@example.com\r\nTo: m@hale.law\r\nSubject: Hi\r\n\r\nThank you.\r\n"


@pytest.fixture
def search(workspace):
    js = job_search(workspace)
    return js, build(js)


@dataclass(frozen=True)
class Row:
    id: int
    status: str
    sent_at: datetime | None


def _followups(store) -> dict[str, Row]:
    with store.read() as s:
        return {
            f"{f.kind}:{f.contact_id}": Row(f.id, f.status, f.sent_at)
            for f in s.scalars(select(FollowUp))
        }


def test_a_queued_note_is_kept_byte_for_byte(workspace, search):
    store = workspace.store
    fu = _followups(store)["thank_you:1"]
    outbox_id = outbox.queue_message(store, fu.id, " m@hale.law ", "Hi", NOTE, at(16, 12))
    [item] = outbox.pending(store)
    assert item.id == outbox_id
    assert (item.followup_id, item.recipient, item.subject) == (fu.id, "m@hale.law", "Hi")
    assert item.message == NOTE
    assert (item.state, item.attempts, item.last_error) == ("queued", 0, "")
    assert item.queued_at == at(16, 12)


def test_a_temporary_failure_waits_and_a_permanent_one_is_marked_failed(workspace, search):
    store = workspace.store
    first = outbox.queue_message(store, None, "m@hale.law", "Hi", NOTE, at(16, 12))
    second = outbox.queue_message(store, None, "t@hale.law", "Hi", NOTE, at(16, 12, 1))
    outbox.record_failure(store, first, "Could not reach smtp:587", True, at(16, 12, 5))
    outbox.record_failure(store, second, "The server refused the recipient", False, at(16, 12, 5))
    assert [i.id for i in outbox.pending(store)] == [first]
    failed = outbox.item(store, second)
    assert failed is not None
    assert (failed.state, failed.attempts, failed.last_error) == (
        "failed",
        1,
        "The server refused the recipient",
    )
    assert failed.message == NOTE, "a refused note keeps its text"
    assert outbox.item(store, first).last_attempt_at == at(16, 12, 5)
    assert [i.id for i in outbox.items(store)] == [first, second]
    outbox.requeue(store, second)
    assert [i.id for i in outbox.pending(store)] == [first, second]


def test_sent_marks_the_follow_up_sent_and_the_rules_run_again(workspace, search):
    store = workspace.store
    check_in = _followups(store)["check_in:1"]
    assert check_in.status == "pending"
    assert "second_check_in:1" not in _followups(store)
    outbox_id = outbox.queue_message(store, check_in.id, "m@hale.law", "Hi", NOTE, at(23, 9))
    outbox.record_sent(store, outbox_id, at(23, 9, 1))
    after = _followups(store)
    assert after["check_in:1"].status == "sent"
    assert after["check_in:1"].sent_at == at(23, 9, 1)
    # A sent check-in brings the second one (ARCHITECTURE §1), computed from the stored rules.
    assert after["second_check_in:1"].status == "pending"
    item = outbox.item(store, outbox_id)
    assert (item.state, item.sent_at, item.attempts) == ("sent", at(23, 9, 1), 1)
    assert outbox.pending(store) == []
    # A late failure report for a note that went changes nothing.
    outbox.record_failure(store, outbox_id, "timeout", True, at(23, 9, 2))
    assert outbox.item(store, outbox_id).state == "sent"


def test_a_sent_note_without_a_follow_up_or_whose_follow_up_is_gone(workspace, search):
    js, s = search
    store = workspace.store
    fu = _followups(store)["thank_you:2"]
    loose = outbox.queue_message(store, None, "x@example.com", "Hi", NOTE, at(16, 12))
    outbox.record_sent(store, loose, at(16, 12, 1))
    assert outbox.item(store, loose).state == "sent"
    queued = outbox.queue_message(store, fu.id, "t@hale.law", "Hi", NOTE, at(16, 12))
    snapshot = js.delete_application(s.application)
    assert outbox.item(store, queued) is None, "deleting the application takes its notes"
    js.restore(snapshot)
    back = outbox.item(store, queued)
    assert back is not None and back.message == NOTE, "undo brings the queued note back whole"
    assert back.state == "queued"


def test_bad_input_is_refused_with_the_field(workspace, search):
    store = workspace.store
    with pytest.raises(ValidationError) as caught:
        outbox.queue_message(store, None, " ", "Hi", NOTE, at(16))
    assert caught.value.problems == {"recipient": "The note has no recipient"}
    with pytest.raises(ValidationError, match="queued_at"):
        outbox.queue_message(store, None, "m@hale.law", "Hi", NOTE, datetime(2026, 11, 16))
    with pytest.raises(ValidationError, match="That follow-up no longer exists"):
        outbox.queue_message(store, 999, "m@hale.law", "Hi", NOTE, at(16))
    with pytest.raises(ValidationError, match="no longer in the outbox"):
        outbox.record_sent(store, 999, datetime.now(UTC))
    assert outbox.pending(store) == []


def test_discarding_a_note_that_did_not_go(workspace, search):
    store = workspace.store
    note = outbox.queue_message(store, None, "m@hale.law", "Hi", NOTE, at(16))
    outbox.discard(store, note)
    assert outbox.item(store, note) is None
    sent = outbox.queue_message(store, None, "m@hale.law", "Hi", NOTE, at(16))
    outbox.record_sent(store, sent, at(16, 11))
    with pytest.raises(ValidationError, match="already sent"):
        outbox.discard(store, sent)


def test_mail_settings_are_stored_but_a_password_never_is(workspace):
    store = workspace.store
    account = {"host": "smtp.example.com", "port": 587, "username": "ada"}
    with store.write() as s:
        assert load_mail(s) is None
        save_mail(s, account)
    with store.read() as s:
        assert load_mail(s) == account
    with store.write() as s, pytest.raises(ValueError, match="keyring"):
        save_mail(s, {**account, "password": "hunter2"})
    with store.write() as s:
        save_mail(s, None)
    with store.read() as s:
        assert load_mail(s) is None
