"""Notes queued while offline go out from the tray, with the window closed: the tray runs
`afterword outbox --send` in a child process against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.tray import app as tray_app
from tests.helpers.smtp_server import free_port, make_certificate, smtp_server
from tests.helpers.tray_helpers import Spoken, TrayClock, import_document, thank_you_document


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    (tmp_path / "tls").mkdir()
    cert, key = make_certificate(tmp_path / "tls")
    # The child's default TLS context trusts this certificate as it would a real server's.
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return cert, key


@pytest.fixture
def queued(data_dir: Path) -> Iterator[tuple[int, list[int]]]:
    """A database with a mail account (an office relay, no login) and two notes queued
    while offline; yields the port the account points at and the notes' outbox ids."""
    from desktop.app import open_workspace
    from desktop.compose.mail import build_message
    from desktop.compose.mail_settings import save_account
    from desktop.compose.smtp import SmtpAccount
    from desktop.platform.paths import resolve_paths
    from desktop.storage import outbox

    import_document(data_dir, thank_you_document(datetime.now(UTC), [("Ann Lee", timedelta(1))]))
    port = free_port()
    ws = open_workspace(resolve_paths(data_dir))
    save_account(ws.store, SmtpAccount("127.0.0.1", port, "starttls", "", "ada@example.com"))
    ids = []
    for to in ("Margaret Hale <m@hale.law>", "Tom Pierce <t@hale.law>"):
        message = build_message(
            sender="ada@example.com", to=to, subject="Thank you",
            body_text="Thank you for your time.\n", body_html="<p>Thank you for your time.</p>",
        )  # fmt: skip
        ids.append(
            outbox.queue_message(
                ws.store, None, to, "Thank you", message.as_bytes(), datetime.now(UTC)
            )
        )
    ws.close()
    yield port, ids


def test_waiting_notes_go_from_the_tray_when_the_server_is_back(
    qtbot: QtBot,
    data_dir: Path,
    certificate: tuple[Path, Path],
    queued: tuple[int, list[int]],
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.platform.paths import resolve_paths
    from desktop.tray.run import _send_outbox

    cert, key = certificate
    port, ids = queued
    clock = TrayClock(datetime.now(UTC))
    shown = Spoken()
    ended: list[dict[str, Any]] = []
    paths = resolve_paths(data_dir)

    def send() -> None:
        def done(result: dict[str, Any]) -> None:
            ended.append(result)
            reminders.outbox_done(result)

        _send_outbox(QApplication.instance(), paths, done)

    reminders = tray_app.Reminders(paths, shown, send_outbox=send, now=clock)
    # The window that queued them may be retrying them itself: the tray waits a minute.
    reminders.start()
    assert reminders.outbox_waiting == 2
    assert ended == [] and 0 < reminders.next_wake_ms <= 60_000
    # A minute on, offline (nothing listens on the port): both notes still wait, and the
    # tray says nothing but looks again within five minutes.
    clock.advance(tray_app.OUTBOX_FIRST_TRY)
    reminders.check()
    qtbot.waitUntil(lambda: len(ended) == 1, timeout=60_000)
    assert ended[0]["sent"] == [] and "you may be offline" in ended[0]["waiting_reason"]
    assert shown == []
    assert 0 < reminders.next_wake_ms <= 5 * 60_000

    # Waking from sleep tries again soon, not five minutes on (still offline here).
    reminders.woke()
    assert len(ended) == 1 and 0 < reminders.next_wake_ms <= 60_000
    clock.advance(tray_app.OUTBOX_FIRST_TRY)
    reminders.check()
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=60_000)
    assert ended[1]["sent"] == [] and shown == []
    # Each round that sends nothing doubles the wait (5, then 10 minutes …, at most 1 h).
    reminders.send_outbox_now()
    qtbot.waitUntil(lambda: len(ended) == 3, timeout=60_000)
    assert 5 * 60_000 < reminders.next_wake_ms <= 10 * 60_000

    # The menu offers to send them; the server is back: both go, and that is said once.
    from desktop.tray.menu import TrayMenu

    menu = TrayMenu(
        open_followup=lambda _: None, open_window=lambda: None, snooze_all=lambda: None,
        pause=lambda: None, resume=lambda: None, quit=lambda: None,
        send_outbox=reminders.send_outbox_now,
    )  # fmt: skip
    menu.update([], 0, [], None, UTC, outbox=reminders.outbox_waiting)
    [send_action] = [
        a for a in menu.menu.actions() if a.text() == "Send the 2 notes waiting in the outbox"
    ]
    with smtp_server("starttls", cert, key, port=port, login=False) as (_port, inbox):
        send_action.trigger()
        qtbot.waitUntil(lambda: len(ended) == 4, timeout=60_000)
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == ["m@hale.law", "t@hale.law"]
    assert [n["id"] for n in ended[3]["sent"]] == ids
    menu.update([], 0, [], None, UTC, outbox=reminders.outbox_waiting)
    assert not [a for a in menu.menu.actions() if "outbox" in a.text()]
    menu.close()
    assert shown == [
        ("2 notes went out", "Sent from the outbox to Margaret Hale <m@hale.law>, "
         "Tom Pierce <t@hale.law>"),
    ]  # fmt: skip
    assert reminders.outbox_waiting == 0
    # Nothing waits now: no more outbox wake-ups (the timer is back to the hourly check).
    assert reminders.next_wake_ms > 59 * 60_000
    reminders.close()


