"""A real Afterword window in its own process, typing into the composer until it is killed.

Used by test_composer_recovery.py: `python -m tests.helpers.typing_app DATA_DIR TEXT`. Prints
`followup N` once the composer is open, then `typed K` after each character (flushed), then
`done`, and keeps running until killed.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import open_workspace
    from desktop.platform.paths import resolve_paths
    from desktop.ui.main_window import MainWindow

    data_dir, text = sys.argv[1], sys.argv[2]
    app = QApplication([])
    workspace = open_workspace(resolve_paths(data_dir))
    window = MainWindow(workspace)
    window.show()
    item = next(i for i in window.today.items if i.contact == "Margaret Hale")
    composer = window.open_composer(item.id)
    assert composer is not None
    page = composer.current_page()
    editor = page.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    print(f"followup {item.id}", flush=True)
    typed = 0

    def type_one() -> None:
        nonlocal typed
        if typed == len(text):
            timer.stop()
            print("done", flush=True)
            return
        # One keystroke's worth of change, through the same signals real typing fires.
        editor.insertPlainText(text[typed])
        typed += 1
        print(f"typed {typed}", flush=True)

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(type_one)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
