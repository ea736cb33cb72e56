"""Real printers: which paper a card goes on, the job's title, and the list of printers.

QtPrintSupport is imported here and only here (and by the window's print dialog), so only
those who print pay for it (ARCHITECTURE §2). `printing.py` paints on whatever device it is given.

Measured on CUPS (a cups-pdf queue, Qt 6.11): a paper size the queue lists, or one of Qt's
standard sizes on a queue that takes custom sizes, is kept by the print dialog and reaches
the printer; a custom size that is neither (an A2 card, 4.25 by 5.5 in) is replaced by the
dialog with the queue's default (Letter) unless the person chose the paper themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.cards.errors import CardError
from desktop.cards.printing import FIT_TOLERANCE

if TYPE_CHECKING:
    from PySide6.QtGui import QPageSize

JOB_TITLE = "Afterword card – {}"  # noqa: RUF001  (the en dash is the title's, as in a queue)
JOBS_TITLE = "Afterword cards – {}"  # noqa: RUF001
ENVELOPE_TITLE = "Afterword envelope – {}"  # noqa: RUF001


@dataclass(frozen=True)
class Paper:
    """A paper size a printer offers, in points, portrait (width <= height)."""

    key: str  # the printer's own name for it ("A5", "Letter", "Custom.306x396")
    name: str  # in words, for messages
    width: float
    height: float
    envelope: bool = False


@dataclass(frozen=True)
class PaperChoice:
    """The paper to start a card's print job with, and what to tell the person about it."""

    paper: Paper
    exact: bool  # the card's own size: no cutting
    note: str  # "" when exact; else why this paper, in the person's words


def choose_paper(
    card: str,
    width: float,
    height: float,
    offered: Sequence[Paper],
    custom: Paper | None,
    envelope: bool = False,
) -> PaperChoice:
    """The card's own size when the printer has it (`custom`: the size it can take though
    it does not list it), else the smallest listed paper it fits on (an envelope only when
    an `envelope` is what is printed)."""
    short, long_ = sorted((width, height))

    def same(p: Paper) -> bool:
        return abs(p.width - short) <= FIT_TOLERANCE and abs(p.height - long_) <= FIT_TOLERANCE

    for paper in offered:
        if same(paper):
            return PaperChoice(paper, True, "")
    if custom is not None:
        return PaperChoice(custom, True, "")
    fitting = [
        p
        for p in offered
        if (envelope or not p.envelope)
        and p.width + FIT_TOLERANCE >= short
        and p.height + FIT_TOLERANCE >= long_
    ]
    if not fitting:
        raise CardError(f"the printer has no paper large enough for {card}")
    paper = min(fitting, key=lambda p: (p.width * p.height, p.key))
    return PaperChoice(
        paper,
        False,
        f"This printer has no paper the size of {card}; it starts on {paper.name}, "
        "with crop marks to cut it out.",
    )


def job_title(recipients: Sequence[str], envelope: bool = False) -> str:
    """The job's name in the print queue: JOB_TITLE with the recipient, or JOBS_TITLE
    with every recipient when one job holds several cards."""
    names = [name for name in recipients if name] or ["note"]
    if len(recipients) <= 1:
        return (ENVELOPE_TITLE if envelope else JOB_TITLE).format(names[0])
    return JOBS_TITLE.format(", ".join(names))


# --- Qt: printers and their paper ----------------------------------------------------------


def printer_names() -> list[str]:
    """The printers the system offers (QPrinterInfo), the default one first."""
    from PySide6.QtPrintSupport import QPrinterInfo

    _ensure_app()
    names = [str(info.printerName()) for info in QPrinterInfo.availablePrinters()]
    default = str(QPrinterInfo.defaultPrinterName())
    return sorted(names, key=lambda n: (n != default, n.lower()))


def find_printer(name: str | None) -> str:
    """The printer called `name` (any case), or the default one; CardError naming the
    printers there are when there is no such printer, or none at all."""
    names = printer_names()
    if not names:
        raise CardError("no printer is set up on this computer")
    if name is None:
        return names[0]
    for candidate in names:
        if candidate.lower() == name.strip().lower():
            return candidate
    raise CardError(f"there is no printer called {name!r}; the printers are: {', '.join(names)}")


def _paper(size: QPageSize) -> Paper:
    from PySide6.QtGui import QPageSize

    points = size.size(QPageSize.Unit.Point)
    short, long_ = sorted((points.width(), points.height()))
    return Paper(str(size.key()), str(size.name()), short, long_, _is_envelope(size))


def _is_envelope(size: QPageSize) -> bool:
    # Envelope sizes have their own ids in QPageSize (C5E, DLE, Comm10E, EnvelopeC0…); a
    # queue may list them beside paper, and nobody wants card stock suggested as one.
    name = size.id().name
    return name.startswith("Envelope") or name in {"C5E", "DLE", "Comm10E"}


def paper_for(
    printer: Any, card: str, width: float, height: float, envelope: bool = False
) -> PaperChoice:
    """The paper `printer` (a QPrinter with its printer name set) should start with."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinterInfo

    info = QPrinterInfo(printer)
    offered = [_paper(size) for size in info.supportedPageSizes()]
    custom = None
    if info.supportsCustomPageSizes() or info.isNull():
        short, long_ = sorted((width, height))
        exact = QPageSize(
            QSizeF(short, long_), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
        )
        custom = _paper(exact)
    return choose_paper(card, width, height, offered, custom, envelope)


def page_size(paper: Paper) -> QPageSize:
    """The QPageSize of `paper`: the printer's own entry when it has one."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize

    size = QPageSize(
        QSizeF(paper.width, paper.height), QPageSize.Unit.Point, paper.name,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )  # fmt: skip
    return size


def load_paper(printer: Any, choice: PaperChoice, width: float, height: float) -> None:
    """Set `printer` to the chosen paper, turned like the card, painted from the paper's
    corner (see printing.placement). Size, turn and full page are set one by one: a whole
    QPageLayout with no margins is refused by a queue whose paper has margins (a cups-pdf
    queue kept A4)."""
    from PySide6.QtGui import QPageLayout

    turn = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    if not printer.setPageSize(page_size(choice.paper)):
        raise CardError(f"the printer refused {choice.paper.name} paper")
    printer.setPageOrientation(turn)
    printer.setFullPage(True)


def card_printer(
    name: str | None, card: str, width: float, height: float, title: str, copies: int = 1
) -> tuple[Any, PaperChoice]:
    """A QPrinter on printer `name` (None: the default) loaded with the card's paper."""
    from PySide6.QtPrintSupport import QPrinter

    chosen = find_printer(name)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(chosen)
    if not printer.isValid():
        raise CardError(f"the printer {chosen!r} cannot be used now")
    choice = paper_for(printer, card, width, height)
    load_paper(printer, choice, width, height)
    printer.setDocName(title)
    printer.setCopyCount(max(1, copies))
    return printer, choice


def _ensure_app() -> None:
    from desktop.cards.render import _ensure_app as ensure

    ensure()
