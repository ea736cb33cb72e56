"""Slimming the Linux bundle: orphaned system libraries out, ICU data smaller but working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from tests.conftest import child_env, require_tool
from tests.helpers.packaging_scripts import load

slim = load("linux/slim_bundle.py")
QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
QXCB = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundles only"),
]


def _system_library(name: str) -> str:
    found = subprocess.run(["ldd", str(QXCB)], capture_output=True, text=True).stdout
    for line in found.splitlines():
        if line.strip().startswith(name) and "=>" in line:
            return line.split("=>")[1].split()[0]
    pytest.skip(f"{name} is not installed")


def test_linked_libraries_stay_and_orphans_and_host_libraries_go() -> None:
    require_tool("objdump")
    cursor = _system_library("libxcb-cursor.so.0")
    x11 = _system_library("libX11.so.6")
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", str(QXCB), "BINARY"),
        ("libxcb-cursor.so.0", cursor, "BINARY"),
        ("libX11.so.6", x11, "BINARY"),  # linked, but the host's must be used
        ("libgtk-3.so.0", "/nowhere/libgtk-3.so.0", "BINARY"),  # only a removed plugin used it
        ("afterword.svg", "/nowhere/afterword.svg", "DATA"),
    ]

    kept, dropped = slim.without_orphans(binaries)

    assert [entry[0] for entry in kept] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb-cursor.so.0",
        "afterword.svg",
    ]
    assert dropped == ["libX11.so.6", "libgtk-3.so.0"]


def test_the_smaller_icu_data_still_collates_names_zones_and_cases(tmp_path: Path) -> None:
    for tool in ("objcopy", "readelf", "icupkg", "cc"):
        require_tool(tool)
    original = next(QT_LIB.glob("libicudata.so.*"))
    entry = (f"PySide6/Qt/lib/{original.name}", str(original), "BINARY")

    binaries, line = slim.smaller_icu_data([entry], tmp_path / "icu")

    rebuilt = Path(binaries[0][1])
    assert rebuilt.parent == tmp_path / "icu" and rebuilt.name == original.name
    assert rebuilt.stat().st_size < 0.75 * original.stat().st_size, line
    probe = subprocess.run(
        [sys.executable, "-c", slim.ICU_PROBE],
        env=child_env(LD_LIBRARY_PATH=str(rebuilt.parent), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
    assert str(rebuilt) in probe.stdout  # the probe ran on the rebuilt data, not the original
