"""A realistic window session, run as `python -m tests.helpers.window_session DATA OUT`.

It starts the real app (`desktop.cli.main`: the window, its single-instance socket, the day's
backup, the outbox runner) on DATA, then, as a person would: looks at every view, writes a
card thank-you in the composer, exports the card PDF from its preview, writes an email note
and saves it as an .eml draft, closes everything. Files go to OUT; "session-ok" is written
there at the very end, so a test knows the whole session ran.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

STEP_MS = 300


def _main_window() -> object:
    from desktop.ui.main_window import MainWindow

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert found, "no main window"
    return found[0]


def _session(out: Path) -> Iterator[None]:
    from desktop.ui.main_window import VIEWS

    yield  # let the window paint, back up the data and start the outbox first
    window: object = _main_window()
    for name in VIEWS:
        window.show_view(name)  # type: ignore[attr-defined]
        yield
    items = window.search.today(datetime.now(UTC) + timedelta(days=30))  # type: ignore[attr-defined]
    card = next(i for i in items if i.channel == "card")
    email = next(i for i in items if i.channel == "email")

    composer = window.open_composer(card.id)  # type: ignore[attr-defined]
    page = composer.current_page()
    QTest.keyClicks(page.editor, " It was a pleasure to meet you.")
    assert composer.save_now()
    yield
    page.card_preview.render_now()
    written = page.card_preview.export_pdf(out / "card.pdf")
    assert all(p.stat().st_size > 1000 for p in written), written
    composer.close()
    yield

    composer = window.open_composer(email.id)  # type: ignore[attr-defined]
    page = composer.current_page()
    QTest.keyClicks(page.editor, " Thank you again.")
    composer.delivery.ask_save_path = lambda title, suggested: str(out / "note.eml")
    page.buttons["eml"].click()
    assert (out / "note.eml").stat().st_size > 100
    composer.close()
    yield
    window.close()  # type: ignore[attr-defined]
    (out / "session-ok").write_text("ok")


def _drive(steps: Iterator[None], failed: Callable[[], None]) -> None:
    try:
        next(steps)
    except StopIteration:
        return
    except Exception:
        traceback.print_exc()
        failed()
        return
    QTimer.singleShot(STEP_MS, lambda: _drive(steps, failed))


def main(data: str, out: str) -> int:
    from desktop import cli

    app = QApplication(sys.argv[:1])
    steps = _session(Path(out))

    def failed() -> None:
        app.exit(3)

    # After the window's own timers: the day's backup at 1.5 s, the outbox at 2 s.
    QTimer.singleShot(2500, lambda: _drive(steps, failed))
    return cli.main(["--data-dir", data])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
