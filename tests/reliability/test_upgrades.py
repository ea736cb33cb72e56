"""Upgrades: a database of every released schema reaches the newest one with nothing lost.

The fixtures in tests/data/schema/ are what each released version left on disk (made by
python -m tools.make_schema_fixtures). Each is upgraded the way a user's is: by the app
itself at start-up, backup first; a file from a newer version is refused untouched.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import open_workspace
from desktop.platform.paths import resolve_paths
from desktop.storage.errors import StorageError
from desktop.storage.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.conftest import REPO, child_env
from tests.helpers.schema_helpers import (
    RELEASED,
    file_digests,
    fixture,
    integrity,
    place_fixture,
    revision_of,
    schema_columns,
    table_rows,
)


def test_there_is_a_fixture_for_every_released_revision(tmp_path: Path):
    # A new migration must come with its fixture (run python -m tools.make_schema_fixtures).
    assert RELEASED == KNOWN_REVISIONS and RELEASED[0] == "0001_initial"
    for revision in RELEASED:
        assert fixture(revision).exists(), f"{revision}: run python -m tools.make_schema_fixtures"
        assert fixture(revision).stat().st_size < 200_000, revision
        # Read a copy: even a read-only look at a WAL-mode file leaves files beside it.
        path = place_fixture(revision, tmp_path / revision)
        assert revision_of(path) == revision
        assert integrity(path) == "ok"
        # A fixture with empty tables would prove nothing about keeping rows.
        rows = table_rows(path)
        assert all(rows[t] for t in rows if t != "outbox" or revision >= "0003"), {
            t: len(r) for t, r in rows.items()
        }


@pytest.mark.parametrize("revision", RELEASED)
def test_each_release_upgrades_with_every_row_intact(tmp_path: Path, revision: str):
    data = tmp_path / "data"
    db = place_fixture(revision, data)
    old_columns = schema_columns(db)
    before = table_rows(db)
    assert sum(len(r) for r in before.values()) > 30

    workspace = open_workspace(resolve_paths(data))
    workspace.close()

    assert revision_of(db) == HEAD_REVISION
    assert integrity(db) == "ok"
    # Row by row, column by column, for every column the old schema had.
    after = table_rows(db, only_columns=old_columns)
    for table, rows in before.items():
        assert after[table] == rows, table
    # Tables added later start empty; none of the old ones went away.
    new_tables = set(schema_columns(db)) - set(old_columns)
    assert all(not table_rows(db, {t: ["rowid"]})[t] for t in new_tables)

    backups = list((data / "backups").glob(f"pre-migration-{revision}-*.sqlite3"))
    if revision == HEAD_REVISION:
        assert backups == []  # nothing to migrate, nothing copied
        return
    # The copy written before the migration is the old file, whole, at the old revision.
    assert len(backups) == 1, list((data / "backups").iterdir())
    assert revision_of(backups[0]) == revision
    assert integrity(backups[0]) == "ok"
    assert table_rows(backups[0]) == before


@pytest.mark.parametrize("revision", RELEASED)
def test_the_app_reads_an_upgraded_database(tmp_path: Path, revision: str):
    """What the user sees after upgrading: their people, their due notes, their drafts."""
    data = tmp_path / "data"
    place_fixture(revision, data)
    workspace = open_workspace(resolve_paths(data))
    try:
        from desktop.storage.job_search import JobSearch

        search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        names = [c.name for c in search.contacts()]
        assert "Margaret Hale" in names and "Jürgen Weiß" in names
        # Settings written by the old version still apply.
        assert workspace.profile.name == "Alex Rivera"
        assert workspace.rules.card_max_words == 80
        draft = search.draft(3)
        assert draft is not None and "queue migration" in draft.body_html
        interview = search.interview(2)
        assert interview is not None
        assert interview.participants[0].talking_points.startswith("the queue")
        # The FTS index exists and is filled, whatever revision the file came from.
        hits = search.search("Natarajan")
        assert [(h.kind, h.title) for h in hits][:1] == [
            ("contact", "Priya Natarajan (Brightwave)")
        ], hits
        hits = search.search("clerkship")  # a talking point, found under its interview
        assert any(h.kind == "interview" and h.id == 1 for h in hits), hits
    finally:
        workspace.close()


def test_search_finds_rows_written_after_upgrading_from_the_first_release(tmp_path: Path):
    data = tmp_path / "data"
    place_fixture("0001_initial", data)
    workspace = open_workspace(resolve_paths(data))
    try:
        from desktop.storage.job_search import JobSearch
        from desktop.storage.records import ContactInput

        search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        # Rows from before: indexed by the migration. A new row: by the triggers.
        assert [h.id for h in search.search("Weiß") if h.kind == "contact"] == [6]
        new_id = search.save_contact(ContactInput(name="Octavia Quist", company_id=2))
        assert [h.id for h in search.search("Quist") if h.kind == "contact"] == [new_id]
    finally:
        workspace.close()


def test_upgrading_to_0005_moves_a_typed_salutation_out_of_the_name(tmp_path: Path):
    """Before 0005 a salutation could only be typed into the name; it sorted contacts
    under D for "Dr.". Upgraded, it is the contact's salutation and the surname is known."""
    data = tmp_path / "data"
    db = place_fixture("0004_faster_reads", data)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE contacts SET name = 'Dr. Evelyn Zhou' WHERE id = 5")
        conn.execute("UPDATE contacts SET name = 'Jan van der Berg' WHERE id = 7")
    conn.close()
    workspace = open_workspace(resolve_paths(data))
    try:
        from desktop.storage.job_search import JobSearch

        search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        people = {c.id: c for c in search.contacts()}
        assert (people[5].salutation, people[5].name, people[5].surname) == (
            "Dr.",
            "Evelyn Zhou",
            "Zhou",
        )
        assert people[7].surname == "van der Berg"
        assert people[1].surname == "Hale" and people[1].salutation == ""
        # Listed by name: Evelyn first, not among the D's.
        assert [c.name for c in search.contacts()][:2] == ["Evelyn Zhou", "Jan van der Berg"]
        assert [r.outcome for r in search.replies(1)] == ["other"]
        assert [h.id for h in search.search("Evelyn") if h.kind == "contact"] == [5]
    finally:
        workspace.close()


