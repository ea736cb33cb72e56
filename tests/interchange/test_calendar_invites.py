"""Calendar invitations through the one import path: Google, Outlook/Teams, Zoom; updates,
cancellations, re-imports, time zones, and files that must be refused whole."""

from __future__ import annotations

import pytest

from desktop.interchange.errors import InterchangeError

from .conftest import DATA, by_name

GOOGLE_UID = "4k2v9c1q8m3j5h7g6f0d2s1a3b@google.com"


def names_of(doc, interview):
    contacts = {p["id"]: p["name"] for p in doc["contacts"]}
    return [
        (contacts[p["contact"]], p.get("role", "interviewer")) for p in interview["participants"]
    ]


def thank_yous(doc):
    contacts = {p["id"]: p["name"] for p in doc["contacts"]}
    return sorted(
        (contacts[f["contact"]], f["status"]) for f in doc["followups"] if f["kind"] == "thank_you"
    )


def test_google_invite_becomes_an_interview_with_its_interviewers(load, snapshot):
    summary = load("google-invite.ics", "ics")
    doc = snapshot()
    assert [c["name"] for c in doc["companies"]] == ["Brightloop"]
    assert doc["applications"] == [
        {
            "id": "a1",
            "company": "c1",
            "role": "Frontend Engineer",
            "status": "interviewing",
            "source": "calendar invite",
        }
    ]
    (interview,) = doc["interviews"]
    assert interview["starts_at"] == "2026-12-01T14:00:00-05:00"
    assert interview["ends_at"] == "2026-12-01T15:00:00-05:00"
    assert interview["location"] == "https://meet.google.com/xqd-hfkw-vtz"
    assert interview["kind"] == "video"
    assert interview["calendar_uid"] == GOOGLE_UID
    # The organizer (also listed as a guest) is the coordinator; the user and the room are out.
    assert names_of(doc, interview) == [
        ("Priya Raman", "coordinator"),
        ("Jordan Lee", "interviewer"),
        ("Sam Okafor", "interviewer"),
    ]
    emails = {p["email"] for p in doc["contacts"]}
    assert "alex.morgan.jobs@gmail.com" not in emails
    assert not any("resource.calendar" in e for e in emails)
    assert thank_yous(doc) == [("Jordan Lee", "pending"), ("Sam Okafor", "pending")]
    assert summary.generated_followups == len(doc["followups"])
    assert summary.counts["interviews"]["created"] == 1


def test_outlook_teams_invite_with_a_windows_zone(load, snapshot):
    load("outlook-teams-invite.ics", "ics")
    doc = snapshot()
    (interview,) = doc["interviews"]
    # 09:30 Pacific Standard Time is 12:30 in New York.
    assert interview["starts_at"] == "2026-12-03T12:30:00-05:00"
    assert interview["ends_at"] == "2026-12-03T14:00:00-05:00"
    assert interview["location"].startswith("https://teams.microsoft.com/l/meetup-join/")
    assert doc["applications"][0]["role"] == "Analyst, Credit Risk"
    # "Chen, Wei" is Outlook's Family, Given; the declined guest and the user are left out.
    assert names_of(doc, interview) == [
        ("Talent Acquisition", "coordinator"),
        ("Wei Chen", "interviewer"),
        ("Rosa Delgado", "interviewer"),
    ]
    assert thank_yous(doc) == [("Rosa Delgado", "pending"), ("Wei Chen", "pending")]


