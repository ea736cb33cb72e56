"""A crash mid-typing loses at most the last couple of seconds of the note."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO, child_env

TEXT = (
    "I keep thinking about the appellate brief you described and how the team splits the "
    "research between associates; it is exactly the kind of careful work I hope to do. "
    "Thank you again for the time you gave me on Thursday."
)
KEYSTROKE_S = 0.030
ALLOWED_LOSS_S = 2.0


@pytest.mark.slow
def test_sigkill_mid_typing_keeps_all_but_the_last_seconds(tmp_path, afterword, qtbot):
    data = tmp_path / "data"
    assert afterword("--data-dir", str(data), "demo").returncode == 0
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.typing_app", str(data), TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(QT_QPA_PLATFORM="offscreen"),
        cwd=REPO,
    )
    followup_id = None
    typed = 0
    kill_at = int(len(TEXT) * 0.8)
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        for line in child.stdout:
            if line.startswith("followup "):
                followup_id = int(line.split()[1])
            elif line.startswith("typed "):
                typed = int(line.split()[1])
                if typed >= kill_at:
                    break
            assert time.monotonic() < deadline, "the typing app did not get going"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        _, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    assert followup_id is not None, err

    from desktop.app import open_workspace
    from desktop.platform.paths import resolve_paths
    from desktop.ui.main_window import MainWindow

    workspace = open_workspace(resolve_paths(data))
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        composer = window.open_composer(followup_id)
        recovered = composer.current_page().plain_text()
        must_have = typed - int(ALLOWED_LOSS_S / KEYSTROKE_S)
        assert must_have > 40
        assert TEXT[:must_have] in recovered, (typed, recovered[-200:])
        window.close()  # closes the composer too; nothing left unsaved
    finally:
        workspace.close()
