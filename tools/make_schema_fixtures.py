"""Build the schema fixtures: one small database per released schema revision.

Run from the repository root: `.venv/bin/python -m tools.make_schema_fixtures` (again
whenever a migration is added: it makes one file per known revision in tests/data/schema,
where tests/helpers/schema_helpers.py reads them).
Each file is built by Alembic up to its revision, then filled with plain SQL valid at
that revision (a job search in progress: companies, people, interviews, notes, replies,
settings, reminders already shown; the outbox from 0003 on). Commit the .sqlite3 files;
tests/reliability/test_upgrades.py upgrades copies of them.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from tests.helpers.schema_helpers import fixture

REPO = Path(__file__).resolve().parents[1]

# Times as SQLAlchemy's DateTime stores them on SQLite (UTC, naive, microseconds).
T = "2026-11-{day:02d} {hour:02d}:{minute:02d}:00.000000"


def at(day: int, hour: int, minute: int = 0) -> str:
    return T.format(day=day, hour=hour, minute=minute)


# Rows as tables, one a line: easier to read than one value a line.
# fmt: off
COMPANIES = [
    # id, name, industry, formality, website, notes
    (1, "Hale & Pierce LLP", "law", "formal", "https://halepierce.example", "Boston office"),
    (2, "Brightwave", "software", "casual", "https://brightwave.example", "Series B, remote"),
    (3, "Northbridge Capital", "finance", "formal", "", "referred by Dana"),
    (4, "Müller Gärten GmbH", "landscaping", "neutral", "", "Umlaute im Namen"),
]
CONTACTS = [
    # id, name, preferred, title, company, email, phone, address, notes
    (1, "Margaret Hale", "", "Partner", 1, "mhale@halepierce.example", "+1 617 555 0101",
     "1 Court St\nBoston, MA 02108", "clerked for Judge Ames"),
    (2, "Tom Pierce", "Tommy", "Senior Associate", 1, "tpierce@halepierce.example", "", "", ""),
    (3, "Priya Natarajan", "", "Engineering Manager", 2, "priya@brightwave.example", "", "",
     "ran the systems design round"),
    (4, "Sam O'Connor", "", "Recruiter", 2, "sam@brightwave.example", "+1 415 555 0199", "", ""),
    (5, "Evelyn Zhou", "", "Managing Director", 3, "ezhou@northbridge.example", "",
     "200 Park Ave\nNew York, NY 10166", "prefers letters"),
    (6, "Jürgen Weiß", "", "Geschäftsführer", 4, "jw@mueller-gaerten.example", "", "", ""),
    (7, "Dana Lee", "", "Friend", None, "dana@example.com", "", "", "referral"),
]
APPLICATIONS = [
    # id, company, role, status, source, url, applied_on, closed_on, primary contact, notes
    (1, 1, "Litigation Associate", "interviewing", "referral", "", "2026-11-02", None, 1,
     "second round promised"),
    (2, 2, "Backend Engineer", "interviewing", "LinkedIn",
     "https://brightwave.example/jobs/42", "2026-11-04", None, 4, ""),
    (3, 3, "Analyst", "no_response", "website", "", "2026-10-01", "2026-11-15", 5, "moved on"),
    (4, 4, "Projektleitung", "applied", "", "", "2026-11-18", None, None, ""),
]
INTERVIEWS = [
    # id, application, starts, ends, kind, location, promised, notes, cancelled, uid, seq
    (1, 1, at(16, 15), at(16, 16), "onsite", "1 Court St, Boston", "2026-11-25",
     "met two partners", 0, None, 0),
    (2, 2, at(17, 18), at(17, 19), "video", "https://meet.example/abc", None,
     "systems design", 0, "brightwave-42@calendar.example", 2),
    (3, 3, at(2, 14), at(2, 15), "phone", "", None, "", 0, None, 0),
    (4, 2, at(24, 17), None, "onsite", "HQ", None, "", 1, None, 0),
]
PARTICIPANTS = [
    # id, interview, contact, role, talking points, position
    (1, 1, 1, "interviewer", "her clerkship story", 0),
    (2, 1, 2, "interviewer", "the pro bono programme", 1),
    (3, 2, 3, "interviewer", "the queue migration; the Rust rewrite joke", 0),
    (4, 2, 4, "coordinator", "", 1),
    (5, 3, 5, "interviewer", "emerging-markets fund", 0),
]
FOLLOWUPS = [
    # id, application, interview, contact, kind, channel, status, title, remind, due, late,
    # snoozed, pinned, sent_at
    (1, 1, 1, 1, "thank_you", "card", "sent", "", at(16, 18), at(17, 16), at(18, 16), None, 0,
     at(16, 20)),
    (2, 1, 1, 2, "thank_you", "card", "drafted", "", at(16, 18), at(17, 16), at(18, 16),
     at(17, 13), 0, None),
    (3, 2, 2, 3, "thank_you", "email", "pending", "", at(17, 21), at(18, 19), at(19, 19), None,
     1, None),
    (4, 2, 2, 4, "thank_you", "email", "skipped", "", at(17, 21), at(18, 19), at(19, 19), None,
     0, None),
    (5, 1, None, 1, "check_in", "email", "pending", "", at(27, 14), at(28, 4, 59), None, None,
     0, None),
    (6, 3, None, 5, "move_on", None, "cancelled", "", at(20, 14), at(21, 4, 59), None, None, 0,
     None),
    (7, 4, None, None, "custom", None, "pending", "Send portfolio PDF", at(25, 14),
     at(26, 4, 59), None, None, 0, None),
]
DRAFTS = [
    # id, followup, subject, body_html, updated_at
    (1, 1, "Thank you", "<p>Dear Ms. Hale,</p><p>Thank you for the time on Monday; your "
     "clerkship story stayed with me.</p>", at(16, 19)),
    (2, 2, "Thank you", "<p>Dear Tommy,</p><p>Thank you &amp; the pro bono programme…</p>",
     at(17, 12, 30)),
    (3, 3, "Thanks for today", "<p>Hi Priya,</p><p>The queue migration sounded fun — "
     "thank you!</p>", at(17, 22)),
]
REPLIES = [
    # id, application, received_at, note
    (1, 1, at(20, 14, 30), "invited to round two"),
    (2, 2, at(21, 9), ""),
]
SETTINGS = [
    ("rules", '{"quiet_start": "22:00", "quiet_end": "07:30", "card_max_words": 80}'),
    ("profile", '{"name": "Alex Rivera", "signature": "Best,\\nAlex", "emails": '
     '["alex@example.com"], "mailing_address": "9 Elm St", "timezone": "America/New_York"}'),
    ("dictionary.words", '["Brightwave", "Northbridge"]'),
]
TEMPLATES = [
    # id, name, kind, subject, body, updated_at
    (1, "Short thanks", "thank_you", "Thank you, {{ first_name }}",
     "<p>Thank you for {{ talking_point }}.</p>", at(10, 12)),
]
NOTIFICATION_LOG = [
    # id, followup, remind_at, shown_at, backend
    (1, 1, at(16, 18), at(16, 18, 0), "dbus"),
    (2, 2, at(16, 18), at(16, 18, 0), "dbus"),
    (3, 3, at(17, 21), at(17, 21, 1), "qt"),
]
OUTBOX = [
    # id, followup, recipient, subject, message, queued, attempts, error, last_attempt, state,
    # sent_at
    (1, 3, "priya@brightwave.example", "Thanks for today",
     b"From: alex@example.com\r\nTo: priya@brightwave.example\r\n\r\nThank you\r\n",
     at(17, 22, 5), 2, "connection refused", at(17, 22, 10), "failed", None),
    (2, 1, "mhale@halepierce.example", "Thank you", b"\x00binary\xff", at(16, 20), 1, "",
     at(16, 20), "sent", at(16, 20, 1)),
]
# From 0005: how people are addressed, firms' addresses, what replies said.
PEOPLE_0005 = [
    # contact id, salutation, surname
    (1, "Ms.", "Hale"), (2, "Mr.", "Pierce"), (5, "Dr.", "Zhou"), (6, "", "Weiß"),
]
COMPANY_ADDRESSES_0005 = [(1, "1 Court St\nBoston, MA 02108"), (3, "200 Park Ave\nNew York")]
REPLY_OUTCOMES_0005 = [(1, "next_round"), (2, "other")]
# From 0006: the job itself, LinkedIn addresses and tags.
JOBS_0006 = [
    # application id, location, work mode, salary min, max, currency, period, description, tags
    (1, "Boston, MA", "onsite", 190000, 215000, "USD", "year",
     "Commercial litigation; two years of federal clerkship preferred.", "law, referral"),
    (2, "", "remote", 140000, 160000, "USD", "year",
     "Own the queue service. Kubernetes and Rust a plus.", "remote, dream job"),
    (4, "München", "hybrid", 5500, None, "EUR", "month", "", ""),
]
PEOPLE_0006 = [
    # contact id, linkedin url, tags
    (1, "https://www.linkedin.com/in/margarethale", "partner"),
    (4, "", "recruiter"),
]
# fmt: on

ROWS: dict[str, list[tuple[object, ...]]] = {
    "companies": [(*c, at(1, 12), at(1, 12)) for c in COMPANIES],
    "contacts": [(*c, at(1, 12), at(2, 9)) for c in CONTACTS],
    "applications": [(*a, at(2, 12), at(15, 12)) for a in APPLICATIONS],
    "interviews": [(*i, at(3, 12), at(16, 12)) for i in INTERVIEWS],
    "participants": PARTICIPANTS,
    "followups": [(*f, at(16, 12), at(17, 12)) for f in FOLLOWUPS],
    "drafts": DRAFTS,
    "replies": REPLIES,
    "settings": SETTINGS,
    "templates": TEMPLATES,
    "notification_log": NOTIFICATION_LOG,
}
COLUMNS = {
    "companies": "id, name, industry, formality, website, notes, created_at, updated_at",
    "contacts": "id, name, preferred_name, title, company_id, email, phone, mailing_address, "
    "notes, created_at, updated_at",
    "applications": "id, company_id, role, status, source, posting_url, applied_on, closed_on, "
    "primary_contact_id, notes, created_at, updated_at",
    "interviews": "id, application_id, starts_at, ends_at, kind, location, "
    "promised_response_by, notes, cancelled, calendar_uid, calendar_sequence, created_at, "
    "updated_at",
    "participants": "id, interview_id, contact_id, role, talking_points, position",
    "followups": "id, application_id, interview_id, contact_id, kind, channel, status, title, "
    "remind_at, due_at, late_at, snoozed_until, pinned, sent_at, created_at, updated_at",
    "drafts": "id, followup_id, subject, body_html, updated_at",
    "replies": "id, application_id, received_at, note",
    "settings": "key, value",
    "templates": "id, name, kind, subject, body, updated_at",
    "notification_log": "id, followup_id, remind_at, shown_at, backend",
    "outbox": "id, followup_id, recipient, subject, message, queued_at, attempts, last_error, "
    "last_attempt_at, state, sent_at",
}


def fill(db: Path, revision: str) -> None:
    """Rows valid at `revision`, written with plain SQL (no model of a later version)."""
    rows = dict(ROWS)
    if revision >= "0003_outbox":
        rows["outbox"] = OUTBOX
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        with conn:
            for table, values in rows.items():
                columns = COLUMNS[table]
                marks = ", ".join("?" for _ in columns.split(","))
                conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
            if revision >= "0005_people_and_replies":
                conn.executemany(
                    "UPDATE contacts SET salutation = ?, surname = ? WHERE id = ?",
                    [(sal, sur, cid) for cid, sal, sur in PEOPLE_0005],
                )
                conn.executemany(
                    "UPDATE companies SET mailing_address = ? WHERE id = ?",
                    [(addr, cid) for cid, addr in COMPANY_ADDRESSES_0005],
                )
                conn.executemany(
                    "UPDATE replies SET outcome = ? WHERE id = ?",
                    [(outcome, rid) for rid, outcome in REPLY_OUTCOMES_0005],
                )
            if revision >= "0006_the_job_itself":
                conn.executemany(
                    "UPDATE applications SET location = ?, work_mode = ?, salary_min = ?, "
                    "salary_max = ?, salary_currency = ?, salary_period = ?, description = ?, "
                    "tags = ? WHERE id = ?",
                    [(*job, aid) for aid, *job in JOBS_0006],
                )
                conn.executemany(
                    "UPDATE contacts SET linkedin_url = ?, tags = ? WHERE id = ?",
                    [(url, tags, cid) for cid, url, tags in PEOPLE_0006],
                )
            if revision >= "0007_calendar_stamp":
                # The invitation's LAST-MODIFIED, kept for the interviews that came from one.
                conn.execute(
                    "UPDATE interviews SET calendar_stamp = ? WHERE calendar_uid <> ''",
                    (at(3, 11),),
                )
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems
        # Small pages keep the files small (most pages hold an empty table or index);
        # the page size can only change outside WAL mode.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA page_size = 1024")
        conn.execute("VACUUM")
        # A user's file is in WAL mode; keep that in the header, but ship one file.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def build(revision: str, target: Path) -> Path:
    from alembic import command

    from desktop.storage.engine import make_engine
    from desktop.storage.migrate import alembic_config

    for path in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
        path.unlink(missing_ok=True)
    engine = make_engine(target)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]
            connection.commit()
    finally:
        engine.dispose()
    fill(target, revision)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    return target


def main() -> int:
    from desktop.storage.schema import KNOWN_REVISIONS

    # Every revision this version knows; older fixtures come out the same each time.
    for revision in KNOWN_REVISIONS:
        path = build(revision, fixture(revision))
        print(f"{path.relative_to(REPO)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
