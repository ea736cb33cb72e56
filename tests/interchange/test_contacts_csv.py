"""A plain contacts spreadsheet through the one import path: the columns are guessed (Google
and Outlook exports) or mapped by hand, and a bad row refuses the whole file by its number."""

from __future__ import annotations

import contextlib
import csv
import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.interchange.contacts_csv import guess_mapping, parse, read_header, recognised
from desktop.interchange.errors import InterchangeError
from tests.conftest import examples

from .conftest import DATA, by_name


def test_google_export_columns_are_guessed_and_imported(load, snapshot):
    header = read_header((DATA / "google-contacts.csv").read_bytes())
    mapping = guess_mapping(header)
    assert recognised(header) == "Google Contacts"
    assert mapping == {
        "first_name": "First Name+Middle Name",
        "last_name": "Last Name",
        "preferred_name": "Nickname",
        "title": "Organization Title",
        "company": "Organization Name",
        "email": "E-mail 1 - Value+E-mail 2 - Value",
        "phone": "Phone 1 - Value",
        "mailing_address": "Address 1 - Formatted",
        "notes": "Notes",
    }

    summary = load("google-contacts.csv", "csv")
    assert summary.counts["contacts"]["created"] == 3
    people = by_name(snapshot())
    jordan = people["Jordan Lee"]
    assert jordan["email"] == "jordan@quarrylabs.io"  # the first of 'a ::: b'
    assert jordan["preferred_name"] == "JJ"
    assert jordan["company_name"] == "Quarry Labs"
    assert jordan["mailing_address"] == "500 Market St\nSan Francisco, CA 94105\nUS"
    assert people["Léa Fontaine"]["notes"] == "Talked about the Lyon office, and hiking"
    assert people["Priya Raman"]["title"] == "Engineering Manager"


def test_outlook_export_in_windows_1252_with_its_honorific_title(load, snapshot):
    mapping = guess_mapping(read_header((DATA / "outlook-contacts.csv").read_bytes()))
    assert mapping["title"] == "Job Title"  # Outlook's "Title" is Mr./Ms.
    summary = load("outlook-contacts.csv", "csv")
    assert any("Windows-1252" in w for w in summary.warnings)
    people = by_name(snapshot())
    jurgen = people["Jürgen Müller"]
    assert jurgen["title"] == "Senior Recruiter"
    assert jurgen["phone"] == "+1 212 555 0101"  # business phone, mobile empty
    assert (
        jurgen["mailing_address"]
        == "200 Park Avenue\nNew York, NY, 10166, United States of America"
    )
    assert people["Wei Chen"]["phone"] == "+1 646 555 0177"  # falls back to the mobile
    assert people["Wei Chen"]["title"] == "Vice President, Credit Risk"


def test_a_mapping_by_hand_semicolons_and_a_byte_order_mark(load, snapshot):
    data = "\ufeffWho;Mail;Firm\r\nAda Byron;ada@example.org;Analytical Engines\r\n".encode()
    assert read_header(data) == ["Who", "Mail", "Firm"]
    load(data, "csv", mapping={"name": "Who", "email": "Mail", "company": "Firm"})
    ada = by_name(snapshot())["Ada Byron"]
    assert ada["email"] == "ada@example.org" and ada["company_name"] == "Analytical Engines"


def test_importing_again_updates_rather_than_duplicates(load, snapshot):
    load("google-contacts.csv", "csv")
    changed = (DATA / "google-contacts.csv").read_bytes().replace(b"Recruiter", b"Lead Recruiter")
    summary = load(changed, "csv")
    assert summary.counts["contacts"]["created"] == 0
    assert summary.counts["contacts"]["updated"] == 1
    assert len(snapshot()["contacts"]) == 3
    assert by_name(snapshot())["Jordan Lee"]["title"] == "Lead Recruiter"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Name,Email\nAda,ada@example.org\nBob,not-an-address\n", "row 3: email: not an email"),
        ("Name,Email,Company\nAda,ada@example.org,X\n,,Acme\n", "row 3: name: required"),
        ('Name,Email\nAda,"ada@example.org\n', "row 2: not valid CSV"),
        ("Name,Email\n", "no contacts below the header"),
        ("", "the file is empty"),
        ("Email,Phone\na@example.org,1\n", "no column for the name"),
    ],
)
def test_bad_files_are_refused_by_row_and_change_nothing(load, snapshot, text, message):
    before = snapshot()
    with pytest.raises(InterchangeError) as caught:
        load(text.encode(), "csv")
    assert message in str(caught.value)
    assert snapshot() == before


def test_a_mapping_to_a_missing_column_names_the_columns_there_are():
    with pytest.raises(InterchangeError, match=r"no column 'Full Name'.*columns: Name, Email"):
        parse(b"Name,Email\nAda,a@example.org\n", {"name": "Full Name"})
    with pytest.raises(InterchangeError, match="unknown field 'surname'"):
        parse(b"Name,Email\nAda,a@example.org\n", {"name": "Name", "surname": "Email"})


def test_utf16_without_byte_order_mark_is_refused_clearly():
    data = "Name,Email\r\nAda,a@example.org\r\n".encode("utf-16-le")
    with pytest.raises(InterchangeError, match="UTF-16 without a byte-order mark"):
        read_header(data)
    # With its byte-order mark (Excel's "Unicode Text") it is read.
    doc = parse("Name\tEmail\r\nAda\ta@example.org\r\n".encode("utf-16"), {"name": "Name"})
    assert [c["name"] for c in doc.sections["contacts"]] == ["Ada"]


# --- property tests ---

_cell = st.text(alphabet=string.printable + "éü€,;\"'\n", max_size=30)


@settings(max_examples=examples(200), deadline=None)
@given(
    rows=st.lists(st.lists(_cell, min_size=0, max_size=6), max_size=12),
    sep=st.sampled_from(",;\t|"),
)
def test_random_spreadsheets_give_only_interchange_errors(rows, sep):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows([["Name", "Email", "Company"], *rows])
    data = buffer.getvalue().encode()
    with contextlib.suppress(InterchangeError):
        parse(data, guess_mapping(read_header(data)))


@settings(max_examples=examples(200), deadline=None)
@given(data=st.binary(max_size=1500))
def test_random_bytes_give_only_interchange_errors(data):
    with contextlib.suppress(InterchangeError):
        parse(data, guess_mapping(read_header(data)))


_name = st.text(alphabet=string.ascii_letters + " -'éøß", min_size=1, max_size=25).filter(
    lambda s: s.strip()
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(people=st.lists(st.tuples(_name, st.booleans()), min_size=1, max_size=8))
def test_every_good_row_arrives_or_none_do(workspace, snapshot, load, people):
    before = {p["email"] for p in snapshot()["contacts"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Full Name", "E-mail Address"])
    emails = []
    for index, (name, bad) in enumerate(people):
        email = f"not an address {index}" if bad else f"p{index}.{len(before)}@example.org"
        emails.append(email)
        writer.writerow([name, email])
    data = buffer.getvalue().encode()
    if any(bad for _, bad in people):
        with pytest.raises(InterchangeError, match="email: not an email address"):
            load(data, "csv")
        assert {p["email"] for p in snapshot()["contacts"]} == before
    else:
        load(data, "csv")
        assert set(emails) <= {p["email"] for p in snapshot()["contacts"]}
