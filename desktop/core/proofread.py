# Over 400 lines on purpose: every check of a note, each a short function over the same text.
"""Proofreading a thank-you or check-in note against the etiquette of ARCHITECTURE §1.

Plain text in, findings out, with character offsets into that text. A finding with
`start == end == 0` is about the note as a whole (something is missing from it).
The spell checker is passed in, so this module does no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal, Protocol

from desktop.core.second_person import to_second_person
from desktop.core.settings import RuleSettings

Severity = Literal["error", "warning"]

CODES = (
    "missing_gratitude",
    "missing_appreciation",
    "missing_enthusiasm",
    "no_specific_reference",
    "too_long",
    "exclamations",
    "emoji",
    "spelling",
    "recipient_name",
    "informal_greeting",
    "placeholder",
    "duplicate_note",
    "third_person",
)


class SpellChecker(Protocol):
    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-case words, of those given (lower case), that the dictionary lacks."""
        ...


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    start: int
    end: int


@dataclass(frozen=True)
class NoteContext:
    """What proofreading knows about the note besides its text."""

    channel: str = "email"  # email | card
    formality: str = "neutral"  # formal | neutral | casual
    recipient_name: str = ""
    preferred_name: str = ""
    company: str = ""
    role: str = ""
    talking_points: Sequence[str] = ()
    # Notes to the other interviewers of the same interview, and a label for each.
    other_notes: Sequence[str] = ()
    other_note_labels: Sequence[str] = ()
    user_words: frozenset[str] = frozenset()
    rules: RuleSettings = field(default_factory=RuleSettings)
    spell_checker: SpellChecker | None = None


