"""Search as you type, and the migration that brought the search index to old files."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core.settings import RuleSettings
from desktop.storage.job_search import JobSearch
from desktop.storage.migrate import alembic_config, ensure_schema
from desktop.storage.records import CompanyInput, ContactInput, InterviewInput, ParticipantInput
from desktop.storage.schema import HEAD_REVISION, inspect_database
from desktop.storage.store import Store
from tests.helpers.job_search_helpers import NY, at, build, job_search


@pytest.fixture
def js(workspace):
    return job_search(workspace)


def found(js, typed):
    return [(hit.kind, hit.title) for hit in js.search(typed)]


def test_prefixes_find_people_companies_roles_notes_and_talking_points(js):
    s = build(js)
    assert ("contact", "Margaret Hale (Hale & Pierce LLP)") in found(js, "marg")
    assert ("company", "Hale & Pierce LLP") in found(js, "pier")
    assert ("application", "Associate at Hale & Pierce LLP") in found(js, "associate hale")
    hits = js.search("clerk")
    assert [(h.kind, h.id) for h in hits] == [("interview", s.interview)]
    assert "[clerkship]" in hits[0].snippet
    assert hits[0].title.startswith("Onsite interview, Associate at Hale & Pierce LLP")
    assert [h.kind for h in js.search("court st")] == ["interview"]  # the location


def test_the_best_match_comes_first(js):
    build(js)
    js.save_contact(ContactInput(name="Someone Else", notes="met a partner at the Pierce gala"))
    hits = js.search("pierce")
    assert hits[0].kind in ("company", "contact") and "Pierce" in hits[0].title
    assert hits[-1].title == "Someone Else"  # named only in the notes


def test_accents_are_ignored_and_odd_input_never_raises(js):
    js.save_company(CompanyInput(name="Café Crème", industry="hospitality"))
    assert found(js, "cafe creme") == [("company", "Café Crème")]
    for typed in ['"', "AND(", "NEAR(a b", "*", "a OR", "-x", "col:val", "'; DROP", "", "   "]:
        js.search(typed)
    assert js.search("") == []


def test_the_index_follows_edits_renames_and_panel_changes(js):
    s = build(js)
    js.save_company(CompanyInput(name="Pierce Hale LLP", industry="law"), s.company)
    assert ("application", "Associate at Pierce Hale LLP") in found(js, "associate")
    assert found(js, "hale pierce llp") != []  # the words, in any order
    js.save_interview(
        InterviewInput(
            s.application,
            at(16, 10),
            at(16, 11),
            participants=(ParticipantInput(s.tom, talking_points="sailing in Maine"),),
        ),
        s.interview,
    )
    assert [h.kind for h in js.search("sailing")] == ["interview"]
    assert js.search("clerkship") == []


def test_an_old_database_is_upgraded_with_a_backup_and_its_rows_are_searchable(tmp_path):
    from alembic import command

    from desktop.storage.engine import make_engine

    db, backups = tmp_path / "afterword.sqlite3", tmp_path / "backups"
    engine = make_engine(db)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0001_initial")  # type: ignore[arg-type]
        connection.commit()
    engine.dispose()
    old = sqlite3.connect(db)
    stamp = "'2026-11-01 12:00:00.000000'"
    old.executescript(
        f"""
        INSERT INTO companies VALUES (7, 'Vandelay Industries', 'importing', 'neutral', '',
            'latex and latex accessories', {stamp}, {stamp});
        INSERT INTO contacts (id, name, preferred_name, title, company_id, email, phone,
            mailing_address, notes, created_at, updated_at)
            VALUES (9, 'Art Vandelay', '', 'Importer', 7, 'art@vandelay.com', '', '', '',
            {stamp}, {stamp});
        INSERT INTO applications (id, company_id, role, status, source, posting_url, notes,
            created_at, updated_at)
            VALUES (3, 7, 'Latex Salesman', 'applied', '', '', 'Kramer referred me',
            {stamp}, {stamp});
        INSERT INTO interviews (id, application_id, starts_at, kind, location, notes,
            cancelled, calendar_sequence, created_at, updated_at)
            VALUES (5, 3, '2026-11-02 15:00:00.000000', 'onsite', 'Queens', '', 0, 0,
            {stamp}, {stamp});
        INSERT INTO participants (interview_id, contact_id, role, talking_points, position)
            VALUES (5, 9, 'interviewer', 'the architecture dream', 0);
        """
    )
    old.commit()
    old.close()
    assert inspect_database(db).revision == "0001_initial"

    assert ensure_schema(db, backups) is True
    assert inspect_database(db).revision == HEAD_REVISION
    [backup] = backups.glob("pre-migration-0001_initial-*.sqlite3")
    saved = sqlite3.connect(backup)
    assert saved.execute("SELECT name FROM companies").fetchall() == [("Vandelay Industries",)]
    assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
    saved.close()

    store = Store(db)
    try:
        js = JobSearch(store, RuleSettings(), NY)
        assert js.company(7).notes == "latex and latex accessories"
        assert js.contact(9).company == "Vandelay Industries"
        assert js.interview(5).participants[0].talking_points == "the architecture dream"
        assert {(h.kind, h.id) for h in js.search("vandelay")} == {
            ("company", 7),
            ("contact", 9),
            ("application", 3),
        }
        assert [(h.kind, h.id) for h in js.search("architect")] == [("interview", 5)]
        assert [(h.kind, h.id) for h in js.search("kramer")] == [("application", 3)]
    finally:
        store.close()
