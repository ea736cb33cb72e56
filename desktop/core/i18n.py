"""The translation seam of the command line: every message it prints goes through `_()`.

gettext with the "afterword" domain. Until a catalogue is installed `_()` returns the
English it is given (NullTranslations), so wrapping costs nothing and changes nothing; a
translation then needs no code change, only `use_translations(gettext.translation(DOMAIN,
localedir, fallback=True))` at start-up. Messages are whole sentences with named
placeholders (`_("Wrote {path}").format(path=...)`), so a translator can reorder them. The
window's strings go through Qt's own `tr()` instead (ARCHITECTURE §8).
"""

from __future__ import annotations

import gettext

DOMAIN = "afterword"

_translations: gettext.NullTranslations = gettext.NullTranslations()


def use_translations(translations: gettext.NullTranslations) -> None:
    """Make `translations` the catalogue `_()` and `ngettext()` read from."""
    global _translations
    _translations = translations


def _(message: str) -> str:
    """`message` in the user's language (as it is, until a catalogue is installed)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the user's language."""
    return _translations.ngettext(singular, plural, count)
