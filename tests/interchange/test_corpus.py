# Over 400 lines on purpose: one expected result per corpus file, side by side.
"""Every file of the real-world corpus (tests/data/corpus, sources in its README) read into
the import document, and the result checked field by field: companies, people with their
company, title, address and phone, applications with role and status, interviews with
time, place and interviewers, and what the importer said. No database: the matching
against existing rows is tested in test_corpus_import.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desktop.interchange.errors import InterchangeError
from desktop.interchange.formats import detect_and_parse
from desktop.interchange.import_preview import guess_format
from desktop.interchange.lookup import ExistingIndex

from .conftest import DATA, OWN_EMAILS

CORPUS = DATA / "corpus"
NEW_YORK = ZoneInfo("America/New_York")


def read(name: str, fmt: str | None = None, **options: Any) -> Any:
    data = (CORPUS / name).read_bytes()
    fmt = fmt or guess_format(name, data)
    options.setdefault("own_emails", OWN_EMAILS)
    return detect_and_parse(data, name, fmt, tz=NEW_YORK, existing=ExistingIndex(), **options)


def refused(name: str, fmt: str | None = None, **options: Any) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        read(name, fmt, **options)
    text = str(caught.value)
    assert "vText" not in text and "Traceback" not in text and "Error(" not in text
    return caught.value


def _job(a: dict[str, Any]) -> tuple[Any, ...]:
    """An application's job fields as one tuple: location, mode, salary range and unit."""
    keys = ("location", "work_mode", "salary_min", "salary_max", "salary_currency")
    return (*(a[k] for k in keys), a["salary_period"])


def view(document: Any) -> dict[str, Any]:
    """The document as a person reads it: names instead of ids."""
    s = document.sections
    companies = {c["id"]: c["name"] for c in s["companies"]}
    people = {p["id"]: p["name"] for p in s["contacts"]}
    apps = {a["id"]: a for a in s["applications"]}

    def person(p: dict[str, Any]) -> dict[str, Any]:
        keep = ("email", "title", "phone", "mailing_address", "preferred_name", "notes")
        out = {k: p[k] for k in keep if p[k]}
        out["company"] = companies.get(p["company"])
        return out

    def interview(i: dict[str, Any]) -> dict[str, Any]:
        app = apps[i["application"]]
        return {
            "company": companies[app["company"]],
            "role": app["role"],
            "starts_at": i["starts_at"].isoformat(),
            "ends_at": i["ends_at"].isoformat() if i["ends_at"] else None,
            "kind": i["kind"],
            "location": i["location"],
            "cancelled": i["cancelled"],
            "people": [(people[p["contact"]], p["role"]) for p in i["participants"]],
        }

    return {
        "companies": sorted(companies.values()),
        "people": {p["name"]: person(p) for p in s["contacts"]},
        "applications": [
            {
                "company": companies[a["company"]],
                **{k: a[k] for k in ("role", "status", "source", "posting_url", "notes") if a[k]},
                **{k: a[k].isoformat() for k in ("applied_on", "closed_on") if a[k]},
                **({"contact": people[a["primary_contact"]]} if a["primary_contact"] else {}),
                **({"job": job} if any(job := _job(a)) else {}),
            }
            for a in s["applications"]
        ],
        "interviews": [interview(i) for i in s["interviews"]],
        "warnings": document.warnings,
    }


