"""The offline English dictionary behind proofreading's spelling check (pyspellchecker).

Loading the dictionary takes a few hundred milliseconds, so it is loaded once per process,
on first use or ahead of time from a worker thread with `load()`, never at import.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker import SpellChecker as _Dictionary

_lock = threading.Lock()
_dictionaries: dict[str, _Dictionary] = {}


def _dictionary(language: str) -> _Dictionary:
    with _lock:
        found = _dictionaries.get(language)
        if found is None:
            from spellchecker import SpellChecker

            found = _dictionaries[language] = SpellChecker(language=language)
        return found


class DictionarySpellChecker:
    """The English dictionary plus the user's own words ("add to dictionary")."""

    def __init__(self, user_words: Iterable[str] = (), *, language: str = "en") -> None:
        self._language = language
        self._user_words = {w.lower() for w in user_words}

    def load(self) -> None:
        """Load the dictionary now (safe from a worker thread); later calls are free."""
        _dictionary(self._language)

    @property
    def loaded(self) -> bool:
        return self._language in _dictionaries

    @property
    def user_words(self) -> frozenset[str]:
        return frozenset(self._user_words)

    def add_to_dictionary(self, word: str) -> None:
        """Accept `word` from now on; the caller persists `user_words` if it wants to."""
        self._user_words.add(word.strip().lower())

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-case words of `words` that neither the dictionary nor the user knows."""
        wanted = {w.lower() for w in words} - self._user_words
        if not wanted:
            return set()
        return set(_dictionary(self._language).unknown(wanted))

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Likely corrections, most likely first (slow-ish: call it for one word on demand)."""
        dictionary = _dictionary(self._language)
        candidates = dictionary.candidates(word.lower()) or set()
        ranked = sorted(candidates, key=lambda w: (-dictionary.word_usage_frequency(w), w))
        return ranked[:limit]
