"""Talking points are notes about the interviewer; a note to them says "you".

"the first cross-border deal she closed" is what a person writes down after an interview;
in the thank-you to that very person it must read "the first cross-border deal you
closed", and "the clinic he runs on Fridays" must read "the clinic you run on Fridays".
The rewrite works on the pronouns of one person (she/he and their forms) in any position,
and puts the verb after a subject pronoun back into the form that goes with "you".
"""

from __future__ import annotations

import re

# Words after "her"/"his" that show it stands alone ("I told her about…", "a book of his").
_AFTER_OBJECT_TEXT = """about above across after again against along also and around as at
    because before behind below beside between but by down during for from if in into like near
    now of off on once onto or out over past since so than that the then this those through
    till to today too toward towards under until up upon very via when where whether which
    while who why with within without yesterday a an how what"""
_AFTER_OBJECT = frozenset(_AFTER_OBJECT_TEXT.split())
# Adverbs that may stand between a subject and its verb ("she always says").
_ADVERBS_TEXT = """actually already also always clearly even just never now often once only
    personally really recently regularly still sometimes usually"""
_ADVERBS = frozenset(_ADVERBS_TEXT.split())
_IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "isn\u2019t": "aren\u2019t",
    "wasn\u2019t": "weren\u2019t",
    "hasn\u2019t": "haven\u2019t",
    "doesn\u2019t": "don\u2019t",
}
# Words ending in -s that are no third-person verb: left as they are after "she".
_NOT_VERBS = frozenset({"always", "sometimes", "perhaps", "news", "was", "has", "is", "as", "us"})
SUBJECTS = frozenset({"she", "he"})
# Contractions of a subject pronoun: "she's" is read as "she is" (the usual case in notes).
_CONTRACTIONS = {
    "she's": "you're",
    "he's": "you're",
    "she'd": "you'd",
    "he'd": "you'd",
    "she'll": "you'll",
    "he'll": "you'll",
}
THIRD_PERSON = frozenset({"she", "he", "her", "him", "his", "hers", "herself", "himself"})
_APOSTROPHES = str.maketrans({"\u2019": "'"})
_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?|[^A-Za-z]+")


def _match_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _base_form(verb: str) -> str:
    """The verb as it goes with "you": runs → run, carries → carry, watches → watch."""
    low = verb.lower()
    if low in _IRREGULAR:
        return _match_case(_IRREGULAR[low], verb)
    if low in _NOT_VERBS or not low.endswith("s") or low.endswith("ss") or len(low) < 3:
        return verb
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _next_word(tokens: list[str], start: int) -> int | None:
    """The index of the next word token after `start`, if only spaces come between."""
    index = start + 1
    while index < len(tokens):
        token = tokens[index]
        if token[:1].isalpha():
            return index
        if token.strip():
            return None  # punctuation: the sentence part ended
        index += 1
    return None


def to_second_person(text: str) -> str:
    """`text` about one person, rewritten as said to them."""
    tokens = _TOKEN.findall(text)
    out = list(tokens)
    for index, token in enumerate(tokens):
        low = token.lower().translate(_APOSTROPHES)
        if low in _CONTRACTIONS:
            said = _CONTRACTIONS[low]
            out[index] = _match_case(said if "'" in token else said.replace("'", "\u2019"), token)
            continue
        if low not in THIRD_PERSON:
            continue
        following = _next_word(tokens, index)
        after = tokens[following].lower() if following is not None else ""
        if low in SUBJECTS:
            out[index] = _match_case("you", token)
            verb = following
            while verb is not None and tokens[verb].lower() in _ADVERBS:
                verb = _next_word(tokens, verb)
            if verb is not None:
                out[verb] = _base_form(tokens[verb])
        elif low == "him":
            out[index] = _match_case("you", token)
        elif low in ("herself", "himself"):
            out[index] = _match_case("yourself", token)
        elif low == "hers":
            out[index] = _match_case("yours", token)
        elif low == "his":
            stands_alone = not after or after in _AFTER_OBJECT
            out[index] = _match_case("yours" if stands_alone else "your", token)
        else:  # "her": "her story" (your) or "told her" (you)
            stands_alone = not after or after in _AFTER_OBJECT
            out[index] = _match_case("you" if stands_alone else "your", token)
    return "".join(out)
