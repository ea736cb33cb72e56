"""Well-written notes and their contexts, shared by the proofreading tests and the benchmark."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop.compose.spelling import DictionarySpellChecker
from desktop.core.proofread import Finding, NoteContext, proofread

FORMAL_NOTE = """Dear Ms. Hale,

Thank you for taking the time to meet with me on Thursday about the Litigation Associate position at Hale & Pierce LLP. I especially enjoyed hearing about your clerkship and how it shaped the way you approach appellate briefs.

Our conversation confirmed my enthusiasm for the role, and I look forward to hearing about next steps.

Sincerely,
Daniel Okafor
"""

CASUAL_NOTE = """Hi Sam,

Thanks so much for chatting with me today about the Backend Engineer role at Brightloop. I loved hearing how the team handled the Kafka outage — the postmortem culture you described sounds like exactly the way I like to work.

I'm really excited about the chance to join Brightloop and help scale the ingestion pipeline. Looking forward to next steps!

Best,
Daniel Okafor
"""

SPELLING = DictionarySpellChecker()

FORMAL = NoteContext(
    channel="card",
    formality="formal",
    recipient_name="Margaret Hale",
    company="Hale & Pierce LLP",
    role="Litigation Associate",
    talking_points=("her clerkship story",),
    user_words=frozenset({"okafor"}),
    spell_checker=SPELLING,
)

CASUAL = NoteContext(
    channel="email",
    formality="casual",
    recipient_name="Samuel Ortiz",
    preferred_name="Sam",
    company="Brightloop",
    role="Backend Engineer",
    talking_points=("their Kafka outage postmortem", "pairing on Fridays"),
    user_words=frozenset({"okafor"}),
    spell_checker=SPELLING,
)


def check(text: str, context: NoteContext, **changes: Any) -> list[Finding]:
    return proofread(text, replace(context, **changes))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> list[Finding]:
    found = [f for f in findings if f.code == code]
    assert found, f"expected {code}, got {codes(findings)}"
    return found
