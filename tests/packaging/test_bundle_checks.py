"""The checks around the bundle: what the smoke test refuses, the size report, the tarball."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from tests.helpers.packaging_scripts import PACKAGING, load

bundle_contents = load("bundle_contents.py")
smoke_core = load("smoke_core.py")
bundle_size = load("bundle_size.py")
make_tarball = load("linux/make_tarball.py")


def _touch(path: Path, size: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    return path


def test_a_clean_bundle_has_nothing_forbidden(tmp_path: Path) -> None:
    _touch(tmp_path / "_internal" / "keyring" / "__init__.pyc")
    _touch(tmp_path / "_internal" / "keyring-25.7.0.dist-info" / "METADATA")
    _touch(tmp_path / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Widgets.so.6")
    assert bundle_contents.forbidden_parts(tmp_path, {"desktop", "keyring", "jeepney"}) == []


def test_keyrings_alt_test_tools_and_unused_qt_are_refused(tmp_path: Path) -> None:
    _touch(tmp_path / "_internal" / "keyrings" / "alt" / "file.pyc")
    _touch(tmp_path / "_internal" / "keyrings.alt-5.0.dist-info" / "METADATA")
    _touch(tmp_path / "_internal" / "pytest-9.2.0.dist-info" / "METADATA")
    _touch(tmp_path / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Quick.so.6")
    _touch(tmp_path / "_internal" / "PySide6" / "QtQml.abi3.so")

    found = bundle_contents.forbidden_parts(tmp_path, {"desktop", "hypothesis"})

    assert "module hypothesis" in found
    assert any(part.endswith("keyrings") for part in found)
    assert any("keyrings.alt-5.0.dist-info" in part for part in found)
    assert any("pytest-9.2.0.dist-info" in part for part in found)
    assert any(part.endswith("libQt6Quick.so.6") for part in found)
    assert any(part.endswith("QtQml.abi3.so") for part in found)


def test_only_known_offscreen_lines_are_forgiven_on_stderr() -> None:
    stderr = (
        "This plugin does not support propagateSizeHints()\n"
        "\n"
        "QPainter::begin: Paint device returned engine == 0, type: 3\n"
        "Traceback (most recent call last):\n"
    )
    assert smoke_core.unexpected_lines(stderr) == [
        "QPainter::begin: Paint device returned engine == 0, type: 3",
        "Traceback (most recent call last):",
    ]


def test_the_size_report_groups_qt_by_library_and_ignores_links(tmp_path: Path) -> None:
    _touch(tmp_path / "Afterword", 3 * 1024 * 1024)
    _touch(tmp_path / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6", 2 * 1024 * 1024)
    _touch(tmp_path / "_internal" / "PySide6" / "QtCore.abi3.so", 1024 * 1024)
    _touch(tmp_path / "_internal" / "sqlalchemy" / "a.so", 512 * 1024)
    _touch(tmp_path / "_internal" / "sqlalchemy" / "b.so", 512 * 1024)
    os.symlink("PySide6/Qt/lib/libQt6Core.so.6", tmp_path / "_internal" / "libQt6Core.so.6")

    size = bundle_size.measure(tmp_path)

    assert size.total_bytes == 7 * 1024 * 1024
    assert size.files == 5
    assert dict(size.parts) == {
        "Afterword": 3 * 1024 * 1024,
        "PySide6/Qt/lib/libQt6Core.so.6": 2 * 1024 * 1024,
        "PySide6/QtCore.abi3.so": 1024 * 1024,
        "sqlalchemy": 1024 * 1024,
    }
    assert bundle_size.report(tmp_path, top=1)[1].split() == ["3.0", "MB", "Afterword"]


def test_the_tarball_unpacks_to_one_folder_with_the_menu_entry(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "Afterword"
    _touch(bundle / "Afterword", 10).chmod(0o755)
    _touch(bundle / "_internal" / "base_library.zip", 10)
    icons = tmp_path / "icons"
    _touch(icons / "hicolor" / "48x48" / "apps" / "afterword.png", 10)

    target = make_tarball.make_tarball(bundle, icons, tmp_path / "dist")

    assert target.name.startswith("afterword-") and target.name.endswith(".tar.gz")
    with tarfile.open(target) as tar:
        names = set(tar.getnames())
        assert {n.split("/")[0] for n in names} == {"Afterword"}
        assert {
            "Afterword/Afterword",
            "Afterword/afterword.desktop",
            "Afterword/install.sh",
            "Afterword/icons/hicolor/48x48/apps/afterword.png",
        } <= names
        assert tar.getmember("Afterword/Afterword").mode & 0o111
        assert tar.getmember("Afterword/install.sh").mode & 0o111


def test_the_desktop_entry_starts_the_app_and_the_reminders() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "afterword.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Exec"] == "Afterword"
    assert main["Icon"] == "afterword"
    assert main["Categories"].endswith(";")
    assert entry["Desktop Action reminders"]["Exec"] == "Afterword tray"


def test_the_smoke_test_without_a_bundle_says_to_build_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "smoke_test.py"), "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "run make bundle" in done.stderr
