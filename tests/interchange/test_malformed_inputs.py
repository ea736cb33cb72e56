"""Files that must be refused whole, quickly, with a message naming what and where: one too
big, a vCard bomb, a cut-short file, the wrong encoding, a card with no name."""

from __future__ import annotations

import time

import pytest

from desktop.interchange.contact_cards import MAX_CARD_BYTES
from desktop.interchange.document_model import MAX_DOCUMENT_BYTES
from desktop.interchange.errors import InterchangeError
from desktop.interchange.import_preview import preview_import, read_import_file

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def card(name: str, email: str = "") -> str:
    return CARD.format(name=name, email=email or f"{name.split()[0].lower()}@example.org")


def test_the_size_limit_is_twenty_megabytes():
    assert MAX_DOCUMENT_BYTES == 20 * 2**20


@pytest.mark.parametrize("suffix", [".json", ".vcf", ".csv", ".ics"])
def test_a_50_mb_file_is_refused_from_its_size_before_it_is_read(tmp_path, suffix):
    big = tmp_path / f"big{suffix}"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 2**20)
    started = time.perf_counter()
    with pytest.raises(InterchangeError) as caught:
        read_import_file(big)
    elapsed = time.perf_counter() - started
    assert "the file is 50.0 MB; at most 20 MB can be imported" in str(caught.value)
    assert str(big) in str(caught.value)
    assert elapsed < 0.5


def test_a_50_mb_file_through_the_preview_changes_nothing(workspace, snapshot, tmp_path):
    big = tmp_path / "contacts.vcf"
    big.write_bytes(card("Ada Byron").encode() * (50 * 2**20 // len(card("Ada Byron"))))
    before = snapshot()
    started = time.perf_counter()
    preview = preview_import(workspace, big.read_bytes(), str(big), "vcard")
    assert time.perf_counter() - started < 2
    assert not preview.can_import
    assert "at most 20 MB" in preview.problems[0].message
    assert snapshot() == before


def test_a_vcard_bomb_of_50000_cards_is_refused_quickly(load, snapshot):
    bomb = "".join(card(f"P{i} X", f"p{i}@example.org") for i in range(50_000)).encode()
    before = snapshot()
    started = time.perf_counter()
    with pytest.raises(InterchangeError, match="50000 cards; at most 10,000"):
        load(bomb, "vcard")
    assert time.perf_counter() - started < 2
    assert snapshot() == before


def test_one_huge_deeply_folded_card_is_refused_before_unfolding(load, snapshot):
    folds = " " + "x" * 72 + "\r\n"
    huge = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded Person\r\nNOTE:start\r\n"
        + folds * 250_000
        + "END:VCARD\r\n"
    ).encode()
    assert len(huge) < MAX_DOCUMENT_BYTES
    started = time.perf_counter()
    with pytest.raises(InterchangeError, match=r"card 1: 17\.9 MB of text; .* at most 1 MB"):
        load(huge, "vcard")
    assert time.perf_counter() - started < 3
    assert snapshot()["contacts"] == []
    assert MAX_CARD_BYTES == 2**20


def test_a_bad_card_among_good_ones_commits_none_of_them(load, snapshot):
    text = card("Ada Byron") + card("Bob Stone", "bob at example") + card("Cy Young")
    with pytest.raises(InterchangeError, match="card 2: 'bob at example' is not an email"):
        load(text.encode(), "vcard")
    assert snapshot()["contacts"] == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((card("Ada Byron") + card("Bob Stone")).encode()[:-15], "card 2: no END:VCARD"),
        (card("Ada Byron").encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        (
            (
                card("Ada Byron") + "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:who?\r\nEND:VCARD\r\n"
            ).encode(),
            "card 2: no name and no email address (FN, N, EMAIL)",
        ),
    ],
    ids=["truncated", "utf16-no-bom", "no-name-no-email"],
)
def test_malformed_vcards_name_what_and_where(load, snapshot, data, message):
    with pytest.raises(InterchangeError) as caught:
        load(data, "vcard")
    assert message in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert snapshot()["contacts"] == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "afterword", "version": 1, "contacts": [{"id": "p1", "name": "A"', "line 1"),
        (
            b'{"format": "afterword", "version": 1, "contacts": [{"id": "p1"}]}',
            "contacts[0].name: required",
        ),
        ("Name,Email\nZoë,z@example.org\n".encode("utf-16-le"), "UTF-16 without a byte-order"),
        (
            b'{"format": "afterword", "version": 1, "contacts": '
            b'[{"id": "p1", "name": "Ian Holm", "salutation": "Sir"}]}',
            "contacts[0].salutation: 'Sir' is not one of Ms., Mr., Mx., Dr., Prof.",
        ),
        (
            b'{"format": "afterword", "version": 1, "companies": [{"id": "c1", "name": "A"}], '
            b'"applications": [{"id": "a1", "company": "c1", "role": "R"}], "replies": '
            b'[{"application": "a1", "received_at": "2026-11-20T10:00:00", "outcome": "yes"}]}',
            "replies[0].outcome: 'yes' is not one of next_round, offer, rejection, other",
        ),
    ],
    ids=["json-truncated", "json-missing-name", "csv-utf16", "json-salutation", "json-outcome"],
)
def test_other_formats_refuse_too(workspace, snapshot, data, message):
    fmt = "csv" if b"N\x00" in data else "json"
    before = snapshot()
    preview = preview_import(workspace, data, "file", fmt)
    assert not preview.can_import
    assert any(message in f"{p.where}: {p.message}" for p in preview.problems), preview.problems
    assert snapshot() == before
