"""A database of 100,000 follow-ups and 50,000 noted entries, written in seconds.

The size of the issue 9 targets, made with plain sqlite3 `executemany` after Alembic has
made the schema (the rules' own generator in large_database.py would take minutes).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.storage.store import open_store


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Margaret Daniel Priya Oluwaseun Chen Sofia Mateo Hannah Ibrahim Grace Lukas Amara "
    "Noah Yuki Elena Marcus Fatima Jonas Aisha Tomas Leila Samuel Ingrid Rafael Nadia "
    "Oscar Mei Victor Chloe Arjun Zara Felix Imani Hugo Keiko Diego Astrid Kofi Lena "
    "Pablo"
)
LAST_NAMES = _words(
    "Hale Bennett Okafor Ruiz Lindqvist Novak Haddad Fischer Moreau Tanaka Kowalski Osei "
    "Petrov Castillo Nakamura Brennan Abernathy Whitfield Delacroix Szabo Mensah Iversen "
    "Gallagher Rossi Achebe Larsen Dubois Hoffman Quinn Varga Sato Mwangi Keller "
    "Oyelaran Pereira Lindgren Morrison Chandra Albrecht Ferreira"
)
TALK = _words(
    "clerkship story litigation appeal sailing regatta architecture pottery marathon "
    "startup compiler museum orchestra chess bakery volunteering hiking mentoring "
    "research kayak robotics garden podcast origami cycling fintech ledger harbour "
    "lighthouse violin tennis astronomy onboarding roadmap migration kubernetes "
    "analytics underwriting compliance mergers acquisitions audit treasury derivatives "
    "pricing curriculum patients nursing logistics warehouse forecasting branding "
    "campaign newsletter design accessibility testing deployment latency caching "
    "database interns hackathon conference keynote sabbatical relocation remote hybrid "
    "culture feedback promotion leadership budget grant policy legislation committee "
    "hearing courtroom deposition brief partner associate paralegal diligence valuation "
    "portfolio trading risk actuarial pension football jazz photography climbing "
    "sourdough woodworking poetry volleyball skiing opera gardening birdwatching surfing "
    "knitting rowing cricket theatre baking camping fishing ceramics chemistry physics "
    "biology economics history philosophy linguistics mandarin spanish french german "
    "italian japanese portuguese korean arabic swahili seattle boston chicago denver "
    "austin toronto london berlin dublin singapore sydney reorg layoffs acquisition "
    "funding series ipo equity bonus visa commute parental"
)
ROLES = (
    "Associate",
    "Senior Engineer",
    "Product Manager",
    "Data Analyst",
    "Policy Advisor",
    "Designer",
    "Staff Nurse",
    "Financial Analyst",
    "Paralegal",
    "Operations Lead",
)
_WEIGHTS = [1 / (i + 1) ** 0.5 for i in range(len(TALK))]
OPEN_KINDS = ("thank_you", "thank_you", "thank_you", "check_in", "second_check_in", "move_on")


def _phrase(rng: random.Random, words: int) -> str:
    # Some topics come up far more often than others, as in real notes.
    return " ".join(rng.choices(TALK, weights=_WEIGHTS, k=words))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build_bulk_database(
    path: Path,
    *,
    followups: int = 100_000,
    notes: int = 50_000,
    backlog: float = 0.05,
    seed: int = 11,
    now: datetime | None = None,
) -> Path:
    """A database with `followups` follow-ups and `notes` noted search entries, fast.

    Alembic makes the schema (so indexes and search triggers are the product's); the rows
    go in with `executemany` on one plain sqlite3 connection, the triggers filling the
    search index. Follow-ups span two years of interviews: old ones are mostly sent,
    skipped or cancelled, a `backlog` share of them was never dealt with and is still
    open (so it is due now), and the recent weeks are open with reminders around `now`.
    """
    rng = random.Random(seed)
    now = now or datetime(2026, 11, 22, 12, tzinfo=UTC)
    open_store(path, path.parent / "backups").close()
    # The noted entries: companies, contacts, applications and interviews, in these shares.
    companies = max(1, notes // 20)
    contacts = max(1, notes // 4)
    applications = max(1, notes // 5)
    interviews = max(1, notes - companies - contacts - applications)
    created = _stamp(now - timedelta(days=800))
    industries = ["law", "banking", "software", "healthcare", "government", "retail"]
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: no crash to survive
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO companies (id, name, industry, formality, website, notes, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?)",
            [
                (
                    i + 1,
                    f"{rng.choice(LAST_NAMES)} {rng.choice(['& Co', 'Labs', 'LLP', 'Group'])}",
                    industries[i % 6],
                    ["formal", "formal", "casual", "neutral", "formal", "casual"][i % 6],
                    _phrase(rng, 10),
                    created,
                    created,
                )
                for i in range(companies)
            ],
        )
        people = [(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}") for _ in range(contacts)]
        conn.executemany(
            "INSERT INTO contacts (id, name, preferred_name, title, company_id, email, phone,"
            " mailing_address, notes, created_at, updated_at)"
            " VALUES (?, ?, '', 'Interviewer', ?, ?, '', '', ?, ?, ?)",
            [
                (
                    i + 1,
                    name,
                    1 + i % companies,
                    f"{name.lower().replace(' ', '.')}{i}@example.com",
                    _phrase(rng, 8),
                    created,
                    created,
                )
                for i, name in enumerate(people)
            ],
        )
        conn.executemany(
            "INSERT INTO applications (id, company_id, role, status, source, posting_url,"
            " notes, created_at, updated_at) VALUES (?, ?, ?, ?, '', '', ?, ?, ?)",
            [
                (
                    i + 1,
                    1 + i % companies,
                    rng.choice(ROLES),
                    rng.choice(["applied", "interviewing", "interviewing", "rejected"]),
                    _phrase(rng, 6),
                    created,
                    created,
                )
                for i in range(applications)
            ],
        )
        # Interviews over the last two years and the next three weeks.
        ends = [
            now - timedelta(days=rng.uniform(-21, 730), hours=rng.uniform(0, 8))
            for _ in range(interviews)
        ]
        conn.executemany(
            "INSERT INTO interviews (id, application_id, starts_at, ends_at, kind, location,"
            " notes, cancelled, calendar_sequence, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'video', '', ?, 0, 0, ?, ?)",
            [
                (
                    i + 1,
                    1 + i % applications,
                    _stamp(end - timedelta(hours=1)),
                    _stamp(end),
                    _phrase(rng, 8),
                    created,
                    created,
                )
                for i, end in enumerate(ends)
            ],
        )
        # Two interviewers each, with what was talked about (the thank-you's specific).
        panel = [
            (i + 1, 1 + (i * 7 + k * 13) % contacts, k) for i in range(interviews) for k in (0, 1)
        ]
        conn.executemany(
            "INSERT INTO participants (interview_id, contact_id, role, talking_points, position)"
            " VALUES (?, ?, 'interviewer', ?, ?)",
            [(iv, person, _phrase(rng, 5), k) for iv, person, k in panel],
        )
        rows = []
        for n in range(followups):
            iv, person, _k = panel[n % len(panel)]
            end = ends[iv - 1]
            kind = OPEN_KINDS[n % len(OPEN_KINDS)] if n >= len(panel) else "thank_you"
            offset = timedelta(days=7 * (n // len(panel))) if kind != "thank_you" else timedelta()
            remind = end + timedelta(hours=2) + offset
            due, late = remind + timedelta(hours=22), remind + timedelta(hours=46)
            snoozed = None
            if remind > now - timedelta(days=14) or rng.random() < backlog:
                status = rng.choice(["pending", "pending", "drafted"])
                if remind <= now and rng.random() < 0.05:
                    snoozed = now + timedelta(hours=rng.uniform(-30, 30))
            else:
                status = rng.choice(["sent", "sent", "sent", "sent", "skipped", "cancelled"])
            rows.append(
                (
                    n + 1,
                    1 + (iv - 1) % applications,
                    iv,
                    person,
                    kind,
                    "email",
                    status,
                    _stamp(remind),
                    _stamp(due),
                    _stamp(late),
                    None if snoozed is None else _stamp(snoozed),
                    _stamp(remind) if status == "sent" else None,
                    created,
                )
            )
        conn.executemany(
            "INSERT INTO followups (id, application_id, interview_id, contact_id, kind,"
            " channel, status, title, remind_at, due_at, late_at, snoozed_until, pinned,"
            " sent_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, 0, ?, ?, ?)",
            [(*row, row[-1]) for row in rows],
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path
