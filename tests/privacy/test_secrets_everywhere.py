"""The SMTP password lives in the OS keyring and nowhere else (ARCHITECTURE §3).

Mail is set up through the real settings code, notes go through a real SMTP server (and
one is refused for a wrong password), backups and every export are made with verbose
logging on; then every file of the data directory (database, -wal, -shm, backups, logs),
every export, the home directory's config and the process's own output are searched for
the password in UTF-8, UTF-16 and base64 (as SMTP AUTH PLAIN and LOGIN send it).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import tests.helpers.smtp_server as test_server
from desktop import cli
from desktop.app import open_workspace
from desktop.compose.mail import build_message
from desktop.compose.mail_settings import load_account, save_account
from desktop.compose.outbox import send_now
from desktop.compose.smtp import SmtpAccount
from desktop.interchange.demo import load_demo
from desktop.logs import LOG_FILE, configure_logging
from desktop.platform import secrets
from desktop.platform.paths import resolve_paths
from desktop.storage.backups import rolling_backup
from desktop.storage.due_query import read_due_file
from desktop.storage.outbox import queue_message
from desktop.ui.outbox_runner import deliver_waiting
from tests.helpers.memory_keyring import MemoryKeyring, keyring_backend
from tests.helpers.secret_scan import encodings, files_under, scan_bytes, scan_tree
from tests.helpers.smtp_server import USER, client_context, make_certificate, smtp_server

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),  # aiosmtpd, pyspellchecker
]
SECRET = "Kettle-Zebra-7Qx!93-lamp"
WRONG = "Wrong-Lamp-41!quux-Kettle"
SECRETS = {
    **encodings(SECRET, USER),
    **{f"wrong {k}": v for k, v in encodings(WRONG, USER).items()},
}


def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, certificate) -> Iterator[tuple[int, object]]:
    """The test SMTP server, accepting SECRET (its own logging stays out of the app's log)."""
    monkeypatch.setattr(test_server, "PASSWORD", SECRET)
    monkeypatch.setattr(logging.getLogger("mail.log"), "propagate", False)
    cert, key = certificate
    with smtp_server("starttls", cert, key) as running:
        yield running


@pytest.fixture
def keyring() -> Iterator[dict[tuple[str, str], str]]:
    with keyring_backend():
        yield MemoryKeyring.store


@pytest.fixture
def app_logging() -> Iterator[None]:
    """The app's log file handler and exception hook are the process's: put them back."""
    root = logging.getLogger()
    handlers, level, hook = list(root.handlers), root.level, sys.excepthook
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook = hook


def _note(to: str) -> object:
    return build_message(
        sender="Ada Lovelace <ada@example.com>",
        to=to,
        subject="Thank you",
        body_text="Dear Ms. Hale,\n\nThank you for your time.\n",
        body_html="<p>Dear Ms. Hale,</p><p>Thank you for your time.</p>",
    )


def _email_followup(database: Path) -> tuple[int, str]:
    for item in read_due_file(database, now() + timedelta(days=60)):
        if item.channel == "email":
            return item.id, item.contact
    raise AssertionError("the demo has no email follow-up")


def _cli(data: Path, *args: str) -> None:
    assert cli.main(["-v", "--data-dir", str(data), *args]) == 0, args


def test_the_password_is_in_no_file_log_backup_or_export(
    tmp_path, capfd, server, keyring, app_logging, certificate, request
):
    port, inbox = server
    cert, _ = certificate
    # As most systems set it: every file the session makes must be private all the same.
    umask = os.umask(0o022)
    request.addfinalizer(lambda: os.umask(umask))
    paths = resolve_paths(tmp_path / "data")
    exports = tmp_path / "exports"
    exports.mkdir()
    configure_logging(paths.logs, verbose=True)
    workspace = open_workspace(paths)
    try:
        load_demo(workspace)
        store = workspace.store
        # Settings ▸ Mail: the account in the database, the password in the keyring.
        save_account(store, SmtpAccount("127.0.0.1", port, "starttls", USER, "ada@example.com"))
        account = load_account(store)
        assert account is not None
        secrets.set_password(account.keyring_key, SECRET)
        assert SECRET in keyring.values()

        # Send, as the composer does: the password comes from the keyring.
        followup_id, contact = _email_followup(paths.database)
        sent = send_now(
            store,
            account,
            secrets.get_password(account.keyring_key),
            followup_id,
            _note(f"{contact} <hale@example.com>"),
            now,
            ssl_context=client_context(cert),
        )
        print(sent.message)  # the status bar shows it
        assert sent.state == "sent", sent.message
        assert inbox.logins == [USER]

        # The outbox runner's round, which reads the keyring itself.
        queue_message(store, None, "m@hale.law", "Again", bytes(_note("m@hale.law")), now())
        print(deliver_waiting(store, now, ssl_context=client_context(cert)))
        assert len(inbox.messages) == 2

        # A wrong password: refused, recorded with the reason, shown to the person.
        secrets.set_password(account.keyring_key, WRONG)
        failed = send_now(
            store,
            account,
            secrets.get_password(account.keyring_key),
            None,
            _note("m@hale.law"),
            now,
            ssl_context=client_context(cert),
        )
        print(failed.message)
        assert failed.state == "failed" and "refused the password" in failed.message
        logging.getLogger("desktop.compose").warning("send failed: %s", failed.message)

        # Backups (the command and the window's daily one) and every export.
        _cli(paths.data, "backup", "-o", str(exports / "backup.sqlite3"))
        assert rolling_backup(paths.database, paths.backups, now()) is not None
        for fmt, name, extra in [
            ("json", "export.json", []),
            ("csv", "applications.csv", []),
            ("csv", "contacts.csv", ["--table", "contacts"]),
            ("ics", "followups.ics", []),
            ("report", "report.pdf", []),
            ("report", "report.csv", []),
        ]:
            _cli(paths.data, "export", "--format", fmt, "-o", str(exports / name), *extra)
        _cli(paths.data, "export", "--format", "json", "-o", "-")
        _cli(paths.data, "card", "--followup", "1", "-o", str(exports / "card.pdf"))

        # While the app is open, the -wal and -shm files are there too.
        open_hits = scan_tree(paths.data, SECRETS)
        open_files = files_under(paths.data)
    finally:
        workspace.close()
    out, err = capfd.readouterr()

    assert {f"{paths.database.name}-wal", f"logs/{LOG_FILE}"} <= set(open_files), open_files
    assert any(name.startswith("backups/daily-") for name in open_files), open_files
    assert "DEBUG" in (paths.logs / LOG_FILE).read_text(), "verbose logging was not on"
    assert (exports / "report.pdf").stat().st_size > 1000
    assert open_hits == {}
    assert scan_tree(paths.data, SECRETS) == {}
    assert scan_tree(exports, SECRETS) == {}
    assert scan_tree(Path(os.environ["HOME"]), SECRETS) == {}  # QSettings, caches
    assert scan_bytes(out.encode(), SECRETS) == [], "the password was printed"
    assert scan_bytes(err.encode(), SECRETS) == [], "the password went to stderr"
    assert "Sent to" in out and "refused the password" in out
    # Nothing of the job search is readable by another user (issue 14): folders 0700 and
    # files 0600 in the data directory, the exports 0600 too.
    loose = {
        str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777)
        for p in [paths.data, *paths.data.rglob("*"), *exports.iterdir()]
        if p.stat().st_mode & 0o077
    }
    assert loose == {}
    assert (exports / "card.pdf").stat().st_size > 1000


