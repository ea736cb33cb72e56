"""The one explicit send, run as `python -m tests.helpers.smtp_send DATA PORT CERT`.

Queues a note in the outbox of the workspace on DATA and sends it through the SMTP server on
127.0.0.1:PORT (STARTTLS, trusting CERT), with the test server's user and password. Prints
the outcome's state.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path


def main(data: str, port: int, cert: str) -> int:
    from desktop.app import open_workspace
    from desktop.compose.mail import build_message
    from desktop.compose.outbox import send_now
    from desktop.compose.smtp import SmtpAccount
    from desktop.platform.paths import resolve_paths
    from tests.helpers.smtp_server import PASSWORD, USER, client_context

    workspace = open_workspace(resolve_paths(data))
    try:
        note = build_message(
            sender="Ada Lovelace <ada@example.com>",
            to="Margaret Hale <m@hale.law>",
            subject="Thank you",
            body_text="Dear Ms. Hale,\n\nThank you for your time.\n",
            body_html="<p>Dear Ms. Hale,</p><p>Thank you for your time.</p>",
        )
        account = SmtpAccount("127.0.0.1", port, "starttls", USER, "ada@example.com", "Ada")
        outcome = send_now(
            workspace.store,
            account,
            PASSWORD,
            None,
            note,
            lambda: datetime.now(UTC),
            timeout=10,
            ssl_context=client_context(Path(cert)),
        )
    finally:
        workspace.close()
    print(outcome.state, outcome.message)
    return 0 if outcome.state == "sent" else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
