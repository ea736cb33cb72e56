"""People's names as a note needs them: the salutation before it and the surname in it.

A formal note greets "Dear Ms. Vance,", which needs two facts a full name does not give
reliably: how the person is addressed and which words are the surname ("van der Berg",
"García López"). Contacts store both; these functions give the defaults when a name is
typed or imported without them.
"""

from __future__ import annotations

# The salutations a contact can have, as written before the surname ("" = none).
SALUTATIONS = ("", "Ms.", "Mr.", "Mx.", "Dr.", "Prof.")
# How a greeting writes each one: professors are addressed in full.
GREETING_FORMS = {"Ms.": "Ms.", "Mr.": "Mr.", "Mx.": "Mx.", "Dr.": "Dr.", "Prof.": "Professor"}
_TYPED = {
    "ms": "Ms.",
    "mr": "Mr.",
    "mx": "Mx.",
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
}
# Particles that belong to the surname that follows them (Dutch, German, French, Spanish…).
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin"}
# Letters after a name that are not its surname.
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "esq", "esq."}


def salutation_of(word: str) -> str:
    """The salutation a typed word stands for ("dr" → "Dr."), or "" if it is none."""
    return _TYPED.get(word.strip().lower().rstrip("."), "")


def split_salutation(name: str) -> tuple[str, str]:
    """("Dr.", "Alan Chu") for "Dr. Alan Chu"; ("", name) when the name starts with none."""
    words = name.split()
    if len(words) > 1 and (found := salutation_of(words[0])):
        return found, " ".join(words[1:])
    return "", name.strip()


def guess_surname(name: str) -> str:
    """The surname of a full name as most are written: the last word, with the particles
    before it ("Jan van der Berg" → "van der Berg"); "" for a single name."""
    _, rest = split_salutation(name)
    words = [w for w in rest.split() if w.lower().rstrip(",") not in _SUFFIXES]
    if len(words) < 2:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]).rstrip(",")
