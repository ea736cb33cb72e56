"""A built wheel carries what Afterword reads beside its code (issue 18).

Icons, the en-GB spelling list and the note templates are package data found through
importlib.resources (desktop/resources). The wheel is built from a copy of the sources,
installed into a fresh venv that has no `desktop` of its own but reuses this venv's
dependencies (PySide6 and the rest are not downloaded again), and a script run there
renders a template, draws an icon and reads the spelling list.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Run in the fresh venv, from a folder with no `desktop` in it.
SCRIPT = """
import json, sys
from datetime import date
from pathlib import Path

import desktop
from desktop.compose.spelling import british_spellings
from desktop.compose.templates import NoteContext, TemplateLibrary
from desktop.platform.paths import app_icon_file

from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from desktop.ui.icons import icon

note = TemplateLibrary().render("thank_you_formal", NoteContext(
    recipient_name="Ms. Margaret Hale", company="Hale & Pierce LLP", role="Associate",
    interview_date=date(2026, 11, 19), talking_points="her clerkship story",
    sender_name="Daniel Okafor", formality="formal",
))
pixmap = icon("today").pixmap(32, 32)
image = pixmap.toImage()
print(json.dumps({
    "package": desktop.__file__,
    "prefix": sys.prefix,
    "body": note.body_html,
    "icon_size": [pixmap.width(), pixmap.height()],
    "icon_inked": any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32)),
    "app_icon": str(app_icon_file()),
    "app_icon_is_file": app_icon_file().is_file(),
    "british": british_spellings().get("colour"),
}))
"""


@pytest.mark.slow
def test_an_installed_wheel_renders_a_template_and_draws_an_icon(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "desktop", source / "desktop", ignore=ignore)
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "--wheel-dir", str(wheels), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("afterword-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "desktop/resources/icons/afterword.svg",
        "desktop/resources/spelling/en_gb_spellings.tsv",
        "desktop/resources/templates/notes/thank_you_formal.j2",
        "desktop/resources/templates/notes/README.md",
        "desktop/storage/migrations/versions/0001_initial.py",
    ):
        assert shipped in names, f"{shipped} is not in {wheel.name}"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    # This venv's site-packages as a plain path: its .pth files (the editable install's
    # finder among them) are not run, so `desktop` can only come from the wheel.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run(
        [python, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env,
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert Path(got["package"]).is_relative_to(got["prefix"]), got["package"]
    assert "Dear Ms. Hale," in got["body"] and "clerkship story" in got["body"]
    assert got["icon_size"] == [32, 32] and got["icon_inked"]
    assert Path(got["app_icon"]).is_relative_to(site) and got["app_icon_is_file"]
    assert got["british"] == "color"