def test_the_outbox_command_lists_and_sends(
    data_dir: Path,
    certificate: tuple[Path, Path],
    queued: tuple[int, list[int]],
    afterword: Any,
) -> None:
    cert, key = certificate
    port, _ids = queued
    listed = afterword("--data-dir", str(data_dir), "outbox")
    assert listed.returncode == 0
    assert "queued" in listed.stdout and "to Margaret Hale <m@hale.law>" in listed.stdout
    offline = afterword("--data-dir", str(data_dir), "outbox", "--send")
    assert offline.returncode == 1
    assert "you may be offline" in offline.stderr
    assert "1 attempt" in offline.stdout  # the first note was tried; the server was away
    with smtp_server("starttls", cert, key, port=port, login=False) as (_port, inbox):
        sent = afterword("--data-dir", str(data_dir), "outbox", "--send")
    assert sent.returncode == 0, sent.stderr
    assert "Sent #1 to Margaret Hale <m@hale.law>: Thank you" in sent.stdout
    assert "Nothing waits in the outbox now." in sent.stdout
    assert len(inbox.messages) == 2
    assert afterword("--data-dir", str(data_dir), "outbox").stdout.strip() == "The outbox is empty."


def test_news_of_the_outbox_keeps_quiet_hours(qtbot: QtBot, data_dir: Path) -> None:
    from desktop.platform.paths import resolve_paths
    from desktop.tray.schedule import QuietHours

    spoken = Spoken()
    reminders = tray_app.Reminders(resolve_paths(data_dir), spoken, send_outbox=lambda: None)
    now = datetime.now(UTC)
    answer = {"sent": [{"to": "m@hale.law"}], "failed": [{"to": "t@x.law", "reason": "550"}]}
    around_now = QuietHours(
        (now - timedelta(hours=1)).time(), (now + timedelta(hours=1)).time(), UTC
    )
    reminders.quiet = around_now
    reminders.outbox_done(answer)
    assert spoken == []
    reminders.quiet = QuietHours(around_now.start, around_now.start, UTC)  # no quiet hours
    reminders.outbox_done(answer)
    assert spoken.titles() == ["Your note went out", "Not sent: the note to t@x.law"]
    reminders.close()


def test_quitting_lets_a_delivery_under_way_finish_then_stops_it(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import time

    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QApplication

    from desktop.platform.paths import resolve_paths
    from desktop.tray import run

    monkeypatch.setattr(run, "OUTBOX_STOP_WAIT_MS", 300)
    reminders = tray_app.Reminders(resolve_paths(data_dir), Spoken())
    quick, stuck = QProcess(QApplication.instance()), QProcess(QApplication.instance())
    quick.start(sys.executable, ["-c", "import time; time.sleep(0.1)"])
    stuck.start(sys.executable, ["-c", "import time; time.sleep(60)"])
    assert quick.waitForStarted(5000) and stuck.waitForStarted(5000)
    started = time.monotonic()
    run.Tray(reminders, notifier=None).close()
    # The quick one finished on its own; the stuck one was stopped, not left to Qt's
    # destructor (which would warn "Destroyed while process is still running").
    assert quick.exitStatus() == QProcess.ExitStatus.NormalExit and quick.exitCode() == 0
    assert stuck.state() == QProcess.ProcessState.NotRunning
    assert stuck.exitStatus() == QProcess.ExitStatus.CrashExit
    assert time.monotonic() - started < 5
    quick.deleteLater()
    stuck.deleteLater()


def test_sending_with_no_mail_server_set_up_says_so_and_keeps_the_note(
    data_dir: Path, queued: tuple[int, list[int]], afterword: Any
) -> None:
    import sqlite3

    conn = sqlite3.connect(data_dir / "afterword.sqlite3")
    with conn:
        conn.execute("DELETE FROM settings WHERE key = 'mail'")
    conn.close()
    run = afterword("--data-dir", str(data_dir), "outbox", "--send")
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "afterword outbox: no mail server is set up (Settings ▸ Mail in the window)"
    )
    listed = afterword("--data-dir", str(data_dir), "outbox").stdout
    assert listed.count("queued") == 2 and "0 attempts" in listed
