# Over 400 lines on purpose: the sample job search is data, read top to bottom as a story.
"""A realistic sample job search, dated around "now", as a JSON document to import."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from desktop.interchange.document_model import FORMAT_NAME, FORMAT_VERSION

if TYPE_CHECKING:
    from desktop.app import Workspace
    from desktop.interchange.document_import import ImportSummary


# LinkedIn addresses and tags of some of the demo's people.
PEOPLE_EXTRA: dict[str, dict[str, Any]] = {
    "p1": {"linkedin_url": "https://www.linkedin.com/in/margaret-hale-law", "tags": ["partner"]},
    "p4": {"linkedin_url": "https://www.linkedin.com/in/samlee-eng", "phone": "+1 415 555 0142"},
    "p8": {"tags": ["recruiter"]},
    "p11": {"tags": ["recruiter"]},
}


def demo_document(now: datetime, tz: tzinfo) -> dict[str, Any]:
    """Seven applications in different stages at companies of each formality."""
    today = now.astimezone(tz).date()

    def at(days: int, hour: int, minute: int = 0) -> str:
        day = today + timedelta(days=days)
        return datetime.combine(day, time(hour, minute), tzinfo=tz).isoformat()

    def on(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    companies = [
        ("c1", "Hale & Pierce LLP", "law", "formal", "1 Court Street\nBoston, MA 02108"),
        ("c2", "Northwind Bank", "banking", "formal", "75 State Street\nBoston, MA 02109"),
        ("c3", "Brightloop", "software startup", "casual", ""),
        (
            "c4",
            "Civic Data Office",
            "government",
            "formal",
            "200 Main Street, Room 4\nSpringfield, IL 62701",
        ),
        ("c5", "Lumen Health", "healthcare", "neutral", ""),
        ("c6", "Tern & Finch Design", "design studio", "casual", ""),
        ("c7", "Orchard Analytics", "analytics", "neutral", ""),
    ]
    # id, salutation, name, preferred name, title, company, email, own mailing address
    # (Daniel Okafor has none: his envelope takes the firm's address).
    people = [
        (
            "p1",
            "Ms.",
            "Margaret Hale",
            "",
            "Partner",
            "c1",
            "mhale@halepierce.example",
            "Hale & Pierce LLP\n1 Court Street, 12th floor\nBoston, MA 02108",
        ),
        (
            "p2",
            "Mr.",
            "Daniel Okafor",
            "",
            "Senior Associate",
            "c1",
            "dokafor@halepierce.example",
            "",
        ),
        (
            "p3",
            "Ms.",
            "Priya Raman",
            "Priya",
            "VP, Credit Risk",
            "c2",
            "priya.raman@northwind.example",
            "",
        ),
        ("p4", "", "Sam Lee", "Sam", "Engineering Manager", "c3", "sam@brightloop.example", ""),
        (
            "p5",
            "",
            "Jordan Blake",
            "Jordan",
            "Staff Engineer",
            "c3",
            "jordan@brightloop.example",
            "",
        ),
        ("p6", "Dr.", "Alan Chu", "", "Chief Data Officer", "c4", "alan.chu@civicdata.example", ""),
        (
            "p7",
            "Ms.",
            "Rosa Delgado",
            "",
            "Lead Analyst",
            "c4",
            "rosa.delgado@civicdata.example",
            "",
        ),
        ("p8", "", "Kim Nguyen", "Kim", "Recruiter", "c5", "kim.nguyen@lumenhealth.example", ""),
        (
            "p9",
            "",
            "Oliver Grant",
            "Oliver",
            "Head of Product",
            "c5",
            "ogrant@lumenhealth.example",
            "",
        ),
        ("p10", "", "Ines Moreau", "Ines", "Content Director", "c6", "ines@ternfinch.example", ""),
        ("p11", "", "Theo Park", "Theo", "Talent Partner", "c7", "theo@orchard.example", ""),
    ]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "companies": [
            {
                "id": i,
                "name": n,
                "industry": ind,
                "formality": f,
                **({"mailing_address": addr} if addr else {}),
            }
            for i, n, ind, f, addr in companies
        ],
        "contacts": [
            {
                "id": i,
                **({"salutation": salutation} if salutation else {}),
                "name": name,
                **({"preferred_name": pref} if pref else {}),
                "title": title,
                "company": comp,
                "email": email,
                **({"mailing_address": addr} if addr else {}),
                **PEOPLE_EXTRA.get(i, {}),
            }
            for i, salutation, name, pref, title, comp, email, addr in people
        ],
        "applications": [
            {
                "id": "a1",
                "company": "c1",
                "role": "Litigation Associate",
                "status": "interviewing",
                "source": "referral",
                "applied_on": on(-21),
                "location": "Boston, MA",
                "work_mode": "onsite",
                "salary_min": 190_000,
                "salary_max": 215_000,
                "salary_currency": "USD",
                "salary_period": "year",
                "tags": ["law", "referral"],
                "description": (
                    "Hale & Pierce seeks a litigation associate with two to four years of "
                    "experience in commercial disputes. You will draft motions and briefs, "
                    "take depositions and work directly with partners on trial preparation. "
                    "A federal clerkship is a plus; our pro bono programme is firm-wide."
                ),
            },
            {
                "id": "a2",
                "company": "c2",
                "role": "Credit Analyst",
                "status": "interviewing",
                "source": "company website",
                "applied_on": on(-30),
            },
            {
                "id": "a3",
                "company": "c3",
                "role": "Senior Frontend Engineer",
                "status": "interviewing",
                "source": "LinkedIn",
                "applied_on": on(-14),
                "posting_url": "https://brightloop.example/jobs/frontend",
                "work_mode": "remote",
                "location": "US time zones",
                "salary_min": 150_000,
                "salary_max": 175_000,
                "salary_currency": "USD",
                "salary_period": "year",
                "tags": ["remote", "react"],
                "description": (
                    "Senior Frontend Engineer, Design Systems. Build and own our React "
                    "component library, mentor two engineers, and work with design on "
                    "accessibility. We ship weekly; the stack is TypeScript, React and Vite."
                ),
            },
            {
                "id": "a4",
                "company": "c4",
                "role": "Data Analyst II",
                "status": "interviewing",
                "source": "USAJOBS",
                "applied_on": on(-40),
                "location": "Springfield, IL",
                "work_mode": "hybrid",
                "salary_min": 78_000,
                "salary_max": 92_000,
                "salary_currency": "USD",
                "salary_period": "year",
                "tags": ["government"],
            },
            {
                "id": "a5",
                "company": "c5",
                "role": "Product Manager, Patient Apps",
                "status": "interviewing",
                "source": "recruiter",
                "applied_on": on(-45),
                "primary_contact": "p8",
            },
            {
                "id": "a6",
                "company": "c6",
                "role": "UX Writer",
                "status": "interviewing",
                "source": "portfolio site",
                "applied_on": on(-25),
                "work_mode": "remote",
                "tags": ["writing", "remote"],
            },
            {
                "id": "a7",
                "company": "c7",
                "role": "Analytics Engineer",
                "status": "applied",
                "source": "job board",
                "applied_on": on(-3),
                "primary_contact": "p11",
                "location": "Chicago, IL",
                "work_mode": "hybrid",
            },
            {
                "id": "a8",
                "company": "c6",
                "role": "Content Designer",
                "status": "wishlist",
                "source": "Referral",
                "tags": ["writing"],
            },
            {
                "id": "a9",
                "company": "c5",
                "role": "Senior Product Manager",
                "status": "rejected",
                "source": "LinkedIn",
                "applied_on": on(-60),
                "closed_on": on(-38),
            },
        ],
        "interviews": [
            {
                "id": "i1",
                "application": "a1",
                "starts_at": at(-1, 10),
                "ends_at": at(-1, 11, 30),
                "kind": "onsite",
                "location": "1 Court Street, 12th floor",
                "promised_response_by": on(6),
                "participants": [
                    {
                        "contact": "p1",
                        "talking_points": "her clerkship with Judge Alvarez; the "
                        "firm's appellate practice",
                    },
                    {
                        "contact": "p2",
                        "talking_points": "the pro bono immigration clinic he runs on Fridays",
                    },
                ],
            },
            {
                "id": "i2",
                "application": "a2",
                # Eleven days ago: the check-in (a week after, moved off a weekend) is due
                # before today whatever the weekday, so the demo always shows one.
                "starts_at": at(-11, 14),
                "ends_at": at(-11, 15),
                "kind": "video",
                "location": "Teams",
                "participants": [
                    {
                        "contact": "p3",
                        "talking_points": "stress-testing the loan book after 2008; "
                        "her advice to read the Basel III summaries",
                    }
                ],
            },
            {
                "id": "i3",
                "application": "a3",
                "starts_at": at(0, 9),
                "ends_at": at(0, 10),
                "kind": "video",
                "location": "https://meet.example/brightloop-frontend",
                "participants": [
                    {"contact": "p4", "talking_points": "the team's move from Angular to Svelte"},
                    {
                        "contact": "p5",
                        "talking_points": "accessibility audits; the screen-reader "
                        "joke about 'button button button'",
                    },
                ],
            },
            {
                "id": "i4",
                "application": "a4",
                "starts_at": at(3, 13),
                "ends_at": at(3, 14, 30),
                "kind": "panel",
                "location": "200 Main Street, Room 4",
                "participants": [
                    {"contact": "p6", "talking_points": ""},
                    {"contact": "p7", "talking_points": ""},
                ],
            },
            {
                "id": "i5",
                "application": "a5",
                "starts_at": at(-24, 11),
                "ends_at": at(-24, 12),
                "kind": "video",
                "location": "Zoom",
                "participants": [
                    {
                        "contact": "p9",
                        "talking_points": "the patient-messaging launch and its adoption numbers",
                    },
                    {"contact": "p8", "role": "coordinator"},
                ],
            },
            {
                "id": "i6",
                "application": "a6",
                "starts_at": at(-12, 15),
                "ends_at": at(-12, 16),
                "kind": "phone",
                "participants": [
                    {"contact": "p10", "talking_points": "her favourite style guide (Mailchimp's)"}
                ],
            },
            {
                "id": "i7",
                "application": "a6",
                "starts_at": at(6, 10),
                "ends_at": at(6, 11, 30),
                "kind": "onsite",
                "location": "Studio, 3rd floor",
                "participants": [{"contact": "p10", "talking_points": ""}],
            },
        ],
        "followups": [
            {
                "id": "f1",
                "kind": "thank_you",
                "interview": "i2",
                "contact": "p3",
                "status": "sent",
                "sent_at": at(-11, 18),
            },
            {
                "id": "f2",
                "kind": "thank_you",
                "interview": "i5",
                "contact": "p9",
                "status": "sent",
                "sent_at": at(-24, 16),
            },
            {
                "id": "f3",
                "kind": "check_in",
                "application": "a5",
                "status": "sent",
                "sent_at": at(-14, 9, 30),
            },
            {
                "id": "f4",
                "kind": "second_check_in",
                "application": "a5",
                "status": "sent",
                "sent_at": at(-10, 10),
            },
            {
                "id": "f6",
                "kind": "custom",
                "application": "a6",
                "contact": "p10",
                "channel": "email",
                "title": "Send Ines the onboarding-copy samples she asked for",
                "remind_at": at(-1, 9),
                "due_at": at(2, 17),
            },
            {
                "id": "f5",
                "kind": "thank_you",
                "interview": "i6",
                "contact": "p10",
                "status": "sent",
                "sent_at": at(-12, 17),
            },
        ],
        "drafts": [
            {
                "followup": "f1",
                "subject": "Thank you for Tuesday's conversation",
                "body_html": "<p>Dear Priya,</p><p>Thank you for taking the time to speak with "
                "me about the Credit Analyst role. I learned a great deal about how your team "
                "stress-tests the loan book, and I have started on the Basel III summaries you "
                "recommended.</p><p>I am excited about the chance to join Northwind.</p>"
                "<p>Best regards,<br>Alex Morgan</p>",
            },
        ],
        "replies": [
            {
                "application": "a6",
                "received_at": at(-10, 11),
                "note": "Invited to an onsite round with the content team.",
                "outcome": "next_round",
            },
        ],
    }


def demo_profile() -> dict[str, Any]:
    """The sample user the demo notes are signed by."""
    return {
        "name": "Alex Morgan",
        "signature": "Alex Morgan\nalex.morgan@example.com · (617) 555-0142",
        "emails": ["alex.morgan@example.com"],
        "mailing_address": "Alex Morgan\n48 Elm Street, Apt 3\nCambridge, MA 02139",
        "timezone": "",
    }


def load_demo(ws: Workspace, now: datetime | None = None) -> ImportSummary:
    """Import the sample job search (and a sample profile if none is set), dated around
    `now` (tests pin it; else the present)."""
    import json
    from datetime import UTC

    from desktop.interchange.document import parse_document
    from desktop.interchange.document_import import import_document
    from desktop.storage.settings_store import read_value, write_value
    from desktop.storage.settings_values import PROFILE_KEY

    with ws.store.write() as session:
        if not read_value(session, PROFILE_KEY):
            write_value(session, PROFILE_KEY, demo_profile())
    ws.reload_settings()
    data = json.dumps(demo_document(now or datetime.now(UTC), ws.tz)).encode()
    document = parse_document(data, "demo data", ws.tz)
    return import_document(ws.store, document, ws.rules, ws.tz)
