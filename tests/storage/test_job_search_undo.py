"""Delete with undo: everything a delete removes comes back exactly as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from desktop.interchange.document_export import export_document
from desktop.storage.models import Draft, FollowUp, NotificationLog
from desktop.storage.records import (
    ApplicationInput,
    CompanyInput,
    ContactInput,
    InterviewInput,
    ParticipantInput,
    ValidationError,
)
from tests.helpers.job_search_helpers import at, build, job_search


@pytest.fixture
def js(workspace):
    return job_search(workspace)


def exported(js):
    with js.store.read() as session:
        return export_document(session, js.tz)


def fts_rows(js):
    with js.store.read() as session:
        return session.execute(text("SELECT rowid, * FROM search_index ORDER BY rowid")).all()


def a_full_search(js):
    """Two companies; the first with applications, interviews, a panel, follow-ups in
    several states, a draft, a notification and a reply; a contact elsewhere who sat
    on one of its interviews."""
    s = build(js)
    other = js.save_company(CompanyInput(name="Byte", industry="software"))
    outsider = js.save_contact(ContactInput(name="Olive Out", company_id=other))
    second = js.save_application(
        ApplicationInput(company_id=s.company, role="Counsel", primary_contact_id=s.tom)
    )
    js.save_interview(
        InterviewInput(
            second,
            at(18, 9),
            at(18, 10),
            kind="video",
            participants=(ParticipantInput(outsider, talking_points="her move from Byte"),),
        )
    )
    js.save_application(ApplicationInput(company_id=other, role="Engineer"))
    first, *_ = js.today(at(16, 14))
    js.mark_sent(first.id, at(16, 15))
    js.record_reply(second, at(19, 9), "call next week")
    with js.store.write() as session:
        followup = session.scalars(select(FollowUp).where(FollowUp.status == "pending")).first()
        session.add(Draft(followup_id=followup.id, subject="Thank you", body_html="<p>Dear…</p>"))
        session.add(NotificationLog(followup_id=followup.id, remind_at=followup.remind_at))
    return s, other, outsider


def test_deleting_a_company_and_undoing_it_gives_back_the_same_document(js):
    s, _other, _outsider = a_full_search(js)
    before, index_before = exported(js), fts_rows(js)
    snapshot = js.delete_company(s.company)
    assert js.count_companies() == 1 and js.count_applications() == 1
    assert js.count_contacts() == 3  # its people stay, without a company
    assert js.contact(s.margaret).company_id is None
    assert {
        "companies",
        "applications",
        "interviews",
        "participants",
        "followups",
        "drafts",
        "replies",
        "notification_log",
    } <= set(snapshot.tables)
    assert ("contacts", s.margaret, "company_id", s.company) in snapshot.nulled
    assert {h.kind for h in js.search("Hale")} == {"contact"}  # Margaret, by her email
    js.restore(snapshot)
    assert exported(js) == before
    assert fts_rows(js) == index_before
    with js.store.read() as session:
        assert session.scalar(select(func.count()).select_from(NotificationLog)) == 1


@pytest.mark.parametrize("what", ["contact", "interview", "application"])
def test_every_delete_undoes_exactly(js, what):
    s, _other, _outsider = a_full_search(js)
    before = exported(js)
    delete = getattr(js, f"delete_{what}")
    snapshot = delete(
        {"contact": s.tom, "interview": s.interview, "application": s.application}[what]
    )
    assert exported(js) != before
    if what == "contact":  # Tom's thank-you is gone from Today with him
        assert "Tom Pierce" not in [i.contact for i in js.today(at(16, 14))]
    js.restore(snapshot)
    assert exported(js) == before


def test_deleting_what_is_already_gone_is_refused(js):
    with pytest.raises(ValidationError):
        js.delete_company(12345)