def at(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(NEW_YORK).isoformat()


# --- calendar invitations ---


@pytest.mark.parametrize(
    ("name", "only"),
    [
        ("ics/google-gmail-organizer.ics", "gmail.com"),
        ("ics/outlook-com-recruiter.ics", "outlook.com, hotmail.co.uk"),
        ("ics/zoom-noreply.ics", "gmail.com"),
    ],
)
def test_invites_from_personal_mail_ask_for_the_company_and_never_make_one(name, only):
    error = refused(name)
    (problem,) = error.problems
    assert problem == (
        f"event 1: cannot tell the company: no guest has a company address (only {only}); "
        "name the company (--company NAME, or in the import window)"
    )
    assert list(error.needs_company) == ["event 1"]
    assert error.partial is not None and error.partial.sections["companies"] == []


def test_a_named_company_takes_a_gmail_founder_as_the_interviewer():
    seen = view(read("ics/google-gmail-organizer.ics", company="Tiny Robotics"))
    assert seen["companies"] == ["Tiny Robotics"]
    assert seen["people"] == {
        "Maya Chen": {"email": "maya.tinyrobotics@gmail.com", "company": None}
    }
    assert seen["applications"] == [
        {
            "company": "Tiny Robotics",
            "role": "Firmware Engineer",
            "status": "interviewing",
            "source": "calendar invite",
        }
    ]
    assert seen["interviews"] == [
        {
            "company": "Tiny Robotics",
            "role": "Firmware Engineer",
            "starts_at": "2026-12-07T12:00:00-05:00",
            "ends_at": "2026-12-07T12:45:00-05:00",
            "kind": "video",
            "location": "https://meet.google.com/kvd-qwer-tyu",
            "cancelled": False,
            "people": [("Maya Chen", "interviewer")],
        }
    ]


def test_zoom_no_reply_is_no_one_and_the_title_gives_the_role():
    seen = view(read("ics/zoom-noreply.ics", company="Lumen Health"))
    assert seen["companies"] == ["Lumen Health"]
    assert list(seen["people"]) == ["Sofia Reyes"]
    (interview,) = seen["interviews"]
    assert interview["role"] == "Clinical Data Analyst"
    assert interview["people"] == [("Sofia Reyes", "interviewer")]
    assert interview["location"] == (
        "https://lumenhealth.zoom.us/j/83746251904?pwd=bHVtZW5oZWFsdGg"
    )


def test_a_company_per_event_when_a_file_holds_several():
    error = refused("ics/two-events-personal-mail.ics")
    assert error.needs_company == {
        "event 1": "Technical interview - Mobile Developer",
        "event 2": "Intro call: Operations Manager",
    }
    seen = view(
        read(
            "ics/two-events-personal-mail.ics",
            company={"event 1": "Ortiz Apps", "event 2": "Duarte Logistics"},
        )
    )
    assert [(i["company"], i["role"], i["kind"]) for i in seen["interviews"]] == [
        ("Ortiz Apps", "Mobile Developer", "video"),
        ("Duarte Logistics", "Operations Manager", "phone"),
    ]


def test_a_tenant_relay_never_names_the_company_and_rooms_are_no_one():
    seen = view(read("ics/teams-onmicrosoft.ics"))
    assert seen["companies"] == ["Lakeshorebank"]
    assert seen["people"] == {
        "Talent Team": {
            "email": "talent@lakeshorebank.onmicrosoft.com",
            "company": "Lakeshorebank",
        },
        "Chidi Okafor": {"email": "chidi.okafor@lakeshorebank.com", "company": "Lakeshorebank"},
    }
    (interview,) = seen["interviews"]
    assert interview["role"] == "Risk Analyst"
    assert interview["starts_at"] == "2026-12-09T10:00:00-05:00"
    assert interview["kind"] == "video"
    # "Microsoft Teams Meeting" says nothing a link does not: the link is the place.
    assert interview["location"].startswith("https://teams.microsoft.com/l/meetup-join/19%3a")
    assert interview["people"] == [("Talent Team", "coordinator"), ("Chidi Okafor", "interviewer")]


def test_icloud_organizer_is_read_from_its_email_parameter_once():
    seen = view(read("ics/icloud-imip-organizer.ics"))
    assert seen["companies"] == ["Harborstudio"]
    assert not any("imip" in str(p.get("email")) for p in seen["people"].values())
    (interview,) = seen["interviews"]
    assert interview["people"] == [("Priya Nair", "coordinator"), ("Tomas Berg", "interviewer")]
    assert interview["starts_at"] == "2026-12-10T13:00:00-05:00"
    assert interview["location"] == "Harbor Studio\n500 Terry Ave N\nSeattle WA 98109"
    assert interview["role"] == "Product Designer" and interview["kind"] == "onsite"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("ics/google-reply-declined.ics", "a reply to an invitation (Sam Okafor declined)"),
        ("ics/outlook-reply-no-dtstart.ics", "a reply to an invitation (Rosa Delgado accepted)"),
    ],
)
def test_a_reply_changes_nothing_and_is_reported(name, said):
    document = read(name)
    assert all(records == [] for records in document.sections.values())
    (warning,) = [w for w in document.warnings if "reply" in w]
    assert warning.startswith("event 1 (")
    assert warning.endswith(f"{said}; nothing was changed")


