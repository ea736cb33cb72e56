"""The offline English dictionaries behind proofreading's spelling check (pyspellchecker).

pyspellchecker's English is American. British English (en-GB) is that dictionary with
the British spellings of desktop/resources/spelling/en_gb_spellings.tsv added and their American
forms taken out, so "programme" and "candour" pass and "color" is flagged (suggesting
"colour"); "realize" stays right, as Oxford spelling has it. Loading takes a few hundred
milliseconds, so it is done once per process, on first use or ahead of time from a worker
thread with `load()`, never at import.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker import SpellChecker as _Dictionary

VARIANTS = {"en-US": "American English", "en-GB": "British English"}
DEFAULT_VARIANT = "en-US"
# Words spelled the American way that British English uses too (a computer program, a
# court's judgment): never flagged in en-GB.
_SHARED = frozenset({"program", "programs", "judgment", "judgments", "disk", "disks"})

_lock = threading.Lock()
_dictionaries: dict[str, _Dictionary] = {}
_british: dict[str, str] | None = None  # British spelling -> American


def spellings_file() -> Path:
    """The British spellings Afterword ships (desktop/resources/spelling)."""
    from desktop.resources import resource_path

    return resource_path("spelling", "en_gb_spellings.tsv")


def british_spellings() -> dict[str, str]:
    """British spelling -> American spelling, read once."""
    global _british
    with _lock:
        if _british is None:
            pairs: dict[str, str] = {}
            for line in spellings_file().read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    gb, _, us = line.partition("\t")
                    pairs[gb] = us
            _british = pairs
        return _british


def _dictionary(language: str) -> _Dictionary:
    with _lock:
        found = _dictionaries.get(language)
        if found is None:
            from spellchecker import SpellChecker

            found = _dictionaries[language] = SpellChecker(language=language)
        return found


class DictionarySpellChecker:
    """The English dictionary (American or British) plus the user's own words."""

    def __init__(self, user_words: Iterable[str] = (), *, variant: str = DEFAULT_VARIANT) -> None:
        self._language = "en"
        self.variant = variant if variant in VARIANTS else DEFAULT_VARIANT
        self._user_words = {w.lower() for w in user_words}

    def load(self) -> None:
        """Load the dictionary now (safe from a worker thread); later calls are free."""
        _dictionary(self._language)
        if self.variant == "en-GB":
            british_spellings()

    @property
    def loaded(self) -> bool:
        return self._language in _dictionaries and (self.variant != "en-GB" or _british is not None)

    @property
    def user_words(self) -> frozenset[str]:
        return frozenset(self._user_words)

    def add_to_dictionary(self, word: str) -> None:
        """Accept `word` from now on; the caller persists `user_words` if it wants to."""
        self._user_words.add(word.strip().lower())

    def _american_only(self) -> dict[str, str]:
        """American spelling -> British, for the words en-GB spells otherwise. The -ize
        forms are British too (Oxford spelling), so only their -ise twins are added."""
        return {
            us: gb
            for gb, us in british_spellings().items()
            if us not in _SHARED and us.replace("iz", "is") != gb
        }

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-case words of `words` that neither the dictionary nor the user knows."""
        wanted = {w.lower() for w in words} - self._user_words
        if not wanted:
            return set()
        if self.variant == "en-GB":
            british = british_spellings()
            american = self._american_only()
            rest = {w for w in wanted if w not in british}
            flagged = {w for w in rest if w in american}
            return flagged | set(_dictionary(self._language).unknown(rest - flagged))
        return set(_dictionary(self._language).unknown(wanted))

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Likely corrections, most likely first (slow-ish: call it for one word on demand)."""
        low = word.lower()
        first: list[str] = []
        if self.variant == "en-GB":
            if low in self._american_only():
                first.append(self._american_only()[low])
        elif low in british_spellings():
            first.append(british_spellings()[low])
        dictionary = _dictionary(self._language)
        candidates = dictionary.candidates(low) or set()
        ranked = sorted(candidates, key=lambda w: (-dictionary.word_usage_frequency(w), w))
        if self.variant == "en-GB":
            american = self._american_only()
            ranked = [american.get(w, w) for w in ranked]
        out = [w for w in dict.fromkeys([*first, *ranked]) if w != low][:limit]
        # "Thnak" at the start of a sentence is corrected to "Thank", not "thank".
        if word.isupper() and len(word) > 1:
            return [w.upper() for w in out]
        if word[:1].isupper():
            return [w[:1].upper() + w[1:] for w in out]
        return out
