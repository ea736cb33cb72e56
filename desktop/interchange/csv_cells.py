"""Cells a spreadsheet will not run: CSV exports are opened in Excel and LibreOffice, which
take a cell starting with = + - @ (or a tab or carriage return before one) as a formula.
A contact named "=HYPERLINK(…)" in an invite must stay text, so such a cell gets a leading
single quote, as OWASP's CSV-injection advice says."""

from __future__ import annotations

from collections.abc import Mapping

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell's text, with a leading ' when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_TRIGGERS) else text


def neutralise_row(row: Mapping[str, object]) -> dict[str, str]:
    return {key: neutralise(value) for key, value in row.items()}