def test_zoom_invite_goes_to_the_company_its_domain_belongs_to(load, snapshot):
    load("google-contacts.vcf", "vcard")  # Léa Fontaine of Quarry Labs, @quarrylabs.io
    summary = load("zoom-invite.ics", "ics")
    doc = snapshot()
    assert summary.counts["companies"]["created"] == 0
    (interview,) = doc["interviews"]
    app = next(a for a in doc["applications"] if a["id"] == interview["application"])
    assert app["company"] == next(c["id"] for c in doc["companies"] if c["name"] == "Quarry Labs")
    assert app["role"] == "Data Analyst"
    assert interview["starts_at"] == "2026-12-04T10:30:00-05:00"
    assert interview["location"] == "https://us02web.zoom.us/j/87654321098?pwd=cXVhcnJ5bGFic2RhdGE"
    # Zoom's own file names only its host: the host is the one to thank.
    assert names_of(doc, interview) == [("Dana Kim", "interviewer")]
    assert thank_yous(doc) == [("Dana Kim", "pending")]
    assert by_name(doc)["Dana Kim"]["company_name"] == "Quarry Labs"


def test_an_invite_joins_the_open_application_and_keeps_what_is_known(load, snapshot):
    load("sample.json", "json")
    before = snapshot()
    summary = load("google-invite.ics", "ics")
    doc = snapshot()
    assert summary.counts["companies"]["created"] == 0
    assert summary.counts["applications"]["created"] == 0
    assert doc["companies"] == before["companies"]
    assert doc["applications"] == before["applications"]
    assert [i["application"] for i in doc["interviews"]] == ["a1", "a2", "a2"]


def test_an_update_moves_the_interview_and_keeps_talking_points(load, snapshot, workspace):
    from sqlalchemy import select

    from desktop.storage.models import Contact, Participant

    load("google-invite.ics", "ics")
    with workspace.store.write() as session:
        jordan = session.scalars(select(Contact).where(Contact.name == "Jordan Lee")).one()
        part = session.scalars(select(Participant).where(Participant.contact_id == jordan.id)).one()
        part.talking_points = "the design-system rewrite"
    summary = load("google-invite-update.ics", "ics")
    assert summary.counts["interviews"] == {"created": 0, "updated": 1, "unchanged": 0}
    doc = snapshot()
    (interview,) = doc["interviews"]
    assert interview["starts_at"] == "2026-12-02T11:00:00-05:00"
    assert interview["calendar_sequence"] == 1
    assert interview["participants"][1]["talking_points"] == "the design-system rewrite"
    # The thank-yous follow the new time rather than doubling.
    assert thank_yous(doc) == [("Jordan Lee", "pending"), ("Sam Okafor", "pending")]
    ty = next(f for f in doc["followups"] if f["kind"] == "thank_you")
    assert ty["due_at"].startswith("2026-12-03T12:00")


def test_an_older_or_repeated_invite_is_skipped(load, snapshot):
    load("google-invite.ics", "ics")
    load("google-invite-update.ics", "ics")
    after_update = snapshot()
    again = load("google-invite-update.ics", "ics")
    older = load("google-invite.ics", "ics")
    for summary, said in ((again, "already imported, nothing new"), (older, "an older copy")):
        assert all(c["created"] == 0 and c["updated"] == 0 for c in summary.counts.values())
        assert summary.generated_followups == 0
        assert any(said in w for w in summary.warnings), summary.warnings
    assert snapshot() == after_update


def test_reimporting_the_same_invites_duplicates_nothing(load, snapshot):
    for name in ("google-invite.ics", "outlook-teams-invite.ics", "zoom-invite.ics"):
        load(name, "ics")
    once = snapshot()
    for name in ("google-invite.ics", "outlook-teams-invite.ics", "zoom-invite.ics"):
        load(name, "ics")
    assert snapshot() == once


def test_a_cancellation_cancels_the_interview_and_its_thank_yous(load, snapshot):
    load("google-invite.ics", "ics")
    load("google-invite-update.ics", "ics")
    load("google-invite-cancel.ics", "ics")
    doc = snapshot()
    (interview,) = doc["interviews"]
    assert interview["cancelled"] is True
    assert interview["calendar_sequence"] == 2
    assert thank_yous(doc) == [("Jordan Lee", "cancelled"), ("Sam Okafor", "cancelled")]


def test_a_cancellation_of_an_unknown_invite_changes_nothing(load, snapshot):
    summary = load("google-invite-cancel.ics", "ics")
    assert "never imported" in summary.warnings[0]
    assert snapshot()["interviews"] == []


