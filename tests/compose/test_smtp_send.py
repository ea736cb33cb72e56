"""Sending through a real SMTP server on 127.0.0.1 with TLS (aiosmtpd), as the app does."""

from __future__ import annotations

import email
import ssl
from email import policy
from pathlib import Path

import pytest

from desktop.compose.mail import MailError, build_message
from desktop.compose.smtp import SendError, SmtpAccount, send
from tests.helpers.smtp_server import (
    IMPLICIT_TLS_AUTH_WARNING,
    PASSWORD,
    USER,
    client_context,
    free_port,
    make_certificate,
    smtp_server,
)

# Both ways to encrypt; see IMPLICIT_TLS_AUTH_WARNING for why the SSL server warns.
SECURITY = [
    "starttls",
    pytest.param("ssl", marks=pytest.mark.filterwarnings(IMPLICIT_TLS_AUTH_WARNING)),
]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def _account(port: int, security: str) -> SmtpAccount:
    return SmtpAccount(
        host="127.0.0.1",
        port=port,
        security=security,
        username=USER,
        from_address="ada@example.com",
        from_name="Ada Lovelace",
    )


def _note() -> email.message.EmailMessage:
    return build_message(
        sender="Ada Lovelace <ada@example.com>",
        to="Margaret Hale <mhale@example.com>",
        subject="Thank you for Tuesday",
        body_text="Dear Ms. Hale,\n\nThank you for your time.\n",
        body_html="<p>Dear Ms. Hale,</p><p>Thank you for <b>your time</b>.</p>",
    )


@pytest.mark.parametrize("security", SECURITY)
def test_a_note_arrives_with_both_parts(certificate, security):
    cert, key = certificate
    with smtp_server(security, cert, key) as (port, inbox):
        send(_account(port, security), PASSWORD, _note(), ssl_context=client_context(cert))
    assert inbox.logins == [USER]
    [received] = inbox.messages
    assert received.mail_from == "ada@example.com"
    assert received.rcpt_tos == ["mhale@example.com"]
    parsed = email.message_from_bytes(received.content, policy=policy.default)
    assert parsed["Subject"] == "Thank you for Tuesday"
    assert parsed["To"] == "Margaret Hale <mhale@example.com>"
    assert parsed.get_content_type() == "multipart/alternative"
    plain = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert plain is not None and "Thank you for your time." in plain.get_content()
    assert html is not None and "<b>your time</b>" in html.get_content()
    assert "X-Unsent" not in parsed


@pytest.mark.parametrize("security", SECURITY)
def test_a_wrong_password_is_a_permanent_error_naming_the_account(certificate, security):
    cert, key = certificate
    with smtp_server(security, cert, key) as (port, inbox), pytest.raises(SendError) as caught:
        send(_account(port, security), "wrong", _note(), ssl_context=client_context(cert))
    assert caught.value.temporary is False
    assert caught.value.reason.startswith(f"The server refused the password for {USER}")
    assert inbox.messages == []


def test_an_untrusted_certificate_stops_the_send(certificate):
    """The default context checks the certificate: a self-signed one is not trusted."""
    cert, key = certificate
    with smtp_server("starttls", cert, key) as (port, inbox), pytest.raises(SendError) as caught:
        send(_account(port, "starttls"), PASSWORD, _note())
    assert caught.value.temporary is False
    assert "certificate of 127.0.0.1 could not be trusted" in caught.value.reason
    assert inbox.messages == []


def test_the_wrong_security_for_the_port_is_explained(certificate):
    cert, key = certificate
    server = smtp_server("starttls", cert, key)
    with server as (port, _inbox), pytest.raises(SendError) as caught:
        send(
            _account(port, "ssl"),
            PASSWORD,
            _note(),
            ssl_context=client_context(cert),
            timeout=5,
        )
    assert caught.value.temporary is False
    assert "security setting matches the port" in caught.value.reason


def test_no_server_is_a_temporary_error_that_says_offline():
    port = free_port()
    with pytest.raises(SendError) as caught:
        send(_account(port, "starttls"), PASSWORD, _note(), timeout=5)
    assert caught.value.temporary is True
    assert caught.value.reason == (
        f"Could not reach 127.0.0.1:{port} — you may be offline (connection refused)"
    )


def test_an_unknown_host_is_temporary():
    account = SmtpAccount("smtp.invalid", 587, "starttls", USER, "ada@example.com")
    with pytest.raises(SendError) as caught:
        send(account, PASSWORD, _note(), timeout=5)
    assert caught.value.temporary is True
    assert caught.value.reason.startswith("Could not find smtp.invalid — you may be offline")


def test_a_missing_password_is_asked_for():
    with pytest.raises(SendError, match=f"No password for {USER}"):
        send(_account(free_port(), "ssl"), None, _note(), ssl_context=ssl.create_default_context())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"host": ""}, "Mail server: give the server's name"),
        ({"host": "smtp.example.com:587"}, "Mail server: give the port in the Port field"),
        ({"port": 0}, "Port: 0 is not a port number"),
        ({"security": "tls"}, "Security: 'tls' is not one of"),
        ({"security": "none"}, "Security: mail to another computer must be encrypted"),
        ({"from_address": "ada"}, "Your address: 'ada' is not an email address"),
        ({"username": "a b"}, "User name: must not contain spaces"),
    ],
)
def test_an_account_that_cannot_work_names_the_field(changes, field):
    data = SmtpAccount("smtp.example.com", 587, "starttls", USER, "ada@example.com").to_dict()
    data.update(changes)
    with pytest.raises(MailError) as caught:
        SmtpAccount.from_dict(data)
    assert str(caught.value).startswith(field)


def test_an_account_round_trips_without_a_password():
    account = SmtpAccount("smtp.example.com", 465, "ssl", USER, "ada@example.com", "Ada Lovelace")
    data = account.to_dict()
    assert not any("pass" in key for key in data)
    assert SmtpAccount.from_dict(data) == account
    assert account.keyring_key == f"smtp:{USER}@smtp.example.com"
    assert SmtpAccount("localhost", 25, "none", "", "ada@example.com").security == "none"
    with pytest.raises(MailError, match="port has the wrong type"):
        SmtpAccount.from_dict({**data, "port": "465"})
