"""How follow-ups and applications are named to a person: lists, reports, notifications."""

from __future__ import annotations

# An application's status as the window's lists and the activity report show it.
APPLICATION_STATUS_WORDS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}

_ACTIONS = {
    "thank_you": "Thank {who}",
    "check_in": "Check in with {who}",
    "second_check_in": "Check in again with {who}",
    "move_on": "Consider closing {role} at {company} as no response",
    "custom": "Follow up with {who}",
}


def action_text(kind: str, contact: str | None, company: str, role: str) -> str:
    """'Thank Margaret Hale', 'Check in with Priya Raman', … (the company when no person)."""
    template = _ACTIONS.get(kind, _ACTIONS["custom"])
    return template.format(who=contact or company, company=company, role=role)
