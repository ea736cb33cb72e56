"""Paths, logging, start-up cost and the entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.platform.paths import resolve_paths
from tests.conftest import REPO, child_env


def run_python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=child_env(**env),
        cwd=cwd,
        timeout=60,
    )


def test_data_dir_argument_beats_the_environment_which_beats_platformdirs(tmp_path, monkeypatch):
    monkeypatch.setenv("AFTERWORD_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths(tmp_path / "arg").database == tmp_path / "arg" / "afterword.sqlite3"
    env_paths = resolve_paths()
    assert env_paths.data == tmp_path / "env"
    assert env_paths.backups == tmp_path / "env" / "backups"
    assert env_paths.logs == tmp_path / "env" / "logs"
    monkeypatch.delenv("AFTERWORD_DATA_DIR")
    default = resolve_paths()
    # The test run's HOME is a throwaway folder (conftest), never the real one.
    assert str(default.data).startswith(os.environ["XDG_DATA_HOME"])
    assert default.data.name == "Afterword"


def test_importing_modules_does_no_work_and_loads_nothing_heavy(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    out = run_python(
        """
        import json, sys
        import desktop, desktop.cli, desktop.core.followups, desktop.core.calendar
        import desktop.platform.paths, desktop.logs, desktop.app
        after_cli = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy', 'alembic', 'jinja2'})
        import desktop.storage.store, desktop.interchange.document_import
        after_storage = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'alembic', 'jinja2'})
        print(json.dumps([after_cli, after_storage]))
        """,
        cwd=tmp_path,
        HOME=str(home),
        XDG_DATA_HOME=str(home / "d"),
    )
    assert out.returncode == 0, out.stderr
    after_cli, after_storage = json.loads(out.stdout)
    assert after_cli == []  # `afterword --help` pays for neither Qt nor SQLAlchemy
    assert after_storage == []  # an up-to-date database never imports Alembic
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_commands_log_to_a_file_in_the_log_directory(afterword, data_dir):
    assert afterword("--data-dir", str(data_dir), "due").returncode == 0
    log = (data_dir / "logs" / "afterword.log").read_text()
    assert "migrated" in log


def test_an_uncaught_exception_is_logged_not_lost(data_dir):
    out = run_python(
        f"""
        import desktop.cli as cli
        def broken(args, paths):
            raise ZeroDivisionError("a bug")
        cli.COMMANDS["due"] = broken
        raise SystemExit(cli.main(["--data-dir", {str(data_dir)!r}, "due"]))
        """,
        cwd=REPO,
    )
    assert out.returncode != 0
    assert "ZeroDivisionError" in out.stderr
    log = (data_dir / "logs" / "afterword.log").read_text()
    assert "uncaught exception" in log and "ZeroDivisionError: a bug" in log


def test_python_dash_m_and_the_console_script_are_the_same_program(afterword):
    version = afterword("--version")
    assert version.returncode == 0 and version.stdout.startswith("Afterword ")
    script = Path(sys.executable).with_name("afterword")
    if script.exists():
        same = subprocess.run(
            [str(script), "--version"], capture_output=True, text=True, env=child_env(), timeout=60
        )
        assert same.stdout == version.stdout


def test_demo_fills_a_database_with_a_realistic_search(afterword, data_dir, tmp_path):
    out = afterword("--data-dir", str(data_dir), "demo")
    assert out.returncode == 0, out.stderr
    doc = json.loads(
        afterword("--data-dir", str(data_dir), "export", "--format", "json", "-o", "-").stdout
    )
    formalities = {c["formality"] for c in doc["companies"]}
    assert formalities == {"formal", "neutral", "casual"}
    talking = [p for i in doc["interviews"] for p in i["participants"] if p.get("talking_points")]
    assert len(talking) >= 6
    due = json.loads(afterword("--data-dir", str(data_dir), "due", "--json").stdout)
    assert {i["kind"] for i in due} >= {"thank_you", "check_in", "move_on"}


def test_an_output_that_is_a_device_is_refused_and_left_alone(afterword, data_dir):
    import stat

    for command in (["backup"], ["export", "--format", "json"]):
        out = afterword("--data-dir", str(data_dir), *command, "-o", "/dev/null")
        assert out.returncode == 2, out.stderr
        assert "/dev/null is not a regular file" in out.stderr
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