_RSQUO = "\u2019"  # a typographic apostrophe
_WORD_RE = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_COUNT_RE = re.compile(r"\w+(?:['\u2019.-]\w+)*")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_GREETING_RE = re.compile(
    r"\A\s*(dear|hi|hello|hey|hiya|heya|yo|howdy|greetings|good (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_INFORMAL = {"hi", "hey", "hiya", "heya", "yo", "howdy"}
_TITLES = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "judge", "sir", "madam"}
_GENERIC_ADDRESSEES = {"team", "all", "everyone", "there", "folks", "committee", "hiring"}
_GRATITUDE_RE = re.compile(
    r"\b(?:thank(?:s|ing|ful)?|grateful|gratitude)\b"
    r"|\bappreciat\w*\s+(?:your|you|the)\s+(?:time|taking|meeting|conversation|chance|opportunity)",
    re.IGNORECASE,
)
_APPRECIATION_RE = re.compile(
    r"\b(?:learn(?:ed|t|ing)?|enjoyed|insights?|insightful|fascinat\w*|interesting"
    r"|(?<!to )hearing (?:about|how|your)|(?:great|good|wonderful|helpful) to (?:hear|learn|see)"
    r"|helped me understand|understand(?:ing)? (?:of|how)|impressed|inspiring|valuable"
    r"|perspective|pleasure (?:speaking|talking|meeting))\b",
    re.IGNORECASE,
)
_ENTHUSIASM_RE = re.compile(
    r"\b(?:excit\w*|enthusias\w*|look(?:ing)? forward|eager\w*|keen|thrilled|delighted"
    r"|can(?:'|\u2019|no)t wait|passionate|would love to|(?:very|remain|more) interested"
    r"|strong(?:ly)? interest\w*|motivated)\b",
    re.IGNORECASE,
)
_PLACEHOLDER_RE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\[[A-Za-z][A-Za-z _./'-]{0,39}\]|<[A-Za-z][A-Za-z _-]{0,29}>"
    r"|\bX{3,}\b|\b(?:TODO|TBD|FIXME)\b|_{3,}|\blorem ipsum\b",
    re.IGNORECASE,
)
_EMOJI_CHARS = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa"
    "\u2190-\u21ff\u3030\u303d\u3297\u3299\ufe0f\u200d\U000e0020-\U000e007f"
)
_EMOJI_RE = re.compile(
    f"[{_EMOJI_CHARS}]+|(?<![\\w:])[:;]-?[)(DPp](?!\\w)|(?<!\\w)<3(?!\\d)",
)
_EMOJI_JOINERS = {"\ufe0f", "\u200d"}
_STOP_TEXT = """a about above after again all also am an and any are as at be because been before
being between both but by can could did do does doing during each few for from further had has
have having he her here hers him his how i if in into is it its just me more most my no nor not of
off on once only or other our out over own same she should so some such than that the their them
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours talk talked told discuss discussed
discussion mentioned mention conversation chat chatted story thing things really great good lot"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_SHINGLE = 3
_DUPLICATE_THRESHOLD = 0.8


def count_words(text: str) -> int:
    """Words as a reader counts them: "follow-up" and "e.g." are one word each."""
    return sum(1 for _ in _COUNT_RE.finditer(text))


def proofread(text: str, context: NoteContext) -> list[Finding]:
    """Every finding for `text`, in the order of the text (whole-note findings first)."""
    names = _name_tokens(context)
    findings: list[Finding] = []
    findings += _missing_elements(text, context)
    findings += _length(text, context)
    # A formal note has none: "!" reads as too familiar to a law firm or a bank.
    allowed = 0 if context.formality == "formal" else context.rules.max_exclamations
    findings += _exclamations(text, allowed, context.formality == "formal")
    findings += _emoji(text, context.formality)
    findings += _placeholders(text)
    findings += _greeting(text, context, names)
    findings += _recipient_name(text, context, names)
    flagged = {(f.start, f.end) for f in findings if f.code in ("recipient_name", "placeholder")}
    findings += _spelling(text, context, flagged)
    findings += _duplicates(text, context, names)
    findings += _third_person(text, context, names)
    findings.sort(key=lambda f: (f.start != f.end, f.start, f.end, CODES.index(f.code)))
    return findings


# -- the three elements and the specific reference ------------------------------------------


def _first_name(context: NoteContext) -> str:
    name = context.preferred_name or context.recipient_name
    return name.split()[0] if name.split() else "the interviewer"


def _missing_elements(text: str, context: NoteContext) -> list[Finding]:
    who = _first_name(context)
    role = f"the {context.role} role" if context.role else "the role"
    company = context.company or "the team"
    missing = [
        (
            _GRATITUDE_RE,
            "missing_gratitude",
            f"Thank {who} for their time — e.g. 'Thank you for taking the time to meet with me.'",
        ),
        (
            _APPRECIATION_RE,
            "missing_appreciation",
            f"Say what you learned about {role} or {company} — e.g. 'I enjoyed hearing how "
            "the team works.'",
        ),
        (
            _ENTHUSIASM_RE,
            "missing_enthusiasm",
            f"Say you are keen on {role} — e.g. 'I am excited about the chance to join {company}.'",
        ),
    ]
    out = [Finding(code, "warning", msg, 0, 0) for rx, code, msg in missing if not rx.search(text)]
    points = [p.strip() for p in context.talking_points if p.strip()]
    if points and not _mentions_a_point(text, points, context):
        example = to_second_person(points[0])  # the note speaks to them: "your clerkship"
        message = f"Mention something specific you discussed with {who} — e.g. '{example}'"
        out.append(Finding("no_specific_reference", "warning", message, 0, 0))
    return out


def _stem(word: str) -> str:
    w = word.lower().replace(_RSQUO, "'").removesuffix("'s")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ations", "ation", "ings", "ing", "ions", "ion", "edly", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    else:
        if w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def _significant(text: str, exclude: AbstractSet[str] = frozenset()) -> set[str]:
    words = (m.group().lower() for m in _WORD_RE.finditer(text))
    return {_stem(w) for w in words if len(w) > 2 and w not in _STOP_WORDS and w not in exclude}


def _mentions_a_point(text: str, points: Sequence[str], context: NoteContext) -> bool:
    # Words every note shares (the company, the role, the name) prove nothing specific.
    common = {
        w.lower()
        for part in (context.company, context.role, context.recipient_name, context.preferred_name)
        for w in _WORD_RE.findall(part)
    }
    note = _significant(text)
    for point in points:
        wanted = _significant(point, common) or _significant(point)
        if wanted and len(wanted & note) >= max(1, len(wanted) // 2):
            return True
    return False


# -- length, exclamation marks, emoji, placeholders ------------------------------------------


def _length(text: str, context: NoteContext) -> list[Finding]:
    card = context.channel == "card"
    limit = context.rules.card_max_words if card else context.rules.email_max_words
    words = list(_COUNT_RE.finditer(text))
    if len(words) <= limit:
        return []
    kind = "card" if card else "email"
    message = (
        f"At {len(words)} words this {kind} is {len(words) - limit} over the {limit}-word "
        "limit — keep the thanks, one specific memory and your enthusiasm, and cut the rest."
    )
    return [Finding("too_long", "warning", message, words[limit].start(), len(text.rstrip()))]


def _exclamations(text: str, allowed: int, formal: bool = False) -> list[Finding]:
    runs = list(re.finditer(r"!+", text))
    total = sum(len(m.group()) for m in runs)
    out: list[Finding] = []
    seen = 0
    for m in runs:
        seen += len(m.group())
        if len(m.group()) > 1 or seen > allowed:
            message = (
                "A formal note has no exclamation marks — end this sentence with a full stop."
                if formal
                else f"The note has {total} exclamation mark{'s' * (total != 1)}; keep at "
                f"most {allowed} — end this sentence with a full stop."
            )
            out.append(Finding("exclamations", "warning", message, m.start(), m.end()))
    return out


def _emoji(text: str, formality: str) -> list[Finding]:
    severity: Severity = "error" if formality == "formal" else "warning"
    out: list[Finding] = []
    for m in _EMOJI_RE.finditer(text):
        if set(m.group()) <= _EMOJI_JOINERS:
            continue
        message = f"Remove '{m.group()}' — emoji and emoticons read as too casual in a note."
        out.append(Finding("emoji", severity, message, m.start(), m.end()))
    return out


def _placeholders(text: str) -> list[Finding]:
    advice = "Fill in or delete the placeholder '{}' before sending."
    return [
        Finding("placeholder", "error", advice.format(m.group()), m.start(), m.end())
        for m in _PLACEHOLDER_RE.finditer(text)
    ]


# -- greeting and the recipient's name --------------------------------------------------------


def _name_tokens(context: NoteContext) -> list[str]:
    return [
        w
        for w in _WORD_RE.findall(f"{context.recipient_name} {context.preferred_name}")
        if w.lower() not in _TITLES
    ]


def _greeting_names(text: str) -> tuple[str, list[re.Match[str]]]:
    """The salutation word and the capitalised name words after it, if a greeting opens the note."""
    m = _GREETING_RE.match(text)
    if not m:
        return "", []
    stop = len(text)
    for mark in ",:;!\n":
        found = text.find(mark, m.end())
        if found >= 0:
            stop = min(stop, found)
    names: list[re.Match[str]] = []
    for w in _WORD_RE.finditer(text, m.end(), stop):
        if not w.group()[0].isupper() or len(names) == 4:
            break
        names.append(w)
    return m.group(1).lower(), names


def _greeting(text: str, context: NoteContext, names: list[str]) -> list[Finding]:
    salutation, _ = _greeting_names(text)
    if context.formality != "formal" or salutation not in _INFORMAL:
        return []
    start = _GREETING_RE.match(text)
    assert start is not None
    surname = names[-1] if names else ""  # a name of only titles or non-Latin letters has none
    better = f"'Dear Ms./Mr. {surname},'" if surname else "'Dear' and their name"
    company = context.company or "a formal company"
    message = f"'{start.group(1)}' is too casual for {company} — open with {better}"
    return [Finding("informal_greeting", "warning", message, start.start(1), start.end(1))]


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions, giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def _near_name(word: str, names: list[str]) -> str | None:
    """The recipient's name word `word` looks like a misspelling of, if any."""
    low = word.lower()
    for name in names:
        limit = 1 if len(name) <= 5 else 2
        if len(name) >= 3 and 0 < _distance(low, name.lower(), limit) <= limit:
            return name
    return None


