"""The one exception type of the interchange layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.interchange.document_model import Document


class InterchangeError(UserError):
    """An input file cannot be imported; `problems` name each bad field by its path."""

    # What could not be done, for the message; exports say so instead of "import".
    failed = "cannot import, nothing was changed"

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        # The records without problems, when an importer could tell them apart: a preview
        # shows them beside the problems (they are never written while problems remain).
        self.partial: Document | None = None
        # Events whose company no address tells (origin -> title), for the user to name.
        self.needs_company: dict[str, str] = {}
        shown = problems[:20]
        more = f"\n  … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        lines = "\n  ".join(shown)
        super().__init__(f"{source}: {self.failed}:\n  {lines}{more}")


class ExportError(InterchangeError):
    """An export could not be written where asked; nothing was left half-written."""

    failed = "cannot export, nothing was written"
