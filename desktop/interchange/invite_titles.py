"""The role an invitation's title names, if it names one.

Titles are written by people and calendar programs: "Interview: Frontend Engineer -
Brightloop", "Updated invitation: Phone screen - Data Analyst @ Wed 2 Dec", "[TODAY @ 3 PM]
Panel interview - Analyst, Credit Risk", "Just chatting". Only known prefixes are taken
off, as whole words; the rest is cut at its separators, the parts that say what kind of
meeting it is, where or with whom are dropped, and what is left is a role only if it has
a word roles have. Otherwise there is no role, and the importer says so.
"""

from __future__ import annotations

import re

# What calendar programs put before a forwarded or answered title (Google, Outlook, Apple).
_PROGRAM_PREFIX = re.compile(
    r"^\s*(?:(?:updated\s+invitation(?:\s+with\s+note)?|invitation(?:\s+updated)?|"
    r"new\s+event|updated|canceled(?:\s+event)?|cancelled(?:\s+event)?|"
    r"accepted|declined|tentative(?:ly\s+accepted)?|new\s+time\s+proposed|"
    r"fwd?|re|aw|wg)\s*:\s*)+",
    re.IGNORECASE,
)
_TAG = re.compile(r"^\s*(?:\[[^\]]*\]|\([^)]*\)|\{[^}]*\})\s*")
_SEPARATORS = re.compile(
    r"\s+[-\u2013\u2014|/@]\s+|\s*:\s+|\s*\|\s*|\s+(?=(?:for|with|at)\s)", re.IGNORECASE
)
_KIND = (
    r"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|final|initial|intro(?:ductory)?|"
    r"follow-?up|technical|tech|behaviou?ral|hiring\s+manager|hm|recruiter|panel|team|"
    r"culture|case|coding|system\s+design|phone|video|zoom|teams|google\s+meet|virtual|"
    r"onsite|on-site|in-person|informal|quick|30-?min(?:ute)?|45-?min(?:ute)?|"
    r"60-?min(?:ute)?|1-?hour|round|stage|loop)\s+)*"
    r"(?:interview(?:s|ing)?|screen(?:ing)?(?:\s+call)?|call(?:back)?|chat|meeting|"
    r"conversation|catch-?up|sync|discussion|round|loop|onsite|on-site|assessment|"
    r"presentation|session|meet(?:\s+and\s+greet)?|coffee)"
)
_KIND_ONLY = re.compile(rf"^(?:{_KIND})$", re.IGNORECASE)
_KIND_EDGE = re.compile(rf"^(?:{_KIND})\s+(?:for\s+)?|\s+(?:{_KIND})$", re.IGNORECASE)
_ROLE_WORD = re.compile(
    r"\b(?:engineer(?:ing)?|developer|programmer|designer|manager|analyst|scientist|"
    r"associate|director|intern(?:ship)?|lead|head|recruiter|consultant|specialist|"
    r"coordinator|administrator|architect|officer|accountant|counsel|attorney|lawyer|"
    r"paralegal|nurse|teacher|researcher|editor|writer|producer|marketer|marketing|sales|"
    r"representative|rep|executive|assistant|technician|strategist|advis[oe]r|partner|"
    r"vp|vice\s+president|president|cto|ceo|cfo|coo|sre|devops|owner|fellow|clerk|"
    r"trainee|apprentice|graduate|operator|planner|buyer|chef|pharmacist|physician|"
    r"therapist|auditor|banker|trader|underwriter|actuary|economist|statistician|tester|"
    r"qa|support|agent|staff|principal|senior|junior|sr|jr)\b",
    re.IGNORECASE,
)


def role_from_summary(summary: str, company: str = "") -> str | None:
    """The role in an invite's title, or None when the title names none.

    'Interview: Frontend Engineer - Brightloop' → 'Frontend Engineer';
    'Just chatting' → None.
    """
    title = _PROGRAM_PREFIX.sub("", " ".join(summary.split()), count=1)
    while (tagged := _TAG.sub("", title, count=1)) != title:
        title = tagged
    squashed = re.sub(r"\W+", "", company).lower()
    kept: list[str] = []
    for part in _SEPARATORS.split(title):
        aside = re.search(r"\s*\(([^)]*)\)\s*$", part)
        if aside and not _ROLE_WORD.search(aside.group(1)):
            part = part[: aside.start()]  # "(final round)", "(30 min)"
        part = part.strip(" -\u2013\u2014:|,;()")
        if not part or re.match(r"^(?:with|at|@)\s", part, re.IGNORECASE):
            continue  # with whom, or where: not the role
        if part.lower().startswith("for "):
            part = part[4:]
        if _KIND_ONLY.match(part) or (squashed and re.sub(r"\W+", "", part).lower() == squashed):
            continue
        part = _KIND_EDGE.sub("", part).strip(" -\u2013\u2014:|,;")
        if part.count("(") != part.count(")"):
            part = part.strip("()").strip()
        if part and _ROLE_WORD.search(part):
            kept.append(part)
    if not kept:
        return None
    return kept[0][:200]
