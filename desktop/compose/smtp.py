"""Sending a note through the user's own mail server (SMTP with STARTTLS or SSL).

The password is never stored here: it comes from the OS keyring or from the person at
send time (ARCHITECTURE §3). Every failure becomes a SendError that says whether waiting and
trying again can help (`temporary`) and what to do, in words a person can act on.
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from typing import Any

from desktop.compose.mail import WIRE_POLICY, MailError, parse_addresses

SECURITY = ("starttls", "ssl", "none")
# Plain SMTP would show the password to the network; only a server on this machine
# (a local relay or a test server) may go without TLS.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class SendError(MailError):
    """A note did not go. `temporary`: it may go later unchanged (offline, server busy).

    `whole_server`: the problem is the server or the account, not this one note, so the
    rest of the outbox would fail the same way and is not tried now.
    """

    def __init__(self, reason: str, temporary: bool, *, whole_server: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary
        self.whole_server = whole_server


@dataclass(frozen=True)
class SmtpAccount:
    """Where and as whom notes are sent. Never holds the password."""

    host: str
    port: int
    security: str  # "starttls" | "ssl" | "none" (none only for this machine)
    username: str
    from_address: str
    from_name: str = ""

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise MailError(problem)

    def problem(self) -> str | None:
        host = self.host
        if not host.strip():
            return "Mail server: give the server's name, like smtp.example.com"
        if any(c.isspace() or c in "/@" for c in host):
            return f"Mail server: '{host.strip()}' is not a server name (like smtp.example.com)"
        if ":" in host and host not in LOCAL_HOSTS:
            return "Mail server: give the port in the Port field, not after the name"
        if isinstance(self.port, bool) or not isinstance(self.port, int):
            return "Port: must be a whole number, usually 587 (STARTTLS) or 465 (SSL)"
        if not 1 <= self.port <= 65535:
            return f"Port: {self.port} is not a port number (1 to 65535)"
        if self.security not in SECURITY:
            return f"Security: '{self.security}' is not one of STARTTLS, SSL"
        if self.security == "none" and host.lower() not in LOCAL_HOSTS:
            return "Security: mail to another computer must be encrypted (STARTTLS or SSL)"
        if any(c.isspace() for c in self.username):
            return "User name: must not contain spaces"
        try:
            found = parse_addresses(self.from_address, "Your address")
        except MailError as exc:
            return str(exc)
        if len(found) != 1 or found[0].display_name:
            return "Your address: give one address, like ada@example.com"
        if "\n" in self.from_name or "\r" in self.from_name:
            return "Sender name: must be on one line"
        return None

    @property
    def sender(self) -> str:
        """The From header: the name and the address."""
        from email.headerregistry import Address

        username, _, domain = self.from_address.strip().rpartition("@")
        return str(Address(self.from_name.strip(), username, domain))

    @property
    def keyring_key(self) -> str:
        """Under which name the password is kept in the OS keyring."""
        return f"smtp:{self.username}@{self.host}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> SmtpAccount:
        """An account from stored settings; MailError naming the field if it is not valid."""
        if not isinstance(data, dict):
            raise MailError("Mail settings: not a set of named values")
        values: dict[str, Any] = {}
        for name, kind in (
            ("host", str),
            ("port", int),
            ("security", str),
            ("username", str),
            ("from_address", str),
            ("from_name", str),
        ):
            value = data.get(name, "" if name == "from_name" else None)
            if value is None:
                raise MailError(f"Mail settings: {name} is missing")
            if not isinstance(value, kind) or isinstance(value, bool):
                raise MailError(f"Mail settings: {name} has the wrong type")
            values[name] = value
        return cls(**values)


def _wire(message: EmailMessage | bytes) -> tuple[bytes, list[str]]:
    """The bytes to send and the recipients named in To and Cc (notes carry no Bcc)."""
    if isinstance(message, bytes):
        data = message
        parsed = BytesParser(policy=WIRE_POLICY).parsebytes(message, headersonly=True)
    else:
        data = message.as_bytes(policy=WIRE_POLICY)
        parsed = message
    headers = [str(v) for key in ("To", "Cc") for v in parsed.get_all(key, [])]
    recipients = [addr for _name, addr in getaddresses(headers) if addr]
    return data, recipients


def _where(account: SmtpAccount) -> str:
    return f"{account.host}:{account.port}"


def send(
    account: SmtpAccount,
    password: str | None,
    message: EmailMessage | bytes,
    *,
    timeout: float = 20,
    ssl_context: ssl.SSLContext | None = None,
) -> None:
    """Hand `message` to the account's server, or raise SendError saying why not.

    The certificate is checked against the system's trusted authorities unless the
    caller gives its own context (tests trust their self-signed certificate that way).
    """
    data, recipients = _wire(message)
    if not recipients:
        raise SendError("The note has no recipient address", temporary=False)
    if account.username and password is None:
        raise SendError(
            f"No password for {account.username}: enter it to send",
            temporary=False,
            whole_server=True,
        )
    context = ssl_context or ssl.create_default_context()
    where = _where(account)
    try:
        client: smtplib.SMTP
        if account.security == "ssl":
            client = smtplib.SMTP_SSL(account.host, account.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=timeout)
        with client:
            client.ehlo()
            if account.security == "starttls":
                if not client.has_extn("starttls"):
                    raise SendError(
                        f"{where} does not offer STARTTLS, so the password would travel "
                        "unencrypted; choose SSL (usually port 465) in Settings → Mail",
                        temporary=False,
                        whole_server=True,
                    )
                client.starttls(context=context)
                client.ehlo()
            if account.username and password is not None:
                _login(client, account.username, password, where)
            refused = client.sendmail(account.from_address, recipients, data)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(
            f"The server refused the password for {account.username}"
            f"{_said(exc.smtp_code, exc.smtp_error)}; check it in Settings → Mail",
            temporary=False,
            whole_server=True,
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(
            f"{where} does not accept a user name and password here; check the port and "
            "security in Settings → Mail",
            temporary=False,
            whole_server=True,
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise SendError(
            f"The server refused the recipient {', '.join(exc.recipients)}"
            f"{_said(codes[0], exc.recipients[next(iter(exc.recipients))][1])}",
            temporary=all(400 <= code < 500 for code in codes),
        ) from exc
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(
            f"The server refused to send as {account.from_address}"
            f"{_said(exc.smtp_code, exc.smtp_error)}; check your address in Settings → Mail",
            temporary=400 <= exc.smtp_code < 500,
            whole_server=True,
        ) from exc
    except smtplib.SMTPResponseException as exc:
        temporary = 400 <= exc.smtp_code < 500
        raise SendError(
            f"{where} did not take the note{_said(exc.smtp_code, exc.smtp_error)}",
            temporary=temporary,
            whole_server=temporary,
        ) from exc
    except ssl.SSLCertVerificationError as exc:
        raise SendError(
            f"The certificate of {account.host} could not be trusted ({exc.verify_message}); "
            "the note was not sent so that nobody can read it on the way",
            temporary=False,
            whole_server=True,
        ) from exc
    except ssl.SSLError as exc:
        raise SendError(
            f"Could not set up encryption with {where} ({exc.reason or exc}); check that "
            "the security setting matches the port (STARTTLS: 587, SSL: 465)",
            temporary=False,
            whole_server=True,
        ) from exc
    except socket.gaierror as exc:
        raise SendError(
            f"Could not find {account.host} — you may be offline, or the server name is misspelled",
            temporary=True,
            whole_server=True,
        ) from exc
    except (TimeoutError, ConnectionError, smtplib.SMTPException, OSError) as exc:
        raise SendError(
            f"Could not reach {where} — you may be offline ({_cause(exc)})",
            temporary=True,
            whole_server=True,
        ) from exc
    if refused:
        raise SendError("The server refused the recipient " + ", ".join(refused), temporary=False)


def _login(client: smtplib.SMTP, username: str, password: str, where: str) -> None:
    """client.login, also for a password with letters beyond ASCII ("Pässwort").

    smtplib encodes AUTH as ASCII and raised UnicodeEncodeError (the note then stayed in
    the outbox, failing again on every round); AUTH PLAIN is UTF-8 (RFC 4616).
    """
    if (username + password).isascii():
        client.login(username, password)
        return
    offered = str(client.esmtp_features.get("auth", "")).upper().split()
    if "PLAIN" not in offered:
        raise SendError(
            f"Your password has letters beyond A to Z, and {where} offers no way to "
            "log in that can carry them (AUTH PLAIN); the note was not sent",
            temporary=False,
            whole_server=True,
        )
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code not in (235, 503):  # 503: already logged in
        raise smtplib.SMTPAuthenticationError(code, reply)


def _said(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    words = " ".join(words.split())
    return f" ({code} {words})" if words else f" ({code})"


def _cause(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "the server hung up"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