def test_upgrading_to_0006_indexes_the_job_and_keeps_the_search_triggers(tmp_path: Path):
    """0006 rebuilds the application and contact search entries with the description and
    tags; rows from before are found by them, and later edits are indexed by the triggers."""
    data = tmp_path / "data"
    place_fixture("0005_people_and_replies", data)
    workspace = open_workspace(resolve_paths(data))
    try:
        from dataclasses import replace

        from desktop.storage.job_search import JobSearch
        from desktop.storage.records import ApplicationInput, JobDetails

        search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        backend = search.application(2)
        assert backend is not None and backend.job == JobDetails() and backend.tags == ()
        assert [h.id for h in search.search("Backend") if h.kind == "application"] == [2]
        assert search.contact(1) is not None and search.contact(1).linkedin_url == ""
        job = JobDetails(description="Kubernetes operators in Rust", location="Lisbon")
        search.save_application(
            ApplicationInput(
                company_id=2, role=backend.role, status=backend.status, job=job, tags=("remote",)
            ),
            2,
        )
        assert [h.id for h in search.search("kubernetes") if h.kind == "application"] == [2]
        assert [h.id for h in search.search("Lisbon") if h.kind == "application"] == [2]
        assert [a.id for a in search.applications(tag="REMOTE")] == [2]
        # Renaming the company still re-indexes its applications (the rebuilt trigger).
        company = search.company(2)
        assert company is not None
        from desktop.storage.records import CompanyInput

        search.save_company(CompanyInput(name="Glowwave", industry=company.industry), 2)
        assert [h.id for h in search.search("Glowwave") if h.kind == "application"] == [2]
        assert replace(search.application(2).job) == job  # type: ignore[union-attr]
    finally:
        workspace.close()


