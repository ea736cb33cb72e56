# Over 400 lines on purpose: one scenario (a writer killed in rounds) and its checks.
"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it committed.

One database lives through every round, so damage would pile up. Each round a writer
(tests/helpers/crash_writer.py: open_workspace and JobSearch, the services the window
uses) saves contacts, re-saves one long draft, adds interviews whose thank-you follow-ups
the rules create in the same transaction, marks notes sent and imports JSON documents
through desktop.interchange, printing each write once it is committed; 50-400 ms after it starts writing it is killed with SIGKILL. Then:
integrity_check is ok, every reported write is there, nothing else but the one write in
flight is, the draft is a whole version the writer saved (never a torn mix), every
interview has exactly its thank-you notes, and the app opens the file again without
migrating and without waiting on a lock.

Rounds: 100 in `make test`, inside a time budget of 45 s (on two busy cores a round costs
0.3-0.6 s; when the budget runs out first the test stops, but never before 30 rounds, and
prints how many it ran). Most writers are forked from a loaded parent (the zygote in
crash_writer.py) so starting Python does not eat the budget; every tenth is a fresh
`python -m` process. AFTERWORD_CRASH_ROUNDS=N runs exactly N rounds with no budget.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.app import open_workspace
from desktop.platform.paths import resolve_paths
from desktop.storage.schema import HEAD_REVISION, inspect_database
from tests.helpers.crash_writer import draft_body, draft_subject
from tests.helpers.processes import LineReader, start_module
from tests.helpers.schema_helpers import (
    integrity,
    place_fixture,
    revision_of,
    schema_columns,
    table_rows,
)

ROUNDS_ENV = os.environ.get("AFTERWORD_CRASH_ROUNDS")
ROUNDS = int(ROUNDS_ENV or 100)
MIN_ROUNDS = 30
BUDGET_S = None if ROUNDS_ENV else 45.0
WRITER = "tests.helpers.crash_writer"


@dataclass
class Committed:
    """What the writers reported committed, over all rounds."""

    contacts: dict[int, str] = field(default_factory=dict)
    interviews: set[int] = field(default_factory=set)
    sent: set[int] = field(default_factory=set)
    imports: set[str] = field(default_factory=set)
    draft: str = "0.0"


@dataclass
class Round:
    number: int
    lines: list[str] = field(default_factory=list)

    def reported(self, kind: str) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith(kind + " ")]

    def in_flight(self) -> str | None:
        """The write begun and not reported when the kill came (it may or may not be in)."""
        begun = None
        for line in self.lines:
            if line.startswith("begin "):
                begun = line[len("begin ") :]
            elif begun is not None and line.split(" ", 1)[0] == begun.split(" ", 1)[0]:
                begun = None
        return begun


def set_up(data: Path) -> tuple[int, int, int]:
    """A company, an application and one interviewer's thank-you note, with a draft."""
    from desktop.storage.job_search import JobSearch
    from desktop.storage.records import (
        ApplicationInput,
        CompanyInput,
        ContactInput,
        InterviewInput,
        ParticipantInput,
    )

    ws = open_workspace(resolve_paths(data))
    try:
        search = JobSearch(ws.store, ws.rules, ws.tz)
        company = search.save_company(CompanyInput("Hale & Pierce LLP", industry="law"))
        application = search.save_application(ApplicationInput(company, "Associate"))
        hale = search.save_contact(ContactInput("Margaret Hale", company_id=company))
        now = datetime.now(UTC)
        interview = search.save_interview(
            InterviewInput(
                application,
                starts_at=now - timedelta(hours=3),
                ends_at=now - timedelta(hours=2),
                participants=(ParticipantInput(hale),),
            )
        )
        conn = sqlite3.connect(ws.paths.database)
        (fu,) = conn.execute(
            "SELECT id FROM followups WHERE interview_id = ?", (interview,)
        ).fetchone()
        conn.close()
        search.save_draft(fu, draft_subject("0.0"), draft_body("0.0"))
        return company, application, fu
    finally:
        ws.close()


