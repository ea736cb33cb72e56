"""Getting a note out of Afterword as mail: a mailto: link or an RFC 5322 message (.eml).

Only the standard library's `email` package: the message built here is what the outbox
stores and what SMTP sends, so a saved draft and a sent note are the same bytes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid
from pathlib import Path
from urllib.parse import quote

from desktop.errors import UserError

# Written to disk and handed to SMTP with CRLF line ends and lines folded at 78.
WIRE_POLICY = policy.SMTP

_ADDR_SPEC = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class MailError(UserError):
    """A note cannot be turned into mail as asked; the message names the field and why."""


def _clean_line(text: str) -> str:
    """One header line: a pasted newline must not start a second header."""
    return " ".join(text.split())


def parse_addresses(value: str, field: str) -> list[Address]:
    """The addresses in `value` ("Name <a@b.example>, c@d.example"), or MailError."""
    text = value.strip()
    if not text:
        return []
    if "\n" in text or "\r" in text:
        raise MailError(f"{field}: an address cannot span several lines")
    found: list[Address] = []
    for name, addr in getaddresses([text]):
        if not addr or not _ADDR_SPEC.match(addr):
            shown = addr or text
            raise MailError(f"{field}: '{shown}' is not an email address (like name@example.com)")
        local, _, domain = addr.rpartition("@")
        if not local.isascii():
            raise MailError(f"{field}: '{addr}' has letters before the @ that mail servers refuse")
        try:
            # An internationalised domain travels as punycode (IDNA).
            domain = domain.encode("idna").decode("ascii")
            found.append(Address(display_name=name.strip(), username=local, domain=domain))
        except (UnicodeError, ValueError) as exc:
            raise MailError(f"{field}: '{addr}' is not an email address ({exc})") from exc
    return found


def format_address(name: str, address: str) -> str:
    """'Name <address>' quoted as needed ("Hale, Margaret" keeps its comma), or MailError."""
    found = parse_addresses(address, "To")
    if len(found) != 1:
        raise MailError(f"To: '{address}' is not one email address")
    return str(Address(display_name=_clean_line(name), addr_spec=found[0].addr_spec))


def mailto_url(to: str, subject: str, body_text: str, cc: str = "") -> str:
    """A mailto: link (RFC 6068) that opens the default mail client on this note.

    Everything is percent-encoded as UTF-8; line breaks in the body become CRLF (%0D%0A)
    as the RFC asks, and spaces become %20, never '+'.
    """
    recipients = ",".join(a.addr_spec for a in parse_addresses(to, "To"))
    fields: list[tuple[str, str]] = []
    cc_list = ",".join(a.addr_spec for a in parse_addresses(cc, "Cc"))
    if cc_list:
        fields.append(("cc", cc_list))
    if subject.strip():
        fields.append(("subject", _clean_line(subject)))
    if body_text:
        lines = body_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        fields.append(("body", "\r\n".join(lines)))
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields)
    url = "mailto:" + quote(recipients, safe="@,")
    return f"{url}?{query}" if query else url


def _html_document(body_html: str) -> str:
    """A whole HTML document: some clients show a bare fragment as text."""
    if re.search(r"<html[\s>]", body_html, re.IGNORECASE):
        return body_html
    return (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n'
        f"<body>\n{body_html}\n</body>\n</html>\n"
    )


def _sendable_as_is(text: str) -> bool:
    return text.isascii() and all(len(line) <= 998 for line in text.splitlines())


def build_message(
    *,
    sender: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str,
    date: datetime | None = None,
    draft: bool = False,
) -> EmailMessage:
    """A multipart/alternative note (plain text first, then HTML) with proper headers.

    `sender` and `to` may carry names ("Ada Lovelace <ada@example.com>"); names outside
    ASCII are encoded (RFC 2047) by the email package. A draft (`draft=True`) may leave
    the recipient empty and carries `X-Unsent: 1`, so Outlook and Thunderbird open the
    .eml as a draft to edit and send rather than as a received message.
    """
    senders = parse_addresses(sender, "From")
    if len(senders) != 1:
        raise MailError("From: give your one email address (Settings → Mail)")
    recipients = parse_addresses(to, "To")
    if not recipients and not draft:
        raise MailError("To: the recipient has no email address; add one to the contact")
    when = date or datetime.now(UTC)
    if when.tzinfo is None:
        raise MailError("Date: the time must carry a time zone")

    message = EmailMessage(policy=policy.default)
    message["From"] = senders[0]
    if recipients:
        message["To"] = recipients
    message["Subject"] = _clean_line(subject)
    message["Date"] = when
    # The sender's own domain, so the id needs no host-name lookup and looks like theirs.
    message["Message-ID"] = make_msgid(domain=senders[0].domain)
    if draft:
        message["X-Unsent"] = "1"
    # 8bit text needs a server that speaks 8BITMIME; quoted-printable goes everywhere.
    text = body_text.replace("\r\n", "\n")
    message.set_content(text, cte="7bit" if _sendable_as_is(text) else "quoted-printable")
    html = _html_document(body_html)
    message.add_alternative(
        html, subtype="html", cte="7bit" if _sendable_as_is(html) else "quoted-printable"
    )
    return message


def save_eml(message: EmailMessage, path: Path) -> None:
    """Write `message` to `path` whole or not at all (beside it, then renamed)."""
    from desktop.files import write_atomically

    try:
        write_atomically(path, message.as_bytes(policy=WIRE_POLICY))
    except OSError as exc:
        raise MailError(f"Could not save {path}: {exc.strerror or exc}") from exc