def _recipient_name(text: str, context: NoteContext, names: list[str]) -> list[Finding]:
    if not names:
        return []
    full = context.recipient_name or context.preferred_name
    lower_names = {n.lower() for n in names}
    out: list[Finding] = []
    _, greeting = _greeting_names(text)
    people = [w for w in greeting if w.group().lower().rstrip(".") not in _TITLES]
    if people and not any(w.group().lower() in _GENERIC_ADDRESSEES for w in people):
        for w in people:
            near = _near_name(w.group(), names)
            if near:
                message = f"'{w.group()}' is spelled '{near}' in the contact record for {full}."
                out.append(Finding("recipient_name", "error", message, w.start(), w.end()))
        if not out and not any(w.group().lower() in lower_names for w in people):
            start, end = people[0].start(), people[-1].end()
            message = (
                f"The greeting is addressed to '{text[start:end]}', but this note is for "
                f"{full} — check you opened the right draft."
            )
            out.append(Finding("recipient_name", "error", message, start, end))
    known = _ignored_words(context)
    in_greeting = {(w.start(), w.end()) for w in greeting}
    words = list(_WORD_RE.finditer(text))
    candidates = [
        (i, w)
        for i, w in enumerate(words)
        if w.group()[0].isupper()
        and (w.start(), w.end()) not in in_greeting
        and w.group().lower() not in known
    ]
    checker = context.spell_checker
    unknown = checker.unknown({w.group().lower() for _, w in candidates}) if checker else None
    for i, w in candidates:
        base = w.group().replace(_RSQUO, "'").removesuffix("'s")
        near = _near_name(base, names)
        if not near:
            continue
        # A dictionary word ("Hall") counts only where it is plainly used as a name.
        beside = {
            words[j].group().lower()
            for j in (i - 1, i + 1)
            if 0 <= j < len(words)
            and text[min(words[j].end(), w.end()) : max(words[j].start(), w.start())] in (" ", ". ")
        }
        as_name = base != w.group() or beside & (lower_names | _TITLES)
        if unknown is None:  # no dictionary: sentence openers ("See", "Her") are words
            unknown_word = text[: w.start()].rstrip(" \t")[-1:] not in ("", ".", "!", "?", "\n")
        else:
            unknown_word = w.group().lower() in unknown
        if unknown_word or as_name:
            message = f"'{base}' is spelled '{near}' in the contact record for {full}."
            out.append(
                Finding("recipient_name", "error", message, w.start(), w.start() + len(base))
            )
    return out


