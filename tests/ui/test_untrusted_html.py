"""HTML from outside the editor (an imported draft) is cleaned, and the editor never reads a
file or URL it names (issue 14: <img src="file:///dev/zero"> grew the window to 5 GB)."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from desktop.ui.composer.editor import NoteEditor
from tests.helpers.data_files import SAMPLE

HOSTILE = (
    '<p>Dear Ms. Hale,</p><img src="file:///dev/zero"><script>alert(1)</script>'
    '<p style="background:url(file:///etc/passwd)">Thank you.</p>'
    '<a href="javascript:alert(1)">click</a> <a href="https://example.com/">site</a>'
)


def test_an_imported_draft_is_cleaned_before_it_is_stored(afterword, data_dir, tmp_path):
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["drafts"] = [{"followup": document["followups"][0]["id"], "subject": "Thanks",
                           "body_html": HOSTILE}]  # fmt: skip
    source = tmp_path / "with-draft.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    out = afterword("--data-dir", str(data_dir), "import", str(source))
    assert out.returncode == 0, out.stderr
    [body] = (
        sqlite3.connect(data_dir / "afterword.sqlite3")
        .execute("SELECT body_html FROM drafts")
        .fetchone()
    )
    for hostile in ("<img", "file:", "script", "javascript:", "alert"):
        assert hostile not in body, body
    assert "Dear Ms. Hale," in body and "Thank you." in body and "https://example.com/" in body


def test_the_editor_never_reads_a_file_an_image_names(qtbot, tmp_path):
    picture = tmp_path / "private.png"
    image = QImage(7, 5, QImage.Format.Format_ARGB32)
    image.fill(0xFF00FF00)
    assert image.save(str(picture))
    editor = NoteEditor()
    qtbot.addWidget(editor)
    editor.resize(300, 200)
    editor.show()
    url = QUrl.fromLocalFile(str(picture))
    editor.setHtml(f'<p>hi</p><img src="{url.toString()}">')
    editor.grab()  # laid out and painted: every resource it would load is loaded now
    loaded = editor.document().resource(QTextDocument.ResourceType.ImageResource.value, url)
    assert loaded is None or loaded.size().width() <= 1, loaded.size()
