"""Find a secret in files and text however it was written: as UTF-8, as UTF-16 (little
endian, as Windows and Qt write it), or in base64 the way SMTP AUTH PLAIN and AUTH LOGIN
send it (alone, or inside "\\0user\\0password" at any byte alignment)."""

from __future__ import annotations

import base64
from pathlib import Path


def _base64_cores(data: bytes) -> list[bytes]:
    """For each of the 3 alignments, the base64 characters that only `data` decides.

    Inside a longer base64 text (AUTH PLAIN's "\\0user\\0password") the groups at the edges
    mix in neighbouring bytes, so only the middle is certain.
    """
    cores = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        start = 4 if shift else 0
        end = (shift + len(data)) // 3 * 4
        cores.append(encoded[start:end])
    return [c for c in cores if len(c) >= 8]


def encodings(secret: str, user: str = "") -> dict[str, bytes]:
    """Every byte pattern that betrays `secret`, by a name for the report."""
    raw = secret.encode("utf-8")
    found = {
        "utf-8": raw,
        "utf-16-le": secret.encode("utf-16-le"),
        "utf-16-be": secret.encode("utf-16-be"),
        "base64": base64.b64encode(raw),
    }
    for shift, core in enumerate(_base64_cores(raw)):
        found[f"base64 (in a longer text, alignment {shift})"] = core
    if user:
        plain = base64.b64encode(f"\0{user}\0{secret}".encode())
        found["AUTH PLAIN"] = plain
    return found


def scan_bytes(data: bytes, patterns: dict[str, bytes]) -> list[str]:
    return [name for name, pattern in patterns.items() if pattern in data]


def scan_tree(root: Path, patterns: dict[str, bytes]) -> dict[str, list[str]]:
    """{file: [encodings found]} for every file under `root` that holds the secret."""
    hits: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found = scan_bytes(path.read_bytes(), patterns)
            if found:
                hits[str(path)] = found
    return hits


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
