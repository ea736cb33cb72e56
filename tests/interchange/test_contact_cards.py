"""Contacts through the one import path: Apple, Google, Outlook (2.1, quoted-printable) and
vCard 4.0 files, LinkedIn's Connections.csv; matching, and files that must be refused whole."""

from __future__ import annotations

import pytest

from desktop.interchange.errors import InterchangeError

from .conftest import by_name


def test_apple_vcards(load, snapshot):
    summary = load("apple-contacts.vcf", "vcard")
    assert summary.counts["contacts"]["created"] == 2
    people = by_name(snapshot())
    hale = people["Margaret Hale"]
    assert hale["company_name"] == "Hale & Pierce LLP"
    assert hale["title"] == "Partner"
    assert hale["email"] == "mhale@hale-pierce.com"
    assert hale["phone"] == "+1 (617) 555-0142"
    assert hale["mailing_address"] == "1 Court Street\nSuite 400\nBoston, MA 02108\nUnited States"
    assert hale["notes"] == "Met at the Boston Bar Association mixer"
    sam = people["Samuel Okafor"]
    assert sam["preferred_name"] == "Sam"
    assert sam["email"] == "sam.okafor@brightloop.com"  # the preferred of two
    assert sam["company_name"] == "Brightloop"


def test_google_vcards(load, snapshot):
    load("google-contacts.vcf", "vcard")
    doc = snapshot()
    people = by_name(doc)
    assert sorted(people) == ["Jordan Lee", "Léa Fontaine", "Priya Raman"]
    assert people["Jordan Lee"]["mailing_address"] == "500 Market St\nSan Francisco, CA 94105\nUS"
    assert sorted(c["name"] for c in doc["companies"]) == ["Brightloop", "Quarry Labs"]


def test_outlook_vcard_21_with_quoted_printable(load, snapshot):
    load("outlook-contacts.vcf", "vcard")
    people = by_name(snapshot())
    jurgen = people["Jürgen Müller"]
    assert jurgen["mailing_address"] == (
        "200 Park Avenue\nFloor 31\nNew York, NY 10166\nUnited States of America"
    )
    assert jurgen["title"] == "Senior Recruiter"
    assert jurgen["company_name"] == "Northwind Capital"
    wei = people["Wei Chen"]
    assert wei["title"] == "Vice President, Credit Risk"
    assert wei["notes"] == (
        "Ran the panel; asked about stress testing\nand the 2023 regional bank failures."
    )


def test_vcard_40(load, snapshot):
    load("nextcloud-contacts-v4.vcf", "vcard")
    dana = by_name(snapshot())["Dana Kim"]
    assert dana["email"] == "dana.kim@quarrylabs.io"
    assert dana["phone"] == "+1-312-555-0134"
    assert dana["title"] == "Analytics Lead"


def test_linkedin_connections_with_their_preamble(load, snapshot):
    summary = load("linkedin-connections.csv", "linkedin")
    assert summary.counts["contacts"]["created"] == 5
    doc = snapshot()
    people = by_name(doc)
    assert people["Wei Chen"]["title"] == "Vice President, Credit Risk"
    assert people["Jordan Lee"]["email"] == "jordan.lee@brightloop.com"
    assert people["Tomás Ruiz"]["company_name"] is None
    assert people["Priya Raman"]["linkedin_url"] == "https://www.linkedin.com/in/priyaraman"
    assert people["Priya Raman"]["notes"] == "Connected on LinkedIn 14 Nov 2026"
    assert len(doc["companies"]) == 3


def test_matching_contacts_updates_rather_than_duplicates(load, snapshot):
    load("google-contacts.vcf", "vcard")
    summary = load("linkedin-connections.csv", "linkedin")
    # Jordan matched by email, Priya (no email on LinkedIn) by name at the same company.
    assert summary.counts["contacts"] == {"created": 3, "updated": 2, "unchanged": 0}
    people = by_name(snapshot())
    assert len(people) == 6
    priya = people["Priya Raman"]
    assert priya["email"] == "priya.raman@brightloop.com"
    assert priya["notes"] == "Prefers a call before 10am.\nConnected on LinkedIn 14 Nov 2026"
    assert priya["linkedin_url"] == "https://www.linkedin.com/in/priyaraman"


def test_reimporting_contacts_duplicates_nothing(load, snapshot):
    for name, fmt in (
        ("apple-contacts.vcf", "vcard"),
        ("google-contacts.vcf", "vcard"),
        ("outlook-contacts.vcf", "vcard"),
        ("nextcloud-contacts-v4.vcf", "vcard"),
        ("linkedin-connections.csv", "linkedin"),
    ):
        load(name, fmt)
    once = snapshot()
    again = load("linkedin-connections.csv", "linkedin")
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again.counts.values())
    again = load("outlook-contacts.vcf", "vcard")
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again.counts.values())
    assert snapshot() == once


def test_a_dry_run_previews_and_writes_nothing(load, snapshot):
    preview = load("google-contacts.vcf", "vcard", dry_run=True)
    assert preview.counts["contacts"]["created"] == 3
    assert snapshot()["contacts"] == []


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines) + "END:VCARD\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((card("FN:Ann") + card("NOTE:who?")).encode(), "card 2: no name and no email address"),
        ((card("FN:Ann") + card("FN:Bob", "EMAIL:bob@")).encode(), "card 2: 'bob@' is not"),
        ((card("FN:Ann") + card("FN:Bob")[:-12]).encode(), "card 2: no END:VCARD"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\n:::\r\nEND:VCARD\r\n", "card 1: no name and no email"),
        (b"name,phone\r\n", "not a vCard file"),
    ],
)
def test_malformed_vcards_are_refused_whole(load, snapshot, data, message):
    with pytest.raises(InterchangeError) as caught:
        load(data, "vcard")
    assert message in str(caught.value)
    assert snapshot()["contacts"] == []


def test_a_vcard_bomb_is_refused(load, snapshot):
    bomb = (card("FN:Ann") * 10_001).encode()
    with pytest.raises(InterchangeError, match="10001 cards; at most 10,000"):
        load(bomb, "vcard")
    assert snapshot()["contacts"] == []


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Notes:\nnothing here\n", "no header line"),
        ("Notes:\n\n" + HEADER + "Ann,Lee,,,,,\n,,https://x,,Acme,,\n", "row 5: no name"),
        (HEADER + "Ann,Lee,,ann-at-example,,,\n", "row 2: 'ann-at-example' is not"),
        (HEADER + 'Ann,"Lee\n', "row 2"),
    ],
)
def test_malformed_linkedin_files_are_refused_whole(load, snapshot, text, message):
    with pytest.raises(InterchangeError) as caught:
        load(text.encode(), "linkedin")
    assert message in str(caught.value)
    assert snapshot()["contacts"] == []


def test_a_utf16_export_with_its_byte_order_mark(load, snapshot):
    from .conftest import DATA

    text = (DATA / "google-contacts.vcf").read_text(encoding="utf-8")
    load(text.encode("utf-16"), "vcard")
    assert "Léa Fontaine" in by_name(snapshot())