# -- the recipient spoken of as someone else ---------------------------------------------------

# Capitalised words that name no person.
_CALENDAR_TEXT = """monday tuesday wednesday thursday friday saturday sunday mondays tuesdays
wednesdays thursdays fridays saturdays sundays january february march april may june july
august september october november december"""
_CALENDAR_WORDS = frozenset(_CALENDAR_TEXT.split())
_PRONOUN_RE = re.compile(r"\b(?:she|he|her|him|his|hers|herself|himself)\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?\n]+")


def _third_person(text: str, context: NoteContext, names: list[str]) -> list[Finding]:
    """'the clinic he runs' in a note to him: a talking point pasted as written.

    Only where the sentence names nobody else (a capitalised word that is not the start
    of the sentence, the recipient, the company or the role), so "Judge Alvarez and her
    clerks" is left alone."""
    if not names:
        return []
    known = {w.lower() for w in names} | _ignored_words(context) | {"i"} | _CALENDAR_WORDS
    start = _GREETING_RE.match(text)
    body_from = text.find("\n", start.end()) if start else 0
    who = _first_name(context)
    out: list[Finding] = []
    for sentence in _SENTENCE_RE.finditer(text, max(body_from, 0)):
        words = list(_WORD_RE.finditer(sentence.group()))
        others = [
            w.group()
            for w in words[1:]
            if w.group()[0].isupper() and w.group().lower() not in known | _TITLES
        ]
        if others:
            continue
        for m in _PRONOUN_RE.finditer(sentence.group()):
            at = sentence.start() + m.start()
            message = (
                f"'{m.group()}' speaks of {who} as someone else — this note is to them: "
                "write 'you' or 'your'."
            )
            out.append(Finding("third_person", "warning", message, at, at + len(m.group())))
    return out


