"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, TLS with a self-signed certificate.

Used by the SMTP and outbox tests, and by the keyring system test's child process.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

USER = "mhale@example.com"
PASSWORD = "correct horse battery staple"

# aiosmtpd only counts a connection as encrypted after STARTTLS; with implicit TLS
# (SMTP_SSL) it would refuse AUTH unless told not to require TLS for it, and then warns
# that AUTH without TLS is unsafe although this connection is TLS from the first byte.
IMPLICIT_TLS_AUTH_WARNING = "ignore:Requiring AUTH while not requiring TLS:UserWarning"


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def client_context(cert: Path) -> ssl.SSLContext:
    """What the app would use, trusting only the test certificate (hostname checked)."""
    return ssl.create_default_context(cafile=str(cert))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    login: str


@dataclass
class Inbox:
    """What the server received, and the password it accepts."""

    users: dict[str, str]
    messages: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = session.auth_data
        login = data.decode() if isinstance(data, bytes) else ""
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, login)
        )
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        ok = self.users.get(user) == password
        if ok:
            self.logins.append(user)
        if not ok:
            # handled=False: aiosmtpd answers "535 Authentication credentials invalid".
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=auth_data.login)


@contextmanager
def smtp_server(
    security: str, cert: Path, key: Path, port: int | None = None, login: bool = True
) -> Iterator[tuple[int, Inbox]]:
    """An SMTP server on 127.0.0.1 that wants TLS and (unless `login` is False, as an
    office relay) a password: yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(str(cert), str(key))
    inbox = Inbox(users={USER: PASSWORD})
    port = port or free_port()
    options: dict[str, Any] = {
        "hostname": "127.0.0.1",
        "port": port,
        "authenticator": inbox.authenticate,
        "auth_required": login,
        "ready_timeout": 10,
    }
    if security == "starttls":
        options.update(tls_context=server_ctx, require_starttls=True)
    elif security == "ssl":
        options.update(ssl_context=server_ctx, auth_require_tls=False)
    else:
        raise ValueError(security)
    controller = Controller(inbox, **options)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()
