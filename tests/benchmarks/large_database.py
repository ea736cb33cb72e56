"""A generator for a large, realistic database: the size a long job search reaches."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from desktop.core.settings import RuleSettings
from desktop.storage.followups import refresh_followups
from desktop.storage.models import Application, Company, Contact, Interview, Participant
from desktop.storage.store import Store, open_store


def build_large_database(
    path: Path,
    *,
    applications: int = 2_000,
    contacts: int = 10_000,
    interviews: int = 6_000,
    interviewers_per_interview: int = 4,
    seed: int = 7,
    now: datetime | None = None,
) -> Store:
    """Fill a new database at `path`; follow-ups come from the real rules."""
    rng = random.Random(seed)
    now = now or datetime(2026, 11, 22, 12, tzinfo=UTC)
    store = open_store(path, path.parent / "backups")
    companies = max(1, applications // 4)
    industries = ["law", "banking", "software", "healthcare", "government", "retail"]
    with store.write() as s:
        s.execute(
            insert(Company),
            [
                {
                    "name": f"Company {i}",
                    "industry": industries[i % len(industries)],
                    "formality": ["formal", "formal", "casual", "neutral", "formal", "casual"][
                        i % 6
                    ],
                }
                for i in range(companies)
            ],
        )
        s.execute(
            insert(Contact),
            [
                {
                    "name": f"Person {i}",
                    "title": "Interviewer",
                    "company_id": 1 + i % companies,
                    "email": f"person{i}@example.com",
                }
                for i in range(contacts)
            ],
        )
        s.execute(
            insert(Application),
            [
                {
                    "company_id": 1 + i % companies,
                    "role": f"Role {i}",
                    "status": rng.choice(["applied", "interviewing", "interviewing", "rejected"]),
                }
                for i in range(applications)
            ],
        )
        rows = []
        for i in range(interviews):
            start = now - timedelta(days=rng.randint(-20, 120), hours=rng.randint(0, 8))
            rows.append(
                {
                    "application_id": 1 + i % applications,
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=1),
                    "kind": "video",
                }
            )
        s.execute(insert(Interview), rows)
        s.execute(
            insert(Participant),
            [
                {
                    "interview_id": 1 + i,
                    "contact_id": 1 + (i * 7 + k * 13) % contacts,
                    "talking_points": f"topic {i}-{k}",
                    "position": k,
                }
                for i in range(interviews)
                for k in range(interviewers_per_interview)
            ],
        )
        refresh_followups(s, RuleSettings(), UTC)
    return store