def test_a_cancellation_without_a_start_is_read():
    document = read("ics/cancel-no-dtstart.ics")
    assert document.sections["interviews"] == []
    assert document.warnings[-1] == (
        "event 1 (Canceled event: Interview: Frontend Engineer \u2013 Brightloop): cancels an "
        "invitation that was never imported"
    )


@pytest.mark.parametrize(
    ("name", "role", "kind"),
    [
        ("ics/duplicate-summary.ics", "Backend Developer", "video"),
        ("ics/title-callback.ics", "Senior Analyst", "onsite"),
        ("ics/title-today-tag.ics", "Data Analyst", "phone"),
        ("ics/outlook-rooms-and-groups.ics", "Litigation Associate", "onsite"),
        ("ics/google-calendar-export.ics", "Platform Engineer", "onsite"),
    ],
)
def test_roles_come_from_whole_words_of_the_title(name, role, kind):
    seen = view(read(name))
    (interview,) = seen["interviews"]
    assert (interview["role"], interview["kind"]) == (role, kind)
    assert "vText" not in repr(seen)


def test_a_title_with_no_role_says_so():
    seen = view(read("ics/title-just-chatting.ics"))
    assert seen["applications"][0]["role"] == "Role not given"
    assert seen["warnings"][-1] == (
        "event 1 (Just chatting): the title names no role; the application at Parcelpilot "
        "is saved as “Role not given” for you to fill in"
    )


def test_own_addresses_in_any_case_are_never_people():
    for name in ("ics/duplicate-summary.ics", "ics/outlook-rooms-and-groups.ics"):
        emails = {p.get("email") for p in view(read(name))["people"].values()}
        assert not emails & {"alex@alexmorgan.dev", "alex.morgan.jobs@gmail.com"}
    seen = view(read("ics/duplicate-summary.ics"))
    assert seen["interviews"][0]["people"] == [
        ("Lena Vogel", "coordinator"),
        ("Jonas Keller", "interviewer"),
    ]


def test_without_own_addresses_the_user_is_warned():
    document = read("ics/title-callback.ics", own_emails=())
    assert any("your own email addresses are not set" in w for w in document.warnings)


def test_rooms_groups_and_bridges_are_left_out():
    seen = view(read("ics/outlook-rooms-and-groups.ics"))
    assert seen["companies"] == ["Stonebridge-Law"]
    assert seen["interviews"][0]["people"] == [
        ("Recruiting Coordinator", "coordinator"),
        ("Margaret Hale", "interviewer"),
        ("Daniel Okafor", "interviewer"),
    ]
    assert seen["interviews"][0]["starts_at"] == "2026-12-21T09:30:00-05:00"


def test_a_historic_zone_offset_is_read_and_noted():
    seen = view(read("ics/icloud-historic-offset.ics"))
    (interview,) = seen["interviews"]
    assert interview["starts_at"] == "2026-12-18T04:00:00-05:00"  # 10:00 in Berlin
    assert interview["role"] == "UX Researcher"
    assert seen["companies"] == ["Spreebogen-Labs"]
    assert seen["warnings"][0] == (
        "a time zone in the file gives the historic offset +5328, read as +00:53:28 (local "
        "mean time); it does not move any event"
    )


def test_an_all_day_event_in_a_calendar_export_is_noted_not_imported():
    seen = view(read("ics/google-calendar-export.ics"))
    assert "event 1 (Christmas Day): an all-day event, not imported" in seen["warnings"]
    assert [i["people"] for i in seen["interviews"]] == [
        [("Chioma Okoye", "coordinator"), ("Dev Patel", "interviewer")]
    ]


def test_one_bad_event_is_named_and_can_be_left_out():
    error = refused("ics/broken-start-time.ics")
    assert error.problems == ["event 2: the start time (DTSTART) 'TBD' is not a date and time"]
    document = read("ics/broken-start-time.ics", skip_invalid=True)
    assert document.skipped == error.problems
    assert [i["role"] for i in view(document)["interviews"]] == ["QA Engineer"]


# --- contact cards ---


