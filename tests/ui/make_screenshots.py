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
    from desktop.cli import load_demo
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
            window.close()
        workspace.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