# -- spelling and duplicates --------------------------------------------------------------------


def _ignored_words(context: NoteContext) -> set[str]:
    parts = [context.recipient_name, context.preferred_name, context.company, context.role]
    words = {
        w.lower() for part in [*parts, *context.talking_points] for w in _WORD_RE.findall(part)
    }
    return words | {w.lower() for w in context.user_words}


def _spelling(text: str, context: NoteContext, flagged: set[tuple[int, int]]) -> list[Finding]:
    checker = context.spell_checker
    if checker is None:
        return []
    ignored = _ignored_words(context)
    urls = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    words: list[tuple[int, int, str]] = []
    for m in _WORD_RE.finditer(text):
        word = m.group().replace(_RSQUO, "'")
        base = word.removesuffix("'s")
        if (
            len(base) < 2
            or word.isupper()
            or base.lower() in ignored
            or word.lower() in ignored
            or any(s <= m.start() < e for s, e in urls)
            or any(s <= m.start() < e for s, e in flagged)
        ):
            continue
        words.append((m.start(), m.start() + len(base), base.lower()))
    unknown = checker.unknown({w for _, _, w in words})
    advice = "is not in the dictionary — correct it, or add it to your dictionary if it is right."
    return [
        Finding("spelling", "warning", f"'{text[s:e]}' {advice}", s, e)
        for s, e, w in words
        if w in unknown
    ]


def _shingle_words(text: str, names: set[str]) -> list[tuple[int, int, str]]:
    """Words that carry the note's content: no greeting line, no names, no proper nouns."""
    skip_to = 0
    if _GREETING_RE.match(text):
        line_end = text.find("\n")
        skip_to = line_end if line_end >= 0 else len(text.split(",")[0])
    out: list[tuple[int, int, str]] = []
    sentence_start = True
    for m in _WORD_RE.finditer(text, skip_to):
        word = m.group()
        proper = word[0].isupper() and not sentence_start
        before = text[m.end() : m.end() + 1]
        if not proper and word.lower() not in names:
            out.append((m.start(), m.end(), word.lower()))
        sentence_start = before in (".", "!", "?")
    return out


def _duplicates(text: str, context: NoteContext, names: list[str]) -> list[Finding]:
    lower_names = {n.lower() for n in names}
    mine = _shingle_words(text, lower_names)
    my_shingles: dict[tuple[str, ...], tuple[int, int]] = {}
    for i in range(len(mine) - _SHINGLE + 1):
        key = tuple(w for _, _, w in mine[i : i + _SHINGLE])
        my_shingles.setdefault(key, (mine[i][0], mine[i + _SHINGLE - 1][1]))
    if len(my_shingles) < 5:
        return []
    best: tuple[float, int, set[tuple[str, ...]]] = (0.0, -1, set())
    for index, other in enumerate(context.other_notes):
        words = [w for _, _, w in _shingle_words(other, lower_names)]
        theirs = {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
        union = len(set(my_shingles) | theirs)
        score = len(set(my_shingles) & theirs) / union if union else 0.0
        if score > best[0]:
            best = (score, index, set(my_shingles) & theirs)
    score, index, shared = best
    if score < _DUPLICATE_THRESHOLD:
        return []
    spans = [my_shingles[k] for k in shared]
    labels = context.other_note_labels
    other = f"the note {labels[index]}" if index < len(labels) else "another note of this interview"
    message = (
        f"This note is {score:.0%} the same as {other} — interviewers compare notes; "
        f"rewrite it around what you discussed with {_first_name(context)}."
    )
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return [Finding("duplicate_note", "error", message, start, end)]