def test_the_scanner_finds_a_planted_password(tmp_path, capfd, app_logging):
    """The control: the same scan finds the password wherever the app might leak it."""
    paths = resolve_paths(tmp_path / "data")
    configure_logging(paths.logs, verbose=True)
    workspace = open_workspace(paths)
    try:
        # In the database (a field the user typed it into by mistake), through the app.
        save_account(
            workspace.store,
            SmtpAccount("127.0.0.1", 2525, "starttls", USER, "ada@example.com", SECRET),
        )
        logging.getLogger("desktop.compose.smtp").debug("login with %s", WRONG)
        hits = scan_tree(paths.data, SECRETS)
    finally:
        workspace.close()
    database = [f for f in hits if Path(f).name.startswith("afterword.sqlite")]
    assert database and "utf-8" in hits[database[0]]
    assert "wrong utf-8" in hits[str(paths.logs / LOG_FILE)]

    # The encodings SMTP and Windows use, each found on its own.
    planted = {
        "utf-16.txt": SECRET.encode("utf-16-le"),
        "auth-plain.txt": b"AUTH PLAIN " + SECRETS["AUTH PLAIN"],
        "auth-login.txt": b"334 UGFzc3dvcmQ6\r\n" + SECRETS["base64"] + b"\r\n",
        "inside.b64": __import__("base64").b64encode(b"x" + SECRET.encode() + b"yz"),
    }
    for name, data in planted.items():
        (tmp_path / name).write_bytes(data)
        assert scan_bytes(data, SECRETS), name
    print(SECRETS["AUTH PLAIN"].decode())
    assert "AUTH PLAIN" in scan_bytes(capfd.readouterr().out.encode(), SECRETS)


def test_a_password_beyond_ascii_is_sent_and_kept_only_in_the_keyring(
    tmp_path, capfd, monkeypatch, certificate, keyring, app_logging
):
    """Found here: smtplib raised UnicodeEncodeError for "Pässwort", so the note stayed in
    the outbox and failed again on every round. AUTH PLAIN carries UTF-8 (RFC 4616)."""
    password = "Pässwort-Kettle-ü-93"
    patterns = encodings(password, USER)
    monkeypatch.setattr(test_server, "PASSWORD", password)
    monkeypatch.setattr(logging.getLogger("mail.log"), "propagate", False)
    cert, key = certificate
    paths = resolve_paths(tmp_path / "data")
    configure_logging(paths.logs, verbose=True)
    with smtp_server("starttls", cert, key) as (port, inbox):
        workspace = open_workspace(paths)
        try:
            account = SmtpAccount("127.0.0.1", port, "starttls", USER, "ada@example.com")
            save_account(workspace.store, account)
            secrets.set_password(account.keyring_key, password)
            sent = send_now(
                workspace.store,
                account,
                secrets.get_password(account.keyring_key),
                None,
                _note("m@hale.law"),
                now,
                ssl_context=client_context(cert),
            )
            print(sent.message)
            hits = scan_tree(paths.data, patterns)
        finally:
            workspace.close()
    assert sent.state == "sent", sent.message
    assert inbox.logins == [USER]
    assert hits == {}
    out, err = capfd.readouterr()
    assert scan_bytes((out + err).encode(), patterns) == []
