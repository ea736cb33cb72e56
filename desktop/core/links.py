"""Video-call links in an interview's location: what "Join" opens."""

from __future__ import annotations

import re

_LINK = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)


def meeting_link(location: str) -> str | None:
    """The first web address in `location` ("Zoom: https://…"), or None."""
    found = _LINK.search(location or "")
    return found.group(0).rstrip(".,;)") if found else None