def _stamp_future(db: Path) -> None:
    """The newest fixture as a newer Afterword would leave it: a new revision and table."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.execute("CREATE TABLE holograms (id INTEGER PRIMARY KEY, data BLOB)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize("leftover_wal", [False, True], ids=["closed-cleanly", "wal-beside-it"])
def test_a_newer_database_is_refused_and_not_a_byte_changes(tmp_path: Path, leftover_wal: bool):
    data = tmp_path / "data"
    db = place_fixture(RELEASED[-1], data)
    _stamp_future(db)
    holder = None
    if leftover_wal:
        # The newer version still has it open (or crashed): a -wal and -shm lie beside it.
        holder = sqlite3.connect(db)
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("INSERT INTO holograms (data) VALUES (x'00ff')")
        holder.commit()
        assert (data / "afterword.sqlite3-wal").exists()
    before = file_digests(data)
    try:
        with pytest.raises(StorageError) as refused:
            open_workspace(resolve_paths(data))
        message = str(refused.value)
        assert "newer version of Afterword" in message
        assert "0099_from_the_future" in message and HEAD_REVISION in message
        assert "left unchanged" in message
        for command in (["due", "--json"], ["export", "--format", "json", "-o", "x.json"]):
            result = subprocess.run(
                [sys.executable, "-m", "desktop", "--data-dir", str(data), *command],
                capture_output=True,
                text=True,
                env=child_env(),
                cwd=tmp_path,
                timeout=60,
            )
            assert result.returncode == 1, result.stderr
            assert "written by a newer version of Afterword" in result.stderr
            assert "Traceback" not in result.stderr
        assert not (tmp_path / "x.json").exists()
        # The database and its -wal: same names, same bytes; no -wal or -shm left behind
        # that was not there. (Logs and the backups folder are ours, not the newer
        # version's.) With the other version's connection open, the -shm is SQLite's
        # shared-memory index in use, where every reader notes what it reads: it is
        # compared by name only.
        after = {
            k: v for k, v in file_digests(data).items() if not k.startswith(("logs/", "backups/"))
        }
        assert set(after) == set(before)
        assert {k: v for k, v in after.items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")
        }
        assert not list((data / "backups").glob("*")) if (data / "backups").exists() else True
    finally:
        if holder is not None:
            holder.close()


@pytest.mark.slow
def test_two_processes_starting_on_an_old_file_migrate_it_once(tmp_path: Path):
    data = tmp_path / "data"
    place_fixture("0001_initial", data)
    before = table_rows(data / "afterword.sqlite3")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data), "due", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=REPO,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    log = (data / "logs" / "afterword.log").read_text()
    assert log.count("backed up") == 1, log
    assert log.count("migrated") == 1, log
    assert f"from 0001_initial to {HEAD_REVISION}" in log
    assert len(list((data / "backups").glob("pre-migration-0001_initial-*.sqlite3"))) == 1
    db = data / "afterword.sqlite3"
    assert revision_of(db) == HEAD_REVISION
    after = table_rows(db, only_columns={t: list(r[0]) for t, r in before.items() if r})
    assert after == {t: r for t, r in before.items() if r}


def test_upgrading_to_0007_keeps_talking_points_found_and_leaves_stamps_unknown(tmp_path: Path):
    """0007 narrows the participant search triggers to rows with talking points: what was
    indexed stays found and a new talking point is found. Interviews imported before it
    have no stamp (so a copy that differs is taken as newer)."""
    data = tmp_path / "data"
    db = place_fixture("0006_the_job_itself", data)
    open_workspace(resolve_paths(data)).close()  # upgraded
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO participants (interview_id, contact_id, role, talking_points, position)"
            " VALUES (2, 1, 'interviewer', 'the sailing regatta', 5)"
        )
        stamps = conn.execute("SELECT calendar_stamp FROM interviews").fetchall()
    conn.close()
    assert stamps and all(stamp == (None,) for stamp in stamps)
    workspace = open_workspace(resolve_paths(data))
    try:
        from desktop.storage.job_search import JobSearch

        search = JobSearch(workspace.store, workspace.rules, workspace.tz)
        assert any(h.kind == "interview" and h.id == 1 for h in search.search("clerkship"))
        assert [h.id for h in search.search("regatta") if h.kind == "interview"] == [2]
    finally:
        workspace.close()
