"""The user's time zone: the one chosen in settings, else the system's."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.errors import UserError


class TimeZoneError(UserError, ValueError):
    """A time-zone name that this system does not know."""


def user_timezone(name: str = "") -> tzinfo:
    """`name` as a zone if given, else the system's zone (IANA, so DST is right)."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise TimeZoneError(f"time zone {name!r} is not known on this system") from exc
    import os

    import tzlocal

    try:
        return tzlocal.get_localzone()
    except (LookupError, ValueError) as exc:
        setting = os.environ.get("TZ")
        where = f"TZ={setting!r}" if setting else "the system's time-zone setting"
        raise TimeZoneError(
            f"{where} is not a time zone this system knows. Set TZ to a name such as "
            "Europe/Paris or America/New_York (or unset it), or choose a zone in Settings."
        ) from exc
