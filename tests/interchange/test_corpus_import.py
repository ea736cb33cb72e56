"""Corpus files written into a real database beside what it holds: updates that keep their
SEQUENCE, cancellations and replies without a start, people of one name, own addresses,
a tracker's applications, and rows left out on the user's word."""

from __future__ import annotations

import json

from .conftest import DATA, by_name

CORPUS = DATA / "corpus"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def interview_of(doc):
    (interview,) = doc["interviews"]
    return interview


def thank_yous(doc):
    contacts = {p["id"]: p["name"] for p in doc["contacts"]}
    return sorted(
        (contacts[f["contact"]], f["status"]) for f in doc["followups"] if f["kind"] == "thank_you"
    )


def test_an_update_with_the_same_sequence_and_a_later_stamp_moves_the_interview(load, snapshot):
    load("google-invite.ics", "ics")
    summary = load(corpus("ics/update-same-sequence.ics"), "ics")
    assert summary.counts["interviews"] == {"created": 0, "updated": 1, "unchanged": 0}
    interview = interview_of(snapshot())
    assert interview["starts_at"] == "2026-12-01T15:30:00-05:00"
    assert interview["ends_at"] == "2026-12-01T16:30:00-05:00"
    assert interview["location"] == (
        "Brightloop HQ, 88 King St, New York (https://meet.google.com/xqd-hfkw-vtz)"
    )
    # The thank-yous follow the new end rather than doubling.
    assert thank_yous(snapshot()) == [("Jordan Lee", "pending"), ("Sam Okafor", "pending")]
    again = load(corpus("ics/update-same-sequence.ics"), "ics")
    assert any("already imported, nothing new" in w for w in again.warnings)
    # The first copy again (an old email opened later): the stored stamp says it is older.
    old = load("google-invite.ics", "ics")
    assert any("written before the copy imported), skipped" in w for w in old.warnings)
    assert old.counts["interviews"] == {"created": 0, "updated": 0, "unchanged": 0}
    assert interview_of(snapshot())["starts_at"] == "2026-12-01T15:30:00-05:00"


