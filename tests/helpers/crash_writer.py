"""A writer to be killed: the real storage services writing in a loop, reporting each commit.

`python -m tests.helpers.crash_writer write DATA_DIR ROUND COMPANY APPLICATION FOLLOWUP`
opens the data directory as the app does (open_workspace) and, through JobSearch (the
services the window calls), saves contacts, a draft, interviews with interviewers (whose
thank-you follow-ups the rules create in the same transaction), marks notes sent, and
imports small JSON documents through desktop.interchange (as `afterword import` does), for
ever. Before each write it prints `begin ...`, after each commit the write itself; a line
is one os.write, so a kill never leaves half a line.

`python -m tests.helpers.crash_writer zygote` loads all of that once and then, for each
command line on stdin (`write ...` as above, or `migrate DATA_DIR ROUND`), forks a child
that does it and prints `pid ROUND N`; on the next line (`reap`) it waits for the child and
prints `ended ROUND STATUS`.
Forking a loaded process lets a test kill a hundred writers in the time Python would take
to start a few dozen; the kill and everything after it are the same as for a fresh process.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def draft_body(token: str) -> str:
    """A note long enough to span several database pages, different for each version."""
    words = " ".join(f"{token}-{i}" for i in range(700))
    return f"<p>Dear Ms. Hale,</p><p>Version {token}.</p><p>{words}</p><p>End {token}.</p>"


def draft_subject(token: str) -> str:
    return f"Thank you ({token})"


def write_forever(data_dir: str, round_no: int, company: int, application: int, fu: int) -> None:
    from sqlalchemy import select

    from desktop.app import open_workspace
    from desktop.platform.paths import resolve_paths
    from desktop.storage.job_search import JobSearch
    from desktop.storage.models import FollowUp
    from desktop.storage.records import ContactInput, InterviewInput, ParticipantInput

    workspace = open_workspace(resolve_paths(data_dir))
    search = JobSearch(workspace.store, workspace.rules, workspace.tz)
    say(f"writing {round_no}")
    contacts: list[int] = []
    step = 0
    while True:
        step += 1
        name = f"Round {round_no} Person {step}"
        say(f"begin contact {name}")
        contact_id = search.save_contact(
            ContactInput(name=name, email=f"r{round_no}p{step}@example.com", company_id=company)
        )
        contacts.append(contact_id)
        say(f"contact {contact_id} {name}")

        token = f"{round_no}.{step}"
        say(f"begin draft {token}")
        search.save_draft(fu, draft_subject(token), draft_body(token))
        say(f"draft {token}")

        if step % 5 == 0:
            company_name = f"Round {round_no} Import {step}"
            say(f"begin imported {company_name}")
            import_one(workspace, company_name)
            say(f"imported {company_name}")

        if step % 3 == 0:
            now = datetime.now(UTC)
            say("begin interview")
            interview_id = search.save_interview(
                InterviewInput(
                    application_id=application,
                    starts_at=now - timedelta(hours=4),
                    ends_at=now - timedelta(hours=3),
                    kind="video",
                    notes=f"round {round_no} step {step}",
                    participants=tuple(ParticipantInput(c) for c in contacts[-2:]),
                )
            )
            say(f"interview {interview_id}")
            with workspace.store.read() as session:
                owed = session.scalars(
                    select(FollowUp.id).where(
                        FollowUp.interview_id == interview_id, FollowUp.status == "pending"
                    )
                ).all()
            if owed:
                say(f"begin sent {owed[0]}")
                search.mark_sent(owed[0], datetime.now(UTC))
                say(f"sent {owed[0]}")


def import_document_for(company_name: str, now: datetime) -> dict[str, object]:
    """A small job search as `afterword import` reads it: two interviewers, one interview."""
    return {
        "format": "afterword",
        "version": 1,
        "companies": [{"id": "c1", "name": company_name, "industry": "banking"}],
        "contacts": [
            {"id": "p1", "name": f"{company_name} Ada", "company": "c1"},
            {"id": "p2", "name": f"{company_name} Ben", "company": "c1"},
        ],
        "applications": [{"id": "a1", "company": "c1", "role": "Analyst"}],
        "interviews": [
            {
                "id": "i1",
                "application": "a1",
                "starts_at": (now - timedelta(hours=5)).isoformat(),
                "ends_at": (now - timedelta(hours=4)).isoformat(),
                "participants": [{"contact": "p1"}, {"contact": "p2"}],
            }
        ],
    }


def import_one(workspace: object, company_name: str) -> None:
    """Through desktop.interchange, as the import command does (one transaction)."""
    import json

    from desktop.interchange.document import parse_document
    from desktop.interchange.document_import import import_document

    data = json.dumps(import_document_for(company_name, datetime.now(UTC))).encode()
    document = parse_document(data, "crash.json", workspace.tz)  # type: ignore[attr-defined]
    import_document(
        workspace.store,  # type: ignore[attr-defined]
        document,
        workspace.rules,  # type: ignore[attr-defined]
        workspace.tz,  # type: ignore[attr-defined]
    )


def migrate(data_dir: str, round_no: int, pause_between: bool = False) -> None:
    from desktop.platform.paths import resolve_paths
    from desktop.storage.migrate import ensure_schema

    paths = resolve_paths(data_dir)
    if pause_between:
        _pause_after_a_commit_mid_migration()
    say(f"migrating {round_no}")
    ensure_schema(paths.database, paths.backups)
    say(f"migrated {round_no}")


def _pause_after_a_commit_mid_migration() -> None:
    """If the migration commits and then begins another transaction (one per revision),
    say so and wait there, so the test can kill the process at exactly that point."""
    import time

    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    def on_connect(dbapi_connection: object, _record: object) -> None:
        committed = False

        def trace(statement: str) -> None:
            nonlocal committed
            word = statement.split(None, 1)[0].upper() if statement.strip() else ""
            if word == "COMMIT":
                committed = True
            elif word == "BEGIN" and committed:
                say("between migrations")
                time.sleep(10)

        dbapi_connection.set_trace_callback(trace)  # type: ignore[attr-defined]

    event.listen(Pool, "connect", on_connect)


def run(args: list[str]) -> None:
    if args[0] == "write":
        write_forever(args[1], *(int(a) for a in args[2:6]))  # type: ignore[arg-type]
    elif args[0] in ("migrate", "migrate-pausing"):
        migrate(args[1], int(args[2]), pause_between=args[0] == "migrate-pausing")
    else:
        raise SystemExit(f"unknown command {args[0]!r}")


def zygote() -> None:
    # Everything a child needs, loaded once before any fork (and no database open).
    import alembic.command  # noqa: F401
    import filelock  # noqa: F401
    import sqlalchemy.orm  # noqa: F401

    import desktop.app
    import desktop.interchange.document
    import desktop.interchange.document_import
    import desktop.storage.actions
    import desktop.storage.directory
    import desktop.storage.drafts
    import desktop.storage.followups
    import desktop.storage.job_search
    import desktop.storage.pipeline  # noqa: F401
    from desktop.storage.migrate import script_revisions

    script_revisions()  # parses the migration scripts once
    say("ready")
    while line := sys.stdin.readline():
        args = line.split()
        if not args:
            continue
        round_no = args[2]
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                run(args)
            except BaseException as exc:
                say(f"error {round_no} {exc!r}")
                status = 1
            finally:
                os._exit(status)
        say(f"pid {round_no} {pid}")
        # Reaped only when the test says so: until then its pid cannot go to another
        # process, so a kill that comes after it finished hits nothing else.
        sys.stdin.readline()
        _, status = os.waitpid(pid, 0)
        say(f"ended {round_no} {status}")


def main() -> int:
    if sys.argv[1] == "zygote":
        zygote()
    else:
        Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
        run(sys.argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