def run_round(number: int, zygote: LineReader, zygote_stdin, args: list[str], fresh: bool) -> Round:
    """Start a writer, let it write for 50-400 ms, SIGKILL it, collect what it reported."""
    done = Round(number)
    if fresh:
        child = start_module(WRITER, "write", *args)
        assert child.stdout is not None
        reader = LineReader(child.stdout)
        pid = child.pid
    else:
        zygote_stdin.write(" ".join(["write", *args]) + "\n")
        zygote_stdin.flush()
        reader = zygote
        pid = int(reader.until(f"pid {number} ", 30, done.lines).split()[2])
    reader.until(f"writing {number}", 60, done.lines)
    time.sleep(random.uniform(0.05, 0.4))
    os.kill(pid, signal.SIGKILL)
    if fresh:
        while (line := reader.next(30)) is not None:
            done.lines.append(line)
        reader.close()
        assert child.wait(30) == -signal.SIGKILL, done.lines[-5:]
    else:
        zygote_stdin.write("reap\n")
        zygote_stdin.flush()
        ended = reader.until(f"ended {number} ", 30, done.lines)
        assert os.waitstatus_to_exitcode(int(ended.split()[2])) == -signal.SIGKILL, done.lines[-5:]
    errors = [line for line in done.lines if line.startswith(("error", "Traceback"))]
    assert not errors, done.lines[-20:]
    return done


def stop_zygote(zygote: subprocess.Popen[str], reader: LineReader) -> None:
    """Close the zygote's input so it exits (killed if it has not within 30 s)."""
    assert zygote.stdin is not None
    zygote.stdin.close()
    try:
        zygote.wait(30)
    except subprocess.TimeoutExpired:
        zygote.kill()
        zygote.wait()
    reader.close()


def check_after_kill(data: Path, fu: int, done: Round, committed: Committed) -> None:
    db = data / "afterword.sqlite3"
    # Opening it (as the next start would) replays the WAL; then the whole file is checked.
    assert integrity(db) == "ok", f"round {done.number}"
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        flight = done.in_flight()

        for line in done.reported("contact"):
            contact_id, name = line.split(" ", 1)
            committed.contacts[int(contact_id)] = name
        have = dict(conn.execute("SELECT id, name FROM contacts"))
        missing = {i: n for i, n in committed.contacts.items() if have.get(i) != n}
        assert not missing, f"round {done.number}: committed contacts lost: {missing}"
        extra = {
            n
            for n in have.values()
            if n.startswith(f"Round {done.number} Person ") and n not in committed.contacts.values()
        }
        assert extra <= ({flight[len("contact ") :]} if flight else set()), extra

        committed.interviews |= {int(i) for i in done.reported("interview")}
        interviews = {r[0] for r in conn.execute("SELECT id FROM interviews")}
        assert committed.interviews <= interviews, committed.interviews - interviews
        # Saving an interview writes it, its interviewers and their thank-you notes in one
        # transaction: a kill leaves all of them or none.
        torn = conn.execute(
            "SELECT i.id FROM interviews i WHERE "
            "(SELECT count(*) FROM participants p WHERE p.interview_id = i.id) != "
            "(SELECT count(*) FROM followups f WHERE f.interview_id = i.id "
            "AND f.kind = 'thank_you')"
        ).fetchall()
        assert torn == [], f"round {done.number}: interviews without all their notes: {torn}"

        # An import is one transaction: each imported company has everything or nothing.
        committed.imports |= set(done.reported("imported"))
        imports = conn.execute(
            "SELECT co.name, (SELECT count(*) FROM contacts p WHERE p.company_id = co.id), "
            "(SELECT count(*) FROM participants t JOIN interviews i ON i.id = t.interview_id "
            " JOIN applications a ON a.id = i.application_id WHERE a.company_id = co.id), "
            "(SELECT count(*) FROM followups f JOIN applications a ON a.id = f.application_id "
            " WHERE a.company_id = co.id AND f.kind = 'thank_you') "
            "FROM companies co WHERE co.name LIKE 'Round % Import %'"
        ).fetchall()
        assert all(tuple(counts) == (2, 2, 2) for _, *counts in imports), imports
        found = {name for name, *_ in imports}
        assert committed.imports <= found, committed.imports - found
        unreported = found - committed.imports
        assert unreported <= ({flight[len("imported ") :]} if flight else set()), unreported
        committed.imports |= unreported

        committed.sent |= {int(i) for i in done.reported("sent")}
        if committed.sent:
            marks = ",".join("?" * len(committed.sent))
            statuses = conn.execute(
                f"SELECT id, status, sent_at FROM followups WHERE id IN ({marks})",
                sorted(committed.sent),
            ).fetchall()
            assert all(s == "sent" and at for _, s, at in statuses), statuses
            assert len(statuses) == len(committed.sent)

        # The draft is one whole version: the last one reported, or the one being saved.
        tokens = done.reported("draft")
        if tokens:
            committed.draft = tokens[-1]
        allowed = {committed.draft}
        if flight and flight.startswith("draft "):
            allowed.add(flight.split()[1])
        subject, body = conn.execute(
            "SELECT subject, body_html FROM drafts WHERE followup_id = ?", (fu,)
        ).fetchone()
        token = subject.removeprefix("Thank you (").removesuffix(")")
        assert token in allowed, (subject, allowed)
        assert body == draft_body(token), f"round {done.number}: torn draft {subject!r}"
        committed.draft = token

        # No process holds the database: a write can begin at once.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()

    from filelock import FileLock

    FileLock(str(db) + ".migrate.lock").acquire(timeout=0).lock.release()
    assert inspect_database(db).revision == HEAD_REVISION  # nothing to migrate
    before = sorted((data / "backups").glob("pre-migration-*"))
    ws = open_workspace(resolve_paths(data))
    ws.close()
    assert sorted((data / "backups").glob("pre-migration-*")) == before


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_committed(tmp_path: Path):
    data = tmp_path / "data"
    company, application, fu = set_up(data)
    committed = Committed()
    zygote = start_module(WRITER, "zygote", stdin=True)
    assert zygote.stdout is not None and zygote.stdin is not None
    reader = LineReader(zygote.stdout)
    started = time.monotonic()
    rounds = 0
    writes = 0
    try:
        assert reader.until("ready", 60) == "ready"
        for number in range(1, ROUNDS + 1):
            if BUDGET_S and rounds >= MIN_ROUNDS and time.monotonic() - started > BUDGET_S:
                break
            args = [str(data), str(number), str(company), str(application), str(fu)]
            done = run_round(number, reader, zygote.stdin, args, fresh=number % 10 == 0)
            check_after_kill(data, fu, done, committed)
            rounds += 1
            writes += sum(1 for line in done.lines if line.split(" ", 1)[0] in WRITES)
    finally:
        stop_zygote(zygote, reader)
    elapsed = time.monotonic() - started
    print(f"\n{rounds} SIGKILLs, {writes} committed writes checked, {elapsed:.1f} s")
    assert rounds >= min(MIN_ROUNDS, ROUNDS)
    # The kills came while writing, not before the first write each time.
    assert writes > rounds * 3
    assert len(committed.contacts) > rounds
    assert committed.imports and committed.sent and committed.interviews


