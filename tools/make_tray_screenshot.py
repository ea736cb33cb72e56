"""Save docs/screenshots/tray-menu.png: the tray docked in trayer under Xvfb, menu open.

.venv/bin/python -m tools.make_tray_screenshot [OUT.png]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.helpers.bus import SessionBus
from tests.helpers.display import TrayDisplay
from tests.helpers.tray_helpers import import_document, thank_you_document

REPO = Path(__file__).resolve().parents[1]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        now = datetime.now(UTC)
        people = [("Margaret Hale", -timedelta(hours=3)), ("Tom Pierce", -timedelta(minutes=40))]
        import_document(data, thank_you_document(now, people))
        bus = SessionBus()
        display = TrayDisplay()
        try:
            display.start_tray_host(bus.env())
            env = display.env(bus.env(HOME=tmp, TZ="America/New_York"))
            check = REPO / "tests" / "helpers" / "tray_menu_check.py"
            subprocess.run(
                [sys.executable, str(check), str(data), str(out)], env=env, cwd=REPO, check=True
            )
        finally:
            display.close()
            bus.close()
    print(f"saved {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs/screenshots/tray-menu.png")
