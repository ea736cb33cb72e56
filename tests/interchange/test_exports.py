"""`export --format ics` and `--format csv`: calendar reminders and tables taken out."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from desktop.interchange.table_export import APPLICATION_COLUMNS, CONTACT_COLUMNS


@pytest.fixture
def demo_dir(afterword, data_dir: Path) -> Path:
    result = afterword("--data-dir", str(data_dir), "demo")
    assert result.returncode == 0, result.stderr
    return data_dir


def export(afterword, data_dir: Path, out: Path, fmt: str, *extra: str) -> bytes:
    result = afterword(
        "--data-dir", str(data_dir), "export", "--format", fmt, *extra, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def open_followups(afterword, data_dir: Path, tmp_path: Path) -> list[dict]:
    """The open follow-ups with a time, read from the JSON export (not from the calendar)."""
    document = json.loads(export(afterword, data_dir, tmp_path / "all.json", "json"))
    return [
        f
        for f in document["followups"]
        if f["status"] in ("pending", "drafted") and (f.get("due_at") or f.get("remind_at"))
    ]


def interviews(afterword, data_dir: Path, tmp_path: Path) -> list[dict]:
    document = json.loads(export(afterword, data_dir, tmp_path / "all.json", "json"))
    return document["interviews"]


def test_calendar_has_each_interview_at_its_time_and_place(afterword, demo_dir, tmp_path):
    data = export(afterword, demo_dir, tmp_path / "a.ics", "ics")
    events = {
        str(e["uid"]): e
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if str(e["uid"]).startswith("interview-")
    }
    expected = interviews(afterword, demo_dir, tmp_path)
    assert expected and len(events) == len(expected)
    starts = sorted(e.decoded("dtstart") for e in events.values())
    assert starts == sorted(datetime.fromisoformat(i["starts_at"]) for i in expected)
    hale = next(e for e in events.values() if "Hale & Pierce" in str(e["summary"]))
    assert str(hale["summary"]) == "On-site interview: Litigation Associate at Hale & Pierce LLP"
    assert "Margaret Hale" in str(hale["description"])
    assert str(hale["location"])
    assert not [c for e in events.values() for c in e.subcomponents]  # no alarm of ours
    video = [e for e in events.values() if "url" in e]
    assert video and all(str(e["url"]).startswith("https://") for e in video)


def test_calendar_reads_back_with_one_event_and_alarm_per_open_followup(
    afterword, demo_dir, tmp_path
):
    data = export(afterword, demo_dir, tmp_path / "a.ics", "ics")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["prodid"]) == "-//Afterword//EN"
    assert str(calendar["method"]) == "PUBLISH"
    events = [e for e in calendar.walk("VEVENT") if not str(e["uid"]).startswith("interview-")]
    expected = open_followups(afterword, demo_dir, tmp_path)
    assert expected and len(events) == len(expected)
    summaries = {str(e["summary"]) for e in events}
    assert "Thank Margaret Hale (Hale & Pierce LLP)" in summaries
    for event in events:
        assert str(event["uid"]).startswith("followup-")
        assert str(event["uid"]).endswith("@afterword.local")
        start = event.decoded("dtstart")
        assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
        assert event.decoded("dtstamp").utcoffset() == timedelta(0)
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1
        trigger = alarms[0].decoded("trigger")
        assert isinstance(trigger, (datetime, timedelta))
        if isinstance(trigger, datetime):
            assert trigger.utcoffset() == timedelta(0)
            assert trigger <= start  # the reminder comes before the deadline


def test_calendar_alarm_is_at_the_remind_time(afterword, demo_dir, tmp_path):
    data = export(afterword, demo_dir, tmp_path / "a.ics", "ics")
    triggers = set()
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        if str(event["uid"]).startswith("interview-"):
            continue
        (alarm,) = (c for c in event.subcomponents if c.name == "VALARM")
        trigger = alarm.decoded("trigger")
        if isinstance(trigger, datetime):
            triggers.add(trigger.astimezone(UTC))
    wanted = {
        datetime.fromisoformat(f.get("snoozed_until") or f["remind_at"]).astimezone(UTC)
        for f in open_followups(afterword, demo_dir, tmp_path)
        if f.get("snoozed_until") or f.get("remind_at")
    }
    assert wanted and wanted == triggers


def test_calendar_is_stable_uids_and_bytes(afterword, demo_dir, tmp_path):
    first = export(afterword, demo_dir, tmp_path / "one.ics", "ics")
    second = export(afterword, demo_dir, tmp_path / "two.ics", "ics")
    assert first == second
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    again = [str(e["uid"]) for e in icalendar.Calendar.from_ical(second).walk("VEVENT")]
    assert uids == again


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the previous line."""
    assert "\r\n" in text
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def test_calendar_passes_an_independent_stdlib_reading(afterword, demo_dir, tmp_path):
    data = export(afterword, demo_dir, tmp_path / "a.ics", "ics")
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75, physical
        assert "\n" not in physical and "\r" not in physical
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert names.count("PRODID") == 1 and names.count("VERSION") == 1
    # Components are properly nested and every follow-up's event has its own alarm.
    stack: list[str] = []
    events = alarms = 0
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
            if line == "BEGIN:VALARM":
                assert stack[-2] == "VEVENT"
                alarms += 1
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
            events += line == "END:VEVENT"
    assert not stack
    followups = len(open_followups(afterword, demo_dir, tmp_path))
    assert lines.count("BEGIN:VEVENT") == events
    assert alarms == followups
    assert events == followups + len(interviews(afterword, demo_dir, tmp_path))
    uids = [line[4:] for line in lines if line.startswith("UID:")]
    assert len(uids) == events
    assert all(
        u.startswith(("followup-", "interview-")) and u.endswith("@afterword.local") for u in uids
    )
    stamps = [line for line in lines if line.startswith(("DTSTART", "DTSTAMP", "TRIGGER;"))]
    assert stamps and all(s.endswith("Z") for s in stamps)
    # A trigger at a time of day must be typed as one: TRIGGER is a duration by default.
    triggers = [line for line in lines if line.startswith("TRIGGER")]
    assert triggers and all(
        t.startswith("TRIGGER;VALUE=DATE-TIME:")
        or t[len("TRIGGER:") :].lstrip("-+").startswith("P")
        for t in triggers
    )


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = data.decode("utf-8")
    reader = csv.DictReader(text.splitlines())
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_csv_applications(afterword, demo_dir, tmp_path):
    data = export(afterword, demo_dir, tmp_path / "apps.csv", "csv")
    header, rows = read_csv(data)
    assert header == list(APPLICATION_COLUMNS)
    assert len(rows) == 9  # the demo's seven in progress, one wished for, one rejected
    hale = next(r for r in rows if r["company"] == "Hale & Pierce LLP")
    assert hale["role"] and hale["status"] == "interviewing"
    assert int(hale["interviews"]) >= 1 and hale["last_interview"]
    datetime.fromisoformat(hale["last_interview"])
    assert all(r["interviews"].isdigit() for r in rows)
    # The same file as asking for the applications table by name, and stable.
    named = export(afterword, demo_dir, tmp_path / "named.csv", "csv", "--table", "applications")
    assert named == data


def test_csv_contacts(afterword, demo_dir, tmp_path):
    data = export(afterword, demo_dir, tmp_path / "people.csv", "csv", "--table", "contacts")
    header, rows = read_csv(data)
    assert header == list(CONTACT_COLUMNS)
    margaret = next(r for r in rows if r["name"] == "Margaret Hale")
    assert margaret["company"] == "Hale & Pierce LLP"
    assert "@" in margaret["email"]


def test_report_is_written_by_its_extension(afterword, demo_dir, tmp_path):
    out = tmp_path / "report.pdf"
    result = afterword("--data-dir", str(demo_dir), "export", "--format", "report", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "report.pdf.partial").exists()
