"""Proofreading while typing: the dictionary loads on a worker thread, checks run on the UI thread.

A check of a 200-word note takes a few milliseconds (make bench), so it runs directly after a
short pause in typing; only the dictionary (a few hundred milliseconds) is kept off the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.proofread import Finding, NoteContext, proofread
from desktop.core.settings import RuleSettings


class Proofreader(QObject):
    """One per composer window: the spell checker and the user's own words."""

    dictionary_ready = Signal()

    def __init__(
        self, user_words: Iterable[str], rules: RuleSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        from desktop.compose.spelling import DictionarySpellChecker

        self.rules = rules
        self.checker = DictionarySpellChecker(user_words, variant=rules.spelling_variant)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_loaded)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin loading the dictionary without blocking the window."""
        if self.checker.loaded or self._thread is not None:
            self._check_loaded()
            return
        self._thread = threading.Thread(
            target=self.checker.load, name="afterword-dictionary", daemon=True
        )
        self._thread.start()
        self._poll.start()

    @property
    def ready(self) -> bool:
        return self.checker.loaded

    def _check_loaded(self) -> None:
        if self.checker.loaded:
            self._poll.stop()
            self.dictionary_ready.emit()

    def add_word(self, word: str) -> None:
        self.checker.add_to_dictionary(word)

    def suggestions(self, word: str) -> list[str]:
        return self.checker.suggestions(word) if self.checker.loaded else []

    def check(
        self,
        text: str,
        *,
        channel: str,
        formality: str,
        recipient_name: str,
        preferred_name: str,
        company: str,
        role: str,
        talking_points: str,
        other_notes: Sequence[str] = (),
        other_labels: Sequence[str] = (),
    ) -> list[Finding]:
        points = [line.strip() for line in talking_points.splitlines() if line.strip()]
        context = NoteContext(
            channel=channel if channel in ("email", "card") else "email",
            formality=formality,
            recipient_name=recipient_name,
            preferred_name=preferred_name,
            company=company,
            role=role,
            talking_points=points,
            other_notes=list(other_notes),
            other_note_labels=list(other_labels),
            user_words=self.checker.user_words,
            rules=self.rules,
            spell_checker=self.checker if self.checker.loaded else None,
        )
        return proofread(text, context)