def test_outlook_21_in_windows_1252():
    seen = view(read("vcf/outlook-21-windows-1252.vcf"))
    assert seen["people"] == {
        "Jürgen Groß": {
            "email": "j.gross@rhein-kapital.de",
            "title": "Leiterin Recruiting \u2013 Technik",
            "phone": "+49 221 555 0190",
            "mailing_address": "Königsallee 12\nDüsseldorf, 40212\nDeutschland",
            "notes": "Gespräch über die Stelle am 3.12.",
            "company": "Rhein Kapital AG",
        }
    }


def test_vcard_21_charset_per_line_and_a_line_without_one():
    seen = view(read("vcf/vcard21-latin1-charset.vcf"))
    assert seen["companies"] == ["Åkme"]
    assert seen["people"]["Jörn Dörr"] == {
        "email": "joern.doerr@akme-sales.example",
        "phone": "(555) 010-2000",
        "company": "Åkme",
    }
    assert seen["warnings"] == ["line 8: not UTF-8 and no CHARSET given; read as Windows-1252"]


def test_an_unescaped_comma_in_org_is_kept():
    seen = view(read("vcf/org-unescaped-comma.vcf"))
    assert seen["companies"] == ["Boring Company, The", "Hale, Pierce & Co."]
    assert seen["people"]["Lou Reed"]["title"] == "Chief of Staff, Operations"


@pytest.mark.parametrize(
    ("name", "people"),
    [
        (
            "vcf/profile-and-source.vcf",
            {
                "Nina Park": {
                    "email": "nina.park@cobaltgrid.example",
                    "title": "Engineering Manager",
                    "phone": "+1-617-555-0123",
                    "company": "Cobalt Grid Inc.",
                }
            },
        ),
        (
            "vcf/damaged-photo.vcf",
            {
                "Bea Santos": {
                    "email": "bea.santos@verdantfoods.example",
                    "company": "Verdant Foods",
                },
                "Ken Ito": {"email": "ken.ito@verdantfoods.example", "company": "Verdant Foods"},
            },
        ),
        (
            "vcf/crcrlf-line-ends.vcf",
            {
                "Simran Kaur": {
                    "email": "simran.kaur@northpeak.example",
                    "title": "Talent Partner",
                    "notes": "Met at the Calgary career fair; prefers calls after 2pm and a "
                    "short email before.",
                    "company": "Northpeak Energy",
                }
            },
        ),
    ],
)
def test_cards_a_strict_reader_refused(name, people):
    seen = view(read(name))
    assert seen["people"] == people
    assert seen["warnings"] == []


def test_email_only_cards_are_named_from_their_address():
    seen = view(read("vcf/android-email-only.vcf"))
    assert seen["people"] == {
        "Jordan Baptiste": {"email": "jordan.baptiste@fjordworks.example", "company": None},
        "Recruiting Team": {"email": "recruiting-team@fjordworks.example", "company": None},
        "Sara Lind": {
            "email": "sara.lind@fjordworks.example",
            "phone": "+46 70 555 01 23",
            "company": None,
        },
    }
    assert seen["warnings"][0] == (
        "card 1: no name on the card; named Jordan Baptiste from jordan.baptiste@fjordworks.example"
    )


def test_exchange_directory_names_are_not_addresses():
    seen = view(read("vcf/exchange-x500.vcf"))
    assert seen["people"]["Aoife Brennan"] == {
        "title": "Head of Underwriting",
        "company": "Harbourline Insurance",
    }
    assert seen["people"]["Conor Walsh"]["email"] == "conor.walsh@harbourline.example"
    assert seen["warnings"][0].startswith(
        "card 1: the address is an Exchange directory name (/o=ExchangeLabs/"
    )


def test_the_users_own_card_is_skipped():
    seen = view(read("vcf/apple-me-card.vcf"))
    assert list(seen["people"]) == ["Chioma Okoye"]
    assert seen["people"]["Chioma Okoye"] == {
        "email": "chioma@latticehealth.example",
        "title": "VP Engineering",
        "mailing_address": "2 Enterprise Avenue\nWorktown, NY 01111\nUSA",
        "notes": "Intro from Sam, ask about the platform team.",
        "company": "Lattice Health",
    }
    assert seen["warnings"] == ["card 1: your own card (alex@alexmorgan.dev), skipped"]


def test_a_company_card_becomes_the_company():
    seen = view(read("vcf/company-only-card.vcf"))
    assert seen["companies"] == ["Pinecrest Staffing"]
    assert list(seen["people"]) == ["Luis Diaz"]
    assert seen["warnings"] == ["card 1: a card of a company, not a person: Pinecrest Staffing"]


