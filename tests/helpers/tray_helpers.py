"""Shared pieces of the tray tests: due items for the pure scheduler, real databases."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.storage.records import DueItem
from tests.conftest import REPO, child_env


class TrayClock:
    """The tray's wall clock, handed to `Reminders(now=...)`: it runs from a pinned start
    (so the monotonic clock agrees with it and no jump is seen), and `advance` moves it on
    at once, as a sleep or the passing of minutes would."""

    def __init__(self, start: datetime) -> None:
        self.start, self.shift, self._t0 = start, timedelta(0), time.monotonic()

    def __call__(self) -> datetime:
        return self.start + self.shift + timedelta(seconds=time.monotonic() - self._t0)

    def advance(self, by: timedelta) -> None:
        self.shift += by


def this_morning(hour: int = 10) -> datetime:
    """Today at `hour` in the tests' zone (America/New_York), as UTC: a pinned hour on
    today's date, so what the command line stores by the real date still lines up."""
    local = datetime.now().astimezone().replace(hour=hour, minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


def due_item(
    fid: int,
    remind_at: datetime,
    due_at: datetime | None = None,
    *,
    kind: str = "thank_you",
    contact: str | None = "Margaret Hale",
    company: str = "Hale & Pierce",
    role: str = "Associate",
    channel: str | None = "card",
) -> DueItem:
    return DueItem(
        id=fid,
        kind=kind,
        status="pending",
        channel=channel,
        contact=contact,
        contact_id=1,
        company=company,
        role=role,
        application_id=1,
        interview_id=1,
        remind_at=remind_at,
        due_at=due_at,
        late_at=None,
        overdue=False,
        late=False,
    )


def thank_you_document(
    now: datetime, reminders: list[tuple[str, timedelta]], due_in: timedelta = timedelta(hours=20)
) -> dict[str, Any]:
    """A job search with one interview whose interviewers (name, remind after `now`) are
    each owed a thank-you note."""
    contacts, followups, participants = [], [], []
    for n, (name, remind_in) in enumerate(reminders, start=1):
        contacts.append({"id": f"p{n}", "name": name, "company": "c1"})
        participants.append({"contact": f"p{n}"})
        followups.append(
            {
                "id": f"f{n}",
                "kind": "thank_you",
                "interview": "i1",
                "contact": f"p{n}",
                "channel": "card",
                "status": "pending",
                "remind_at": (now + remind_in).isoformat(),
                "due_at": (now + due_in).isoformat(),
            }
        )
    return {
        "format": "afterword",
        "version": 1,
        "companies": [{"id": "c1", "name": "Hale & Pierce", "industry": "law"}],
        "contacts": contacts,
        "applications": [{"id": "a1", "company": "c1", "role": "Associate"}],
        "interviews": [
            {
                "id": "i1",
                "application": "a1",
                "starts_at": (now - timedelta(hours=2)).isoformat(),
                "ends_at": (now - timedelta(hours=1)).isoformat(),
                "participants": participants,
            }
        ],
        "followups": followups,
    }


def import_document(
    data_dir: Path, document: dict[str, Any], quiet: tuple[str, str] = ("00:00", "00:00")
) -> None:
    """Make (or add to) the database with the real command line, as a user would.

    Quiet hours are switched off (start = end) unless given, so a test that runs on the
    real clock does not depend on the hour it runs at."""
    source = data_dir.parent / f"import-{len(list(data_dir.parent.glob('import-*')))}.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "import", str(source)],
        check=True,
        capture_output=True,
        env=child_env(),
        cwd=REPO,
        timeout=60,
    )
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    with conn:
        row = conn.execute("SELECT value FROM settings WHERE key = 'rules'").fetchone()
        rules = json.loads(row[0]) if row else {}
        rules.update(quiet_start=quiet[0], quiet_end=quiet[1])
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('rules', ?)", (json.dumps(rules),)
        )
    conn.close()


def add_thank_you_behind_the_trays_back(
    data_dir: Path, name: str, remind_at: datetime, due_at: datetime
) -> None:
    """Another thank-you for interview 1, written with plain sqlite3: unlike the command
    line or the window, this tells no tray over the socket (as if written while asleep)."""
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    now = datetime.now(UTC).strftime(stamp)
    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    with conn:
        contact = conn.execute(
            "INSERT INTO contacts (name, preferred_name, title, company_id, email, phone,"
            " mailing_address, notes, created_at, updated_at)"
            " VALUES (?, '', '', 1, '', '', '', '', ?, ?)",
            (name, now, now),
        ).lastrowid
        conn.execute(
            "INSERT INTO followups (application_id, interview_id, contact_id, kind, channel,"
            " status, title, remind_at, due_at, pinned, created_at, updated_at)"
            " VALUES (1, 1, ?, 'thank_you', 'card', 'pending', '', ?, ?, 0, ?, ?)",
            (
                contact,
                remind_at.astimezone(UTC).strftime(stamp),
                due_at.astimezone(UTC).strftime(stamp),
                now,
                now,
            ),
        )
    conn.close()


class Spoken(list[tuple[str, str]]):
    """A tray's `speak` that records (title, body) of each notice and confirms it through
    `backend` (IN_APP: confirmed by nobody, as when every notification backend failed).
    `.urgent` lists which notices were urgent, in order."""

    def __init__(self, backend: str = "test") -> None:
        super().__init__()
        self.backend = backend
        self.urgent: list[bool] = []

    def __call__(self, notice: Any, urgent: bool, done: Any) -> None:
        self.append((notice.title, notice.body))
        self.urgent.append(urgent)
        if done is not None:
            done(self.backend)

    def titles(self) -> list[str]:
        return [title for title, _ in self]


class StandIn:
    """Listens where the window or the tray would (its local socket), and keeps what it
    is sent: a stand-in for a process that is running."""

    def __init__(self, data_dir: Path, role: str) -> None:
        from desktop.platform import ipc

        name = ipc.server_name(role, ipc.data_dir_suffix(data_dir))
        # QLocalServer's socket on Unix: the name in Qt's temporary folder ($TMPDIR).
        self.path = Path(tempfile.gettempdir()) / name
        self.path.unlink(missing_ok=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(self.path))
        self.server.listen(8)
        self.got: list[dict[str, Any]] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while chunk := conn.recv(4096):
                    data += chunk
            self.got += [json.loads(line) for line in data.splitlines() if line.strip()]

    def wait_for(self, wanted: dict[str, Any], timeout: float = 15) -> bool:
        deadline = time.monotonic() + timeout
        while wanted not in self.got and time.monotonic() < deadline:
            time.sleep(0.05)
        return wanted in self.got

    def close(self) -> None:
        self.server.close()
        self.path.unlink(missing_ok=True)
