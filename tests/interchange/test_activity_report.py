"""The activity report for a date range: the data, the CSV read back with the csv module,
and the PDF read back with poppler (pdfinfo, pdftotext, pdffonts)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop.interchange.activity_report import build_report, report_csv
from desktop.interchange.errors import InterchangeError
from desktop.interchange.export_files import write_report
from tests.conftest import require_tool

SEARCH = {
    "format": "afterword",
    "version": 1,
    "companies": [
        {"id": "c1", "name": "Hale & Pierce LLP", "industry": "law"},
        {"id": "c2", "name": "Brightloop", "industry": "software startup"},
        {"id": "c3", "name": "Old Corp"},
    ],
    "contacts": [
        {"id": "p1", "name": "Margaret Hale", "company": "c1", "email": "mh@hp.example"},
        {"id": "p2", "name": "Daniel Okafor", "company": "c1"},
        {"id": "p3", "name": "Sam Lee", "company": "c2", "email": "sam@bl.example"},
    ],
    "applications": [
        {
            "id": "a1",
            "company": "c1",
            "role": "Litigation Associate",
            "status": "interviewing",
            "source": "referral",
            "applied_on": "2026-10-02",
            "primary_contact": "p1",
        },
        {
            "id": "a2",
            "company": "c2",
            "role": "Frontend Engineer",
            "status": "rejected",
            "source": "LinkedIn",
            "applied_on": "2026-10-20",
            "closed_on": "2026-11-12",
        },
        {"id": "a3", "company": "c3", "role": "Clerk", "applied_on": "2026-03-01"},
    ],
    "interviews": [
        {
            "id": "i1",
            "application": "a1",
            "starts_at": "2026-10-15T10:00:00-04:00",
            "ends_at": "2026-10-15T11:00:00-04:00",
            "kind": "onsite",
            "location": "1 Court Street, 12th floor",
            "participants": [{"contact": "p1"}, {"contact": "p2"}],
        },
        {
            "id": "i2",
            "application": "a2",
            "starts_at": "2026-11-03T14:00:00-05:00",
            "ends_at": "2026-11-03T15:00:00-05:00",
            "kind": "video",
            "participants": [{"contact": "p3"}],
        },
    ],
    "followups": [
        {
            "id": "f1",
            "kind": "thank_you",
            "interview": "i1",
            "contact": "p1",
            "channel": "card",
            "status": "sent",
            "sent_at": "2026-10-15T16:00:00-04:00",
        },
        {
            "id": "f2",
            "kind": "thank_you",
            "interview": "i2",
            "contact": "p3",
            "channel": "email",
            "status": "sent",
            "sent_at": "2026-11-03T18:00:00-05:00",
        },
        {
            "id": "f3",
            "kind": "check_in",
            "application": "a1",
            "status": "sent",
            "sent_at": "2026-10-24T09:00:00-04:00",
        },
    ],
    "replies": [
        {"application": "a1", "received_at": "2026-10-27T09:30:00-04:00", "note": "Round two"}
    ],
}
START, END = date(2026, 10, 1), date(2026, 11, 30)


@pytest.fixture
def search(workspace):
    from desktop.interchange.document import parse_document
    from desktop.interchange.document_import import import_document
    from desktop.storage.settings_store import save_profile

    document = parse_document(json.dumps(SEARCH).encode(), "search", workspace.tz)
    import_document(workspace.store, document, workspace.rules, workspace.tz)
    with workspace.store.write() as session:
        save_profile(session, type(workspace.profile)(name="Alex Morgan"))
    workspace.reload_settings()
    return workspace


def report(ws, **kw):
    with ws.store.read() as session:
        return build_report(session, ws.tz, person=ws.profile.name, today=date(2026, 11, 23), **kw)


def test_the_report_holds_what_happened_in_the_range(search):
    made = report(search, start=START, end=END)
    assert [a.company for a in made.applications] == ["Hale & Pierce LLP", "Brightloop"]
    hale, bright = made.applications
    assert [(x.day.isoformat(), x.activity, x.kind) for x in hale.activities] == [
        ("2026-10-02", "Applied", ""),
        ("2026-10-15", "Interview", "Onsite"),
        ("2026-10-15", "Follow-up sent", "Thank-you note"),
        ("2026-10-24", "Follow-up sent", "Check-in"),
        ("2026-10-27", "Reply received", ""),
    ]
    assert hale.activities[1].people == "Margaret Hale, Daniel Okafor"
    assert hale.activities[2].channel == "card by post"
    assert hale.activities[3].people == "Margaret Hale"  # a check-in goes to the main contact
    assert bright.status == "Rejected" and bright.closed_on == date(2026, 11, 12)
    assert bright.activities[-1].activity == "Closed"
    # A narrower range keeps only what happened in it.
    late = report(search, start=date(2026, 11, 1), end=END)
    assert [a.company for a in late.applications] == ["Brightloop"]


def test_the_csv_has_one_row_per_activity(search):
    every = list(csv.DictReader(io.StringIO(report_csv(report(search, start=START, end=END)))))
    rows = [r for r in every if r["activity"] != "Progress"]
    assert len(rows) == 9
    first = rows[0]
    assert first["company"] == "Hale & Pierce LLP" and first["activity"] == "Applied"
    interview = next(
        r for r in rows if r["activity"] == "Interview" and r["company"] == "Brightloop"
    )
    assert interview == {
        "date": "2026-11-03",
        "company": "Brightloop",
        "role": "Frontend Engineer",
        "source": "LinkedIn",
        "applied_on": "2026-10-20",
        "closed_on": "2026-11-12",
        "status": "Rejected",
        "activity": "Interview",
        "kind": "Video",
        "with": "Sam Lee",
        "channel": "",
        "details": "14:00",
    }
    assert "Old Corp" not in {r["company"] for r in rows}
    # Then the Progress view's figures, as of the day it was made, as rows of the same table.
    figures = {(r["kind"], r["with"]): r["details"] for r in every if r["activity"] == "Progress"}
    assert figures["Funnel", "Applied"] == "3"
    assert figures["Funnel", "Interviewed"] == "2 (67%)"
    assert figures["Replies by thank-you", "Handwritten card"].startswith("1 of 1 replied (100%)")
    assert figures["Replies by thank-you", "Email"] == "0 of 1 replied (0%)"
    assert figures["Replies by thank-you", "No note sent"] == "no interviews yet"
    assert figures["Thank-you notes", "Sent on time"] == "2 of 2"
    assert figures["Weeks", "Week of 2026-10-12"] == "0 applied, 1 interview, 1 note sent"


def run(*args: str) -> str:
    require_tool(args[0])
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.mark.system
@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_the_pdf_reads_back_with_its_title_rows_and_page_numbers(
    qapp, search, tmp_path, paper, size
):
    pdf = tmp_path / "report.pdf"
    pages = write_report(search, pdf, start=START, end=END, paper=paper, today=date(2026, 11, 23))
    info = run("pdfinfo", str(pdf))
    assert size in info and f"Pages:           {pages}" in info
    assert "EBGaramond" in run("pdffonts", str(pdf)).split("\n", 2)[2]
    text = " ".join(run("pdftotext", "-layout", str(pdf), "-").split())
    assert "Job search activity of Alex Morgan" in text
    assert "Period: 1 Oct 2026 to 30 Nov 2026" in text
    assert "Hale & Pierce LLP — Litigation Associate" in text
    # The interviewers' names may wrap within their cell.
    assert "15 Oct 2026 Onsite interview Margaret Hale, Daniel" in text and "Okafor" in text
    assert "15 Oct 2026 Thank-you note sent Margaret Hale card by post" in text
    assert "Brightloop — Frontend Engineer" in text and "Status: Rejected" in text
    assert "Old Corp" not in text
    assert f"Page 1 of {pages}" in text


@pytest.mark.system
def test_a_long_report_is_numbered_on_every_page(qapp, search, tmp_path):
    from desktop.interchange.document import parse_document
    from desktop.interchange.document_import import import_document

    many = {
        "format": "afterword",
        "version": 1,
        "companies": [{"id": f"c{i}", "name": f"Company {i:02d}"} for i in range(40)],
        "applications": [
            {"id": f"a{i}", "company": f"c{i}", "role": "Analyst", "applied_on": "2026-10-05"}
            for i in range(40)
        ],
    }
    doc = parse_document(json.dumps(many).encode(), "many", search.tz)
    import_document(search.store, doc, search.rules, search.tz)
    pdf = tmp_path / "long.pdf"
    pages = write_report(search, pdf, start=START, end=END, paper="a4")
    assert pages >= 3
    for page in range(1, pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        assert f"Page {page} of {pages}" in text


def test_a_report_must_be_pdf_or_csv_and_the_range_in_order(search, tmp_path):
    with pytest.raises(InterchangeError, match=r"\.pdf or \.csv"):
        write_report(search, tmp_path / "report.txt")
    with pytest.raises(InterchangeError, match=r"ends .* before it starts"):
        write_report(search, tmp_path / "r.csv", start=END, end=START)
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_the_csv_report_is_written_whole(search, tmp_path):
    out = tmp_path / "r.csv"
    assert write_report(search, out, start=START, end=END) == 1
    assert out.read_bytes().startswith(b"date,company,role")
    assert not Path(str(out) + ".partial").exists()
