"""The tray stays small: its running path loads none of the window's heavy parts."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import REPO, child_env
from tests.helpers.tray_helpers import import_document, thank_you_document

# Run the real entry point for two seconds (long enough to announce a due reminder),
# then list every module the process loaded.
SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
QTimer.singleShot(2000, app.quit)
from desktop.cli import main
status = main(["--data-dir", sys.argv[1], "tray"])
loaded = sorted(name for name, module in sys.modules.items() if module is not None)
print(json.dumps({"status": status, "modules": loaded}))
"""

FORBIDDEN = (
    "sqlalchemy",
    "alembic",
    "jinja2",
    "spellchecker",
    "desktop.cards",
    "desktop.compose",
    "desktop.ui",
    "desktop.interchange",
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
    # OpenSSL: 4 MB resident for nothing the tray does (desktop/tray/run.py)
    "ssl",
    "_ssl",
    "_hashlib",
)


def test_the_running_tray_imports_no_sqlalchemy_jinja_spellchecker_or_cards(
    data_dir: Path,
) -> None:
    now = datetime.now(UTC)
    import_document(data_dir, thank_you_document(now, [("Margaret Hale", -timedelta(minutes=1))]))
    env = child_env()
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 0
    modules = result["modules"]
    assert "desktop.tray.app" in modules and "desktop.storage.notification_log" in modules
    loaded = [m for m in modules if m.startswith(FORBIDDEN)]
    assert loaded == []
    log = (data_dir / "logs" / "afterword.log").read_text(encoding="utf-8")
    # The notify path ran too (no bus, no tray: said in no way, so not recorded), and
    # stayed light.
    assert "(1,) not confirmed shown" in log