def test_a_stray_line_is_left_out_with_its_place():
    seen = view(read("vcf/stray-line.vcf"))
    assert seen["people"]["Elise Moreau"]["email"] == "elise.moreau@ateliernord.example"
    assert seen["warnings"] == [
        "card 1: line 6 is not a vCard line ('this line was pasted in by hand'), left out"
    ]


def test_a_bad_address_refuses_the_file_unless_skipped():
    error = refused("vcf/bad-email-among-good.vcf")
    assert error.problems == ["card 2: 'bob at stone-masonry' is not an email address (EMAIL)"]
    document = read("vcf/bad-email-among-good.vcf", skip_invalid=True)
    assert sorted(view(document)["people"]) == ["Ada Byron", "Cy Young"]
    assert document.skipped == error.problems


# --- spreadsheets ---


def test_thunderbird_is_not_taken_for_linkedin():
    assert (
        guess_format("thunderbird-us.csv", (CORPUS / "csv/thunderbird-us.csv").read_bytes())
        == "csv"
    )
    seen = view(read("csv/thunderbird-us.csv"))
    assert seen["people"] == {
        "Priya Raman": {
            "email": "priya.raman@brightloop.com",
            "title": "Engineering Manager",
            "phone": "+1 415 555 0110",
            "mailing_address": "500 Market St\nFloor 4, San Francisco, CA, 94105, USA",
            "notes": "Hiring manager",
            "company": "Brightloop",
        },
        "Jordan": {
            "email": "jordan@quarrylabs.io",
            "phone": "+1 312 555 0188",
            "company": "Quarry Labs",
        },
        "Léa Fontaine": {
            "email": "lea.fontaine@quarrylabs.io",
            "title": "Data Scientist",
            "preferred_name": "Lé",
            "notes": "Talked about the Lyon office, and hiking",
            "company": "Quarry Labs",
        },
    }


def test_thunderbird_uk_build():
    seen = view(read("csv/thunderbird-uk.csv"))
    assert seen["people"]["Rory Williams"] == {
        "email": "rory.williams@leadworth.example",
        "title": "Practice Manager",
        "phone": "01632 960123",
        "mailing_address": "1 Church Lane\nLeadworth, Gloucestershire, GL1 1AA, United Kingdom",
        "company": "Leadworth Surgery",
    }


def test_google_phone_is_the_number_not_the_phonetic_name_or_label():
    seen = view(read("csv/google-contacts-2024.csv"))
    assert seen["people"]["Taro Yamada"] == {
        "email": "taro.yamada@kumo.example",
        "title": "Staff Engineer",
        "phone": "+81 90-5555-0101",
        "company": "Kumo Systems",
    }
    assert seen["people"]["Ana Luisa Ferreira"] == {
        "email": "ana.ferreira@kumo.example",
        "title": "Recruiter",
        "preferred_name": "Ana Lu",
        "mailing_address": "1-2-3 Shibuya\nTokyo 150-0002\nJP",
        "notes": "Prefers email",
        "company": "Kumo Systems",
    }


@pytest.mark.parametrize(
    ("name", "person", "expected"),
    [
        (
            "csv/google-contacts-legacy.csv",
            "Marcus Webb",
            {
                "email": "marcus.webb@ledgerline.example",
                "title": "Head of Talent",
                "phone": "+44 20 7946 0991",
                "notes": "Met at the fintech meetup",
                "company": "Ledgerline",
            },
        ),
        (
            "csv/outlook-desktop.csv",
            "Hélène Dubois",
            {
                "email": "helene.dubois@banquelumiere.example",
                "title": "Chargée de recrutement",
                "phone": "+33 1 55 55 01 20",
                "mailing_address": "12 rue de la Paix\nParis, 75002, France",
                "company": "Banque Lumière",
            },
        ),
        (
            "csv/outlook-desktop.csv",
            "Tom Baker Jr.",
            {
                "email": "tbaker@gmail.com",
                "title": "Analyst, Credit Risk",
                "phone": "+33 6 55 55 0133",
                "notes": "Second round on 3 Dec",
                "company": "Banque Lumière",
            },
        ),
        (
            "csv/outlook-web.csv",
            "Kwame Mensah",
            {
                "email": "kwame.mensah@goldcoastventures.example",
                "title": "Partner",
                "phone": "+233 30 555 0142",
                "preferred_name": "Kay",
                "mailing_address": "12 Independence Ave\nAccra, Ghana",
                "company": "Gold Coast Ventures",
            },
        ),
        (
            "csv/apple-exporter-script.csv",
            "Isabel Ortega",
            {
                "email": "isabel@altorobotics.example",
                "title": "Head of People",
                "phone": "+1 650 555 0170",
                "preferred_name": "Isa",
                "mailing_address": "1 Hacker Way, Menlo Park, CA",
                "notes": "Knows the hiring plan for Q1",
                "company": "Alto Robotics",
            },
        ),
    ],
)
def test_each_programs_columns(name, person, expected):
    assert view(read(name))["people"][person] == expected


