"""The reads made fast for a long job search (0004) still answer what they answered."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from desktop.storage import notification_log as nlog
from desktop.storage.due_query import read_due, stored_time
from desktop.storage.records import ContactInput, InterviewInput, ParticipantInput
from tests.benchmarks.bulk_database import build_bulk_database
from tests.helpers.job_search_helpers import at, build, job_search

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _plain_due(conn: sqlite3.Connection, moment: datetime) -> list[int]:
    """What is due by reading every follow-up and sorting in Python."""
    when = stored_time(moment)
    rows = conn.execute(
        "SELECT id, status, remind_at, snoozed_until, due_at FROM followups"
    ).fetchall()
    due = [
        (due_at is None, due_at or "", fid)
        for fid, status, remind, snoozed, due_at in rows
        if status in ("pending", "drafted")
        and remind is not None
        and remind <= when
        and (snoozed is None or snoozed <= when)
    ]
    return [fid for _null, _due, fid in sorted(due)]


def _plain_next(conn: sqlite3.Connection, after: datetime) -> datetime | None:
    when = stored_time(after)
    speaks = [
        max(remind, snoozed or remind)
        for status, remind, snoozed in conn.execute(
            "SELECT status, remind_at, snoozed_until FROM followups"
        )
        if status in ("pending", "drafted") and remind is not None
    ]
    later = [s for s in speaks if s > when]
    return datetime.fromisoformat(min(later)).replace(tzinfo=UTC) if later else None


def test_due_list_and_next_reminder_match_reading_every_follow_up(tmp_path):
    db = build_bulk_database(tmp_path / "a.sqlite3", followups=3_000, notes=400, backlog=0.3)
    conn = nlog.connect(db)
    # Follow-ups without a deadline go last; snoozed ones speak at their snooze.
    conn.execute("UPDATE followups SET due_at = NULL WHERE id % 41 = 0")
    conn.execute(
        "UPDATE followups SET snoozed_until = ? WHERE id % 53 = 0",
        (stored_time(NOW + timedelta(hours=5)),),
    )
    try:
        for hours in range(-400, 800, 37):
            moment = NOW + timedelta(hours=hours)
            expected = _plain_due(conn, moment)
            assert [i.id for i in read_due(conn, moment)] == expected
            assert [i.id for i in read_due(conn, moment, limit=25)] == expected[:25]
            assert nlog.next_remind_at(conn, moment) == _plain_next(conn, moment)
        assert any(i.due_at is None for i in read_due(conn, NOW))
    finally:
        conn.close()


def test_the_due_list_reads_an_index_instead_of_sorting_the_backlog(tmp_path):
    from desktop.storage.due_query import _DUE_SQL
    from desktop.storage.notification_log import _NEXT_SQL

    db = build_bulk_database(tmp_path / "a.sqlite3", followups=500, notes=100)
    conn = sqlite3.connect(db)
    try:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN " + _DUE_SQL, {"at": stored_time(NOW), "limit": 200}
        ).fetchall()
        steps = [row[3] for row in plan]
        assert any("ix_followups_status_due" in s for s in steps), steps
        assert not any("ix_followups_status_remind" in s for s in steps), steps
        plan = conn.execute(
            "EXPLAIN QUERY PLAN " + _NEXT_SQL, {"after": stored_time(NOW)}
        ).fetchall()
        assert any("ix_followups_status_snoozed" in row[3] for row in plan), plan
    finally:
        conn.close()


def test_one_letter_finds_names_first_then_notes_newest_first(workspace):
    js = job_search(workspace)
    s = build(js)  # Margaret Hale, Tom Pierce; "her clerkship story" is a talking point
    nadia = js.save_contact(ContactInput(name="Nadia Osei", notes="met at the harbour"))
    assert js.search("h", limit=2) == js.search("h", limit=2)  # stable
    hits = js.search("h", limit=50)
    titled = [h for h in hits if h.kind in ("contact", "company", "application")]
    assert ("contact", s.margaret) in [(h.kind, h.id) for h in titled]
    kinds = [(h.kind, h.id) for h in hits]
    # Names with an "h" word first (Margaret Hale, Hale & Pierce), then entries that only
    # mention one in their notes: Nadia's harbour, the interview's talking points.
    assert kinds.index(("contact", s.margaret)) < kinds.index(("contact", nadia))
    assert kinds.index(("company", s.company)) < kinds.index(("interview", s.interview))
    assert "[harbour]" in next(h for h in hits if h.id == nadia and h.kind == "contact").snippet
    # A second letter ranks every match as before.
    assert [(h.kind, h.id) for h in js.search("ha")][:1] in (
        [("contact", s.margaret)],
        [("company", s.company)],
    )


def test_one_letter_fills_with_notes_only_when_names_run_short(workspace):
    js = job_search(workspace)
    build(js)
    company = js.save_company(_company("Zeta Partners"))
    person = js.save_contact(ContactInput(name="Ada Lovelace", notes="zoology and zen"))
    js.save_interview(
        InterviewInput(
            application_id=js.applications(0, 1)[0].id,
            starts_at=at(17, 10),
            ends_at=at(17, 11),
            kind="video",
            participants=(ParticipantInput(person, talking_points="zither lessons"),),
        )
    )
    one = js.search("z", limit=1)
    assert [(h.kind, h.id) for h in one] == [("company", company)]
    three = [(h.kind, h.id) for h in js.search("z", limit=3)]
    assert three[0] == ("company", company)
    assert ("contact", person) in three
    assert len(three) == 3  # the newest interview mentions zither


def _company(name: str) -> object:
    from desktop.storage.records import CompanyInput

    return CompanyInput(name=name, industry="finance", formality="")
