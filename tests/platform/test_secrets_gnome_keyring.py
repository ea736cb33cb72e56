"""The real keyring: gnome-keyring on a private session bus (ARCHITECTURE §3, §6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, child_env, require_tool
from tests.helpers.smtp_server import PASSWORD

KEYRING_UNLOCK = "keyring-unlock-pw"


@pytest.mark.system
def test_the_password_lives_in_the_keyring_and_nowhere_in_the_data_directory(tmp_path: Path):
    require_tool("dbus-run-session")
    require_tool("gnome-keyring-daemon")
    data, tls, home = tmp_path / "data", tmp_path / "tls", tmp_path / "home"
    for folder in (data, tls, home):
        folder.mkdir()
    # A login keyring created and unlocked with KEYRING_UNLOCK, in a throwaway home.
    script = (
        f"printf %s {KEYRING_UNLOCK} | gnome-keyring-daemon --unlock --components=secrets "
        f'>/dev/null && exec "$0" -m tests.helpers.keyring_child "$1" "$2"'
    )
    env = child_env(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "share"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    env.pop("PYTHON_KEYRING_BACKEND", None)
    (home / "run").mkdir(mode=0o700)
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, sys.executable, str(data), str(tls)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["usable"], report
    assert report["backend"] == "keyring.backends.SecretService"
    assert report["reason"] == "The password is kept in the system keyring (Secret Service)"
    assert report["read_back"] is True
    assert report["state"] == "sent", report["outcome"]
    assert report["received"] == 1 and report["logins"] == ["mhale@example.com"]

    files = [p for p in data.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "afterword.sqlite3" in names
    assert any(p.parent.name == "backups" for p in files), names
    secret = PASSWORD.encode()
    # The scan reads what was stored: the sent note is in the database or its backup.
    assert any(b"Dear Ms. Hale" in p.read_bytes() for p in files)
    for path in files:
        content = path.read_bytes()
        for encoded in (secret, PASSWORD.encode("utf-16-le")):
            assert encoded not in content, f"the password is in {path}"
    # The keyring did keep it (encrypted in its own file, outside the data directory).
    keyrings = list((home / "share" / "keyrings").glob("*.keyring"))
    assert keyrings and all(secret not in k.read_bytes() for k in keyrings)
