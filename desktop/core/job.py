"""The job itself: where it is, how it is worked, what it pays, where it was found, tags.

Plain values and the rules for reading what people type or what trackers hold
("$120k-140k/yr", "Remote (US)", "referral"), so the form, the importers and the JSON
backup agree on one meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORK_MODES = ("", "remote", "hybrid", "onsite")
SALARY_PERIODS = ("", "year", "month", "week", "day", "hour")
# Offered first in the form; any three-letter ISO 4217 code is accepted.
CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY", "SEK", "NZD", "SGD")
# Offered in the form's source box; free text is kept as typed.
SOURCES = (
    "Referral",
    "Job board",
    "LinkedIn",
    "Company website",
    "Recruiter",
    "Career fair",
    "Networking",
)
MAX_TAG_LENGTH = 40
MAX_TAGS = 20

_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_PERIOD_WORDS = {
    "year": "year",
    "yr": "year",
    "annual": "year",
    "annually": "year",
    "pa": "year",
    "py": "year",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "week": "week",
    "wk": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
    "hour": "hour",
    "hr": "hour",
    "hourly": "hour",
    "h": "hour",
}
_AMOUNT = re.compile(r"(\d[\d,.\s]*\d|\d)\s*([kKmM])?(?![A-Za-z])")


@dataclass(frozen=True)
class Salary:
    minimum: int | None = None
    maximum: int | None = None
    currency: str = ""
    period: str = ""

    @property
    def empty(self) -> bool:
        return self.minimum is None and self.maximum is None


def _amount(digits: str, suffix: str | None) -> int | None:
    text = digits.replace(" ", "")
    # "120,000" and "120.000" are thousands; "1.5" before a k/M is a fraction.
    value: float
    if suffix and re.fullmatch(r"\d+[.,]\d{1,2}", text):
        value = float(text.replace(",", "."))
    else:
        text = re.sub(r"[,.](\d{3})", r"\1", text)
        text = text.split(".")[0].split(",")[0]
        if not text.isdigit():
            return None
        value = float(text)
    if suffix:
        value *= 1_000 if suffix.lower() == "k" else 1_000_000
    return round(value)


def parse_salary(text: str) -> Salary | None:
    """'$120k-140k/yr', '60.000 - 70.000 EUR', '45/hour': a range, currency and period.

    None when the text holds no amount (e.g. "competitive"): callers keep it as a note.
    """
    found = [(m.group(1), m.group(2)) for m in _AMOUNT.finditer(text)]
    amounts = [a for a in (_amount(d, s) for d, s in found[:2]) if a is not None]
    if not amounts:
        return None
    # "120-140k": the k of the second amount applies to the first.
    if len(found) == 2 and found[1][1] and not found[0][1] and amounts[0] < 1000 <= amounts[1]:
        amounts[0] = _amount(found[0][0], found[1][1]) or amounts[0]
    currency = ""
    upper = text.upper()
    for symbol, code in _SYMBOLS.items():
        if symbol in upper:
            currency = code
            break
    for code in re.findall(r"\b([A-Z]{3})\b", upper):
        if code in CURRENCIES:
            currency = code
            break
    period = ""
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _PERIOD_WORDS:
            period = _PERIOD_WORDS[word]
            break
    low, high = amounts[0], amounts[-1]
    return Salary(min(low, high), max(low, high), currency, period)


def salary_problem(salary: Salary) -> str | None:
    if salary.minimum is not None and salary.minimum < 0:
        return "Salary cannot be negative"
    if (
        salary.minimum is not None
        and salary.maximum is not None
        and salary.maximum < salary.minimum
    ):
        return "The top of the range is below its bottom"
    if salary.currency and not re.fullmatch(r"[A-Z]{3}", salary.currency):
        return "Currency is a three-letter code such as USD or EUR"
    if salary.period not in SALARY_PERIODS:
        return f"Period must be one of {', '.join(p for p in SALARY_PERIODS if p)}"
    return None


def read_work_mode(text: str) -> tuple[str, str]:
    """'Remote (US)' -> ('remote', 'US'); 'Hybrid - Boston' -> ('hybrid', 'Boston');
    'Boston, MA' -> ('', 'Boston, MA'): a tracker's location cell split in two."""
    words = text.strip()
    lowered = words.lower()
    patterns = (
        ("remote", r"\b(fully\s+)?remote\b|\bwfh\b|work from home"),
        ("hybrid", r"\bhybrid\b"),
        ("onsite", r"\bon[-\s]?site\b|\bin[-\s]office\b|\bin person\b"),
    )
    for mode, pattern in patterns:
        match = re.search(pattern, lowered)
        if match:
            rest = (words[: match.start()] + words[match.end() :]).strip(" -\u2013\u2014,:/()[]")
            return mode, rest.strip()
    return "", words


def normalize_tags(tags: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, '#' dropped, no empties, no repeats (ignoring case),
    in the order given. A string is split at commas."""
    items = tags.split(",") if isinstance(tags, str) else list(tags)
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        tag = " ".join(str(item).split()).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def tags_problem(tags: tuple[str, ...]) -> str | None:
    if len(tags) > MAX_TAGS:
        return f"At most {MAX_TAGS} tags"
    long = [t for t in tags if len(t) > MAX_TAG_LENGTH]
    if long:
        return f"“{long[0][:20]}…” is too long for a tag (at most {MAX_TAG_LENGTH} letters)"
    return None


def tags_text(tags: Iterable[str]) -> str:
    """How tags are stored in one text column and typed in a form: 'remote, dream job'."""
    return ", ".join(tags)


def linkedin_problem(url: str) -> str | None:
    """An empty value, or a LinkedIn profile address."""
    text = url.strip()
    if not text:
        return None
    if not re.match(r"^(https?://)?([a-z]{2,3}\.)?(www\.)?linkedin\.com/", text, re.IGNORECASE):
        return "Enter a LinkedIn address, e.g. https://www.linkedin.com/in/name"
    return None


def linkedin_url(url: str) -> str:
    """The address as stored: with https:// in front when it was typed without."""
    text = url.strip()
    if text and not re.match(r"^https?://", text, re.IGNORECASE):
        return "https://" + text
    return text
