"""Notes as mail: .eml drafts that mail clients open, and mailto: links."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from desktop.compose.mail import MailError, build_message, format_address, mailto_url, save_eml

WHEN = datetime(2026, 11, 20, 15, 30, tzinfo=timezone(timedelta(hours=-5)))
TEXT = "Dear Zoë,\n\nThank you for the tour of the café — I loved it.\n\nBest,\nAda"
HTML = "<p>Dear Zoë,</p><p>Thank you for the tour of the <i>café</i> — I loved it.</p>"


def _draft(**changes: object) -> email.message.EmailMessage:
    values: dict[str, object] = {
        "sender": "Ada Lovelace <ada@example.com>",
        "to": "Zoë Ångström <zoe@example.se>",
        "subject": "Thank you — café tour",
        "body_text": TEXT,
        "body_html": HTML,
        "date": WHEN,
        "draft": True,
    }
    values.update(changes)
    return build_message(**values)  # type: ignore[arg-type]


def test_a_saved_draft_reads_back_with_headers_and_both_parts(tmp_path):
    path = tmp_path / "thank-you.eml"
    save_eml(_draft(), path)
    raw = path.read_bytes()
    assert raw.isascii(), "non-ASCII names and text are encoded for old clients"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert parsed["From"].addresses[0].display_name == "Ada Lovelace"
    to = parsed["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("Zoë Ångström", "zoe@example.se")
    assert parsed["Subject"] == "Thank you — café tour"
    assert parsedate_to_datetime(parsed["Date"]) == WHEN
    assert parsed["Message-ID"].endswith("@example.com>")
    assert parsed["X-Unsent"] == "1"
    assert parsed["MIME-Version"] == "1.0"
    assert parsed.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in parsed.iter_parts()]
    assert kinds == ["text/plain", "text/html"], "plain first: clients show the last they can"
    plain = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert plain is not None and plain.get_content().replace("\r\n", "\n").rstrip() == TEXT
    assert html is not None
    html_text = html.get_content()
    assert html_text.startswith("<!DOCTYPE html>")
    assert "<body>" in html_text and "<i>café</i>" in html_text
    assert html.get_content_charset() == "utf-8"


def test_a_message_to_send_is_not_a_draft():
    message = _draft(draft=False)
    assert "X-Unsent" not in message
    assert message["To"].addresses[0].addr_spec == "zoe@example.se"


def test_a_whole_html_document_is_not_wrapped_twice():
    page = "<html><head><style>p {}</style></head><body><p>Hi</p></body></html>"
    html = _draft(body_html=page).get_body(("html",))
    assert html is not None and html.get_content().strip() == page


def test_each_message_gets_its_own_id():
    assert _draft()["Message-ID"] != _draft()["Message-ID"]


def test_a_pasted_newline_cannot_add_a_header():
    message = _draft(subject="Thanks\r\nBcc: everyone@example.com")
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Thanks Bcc: everyone@example.com"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"to": "not-an-address", "draft": False}, "To: 'not-an-address' is not an email address"),
        ({"to": "", "draft": False}, "To: the recipient has no email address"),
        ({"sender": ""}, "From: give your one email address"),
        ({"date": datetime(2026, 11, 20, 15, 30)}, "Date: the time must carry a time zone"),
        ({"to": "Zoë <zoë@example.se>"}, "To: 'zoë@example.se' has letters before the @"),
    ],
)
def test_bad_input_names_the_field(changes, message):
    with pytest.raises(MailError) as caught:
        _draft(**changes)
    assert str(caught.value).startswith(message)


def test_a_draft_may_leave_the_recipient_for_later():
    assert "To" not in _draft(to="")


def test_an_international_domain_travels_as_punycode():
    message = _draft(to="Zoë <zoe@bücher.example>")
    assert message["To"].addresses[0].domain == "xn--bcher-kva.example"


def test_saving_replaces_a_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "note.eml"
    path.write_bytes(b"an older draft")
    save_eml(_draft(), path)
    assert path.read_bytes().startswith(b"From: ") or b"X-Unsent: 1" in path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.eml"]


def test_a_failed_save_leaves_nothing_behind(tmp_path):
    """Here the rename fails (a folder has the name); the half-written temp file goes."""
    target = tmp_path / "note.eml"
    target.mkdir()
    with pytest.raises(MailError, match=f"Could not save {target}: Is a directory"):
        save_eml(_draft(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["note.eml"]
    assert target.is_dir()


def test_saving_into_a_missing_folder_is_a_mail_error(tmp_path):
    target = tmp_path / "gone" / "note.eml"
    with pytest.raises(MailError, match=f"Could not save {target}"):
        save_eml(_draft(), target)
    assert not (tmp_path / "gone").exists()


def test_mailto_round_trips_through_urllib():
    body = "Dear Zoë,\n\nThank you & see you soon? 100% yes.\n#1 fan"
    url = mailto_url("Zoë Ångström <zoe@example.se>", "Thank you — café tour", body, cc="b@x.org")
    assert url.isascii() and " " not in url and "+" not in url
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "zoe@example.se"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == ["Thank you — café tour"]
    assert query["cc"] == ["b@x.org"]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert "%0D%0A" in url


def test_mailto_with_only_a_recipient_and_bad_ones():
    assert mailto_url("a@example.com", "", "") == "mailto:a@example.com"
    assert (
        mailto_url("a@example.com, b@example.com", "", "") == "mailto:a@example.com,b@example.com"
    )
    with pytest.raises(MailError, match="Cc: 'nope' is not an email address"):
        mailto_url("a@example.com", "Hi", "Hi", cc="nope")


def test_an_eml_file_is_what_a_client_would_open(tmp_path: Path):
    """Thunderbird and Outlook read the file as a message: headers, blank line, body."""
    path = tmp_path / "n.eml"
    save_eml(_draft(), path)
    head, _, rest = path.read_bytes().partition(b"\r\n\r\n")
    assert b"Content-Type: multipart/alternative" in head
    assert rest.count(b"Content-Type: text/") == 2


def test_a_name_with_a_comma_stays_one_recipient():
    to = format_address("Hale, Margaret", "m@hale.law")
    assert to == '"Hale, Margaret" <m@hale.law>'
    message = _draft(to=to, draft=False)
    [address] = message["To"].addresses
    assert (address.display_name, address.addr_spec) == ("Hale, Margaret", "m@hale.law")
    assert format_address("Zoë Ångström", "zoe@example.se") == "Zoë Ångström <zoe@example.se>"
    with pytest.raises(MailError, match="To: 'nobody' is not"):
        format_address("Nobody", "nobody")
