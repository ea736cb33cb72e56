"""Child processes whose output lines a test reads as they come, with a timeout."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from typing import IO

from tests.conftest import REPO, child_env


class LineReader:
    """The lines of a pipe, read on a thread so a test can wait for one with a timeout."""

    def __init__(self, pipe: IO[str]) -> None:
        self.pipe = pipe
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.thread = threading.Thread(target=self._pump, args=(pipe,), daemon=True)
        self.thread.start()

    def _pump(self, pipe: IO[str]) -> None:
        for line in pipe:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def close(self) -> None:
        """Once the process has ended: let the thread finish and close the pipe."""
        self.thread.join(10)
        self.pipe.close()

    def next(self, timeout: float) -> str | None:
        """The next line; None once the pipe is closed. Raises TimeoutError."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no output for {timeout} s") from None

    def until(
        self, prefix: str | tuple[str, ...], timeout: float, seen: list[str] | None = None
    ) -> str:
        """Read up to the first line starting with `prefix`; earlier lines go to `seen`
        (where it may already be: a forked child can speak before its parent)."""
        for line in seen or ():
            if line.startswith(prefix):
                return line
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.next(max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                raise TimeoutError(f"no {prefix!r} within {timeout} s; read {seen}") from None
            if line is None:
                raise EOFError(f"the process ended before printing {prefix!r}: {seen}")
            if seen is not None:
                seen.append(line)
            if line.startswith(prefix):
                return line


def start_module(module: str, *args: str, stdin: bool = False) -> subprocess.Popen[str]:
    """`python -m module args` from the repository, stdout piped line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        # Merged: a traceback shows among the lines the test reads, and cannot fill a pipe.
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        env=child_env(),
        cwd=REPO,
    )
