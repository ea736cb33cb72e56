"""Make the Linux bundle smaller without taking out anything the app uses.

Used by packaging/afterword.spec on the list of binaries PyInstaller collected, each a
(destination, source, kind) tuple:
- `without_orphans` leaves out the libraries the host must provide itself and the system
  libraries that only the removed Qt plugins linked to (GTK and its stack, about 20 MB);
- `smaller_icu_data` rebuilds libicudata (31 MB) without the ICU data Qt never reads.
Both need binutils; the ICU step also `icupkg` (icu-devtools) and a C compiler, and keeps
the original library, saying so, when one is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

Entry = tuple[str, str, str]

# Libraries every Linux desktop has and that must match the host's own configuration and
# daemons (fontconfig's config files, the D-Bus and CUPS daemons, the X server's libxcb,
# which PyInstaller already takes from the host). Bundled copies only go stale.
HOST_LIBRARIES = frozenset(
    {
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libexpat.so.1",
        "libdbus-1.so.3",
        "libX11.so.6",
        "libX11-xcb.so.1",
        # Printing talks to the host's CUPS daemon; its client library brings GnuTLS (7 MB).
        "libcups.so.2",
    }
)
# ICU data trees Qt does not read: it formats dates and numbers and names languages and
# countries from its own CLDR tables. Collation, case mapping, converters, normalisation
# and time-zone names (coll/, zone/, the top-level .icu/.nrm/.cnv files) stay.
ICU_UNUSED_TREES = ("lang", "region", "curr", "unit", "rbnf", "translit")


def _run(*argv: str) -> str:
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def needed_libraries(path: str) -> list[str]:
    """The sonames an ELF file links to directly."""
    lines = [line.split() for line in _run("objdump", "-p", path).splitlines()]
    return [words[1] for words in lines if len(words) == 2 and words[0] == "NEEDED"]


def _top_level(entry: Entry) -> bool:
    dest, _, kind = entry
    return "/" not in dest and kind == "BINARY" and not dest.startswith("libpython")


def without_orphans(binaries: Iterable[Entry]) -> tuple[list[Entry], list[str]]:
    """The binaries to keep, and the names of the system libraries left out.

    The kept Python modules, Qt libraries and plugins are the roots; a library at the
    bundle's top level stays only when a root links to it, directly or through a chain.
    """
    binaries = list(binaries)
    library = {e[0]: e for e in binaries if _top_level(e) and e[0] not in HOST_LIBRARIES}
    reached: set[str] = set()
    todo = [e[1] for e in binaries if not _top_level(e) and e[2] in ("BINARY", "EXTENSION")]
    while todo:
        for name in needed_libraries(todo.pop()):
            if name in library and name not in reached:
                reached.add(name)
                todo.append(library[name][1])
    kept = [e for e in binaries if not _top_level(e) or e[0] in reached]
    dropped = sorted(e[0] for e in binaries if _top_level(e) and e[0] not in reached)
    return kept, dropped


def smaller_icu_data(binaries: Iterable[Entry], work: Path) -> tuple[list[Entry], str]:
    """The binaries with libicudata rebuilt from less data, and a line saying what happened."""
    binaries = list(binaries)
    entry = next(
        (e for e in binaries if re.fullmatch(r"libicudata\.so\.\d+", Path(e[0]).name)), None
    )
    if entry is None:
        return binaries, "no libicudata in the bundle"
    missing = [tool for tool in ("objcopy", "readelf", "icupkg", "cc") if not shutil.which(tool)]
    if missing:
        return binaries, f"kept the full ICU data: {', '.join(missing)} not found"
    dest, source, kind = entry
    library = rebuild_icu_data(Path(source), work, soname=Path(dest).name)
    before, after = Path(source).stat().st_size, library.stat().st_size
    line = f"ICU data without {', '.join(ICU_UNUSED_TREES)}: {before >> 20} MB -> {after >> 20} MB"
    return [(dest, str(library), kind) if e == entry else e for e in binaries], line


def rebuild_icu_data(source: Path, work: Path, soname: str) -> Path:
    """`source` (a libicudata) rebuilt in `work` without the ICU_UNUSED_TREES items."""
    symbols = _run("readelf", "-W", "--dyn-syms", str(source))
    found = re.search(r"\s(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+(icudt\d+)_dat$",
                      symbols, re.MULTILINE)  # fmt: skip
    if found is None:
        raise RuntimeError(f"{source}: no icudtNN_dat symbol")
    size, symbol = int(found.group(1), 0), found.group(2)
    shutil.rmtree(work, ignore_errors=True)
    (work / "small").mkdir(parents=True)
    # icupkg names the package after the file, so both files carry ICU's own name.
    package = symbol + ("l" if sys.byteorder == "little" else "b")
    full, small = work / f"{package}.dat", work / "small" / f"{package}.dat"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", str(source), str(full))
    if full.stat().st_size != size:
        raise RuntimeError(f"{source}: .rodata is not just the ICU data ({size} bytes)")
    items = _run("icupkg", "-l", str(full)).split()
    unused = [item for item in items if item.split("/")[0] in ICU_UNUSED_TREES]
    (work / "unused.txt").write_text("\n".join(unused) + "\n", encoding="utf-8")
    _run("icupkg", "-r", str(work / "unused.txt"), str(full), str(small))
    assembly = work / "icudata.S"
    assembly.write_text(
        "\n".join(
            [
                "    .section .rodata",
                f"    .globl {symbol}_dat",
                f"    .type {symbol}_dat, @object",
                "    .balign 16",  # ICU requires its data 16-byte aligned
                f"{symbol}_dat:",
                f'    .incbin "{small}"',
                f"    .size {symbol}_dat, . - {symbol}_dat",
                '    .section .note.GNU-stack,"",@progbits',
                "",
            ]
        ),
        encoding="utf-8",
    )
    library = work / soname
    _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(library), str(assembly))
    return library


# Run by the smoke test and the tests with LD_LIBRARY_PATH on a rebuilt libicudata: Qt
# on that data must still collate, name time zones and map case like on the original.
ICU_PROBE = """
import sys
from PySide6.QtCore import QCollator, QLocale, QTimeZone
# Only real collation data orders these so: code points put a-umlaut after b, and the
# root order puts a-umlaut before a-ring, which Swedish reverses.
german = QCollator(QLocale("de_DE")).compare("\u00e4", "b")
swedish = QCollator(QLocale("sv_SE")).compare("\u00e5", "\u00e4")
zone = QTimeZone(b"Europe/Berlin").displayName(
    QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("de_DE"))
upper = QLocale("tr_TR").toUpper("istanbul")
loaded = [line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line]
print(german, swedish, repr(zone), repr(upper), sorted(set(loaded)))
sys.exit(0 if german < 0 and swedish < 0 and zone and upper == "\u0130STANBUL" else 1)
"""
