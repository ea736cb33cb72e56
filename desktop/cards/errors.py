"""The one exception type for card problems a person can fix."""

from __future__ import annotations

from desktop.errors import UserError


class CardError(UserError):
    """A card cannot be made as asked; the message says why and what to change."""


class CardFitError(CardError):
    """The note is too long for its card even at the smallest readable size."""

    def __init__(self, message: str, *, words_over: int, size: str) -> None:
        super().__init__(message)
        self.words_over = words_over
        self.size = size