def test_an_invite_keeps_what_vcards_said_about_its_guests(load, snapshot):
    load("google-contacts.vcf", "vcard")
    load("google-invite.ics", "ics")
    people = by_name(snapshot())
    assert people["Jordan Lee"]["title"] == "Engineering Manager"
    assert people["Jordan Lee"]["phone"] == "+1 415-555-0199"
    assert len([p for p in people if p == "Jordan Lee"]) == 1


def event(lines: str, *, method: str = "REQUEST", extra: str = "") -> bytes:
    body = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n"
        f"METHOD:{method}\n{extra}BEGIN:VEVENT\nUID:t-1@example.org\n"
        "SUMMARY:Interview: Designer\n"
        "ORGANIZER;CN=Kim Park:mailto:kim@acme-widgets.com\n"
        "ATTENDEE;CN=Lou Reed:mailto:lou@acme-widgets.com\n"
        f"{lines}END:VEVENT\nEND:VCALENDAR\n"
    )
    return body.replace("\n", "\r\n").encode()


@pytest.mark.parametrize(
    ("times", "start"),
    [
        ("DTSTART:20261201T150000Z\nDTEND:20261201T160000Z\n", "2026-12-01T10:00:00-05:00"),
        # A floating time happens in the user's zone.
        ("DTSTART:20261201T100000\nDURATION:PT45M\n", "2026-12-01T10:00:00-05:00"),
        # A Windows zone name with no VTIMEZONE in the file.
        (
            "DTSTART;TZID=W. Europe Standard Time:20261201T160000\n"
            "DTEND;TZID=W. Europe Standard Time:20261201T170000\n",
            "2026-12-01T10:00:00-05:00",
        ),
    ],
)
def test_utc_floating_and_windows_zone_times(load, snapshot, times, start):
    load(event(times), "ics")
    doc = snapshot()
    (interview,) = doc["interviews"]
    assert interview["starts_at"] == start
    assert [c["name"] for c in doc["companies"]] == ["Acme-Widgets"]


def test_a_named_company_wins_when_no_address_tells(load, snapshot):
    data = event("DTSTART:20261201T150000Z\n").replace(b"acme-widgets.com", b"gmail.com")
    with pytest.raises(InterchangeError, match="event 1: cannot tell the company"):
        load(data, "ics")
    load(data, "ics", company="Acme Widgets")
    assert [c["name"] for c in snapshot()["companies"]] == ["Acme Widgets"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (event("SUMMARY:x\n"), "event 1: no start time (DTSTART)"),
        (event("DTSTART:20261201T150000Z\nDTEND:20261201T140000Z\n"), "event 1: ends_at"),
        (event("DTSTART:notatime\n"), "event 1"),
        ((DATA / "google-invite.ics").read_bytes()[:1500], "looks cut short"),
        ("BEGIN:VCALENDAR\r\nSUMMARY:Café\r\n".encode("latin-1"), "line 2: not UTF-8"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "no events"),
        (b"hello", "not an iCalendar file"),
    ],
)
def test_malformed_invites_are_refused_whole(load, snapshot, data, message):
    before = snapshot()
    with pytest.raises(InterchangeError) as caught:
        load(data, "ics")
    assert message in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert snapshot() == before


def test_too_many_events_or_too_big_a_file(load):
    one = "BEGIN:VEVENT\r\nDTSTART:20261201T150000Z\r\nEND:VEVENT\r\n"
    bomb = ("BEGIN:VCALENDAR\r\n" + one * 10_001 + "END:VCALENDAR\r\n").encode()
    with pytest.raises(InterchangeError, match="10001 events; at most 10,000"):
        load(bomb, "ics")
    with pytest.raises(InterchangeError, match="at most 20 MB"):
        load(b"BEGIN:VCALENDAR\r\n" + b" " * (20 * 1024 * 1024), "ics")