WRITES = {"contact", "draft", "interview", "sent", "imported"}


MIGRATION_KILLS = 8


@pytest.mark.slow
@pytest.mark.parametrize("old", ["0001_initial", "0002_search"])
def test_sigkill_during_a_migration_leaves_the_old_file_or_the_new_one(tmp_path: Path, old: str):
    """Killed while ensure_schema runs, a file is at its old revision with every row (and
    the next start migrates it, backup first) or fully migrated: never in between."""
    zygote = start_module(WRITER, "zygote", stdin=True)
    assert zygote.stdout is not None and zygote.stdin is not None
    reader = LineReader(zygote.stdout)
    outcomes: list[str] = []
    try:
        assert reader.until("ready", 60) == "ready"

        def migrate(number: int, kill_after: float | None) -> tuple[Path, float, list[str]]:
            data = tmp_path / f"data{number}"
            place_fixture(old, data)
            lines: list[str] = []
            # The last round stops right after a commit if the migration makes more than
            # one (one per revision): the one moment a random kill would rarely find.
            command = "migrate-pausing" if number == MIGRATION_KILLS + 1 else "migrate"
            zygote.stdin.write(f"{command} {data} {number}\n")
            zygote.stdin.flush()
            pid = int(reader.until(f"pid {number} ", 30, lines).split()[2])
            reader.until(f"migrating {number}", 30, lines)
            began = time.monotonic()
            if command == "migrate-pausing":
                ended = reader.until(("between migrations", f"migrated {number}"), 60, lines)
                if ended.startswith("between"):
                    os.kill(pid, signal.SIGKILL)
            elif kill_after is None:
                reader.until(f"migrated {number}", 60, lines)
            else:
                time.sleep(kill_after)
                os.kill(pid, signal.SIGKILL)  # not reaped yet: the pid is still its own
            took = time.monotonic() - began
            zygote.stdin.write("reap\n")
            zygote.stdin.flush()
            reader.until(f"ended {number} ", 60, lines)
            assert not [x for x in lines if x.startswith(("error", "Traceback"))], lines
            return data, took, lines

        # How long a whole migration takes here; the kills are spread over that time.
        data, took, _ = migrate(0, None)
        assert revision_of(data / "afterword.sqlite3") == HEAD_REVISION
        old_columns = schema_columns(place_fixture(old, tmp_path / "pristine"))
        pristine = table_rows(tmp_path / "pristine" / "afterword.sqlite3")
        for number in range(1, MIGRATION_KILLS + 2):
            kill_after = took * (number - 0.5) / MIGRATION_KILLS
            data, _, lines = migrate(number, kill_after)
            db = data / "afterword.sqlite3"
            assert integrity(db) == "ok"
            revision = revision_of(db)
            backups = sorted((data / "backups").glob(f"pre-migration-{old}-*.sqlite3"))
            if any(line == f"migrated {number}" for line in lines):
                outcomes.append("finished")
            else:
                outcomes.append("old" if revision == old else "new")
            assert revision in (old, HEAD_REVISION), f"killed at {kill_after:.3f} s: {revision}"
            if revision == old:
                assert table_rows(db) == pristine, "the old file changed"
            else:
                assert table_rows(db, only_columns=old_columns) == pristine
                # Migrated, so the copy from before had been written in full.
                assert len(backups) == 1
            for backup in backups:
                assert revision_of(backup) == old and table_rows(backup) == pristine
            # The next start finishes the job, and a backup of the old file exists.
            ws = open_workspace(resolve_paths(data))
            ws.close()
            assert revision_of(db) == HEAD_REVISION
            assert table_rows(db, only_columns=old_columns) == pristine
            assert len(list((data / "backups").glob(f"pre-migration-{old}-*.sqlite3"))) >= 1
    finally:
        stop_zygote(zygote, reader)
    print(f"\nmigration {old} -> {HEAD_REVISION} took {took:.3f} s; kills: {outcomes}")
    # At least one kill came before the migration was done.
    assert "old" in outcomes or "new" in outcomes, outcomes


