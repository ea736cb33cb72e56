"""Handwritten-style note cards and envelopes to PDF (QtGui only; Qt is imported on use)."""

from desktop.cards.errors import CardError, CardFitError
from desktop.cards.fit import CardNote, FitResult
from desktop.cards.fonts import DEFAULT_FONT, FONTS
from desktop.cards.layouts import CARDS, ENVELOPES, SHEETS, CardLayout, EnvelopeLayout
from desktop.cards.render import CardReport, check_fit, render_cards, render_envelopes

__all__ = [
    "CARDS",
    "DEFAULT_FONT",
    "ENVELOPES",
    "FONTS",
    "SHEETS",
    "CardError",
    "CardFitError",
    "CardLayout",
    "CardNote",
    "CardReport",
    "EnvelopeLayout",
    "FitResult",
    "check_fit",
    "render_cards",
    "render_envelopes",
]