def test_programs_are_recognised_by_their_header():
    from desktop.interchange.contacts_csv import read_header, recognised

    found = {
        name: recognised(read_header((CORPUS / "csv" / name).read_bytes()))
        for name in (
            "thunderbird-us.csv",
            "thunderbird-uk.csv",
            "google-contacts-2024.csv",
            "google-contacts-legacy.csv",
            "outlook-desktop.csv",
            "outlook-web.csv",
            "apple-exporter-script.csv",
        )
    }
    assert found == {
        "thunderbird-us.csv": "Thunderbird",
        "thunderbird-uk.csv": "Thunderbird",
        "google-contacts-2024.csv": "Google Contacts",
        "google-contacts-legacy.csv": "Google Contacts (older export)",
        "outlook-desktop.csv": "Outlook",
        "outlook-web.csv": "Outlook",
        "apple-exporter-script.csv": "Apple Contacts (exporter script)",
    }


def test_linkedin_people_of_one_name_stay_apart():
    document = read("csv/linkedin-same-names.csv")
    names = [(p["name"], p["title"]) for p in document.sections["contacts"]]
    assert names == [
        ("Wei Chen", "Vice President, Credit Risk"),
        ("Wei Chen", "Software Engineer"),
        ("Maria Garcia", "Analyst"),
        ("Maria Garcia", "Associate"),
        ("Tomás Ruiz", "Career Coach"),
    ]
    assert document.warnings == [
        "row 8: Maria Garcia has the name and company of row 7; with no email address or "
        "profile to tell them apart both were kept (possible duplicates)"
    ]


# --- job trackers ---


def test_a_tracker_sheet_is_recognised_and_becomes_applications():
    data = (CORPUS / "csv/tracker-spreadsheet.csv").read_bytes()
    assert guess_format("tracker-spreadsheet.csv", data) == "tracker"
    seen = view(read("csv/tracker-spreadsheet.csv"))
    assert seen["applications"] == [
        {
            "company": "Brightloop",
            "role": "Frontend Engineer",
            "status": "interviewing",
            "source": "job tracker",
            "posting_url": "https://jobs.brightloop.example/fe-123",
            "notes": "Referred by Sam",
            "applied_on": "2026-11-02",
            "job": ("US", "remote", 140_000, 160_000, "USD", "year"),
        },
        {
            "company": "Quarry Labs",
            "role": "Data Analyst",
            "status": "applied",
            "source": "job tracker",
            "posting_url": "https://quarrylabs.example/careers/da",
            "applied_on": "2026-11-10",
            "job": ("Chicago, IL", "", None, None, "", ""),
        },
        {
            "company": "Northwind Capital",
            "role": "Analyst, Credit Risk",
            "status": "rejected",
            "source": "job tracker",
            "notes": "Form rejection",
            "applied_on": "2026-10-01",
            "job": ("New York, NY", "", None, None, "", ""),
        },
        {
            "company": "Lattice Health",
            "role": "Platform Engineer",
            "status": "no_response",
            "source": "job tracker",
            "applied_on": "2026-09-15",
        },
    ]
    # Salary and location have their own fields since schema 0006: nothing left to say.
    assert seen["warnings"] == []


