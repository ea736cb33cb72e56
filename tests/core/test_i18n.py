"""The command line's translation seam: a catalogue installed with use_translations is what
the commands print (desktop/core/i18n.py); without one they print the English."""

from __future__ import annotations

import gettext

import pytest

from desktop.cli.main import main
from desktop.core import i18n

FRENCH = {"Nothing is due. Well done.": "Rien à envoyer. Bravo."}


class _French(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return FRENCH.get(message, message)


@pytest.fixture
def french():  # type: ignore[no-untyped-def]
    i18n.use_translations(_French())
    yield
    i18n.use_translations(gettext.NullTranslations())


def test_a_command_prints_what_the_catalogue_says(french, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path), "due"]) == 0
    assert capsys.readouterr().out == "Rien à envoyer. Bravo.\n"


def test_without_a_catalogue_it_is_english(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path), "due"]) == 0
    assert capsys.readouterr().out == "Nothing is due. Well done.\n"
