"""Test set-up shared by every test: no display, no real home directory, a fixed zone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesis
import pytest

# Qt aborts without a display unless told to draw offscreen (ARCHITECTURE §6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A fixed zone with DST, so local days and business days are tested for real.
os.environ["TZ"] = "America/New_York"
time.tzset()
# One locale on every machine: dates and times are written in the locale's style
# (desktop.core.wording), and C writes them the same everywhere.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("AFTERWORD_DATA_DIR", None)

REPO = Path(__file__).resolve().parent.parent
REQUIRE_SYSTEM = os.environ.get("AFTERWORD_REQUIRE_SYSTEM_TESTS") == "1"

# Hypothesis: CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same examples on every
# run, so a red run is a regression that reproduces on any machine, never a lucky draw;
# `make fuzz` draws fresh ones, AFTERWORD_FUZZ_SCALE times as many, to find new bugs.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis.settings.register_profile("dev", print_blob=True)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
FUZZ_SCALE = max(1, int(os.environ.get("AFTERWORD_FUZZ_SCALE", "1") or 1))


def examples(n: int) -> int:
    """A fuzz test's number of examples: `n`, times AFTERWORD_FUZZ_SCALE under `make fuzz`."""
    return n * FUZZ_SCALE


def _real_app_dirs() -> list[Path]:
    import platformdirs

    return [
        Path(platformdirs.user_data_dir("Afterword", appauthor=False)),
        Path(platformdirs.user_log_dir("Afterword", appauthor=False)),
        Path(platformdirs.user_config_dir("Afterword", appauthor=False)),
        Path(platformdirs.user_cache_dir("Afterword", appauthor=False)),
    ]


def _snapshot(dirs: list[Path]) -> dict[Path, float | None]:
    return {d: (d.stat().st_mtime if d.exists() else None) for d in dirs}


_REAL_HOME_DIRS: list[Path] = []
_REAL_HOME_BEFORE: dict[Path, float | None] = {}
_FAKE_HOME: Path | None = None


def pytest_sessionstart(session: pytest.Session) -> None:
    """Point HOME and the XDG directories at a throwaway folder for the whole run."""
    global _FAKE_HOME
    _REAL_HOME_DIRS.extend(_real_app_dirs())
    _REAL_HOME_BEFORE.update(_snapshot(_REAL_HOME_DIRS))
    _FAKE_HOME = Path(tempfile.mkdtemp(prefix="afterword-home-"))
    os.environ["HOME"] = str(_FAKE_HOME)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(_FAKE_HOME / var.lower())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if anything wrote Afterword files into the real home directory."""
    after = _snapshot(_REAL_HOME_DIRS)
    touched = [str(d) for d in _REAL_HOME_DIRS if after[d] != _REAL_HOME_BEFORE[d]]
    if _FAKE_HOME is not None:
        shutil.rmtree(_FAKE_HOME, ignore_errors=True)
    if touched:
        sys.stderr.write(f"\nTests wrote to the real home directory: {', '.join(touched)}\n")
        session.exitstatus = 1


def require_tool(name: str) -> str:
    """The path of a system tool; skip if missing, but fail in CI (ARCHITECTURE §6)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt: see .ci/run)"
        if REQUIRE_SYSTEM:
            pytest.fail(f"{message}, and AFTERWORD_REQUIRE_SYSTEM_TESTS=1")
        pytest.skip(message)
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("AFTERWORD_DATA_DIR", None)
    env.update(extra)
    return env


def run_afterword(
    *args: str,
    input: str | None = None,
    env: dict[str, str] | None = None,
    preexec: object = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`python -m desktop ARGS` in a child process (with `preexec` run in the child)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        cwd=REPO,
        preexec_fn=preexec,  # type: ignore[arg-type]
    )


@pytest.fixture
def afterword() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real `python -m desktop` in a child process."""
    return run_afterword


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[object]:
    """An open workspace on a fresh real database file."""
    from desktop.app import open_workspace
    from desktop.platform.paths import resolve_paths

    ws = open_workspace(resolve_paths(data_dir))
    yield ws
    ws.close()