TYPED = (
    "Your story about the appellate brief stayed with me, and so did the way the team "
    "shares research; thank you for the time."
)
KEYSTROKE_S = 0.030  # tests/helpers/typing_app.py types one character this often
WINDOW_KILLS = 3


@pytest.mark.slow
def test_sigkill_of_the_window_mid_typing_loses_at_most_the_autosave_interval(
    tmp_path: Path, afterword, qtbot
):
    """The real window (tests/helpers/typing_app.py) typing into the composer, killed at a random
    moment three times on one database: each time the note holds everything from before,
    then exactly the first characters typed, short of the end by at most the autosave
    interval (AUTOSAVE_MS) plus a second of slack for a busy machine."""
    from desktop.ui.composer.window import AUTOSAVE_MS
    from desktop.ui.main_window import MainWindow

    data = tmp_path / "data"
    assert afterword("--data-dir", str(data), "demo").returncode == 0
    allowed = int((AUTOSAVE_MS / 1000 + 1.0) / KEYSTROKE_S)
    before: str | None = None
    for _ in range(WINDOW_KILLS):
        child = start_module("tests.helpers.typing_app", str(data), TYPED)
        assert child.stdout is not None
        reader = LineReader(child.stdout)
        lines: list[str] = []
        followup = int(reader.until("followup ", 90, lines).split()[1])
        time.sleep(random.uniform(1.2, 3.0))
        os.kill(child.pid, signal.SIGKILL)
        while (line := reader.next(30)) is not None:
            lines.append(line)
        reader.close()
        assert child.wait(30) == -signal.SIGKILL
        typed = max((int(x.split()[1]) for x in lines if x.startswith("typed ")), default=0)

        assert integrity(data / "afterword.sqlite3") == "ok"
        ws = open_workspace(resolve_paths(data))
        try:
            window = MainWindow(ws)
            qtbot.addWidget(window)
            composer = window.open_composer(followup)
            assert composer is not None
            recovered = composer.current_page().plain_text()
            window.close()
        finally:
            ws.close()
        if before is not None:
            assert recovered.startswith(before), "text saved before this round was lost"
            tail = recovered[len(before) :]
        else:
            tail = recovered[recovered.find(TYPED[:10]) :] if TYPED[:10] in recovered else ""
        assert tail == TYPED[: len(tail)], f"not what was typed: {tail!r}"
        assert len(tail) >= typed - allowed, (typed, len(tail), allowed)
        print(f"typed {typed}, kept {len(tail)}")
        before = recovered
