"""The parts every smoke check shares: the bundle under test, its runs, their stderr."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_S = 120

# Harmless lines the offscreen platform prints; anything else on stderr fails the test.
ALLOWED_STDERR = tuple(
    re.compile(pattern)
    for pattern in (
        r"^This plugin does not support propagateSizeHints\(\)$",
        r"^This plugin does not support raise\(\)$",
        r"^This plugin does not support grabbing the keyboard$",
        r"^This plugin does not support setParent!?$",
        r"^QFont::fromString: Invalid description ''$",
        # Ours, on purpose: `afterword tray` started where no tray host runs.
        r"^afterword tray: this desktop has no system tray( yet)?, so there is no icon or menu",
    )
)


class SmokeFailure(Exception):
    """One check failed; the message says what was expected and what happened."""


@dataclass
class Run:
    args: list[str]
    status: int
    stdout: str
    stderr: str


@dataclass
class Smoke:
    executable: Path
    bundle: Path
    work: Path
    env: dict[str, str]
    unexpected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.work / "data"

    def run(self, *args: str, env: dict[str, str] | None = None, expect: int = 0) -> Run:
        """Run the bundle with `args`; check the exit status and collect stray stderr."""
        argv = [str(self.executable), *args]
        try:
            done = subprocess.run(
                argv,
                env=env or self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT_S,
                cwd=self.work,
            )
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"`{' '.join(args)}` did not finish in {TIMEOUT_S} s") from exc
        run = Run(list(args), done.returncode, done.stdout, done.stderr)
        self.collect_stderr(run)
        if run.status != expect:
            raise SmokeFailure(
                f"`{' '.join(args)}` exited with {run.status}, expected {expect}\n"
                f"stdout: {run.stdout.strip()[-2000:]}\nstderr: {run.stderr.strip()[-2000:]}"
            )
        return run

    def collect_stderr(self, run: Run) -> None:
        for line in unexpected_lines(run.stderr):
            self.unexpected.append(f"{' '.join(run.args) or '(window)'}: {line}")


def unexpected_lines(stderr: str) -> list[str]:
    """The stderr lines not on the allow-list of harmless Qt messages."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(pattern.search(line.strip()) for pattern in ALLOWED_STDERR)
    ]
