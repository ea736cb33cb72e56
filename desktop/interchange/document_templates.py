"""The user's own note templates in the JSON document: written by the export, read back by
the import, so a JSON backup gives back everything the user made (issue 14).

They live as `.j2` files in the data directory's `templates` folder, not in the database,
so the document carries them as a top-level list, `"templates": [{"name", "text"}]`,
present only when the user has made some. An import adds the ones the user lacks and
never overwrites one the user already has under that name with other text: that one is
kept and the import says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

SUFFIX = ".j2"
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
MAX_TEMPLATE_CHARS = 100_000
MAX_TEMPLATES = 500


class Checker(Protocol):
    def problem(self, path: str, message: str) -> None: ...


def templates_folder(database: Path) -> Path:
    """The user's templates folder beside the database file (AppPaths.user_templates)."""
    return database.parent / "templates"


def export_templates(folder: Path) -> list[dict[str, str]]:
    """The user's templates in `folder`, by name, as the document lists them."""
    if not folder.is_dir():
        return []
    return [
        {"name": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted(folder.glob(f"*{SUFFIX}"))
        if path.is_file() and _NAME_RE.fullmatch(path.stem)
    ]


def check_templates(value: Any, c: Checker) -> dict[str, str]:
    """The document's `templates` list as name -> text; every problem named by its path."""
    if value is None:
        return {}
    if not isinstance(value, list):
        c.problem("templates", "expected a list")
        return {}
    if len(value) > MAX_TEMPLATES:
        c.problem("templates", f"{len(value)} entries; at most {MAX_TEMPLATES} can be imported")
        return {}
    found: dict[str, str] = {}
    for index, rec in enumerate(value):
        path = f"templates[{index}]"
        if not isinstance(rec, dict):
            c.problem(path, "expected an object")
            continue
        name, text = rec.get("name"), rec.get("text")
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            c.problem(
                f"{path}.name",
                "1 to 64 letters, digits, '_' or '-', starting with a letter or digit",
            )
            continue
        if not isinstance(text, str):
            c.problem(f"{path}.text", "required, text")
            continue
        if len(text) > MAX_TEMPLATE_CHARS:
            c.problem(f"{path}.text", f"too long ({len(text)} characters)")
            continue
        if name in found:
            c.problem(f"{path}.name", f"{name!r} is listed twice")
            continue
        found[name] = text
    return found


def import_templates(
    folder: Path, templates: dict[str, str], *, dry_run: bool = False
) -> tuple[dict[str, int], list[str]]:
    """Write the templates the user lacks into `folder` (each a private file, written
    whole); keep the user's own where the names meet. Returns the counts ("created",
    "unchanged") and a warning per template kept as it was. A dry run writes nothing."""
    from desktop.files import make_private_dir, write_atomically

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    warnings: list[str] = []
    for name, text in sorted(templates.items()):
        target = folder / f"{name}{SUFFIX}"
        if target.is_file():
            counts["unchanged"] += 1
            if target.read_text(encoding="utf-8") != text:
                warnings.append(
                    f"templates: you already have a template named {name!r} with other text; "
                    "yours was kept"
                )
            continue
        if not dry_run:
            make_private_dir(folder)
            write_atomically(target, text, newline="", keep_mode=False)
        counts["created"] += 1
    return counts, warnings
