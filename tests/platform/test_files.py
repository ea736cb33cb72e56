"""Files written whole or not at all (desktop.files), on a real file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.files import write_atomically


def test_text_and_bytes_are_written_as_given(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a.csv", "x,y\r\n1,2\r\n", newline="")
    assert (tmp_path / "a.csv").read_bytes() == b"x,y\r\n1,2\r\n"
    write_atomically(tmp_path / "b.eml", b"Subject: hi\r\n\r\n\xe9")
    assert (tmp_path / "b.eml").read_bytes() == b"Subject: hi\r\n\r\n\xe9"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.eml"]


def test_a_failed_write_leaves_the_old_file_whole_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text('{"kept": true}\n', encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):  # fails half-way through writing
        write_atomically(target, '{"new": "' + "x" * 10_000 + '\ud800"}')
    assert target.read_text(encoding="utf-8") == '{"kept": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_folder_in_the_way_is_an_os_error_and_stays_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path / "out", "text")
    assert (tmp_path / "out").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
