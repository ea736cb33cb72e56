"""The services the window calls, on a real database file: what a user would notice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

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


def kinds(items):
    return sorted((item.kind, item.contact) for item in items)


def test_an_interview_with_two_interviewers_brings_two_thank_yous_in_today(js):
    s = build(js)
    assert js.today(at(16, 12)) == []  # the reminder comes two hours after the end
    due = js.today(at(16, 14))
    assert kinds(due) == [("thank_you", "Margaret Hale"), ("thank_you", "Tom Pierce")]
    assert {item.interview_id for item in due} == {s.interview}
    assert {item.interview_starts_at for item in due} == {at(16, 10)}
    assert {item.channel for item in due} == {"card"}  # a law firm: formal, so a card
    assert len(js.today(at(16, 14), limit=1)) == 1


def test_company_formality_is_suggested_from_the_industry_unless_given(js):
    law = js.save_company(CompanyInput(name="Hale", industry="Corporate law", formality=""))
    code = js.save_company(CompanyInput(name="Byte", industry="software", formality=""))
    chosen = js.save_company(CompanyInput(name="Bank", industry="banking", formality="casual"))
    assert [js.company(i).formality for i in (law, code, chosen)] == ["formal", "casual", "casual"]


def test_marking_a_thank_you_sent_takes_it_off_today_and_a_sent_check_in_brings_the_second(js):
    s = build(js)
    first = js.today(at(16, 14))[0]
    js.mark_sent(first.id, at(16, 15))
    assert len(js.today(at(16, 16))) == 1
    check_in = [i for i in js.today(at(23, 10)) if i.kind == "check_in"]
    assert len(check_in) == 1 and check_in[0].application_id == s.application
    js.mark_sent(check_in[0].id, at(23, 11))
    later = [i.kind for i in js.today(at(27, 10))]
    assert "second_check_in" in later and "check_in" not in later


def test_recording_a_reply_ends_the_check_in_chain(js):
    s = build(js)
    assert "check_in" in [i.kind for i in js.today(at(23, 10))]
    reply = js.record_reply(s.application, at(20, 9), "invited to round three")
    assert "check_in" not in [i.kind for i in js.today(at(30, 10))]
    assert [(r.id, r.note) for r in js.replies(s.application)] == [
        (reply.reply_id, "invited to round three")
    ]


def test_a_reply_outcome_sets_the_status_and_undo_gives_it_back(js):
    s = build(js)
    js.save_application(
        ApplicationInput(
            company_id=js.application(s.application).company_id,
            role="Associate",
            status="no_response",
            closed_on=at(19, 9).date(),
        ),
        s.application,
    )
    recorded = js.record_reply(s.application, at(20, 9), "second round Tuesday", "next_round")
    after = js.application(s.application)
    assert (after.status, after.closed_on) == ("interviewing", None)
    assert (after.last_reply_outcome, after.last_reply_at) == ("next_round", at(20, 9))
    interview = js.interviews(upcoming=None)[0]
    assert (interview.reply_outcome, interview.reply_at) == ("next_round", at(20, 9))

    js.undo_reply(recorded)
    back = js.application(s.application)
    assert (back.status, back.closed_on) == ("no_response", at(19, 9).date())
    assert js.replies(s.application) == []
    assert js.interviews(upcoming=None)[0].reply_outcome == ""

    rejected = js.record_reply(s.application, at(21, 9), "", "rejection")
    closed = js.application(s.application)
    assert (closed.status, closed.closed_on) == ("rejected", at(21, 9).date())
    assert rejected.status_before == "no_response"


def test_skip_and_snooze(js):
    build(js)
    first, second = js.today(at(16, 14))
    js.skip(first.id)
    with pytest.raises(ValidationError) as caught:
        js.snooze(second.id, at(16, 12))  # before the reminder
    assert "until" in caught.value.problems
    js.snooze(second.id, at(17, 9))
    assert js.today(at(16, 18)) == []
    assert [i.id for i in js.today(at(17, 9, 30))] == [second.id]


def test_the_move_on_point_suggests_closing_and_closing_cancels_the_chain(js):
    s = build(js)
    for day in (23, 26):  # send the check-in, then the second one, as each comes due
        item = next(i for i in js.today(at(day + 1, 10)) if "check_in" in i.kind)
        js.mark_sent(item.id, at(day + 1, 11))
    js.clock = lambda: at(20, 10)
    assert js.application(s.application).suggest_close is False
    js.clock = lambda: date_time_far()
    record = js.application(s.application)
    assert record.suggest_close is True
    assert "move_on" in [i.kind for i in js.today(date_time_far())]
    js.close_application(s.application, on=date(2026, 12, 10))
    record = js.application(s.application)
    assert (record.status, record.closed_on, record.suggest_close) == (
        "no_response",
        date(2026, 12, 10),
        False,
    )
    assert not [
        i
        for i in js.today(date_time_far())
        if i.application_id == s.application
        and i.kind in ("check_in", "second_check_in", "move_on")
    ]


def date_time_far():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("America/New_York"))


def test_invalid_input_names_the_fields_and_writes_nothing(js):
    s = build(js)
    with pytest.raises(ValidationError) as caught:
        js.save_company(CompanyInput(name="  ", formality="shouty"))
    assert set(caught.value.problems) == {"name", "formality"}
    with pytest.raises(ValidationError) as caught:
        js.save_contact(ContactInput(name="X", email="not-an-email", company_id=999))
    assert set(caught.value.problems) == {"email", "company_id"}
    with pytest.raises(ValidationError) as caught:
        js.save_application(ApplicationInput(company_id=999, role="", status="hopeful"))
    assert set(caught.value.problems) == {"company_id", "role", "status"}
    with pytest.raises(ValidationError) as caught:
        js.save_interview(
            InterviewInput(
                application_id=s.application,
                starts_at=at(16, 10),
                ends_at=at(16, 9),
                kind="duel",
                promised_response_by=date(2026, 11, 1),
                participants=(ParticipantInput(s.tom), ParticipantInput(s.tom)),
            )
        )
    assert set(caught.value.problems) == {"ends_at", "kind", "promised_response_by", "participants"}
    with pytest.raises(ValidationError, match="no longer exist"):
        js.save_interview(
            InterviewInput(s.application, at(16, 10), participants=(ParticipantInput(4242),))
        )
    assert js.count_companies() == 1 and js.count_contacts() == 2
    assert js.count_applications() == 1 and js.count_interviews() == 1


def test_saving_an_interview_replaces_its_panel_in_order_with_talking_points(js):
    s = build(js)
    ana = js.save_contact(ContactInput(name="Ana Ruiz"))
    before = js.interview(s.interview)
    js.save_interview(
        InterviewInput(
            application_id=s.application,
            starts_at=before.starts_at,
            ends_at=before.ends_at,
            kind="onsite",
            participants=(
                ParticipantInput(ana, talking_points="the Lisbon office"),
                ParticipantInput(s.margaret, talking_points="her clerkship story"),
            ),
        ),
        s.interview,
    )
    after = js.interview(s.interview)
    assert [(p.name, p.talking_points) for p in after.participants] == [
        ("Ana Ruiz", "the Lisbon office"),
        ("Margaret Hale", "her clerkship story"),
    ]
    due = [i for i in js.today(at(16, 14)) if i.kind == "thank_you"]
    assert sorted(i.contact for i in due) == ["Ana Ruiz", "Margaret Hale"]


def test_lists_are_paged_filtered_and_in_a_stable_order(js):
    s = build(js)
    for name in ("zoe Adams", "Émile Zola", "adam Young", "Bea Smith"):
        js.save_contact(ContactInput(name=name, email=f"{name.split()[0].lower()}@x.org"))
    names = [c.name for c in js.contacts(limit=100)]
    assert names == [c.name for c in js.contacts(limit=100)]  # read again: same order
    assert names[:3] == ["adam Young", "Bea Smith", "Margaret Hale"]
    assert [c.name for c in js.contacts(offset=2, limit=2)] == names[2:4]
    assert js.count_contacts() == 6
    assert js.count_contacts("HALE") == 2  # Margaret's name, and Tom's company
    assert {c.name for c in js.contacts(text="hale")} == {"Margaret Hale", "Tom Pierce"}
    assert [c.name for c in js.contacts(text="partner")] == ["Margaret Hale"]
    assert js.count_contacts("100%_") == 0  # LIKE wildcards are searched as text
    assert js.contact(s.tom).company == "Hale & Pierce LLP"
    company = js.company(s.company)
    assert (company.contacts, company.applications) == (2, 1)
    assert js.count_companies("pierce") == 1 and js.companies(text="nothing") == []


def test_applications_show_their_figures_and_most_recent_activity_comes_first(js):
    s = build(js)
    other = js.save_company(CompanyInput(name="Byte", industry="software"))
    quiet = js.save_application(ApplicationInput(company_id=other, role="Engineer"))
    records = js.applications()
    assert records[0].id == quiet  # created just now
    busy = js.application(s.application)
    assert (busy.interviews, busy.last_interview_at) == (1, at(16, 10))
    assert busy.next_due_at is not None and busy.company == "Hale & Pierce LLP"
    assert js.count_applications("interviewing") == 1
    assert [r.id for r in js.applications(status="applied")] == [quiet]
    assert js.count_applications() == 2


def test_interviews_upcoming_soonest_first_and_past_latest_first(js):
    s = build(js)
    for day in (18, 25, 12):
        js.save_interview(InterviewInput(s.application, at(day, 9), kind="video"))
    now = at(17, 0)
    assert [i.starts_at.day for i in js.interviews(upcoming=True, now=now)] == [18, 25]
    assert [i.starts_at.day for i in js.interviews(upcoming=False, now=now)] == [16, 12]
    assert js.count_interviews(upcoming=True, now=now) == 2
    assert js.count_interviews() == 4
    assert js.interview(s.interview).participants[0].name == "Margaret Hale"


def test_a_changed_company_formality_reaches_only_new_thank_yous(js):
    s = build(js)
    js.save_company(
        CompanyInput(name="Hale & Pierce LLP", industry="law", formality="casual"), s.company
    )
    assert {i.channel for i in js.today(at(16, 14))} == {"card"}  # already planned
    ana = js.save_contact(ContactInput(name="Ana Ruiz"))
    js.save_interview(
        InterviewInput(s.application, at(17, 10), at(17, 11), participants=(ParticipantInput(ana),))
    )
    new = [i for i in js.today(at(17, 14)) if i.contact == "Ana Ruiz"]
    assert [i.channel for i in new] == ["email"]


def test_inputs_are_frozen_records_the_forms_can_copy(js):
    base = CompanyInput(name="A")
    assert replace(base, name="B").name == "B"


def test_a_salutation_typed_into_the_name_moves_to_its_field_and_contacts_sort_by_name(js):
    chu = js.save_contact(ContactInput(name="Dr. Alan Chu"))
    js.save_contact(ContactInput(name="Bea van der Berg", salutation="Ms."))
    js.save_contact(ContactInput(name="Carla Diaz", salutation="Prof.", surname="Díaz Ortega"))
    people = js.contacts()
    assert [(p.display_name, p.salutation, p.surname) for p in people] == [
        ("Dr. Alan Chu", "Dr.", "Chu"),
        ("Ms. Bea van der Berg", "Ms.", "van der Berg"),
        ("Prof. Carla Diaz", "Prof.", "Díaz Ortega"),
    ]
    assert js.contact(chu).name == "Alan Chu"
    with pytest.raises(ValidationError) as caught:
        js.save_contact(ContactInput(name="Sir Ian", salutation="Sir"))
    assert "salutation" in caught.value.problems


def test_a_company_keeps_its_mailing_address(js):
    hale = js.save_company(CompanyInput(name="Hale", mailing_address="1 Court St\nBoston"))
    assert js.company(hale).mailing_address == "1 Court St\nBoston"
