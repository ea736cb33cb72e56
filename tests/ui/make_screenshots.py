"""Save a screenshot of every view, light and dark, on the demo data.

QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.make_screenshots OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import open_workspace
    from desktop.interchange.demo import load_demo
    from desktop.platform.paths import resolve_paths
    from desktop.ui.icons import clear_cache
    from desktop.ui.main_window import VIEWS, MainWindow
    from desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        workspace = open_workspace(resolve_paths(data))
        load_demo(workspace)
        for scheme in ("light", "dark"):
            apply_theme(app, scheme)  # type: ignore[arg-type]
            clear_cache()
            window = MainWindow(workspace, demo=True)
            window.resize(1200, 720)
            window.show()
            for name in VIEWS:
                window.show_view(name)
                app.processEvents()
                window.grab().save(str(out / f"{name.lower()}-{scheme}.png"))
            window.search_box.setText("clerk")
            window.search_box.run()
            app.processEvents()
            window.grab().save(str(out / f"search-{scheme}.png"))
            _composers(app, window, out, scheme)
            window.close()
        workspace.close()


def _composers(app, window, out: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """The composer on a card thank-you and on an email one, with the dictionary loaded."""
    import time

    wanted = {"card": None, "email": None}
    for item in window.today.items:
        if item.kind == "thank_you" and item.channel in wanted and wanted[item.channel] is None:
            wanted[item.channel] = item.id
    for channel, followup_id in wanted.items():
        if followup_id is None:
            continue
        composer = window.open_composer(followup_id)
        composer.resize(1240, 760)
        deadline = time.monotonic() + 20
        while not composer.proofreader.ready and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        composer.check_all()
        for _ in range(30):  # the card preview re-renders after a short pause
            app.processEvents()
            time.sleep(0.02)
        composer.grab().save(str(out / f"composer-{channel}-{scheme}.png"))
        composer.close()
        app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
