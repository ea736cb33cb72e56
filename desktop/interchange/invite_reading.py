"""Reading an iCalendar file's text and the values of its events, in the user's words.

The text is mended where real exporters write what Python refuses (a historic zone
offset), a file the reader cannot take is refused with what is wrong rather than the
reader's insides, and a value is read as the importer needs it: a duplicated SUMMARY
gives its first value, a floating time happens in the user's zone, the place is the
room or the meeting link.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from desktop.interchange.errors import InterchangeError
from desktop.interchange.invite_people import as_list

_MEETING_LINK = re.compile(
    r"https://[\w.-]*(?:zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|"
    r"webex\.com|whereby\.com|chime\.aws|gotomeet\.me|bluejeans\.com)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
_GENERIC_PLACES = frozenset({"microsoft teams meeting", "zoom", "zoom meeting", "google meet"})
# Historic offsets written as MMSS in the hours' place (+5328 is +00:53:28, Berlin's
# local mean time before 1893), by Android's and Apple's exporters; Python refuses them.
_HISTORIC_OFFSET = re.compile(r"^(TZOFFSET(?:FROM|TO)[^:\r\n]*):([+-])(\d\d)(\d\d)\s*$", re.M)


def mend_offsets(text: str) -> tuple[str, list[str]]:
    mended: list[str] = []

    def fix(match: re.Match[str]) -> str:
        name, sign, hours, minutes = match.groups()
        if int(hours) < 24:
            return match.group(0)
        if int(hours) >= 60:
            return f"{name}:{sign}0000"
        mended.append(f"{sign}{hours}{minutes}")
        return f"{name}:{sign}00{hours}{minutes}"

    text = _HISTORIC_OFFSET.sub(fix, text)
    notes = [
        f"a time zone in the file gives the historic offset {offset}, read as "
        f"{offset[0]}00:{offset[1:3]}:{offset[3:]} (local mean time); it does not move any event"
        for offset in dict.fromkeys(mended)
    ]
    return text, notes


def parse_calendars(text: str, source: str) -> list[Any]:
    import icalendar

    if "BEGIN:VCALENDAR" not in text.upper():
        raise InterchangeError(source, ["not an iCalendar file (no BEGIN:VCALENDAR)"])
    for kind in ("VCALENDAR", "VEVENT"):
        begins = len(re.findall(rf"^BEGIN:{kind}\s*$", text, re.IGNORECASE | re.MULTILINE))
        ends = len(re.findall(rf"^END:{kind}\s*$", text, re.IGNORECASE | re.MULTILINE))
        if begins != ends:
            raise InterchangeError(
                source,
                [f"{begins} BEGIN:{kind} but {ends} END:{kind}: the file looks cut short"],
            )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # the library raises many types for a malformed file
        raise InterchangeError(source, [_unreadable(exc)]) from None
    return [c for c in calendars if getattr(c, "name", "") == "VCALENDAR"]


def _unreadable(exc: Exception) -> str:
    """What the reader's complaint means, without its insides."""
    text = str(exc)
    line = re.search(r"line (\d+)", text)
    where = f"line {line.group(1)}: " if line else ""
    if "offset" in text.lower():
        return f"{where}a time zone in the file has an offset that is not a time of day"
    if "content line" in text.lower() or "parse" in text.lower():
        return f"{where}a line is not of the form NAME:VALUE; the file is not valid iCalendar"
    return f"{where}not a readable iCalendar file"


def text_of(component: Any, name: str) -> str:
    """A text property; a duplicated one (two SUMMARY lines) gives its first value."""
    for value in as_list(component.get(name)):
        text = str(value).strip()
        if text:
            return text
    return ""


def moment_of(event: Any, name: str, tz: tzinfo) -> datetime | date | None:
    prop = as_list(event.get(name))
    if not prop:
        return None
    value = prop[0].dt
    if isinstance(value, datetime):
        # A floating time has no zone: it happens in the user's.
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    if isinstance(value, date):
        return value
    return None


def stamp_of(event: Any) -> datetime | None:
    """When this copy was written: LAST-MODIFIED, else DTSTAMP, in UTC."""
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        value = moment_of(event, name, UTC)
        if isinstance(value, datetime):
            return value.astimezone(UTC)
    return None


def location_of(event: Any) -> str:
    place = text_of(event, "LOCATION")
    link = text_of(event, "URL") or text_of(event, "X-GOOGLE-CONFERENCE")
    if not link:
        found = _MEETING_LINK.search(f"{place}\n{text_of(event, 'DESCRIPTION')}")
        link = found.group(0) if found else ""
    if not link or link in place:
        return place
    if not place or place.lower() in _GENERIC_PLACES:
        return link
    return f"{place} ({link})"


def kind_of(location: str, summary: str) -> str:
    if _MEETING_LINK.search(location) or "video" in summary.lower():
        return "video"
    if re.search(r"\b(phone|call)\b", summary, re.IGNORECASE):
        return "phone"
    return "onsite" if location else "other"
