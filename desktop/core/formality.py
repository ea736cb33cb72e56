"""Which companies expect a formal note: a suggestion from the industry, always editable."""

from __future__ import annotations

_FORMAL = (
    "law",
    "legal",
    "bank",
    "banking",
    "finance",
    "financial",
    "investment",
    "insurance",
    "government",
    "public sector",
    "civil service",
    "accounting",
    "audit",
    "consulting",
    "diplomatic",
    "military",
    "defense",
    "defence",
    "healthcare administration",
    "academia",
    "university",
    "pharmaceutical",
)
_CASUAL = (
    "software",
    "startup",
    "start-up",
    "tech",
    "technology",
    "internet",
    "gaming",
    "games",
    "design",
    "media",
    "advertising",
    "marketing agency",
    "hospitality",
    "retail",
    "fashion",
    "entertainment",
    "music",
    "creative",
)


def suggest_formality(industry: str | None) -> str:
    """Return "formal", "casual" or "neutral" for an industry name typed by a person."""
    text = (industry or "").strip().lower()
    if not text:
        return "neutral"
    if any(word in text for word in _FORMAL):
        return "formal"
    if any(word in text for word in _CASUAL):
        return "casual"
    return "neutral"