def test_an_interview_imported_before_stamps_were_kept_takes_a_moved_copy_as_newer(
    load, snapshot, workspace
):
    """Interviews from before migration 0007 have no stamp: a same-SEQUENCE copy that moves
    them is taken as newer, and said so."""
    from sqlalchemy import update

    from desktop.storage.models import Interview

    load("google-invite.ics", "ics")
    with workspace.store.write() as session:
        session.execute(update(Interview).values(calendar_stamp=None))
    summary = load(corpus("ics/update-same-sequence.ics"), "ics")
    assert summary.counts["interviews"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert any("the same revision (0) as the one imported" in w for w in summary.warnings)
    assert interview_of(snapshot())["starts_at"] == "2026-12-01T15:30:00-05:00"


def test_a_cancellation_without_a_start_cancels_by_uid(load, snapshot):
    load("google-invite.ics", "ics")
    summary = load(corpus("ics/cancel-no-dtstart.ics"), "ics")
    assert summary.counts["interviews"]["updated"] == 1
    doc = snapshot()
    assert interview_of(doc)["cancelled"] is True
    assert interview_of(doc)["starts_at"] == "2026-12-01T14:00:00-05:00"
    assert thank_yous(doc) == [("Jordan Lee", "cancelled"), ("Sam Okafor", "cancelled")]


def test_a_reply_changes_nothing_in_the_database(load, snapshot):
    load("google-invite.ics", "ics")
    before = snapshot()
    summary = load(corpus("ics/google-reply-declined.ics"), "ics")
    assert snapshot() == before
    assert summary.generated_followups == 0
    assert all(not any(c.values()) for c in summary.counts.values())


def test_people_of_one_name_are_two_rows_in_an_empty_database(load, snapshot):
    summary = load(corpus("csv/linkedin-same-names.csv"), "linkedin")
    assert summary.counts["contacts"] == {"created": 5, "updated": 0, "unchanged": 0}
    titles = sorted((p["name"], p["title"]) for p in snapshot()["contacts"])
    assert titles == [
        ("Maria Garcia", "Analyst"),
        ("Maria Garcia", "Associate"),
        ("Tomás Ruiz", "Career Coach"),
        ("Wei Chen", "Software Engineer"),
        ("Wei Chen", "Vice President, Credit Risk"),
    ]
    again = load(corpus("csv/linkedin-same-names.csv"), "linkedin")
    # Known again by their profile URLs; the two without one are matched by name, and said so.
    assert again.counts["contacts"]["created"] == 0
    assert sum("matched to the contact already saved by name" in w for w in again.warnings) == 2
    assert len(snapshot()["contacts"]) == 5


def test_a_name_match_with_an_existing_contact_is_reported(load, snapshot):
    load("google-contacts.vcf", "vcard")
    summary = load("linkedin-connections.csv", "linkedin")
    assert (
        "row 5: Priya Raman was matched to the contact already saved by name and company "
        "(the file gives no email address); check it is the same person"
    ) in summary.warnings
    assert by_name(snapshot())["Priya Raman"]["email"] == "priya.raman@brightloop.com"


def test_a_tracker_becomes_applications_and_its_contacts(load, snapshot):
    summary = load(corpus("csv/tracker-board-export.csv"), "tracker")
    assert summary.counts["applications"]["created"] == 3
    doc = snapshot()
    companies = {c["id"]: c["name"] for c in doc["companies"]}
    people = {p["id"]: p["name"] for p in doc["contacts"]}
    apps = {companies[a["company"]]: a for a in doc["applications"]}
    assert apps["Harbor Studio"] == {
        "id": apps["Harbor Studio"]["id"],
        "company": apps["Harbor Studio"]["company"],
        "role": "Product Designer",
        "status": "interviewing",
        "source": "job tracker",
        "posting_url": "https://harborstudio.example/jobs/pd",
        "applied_on": "2026-12-11",
        "primary_contact": apps["Harbor Studio"]["primary_contact"],
        "notes": "Next step: Portfolio review\nFit: 5",
        "salary_min": 120_000,
        "salary_max": 135_000,
        "salary_period": "year",
    }
    assert people[apps["Harbor Studio"]["primary_contact"]] == "Priya Nair"
    assert apps["Cobalt Grid"]["status"] == "withdrawn"
    # Importing the sheet again updates the same applications.
    again = load(corpus("csv/tracker-board-export.csv"), "tracker")
    assert again.counts["applications"]["created"] == 0
    assert len(snapshot()["applications"]) == 3


def test_skipping_invalid_rows_imports_the_rest_and_lists_them(load, snapshot):
    summary = load(corpus("vcf/bad-email-among-good.vcf"), "vcard", skip_invalid=True)
    assert summary.skipped == ["card 2: 'bob at stone-masonry' is not an email address (EMAIL)"]
    assert sorted(p["name"] for p in snapshot()["contacts"]) == ["Ada Byron", "Cy Young"]
    assert "  left out, 1 with problems (--skip-invalid):" in summary.lines()


def test_many_guests_at_once_are_indexed_for_search_and_later_edits_too(load, workspace):
    """Guests written in one batch: the interview is found by every talking point, and a
    later edit of one is indexed as before."""
    from sqlalchemy import select

    from desktop.storage.models import Participant
    from desktop.storage.search import search

    people = 60
    doc = {
        "format": "afterword",
        "version": 1,
        "companies": [{"id": "c1", "name": "Brightloop"}],
        "contacts": [{"id": f"p{n}", "name": f"Guest {n}"} for n in range(people)],
        "applications": [{"id": "a1", "company": "c1", "role": "Engineer"}],
        "interviews": [
            {
                "id": "i1",
                "application": "a1",
                "starts_at": "2026-12-01T10:00:00-05:00",
                "participants": [
                    {"contact": f"p{n}", "talking_points": f"kayak{n}"} for n in range(people)
                ],
            }
        ],
    }
    load(json.dumps(doc).encode(), "json")
    with workspace.store.write() as session:
        assert [h.kind for h in search(session, f"kayak{people - 1}")] == ["interview"]
        assert search(session, "kayak7")
        part = session.scalars(
            select(Participant).where(Participant.talking_points == "kayak3")
        ).one()
        part.talking_points = "lighthouse"
    with workspace.store.read() as session:
        assert [h.kind for h in search(session, "lighthouse")] == ["interview"]
