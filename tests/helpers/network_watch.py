"""Run app processes under two network guards and collect what they caught.

1. Python: tests/helpers/netguard/sitecustomize.py, an audit hook on every socket connect,
   sendto, bind and name lookup that is not AF_UNIX (logged, reported, refused).
2. The OS: `strace -f` on connect/sendto/sendmsg/bind, for the sockets Qt opens in C++ where
   Python never sees them; any AF_INET or AF_INET6 address counts.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO, REQUIRE_SYSTEM, child_env

NETGUARD = Path(__file__).resolve().parent / "netguard"
_INET = re.compile(r"\b(connect|sendto|sendmsg|bind)\(.*?sa_family=AF_INET6?\b")
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')
_GUARD_RECORD = re.compile(r"^\d+ socket\.\w+ .*$", re.MULTILINE)
_GUARD_ACTIVE = re.compile(r"^\d+ guard-active ", re.MULTILINE)


def strace_path() -> str | None:
    """strace, if installed and allowed to trace (in CI it must be installed: .ci/run does).

    A container that forbids ptrace makes strace fail for every child; then only the Python
    guard watches, and `ptrace_refusal()` says why.
    """
    found = shutil.which("strace")
    if found is None and REQUIRE_SYSTEM:
        raise RuntimeError("strace is not installed, and AFTERWORD_REQUIRE_SYSTEM_TESTS=1")
    if found is not None and ptrace_refusal(found):
        return None
    return found


_PTRACE: dict[str, str] = {}


def ptrace_refusal(strace: str) -> str:
    """ "" when strace can trace a child here, else what it said."""
    if strace not in _PTRACE:
        import subprocess

        probe = subprocess.run(
            [strace, "-f", "-e", "trace=none", "true"], capture_output=True, text=True
        )
        _PTRACE[strace] = "" if probe.returncode == 0 else (probe.stderr.strip() or "refused")
    return _PTRACE[strace]


@dataclass
class NetworkWatch:
    """Starts guarded children; `caught()` lists every forbidden socket operation seen."""

    folder: Path
    allow: tuple[str, int] | None = None  # the one server an explicit send may reach
    use_strace: bool = True
    traces: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.guard_log = self.folder / "python-guard.log"
        self.strace = strace_path() if self.use_strace else None

    def env(self, **extra: str) -> dict[str, str]:
        env = child_env(
            PYTHONPATH=os.pathsep.join([str(NETGUARD), str(REPO)]),
            AFTERWORD_NET_GUARD_LOG=str(self.guard_log),
            QT_QPA_PLATFORM="offscreen",
            **extra,
        )
        if self.allow:
            env["AFTERWORD_NET_GUARD_ALLOW"] = f"{self.allow[0]}:{self.allow[1]}"
        return env

    def _command(self, label: str, argv: list[str]) -> list[str]:
        command = [sys.executable, *argv]
        if self.strace is None:
            return command
        trace = self.folder / f"strace-{label}.txt"
        self.traces.append(trace)
        calls = "trace=connect,sendto,sendmsg,bind"
        return [
            self.strace,
            "-f",
            "-qq",
            "-e",
            calls,
            "-e",
            "signal=none",
            "-o",
            str(trace),
            "--",
            *command,
        ]

    def run(
        self, label: str, *argv: str, timeout: float = 120, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        """Run `python ARGV` to the end under both guards."""
        return subprocess.run(
            self._command(label, list(argv)),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(**extra),
            cwd=REPO,
        )

    def run_for(
        self, label: str, seconds: float, *argv: str, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        """Run `python ARGV` for `seconds`, then stop it with SIGTERM as the session ends."""
        child = subprocess.Popen(
            self._command(label, list(argv)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(**extra),
            cwd=REPO,
        )
        try:
            time.sleep(seconds)
            assert child.poll() is None, f"{label} ended early: {child.communicate()}"
            os.kill(self._python_pid(child.pid), signal.SIGTERM)
            out, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        return subprocess.CompletedProcess(child.args, child.returncode, out, err)

    def _python_pid(self, pid: int) -> int:
        if self.strace is None:
            return pid
        # The child of strace is the app (`strace -f` traces, it does not fork twice).
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return int(children[0])

    def guarded_processes(self) -> int:
        """How many Python processes started with the guard in place."""
        if not self.guard_log.exists():
            return 0
        return len(_GUARD_ACTIVE.findall(self.guard_log.read_text(encoding="utf-8")))

    def python_records(self) -> list[str]:
        if not self.guard_log.exists():
            return []
        return _GUARD_RECORD.findall(self.guard_log.read_text(encoding="utf-8"))

    def os_records(self) -> list[str]:
        """strace lines with an internet address that the allowed server does not explain."""
        found = []
        for trace in self.traces:
            if not trace.exists():
                continue
            for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
                if _INET.search(line) and not self._allowed(line):
                    found.append(line)
        return found

    def os_connections_to_allowed(self) -> list[str]:
        return [
            line
            for trace in self.traces
            if trace.exists()
            for line in trace.read_text(encoding="utf-8", errors="replace").splitlines()
            if _INET.search(line) and self._allowed(line)
        ]

    def _allowed(self, line: str) -> bool:
        if self.allow is None:
            return False
        port, address = _PORT.search(line), _ADDRESS.search(line)
        host = (address.group(1) or address.group(2)) if address else None
        return bool(port) and int(port.group(1)) == self.allow[1] and host == self.allow[0]

    def caught(self) -> list[str]:
        return self.python_records() + self.os_records()
