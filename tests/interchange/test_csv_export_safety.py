"""CSV exports never hand a spreadsheet a formula: a cell that starts with = + - @, a tab
or a carriage return is written with a leading quote (OWASP, CSV injection). Names like
these arrive with imported invites and cards."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from desktop.interchange.csv_cells import neutralise


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("http://evil.example","Click")',
            '\'=HYPERLINK("http://evil.example","Click")',
        ),
        ("+1 212 555 0101", "'+1 212 555 0101"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Ada Byron", "Ada Byron"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(cell, written):
    assert neutralise(cell) == written


def test_exported_tables_and_reports_are_neutralised(workspace):
    from desktop.interchange.activity_report import build_report, report_csv
    from desktop.interchange.table_export import export_table
    from desktop.storage.models import Application, Company, Contact

    with workspace.store.write() as session:
        company = Company(name="=cmd|' /C calc'!A0", formality="neutral")
        session.add(company)
        session.flush()
        session.add(
            Contact(name="@Mallory", email="m@example.org", company_id=company.id, title="-1+1")
        )
        session.add(
            Application(
                company_id=company.id, role="+Role", status="applied", applied_on=date(2026, 11, 2)
            )
        )
    with workspace.store.read() as session:
        people = export_table(session, "contacts", workspace.tz)
        apps = export_table(session, "applications", workspace.tz)
        report = report_csv(
            build_report(session, workspace.tz, start=date(2026, 11, 1), end=date(2026, 11, 30))
        )
    (person,) = csv.DictReader(io.StringIO(people))
    assert (person["name"], person["title"], person["company"]) == (
        "'@Mallory",
        "'-1+1",
        "'=cmd|' /C calc'!A0",
    )
    (app,) = csv.DictReader(io.StringIO(apps))
    assert (app["company"], app["role"]) == ("'=cmd|' /C calc'!A0", "'+Role")
    everything = list(csv.DictReader(io.StringIO(report)))
    # The activity rows name the application; the Progress rows after them name none.
    rows = [r for r in everything if r["activity"] != "Progress"]
    assert rows and all(r["company"] == "'=cmd|' /C calc'!A0" for r in rows)
    assert all(r["role"] == "'+Role" for r in rows)
    assert len(everything) > len(rows)