def test_a_trackers_tags_and_descriptions_go_into_their_own_fields():
    """Tags (split at ';') and the pasted description become the application's own,
    searchable fields, not lines of its notes."""
    tagged = read("csv/tracker-tags-semicolons.csv")
    assert tagged.warnings == []
    apps = {a["role"]: a for a in tagged.sections["applications"]}
    firmware = apps["Firmware Engineer"]
    assert firmware["tags"] == ["embedded", "remote", "dream job"]
    assert (firmware["location"], firmware["work_mode"]) == ("EU", "remote")
    assert firmware["posting_url"] == "https://kestrel-robotics.example/jobs/fw-7"
    assert firmware["notes"] == "Second round with the CTO"
    assert apps["Paralegal"]["tags"] == ["law", "referral"]
    assert _job(apps["Operations Analyst"])[:2] == ("Memphis, TN", "hybrid")

    described = read("csv/tracker-descriptions.csv")
    apps = {a["role"]: a for a in described.sections["applications"]}
    sre = apps["Site Reliability Engineer"]
    assert sre["description"] == (
        "We run Kubernetes across three regions.\nYou will own our on-call tooling and "
        "capacity planning; Terraform and Go preferred."
    )
    assert sre["notes"] == "Referred by a former colleague\nFit: 82"
    assert "born-digital" in apps["Digital Archivist"]["description"]
    assert "Kubernetes" not in (apps["Digital Archivist"]["notes"] or "")


def test_a_tracker_whose_source_is_the_link():
    seen = view(read("csv/tracker-careerforge.csv"))
    assert seen["applications"] == [
        {
            "company": "Ferncloud",
            "role": "Backend Developer",
            "status": "offer",
            "source": "Referral",
            "posting_url": "https://ferncloud.example/jobs/42",
            "notes": "Offer call on Friday\nType: Full-time\nFit: 88",
            "applied_on": "2026-11-03",
            "contact": "Lena Vogel",
        },
        {
            "company": "Parcel Pilot",
            "role": "Operations Manager",
            "status": "wishlist",
            "source": "LinkedIn",
            "posting_url": "https://www.linkedin.com/jobs/view/4012345678",
            "notes": "Type: Contract\nFit: 61",
            "applied_on": "2026-11-12",
        },
    ]
    assert [c["industry"] for c in read("csv/tracker-careerforge.csv").sections["companies"]] == [
        "Software",
        "Logistics",
    ]


def test_a_board_export_with_slashed_dates_and_contacts():
    seen = view(read("csv/tracker-board-export.csv"))
    assert [
        (a["company"], a["status"], a.get("applied_on"), a.get("contact"))
        for a in seen["applications"]
    ] == [
        ("Harbor Studio", "interviewing", "2026-12-11", "Priya Nair"),
        ("Spreebogen Labs", "wishlist", None, None),
        ("Cobalt Grid", "withdrawn", "2026-03-11", "Nina Park"),
    ]
    assert seen["people"]["Priya Nair"] == {
        "email": "priya@harborstudio.design",
        "company": "Harbor Studio",
    }
    assert seen["warnings"][0] == (
        "dates such as 03/11/2026 were read month first (US); if they are day first, write "
        "them as 2026-11-03"
    )


def test_a_tracker_row_with_no_date_is_named_and_can_be_skipped():
    error = refused("csv/tracker-bad-date.csv")
    assert error.problems == ["row 3: applied date: 'soon' is not a date (e.g. 2026-11-20)"]
    seen = view(read("csv/tracker-bad-date.csv", skip_invalid=True))
    assert [(a["company"], a["status"], a["applied_on"]) for a in seen["applications"]] == [
        ("Verdant Foods", "applied", "2026-11-20"),
        ("Pinecrest Staffing", "interviewing", "2026-11-18"),
    ]


def test_the_corpus_holds_at_least_forty_files_each_cited():
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    readme = (CORPUS / "README.md").read_text()
    assert len(files) >= 40
    assert [p.name for p in files if f"`{p.name}`" not in readme] == []


def test_own_addresses_are_skipped_by_the_spreadsheet_importers_too():
    text = "Name,E-mail Address,Company\nAlex Morgan,ALEX@alexmorgan.dev,\nAda Byron,ada@x.org,Engines\n"
    document = detect_and_parse(
        text.encode(),
        "people.csv",
        "csv",
        tz=NEW_YORK,
        existing=ExistingIndex(),
        own_emails=OWN_EMAILS,
    )
    assert [p["name"] for p in document.sections["contacts"]] == ["Ada Byron"]
    assert document.warnings == ["row 2: your own row (ALEX@alexmorgan.dev), skipped"]
