"""Run inside dbus-run-session with gnome-keyring unlocked (test_secrets_gnome_keyring.py).

Does what a person does: set up mail with a password (kept in the keyring), send a note
through a TLS SMTP server on 127.0.0.1 with the password read back from the keyring,
make a backup; then prints what happened as JSON for the test to check.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from desktop.app import open_workspace
from desktop.compose.mail import build_message
from desktop.compose.mail_settings import load_account, save_account
from desktop.compose.outbox import send_now
from desktop.compose.smtp import SmtpAccount
from desktop.platform import secrets
from desktop.platform.paths import resolve_paths
from desktop.storage.backups import rolling_backup
from tests.helpers.job_search_helpers import build, job_search
from tests.helpers.smtp_server import PASSWORD, USER, client_context, make_certificate, smtp_server


def main(data_dir: Path, tls_dir: Path) -> dict[str, object]:
    import keyring

    usable, reason = secrets.keyring_usable()
    report: dict[str, object] = {
        "usable": usable,
        "reason": reason,
        "backend": type(keyring.get_keyring()).__module__,
    }
    if not usable:
        return report
    cert, key = make_certificate(tls_dir)
    workspace = open_workspace(resolve_paths(data_dir))
    try:
        build(job_search(workspace))
        with smtp_server("starttls", cert, key) as (port, inbox):
            account = SmtpAccount("127.0.0.1", port, "starttls", USER, "ada@example.com", "Ada")
            save_account(workspace.store, account)
            secrets.set_password(account.keyring_key, PASSWORD)

            stored = load_account(workspace.store)
            assert stored is not None
            password = secrets.get_password(stored.keyring_key)
            note = build_message(
                sender=stored.sender,
                to="Margaret Hale <m@hale.law>",
                subject="Thank you",
                body_text="Dear Ms. Hale,\nThank you.\n",
                body_html="<p>Dear Ms. Hale,</p><p>Thank you.</p>",
            )
            outcome = send_now(
                workspace.store,
                stored,
                password,
                1,
                note,
                lambda: datetime.now(UTC),
                ssl_context=client_context(cert),
            )
        rolling_backup(workspace.paths.database, workspace.paths.backups, datetime.now(UTC))
        report.update(
            read_back=password == PASSWORD,
            state=outcome.state,
            outcome=outcome.message,
            received=len(inbox.messages),
            logins=inbox.logins,
        )
    finally:
        workspace.close()
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
