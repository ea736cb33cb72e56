"""A huge paste into the composer is refused at once with a clear message, not a frozen window.

Measured before the limit: 2 million characters of text held the window for 1.7 s and 5 MB
of HTML for 16 s (clean-up, then layout of a thousand pages).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QMimeData

from desktop.interchange.demo import load_demo
from desktop.ui.composer.editor import MAX_PASTE_CHARS, MAX_PASTE_HTML
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyspellchecker")
PARAGRAPH = "<p>Dear <b>Ms. Hale</b>, thank you <i>so</i> much for the tour.</p>\n"
# Generous for a shared, busy test machine; a refused paste takes milliseconds.
QUICK_S = 1.0


@pytest.fixture
def composer(qtbot, workspace):
    load_demo(workspace)
    window = MainWindow(workspace, demo=True)
    qtbot.addWidget(window)
    item = window.search.today(datetime.now(UTC) + timedelta(days=30))[0]
    composer = window.open_composer(item.id)
    qtbot.addWidget(composer)
    qtbot.waitExposed(composer)
    yield composer
    window.close()


def paste(page, mime: QMimeData) -> float:
    start = time.monotonic()
    page.editor.insertFromMimeData(mime)
    return time.monotonic() - start


def mime(html: str = "", text: str = "") -> QMimeData:
    data = QMimeData()
    if html:
        data.setHtml(html)
    if text:
        data.setText(text)
    return data


@pytest.mark.parametrize(
    ("html_bytes", "text_chars"),
    [(5_000_000, 2_000_000), (0, 2_000_000), (5_000_000, 0)],
    ids=["5MB-html-and-text", "2M-characters", "5MB-html-only"],
)
def test_a_huge_paste_is_refused_with_a_message(composer, html_bytes, text_chars):
    page = composer.current_page()
    before = page.editor.toHtml()
    html = PARAGRAPH * (html_bytes // len(PARAGRAPH))
    text = ("thank you " * (text_chars // 10))[:text_chars]
    took = paste(page, mime(html, text))
    assert took < QUICK_S
    assert page.editor.toHtml() == before, "part of the paste went in"
    assert composer.problem.isVisibleTo(composer)
    message = composer.problem.text()
    assert message.startswith("Nothing was pasted: that is ")
    assert f"at most {MAX_PASTE_CHARS:,}" in message


def test_a_web_page_too_rich_to_keep_goes_in_as_its_text(composer):
    """A whole page (or Word's styles) around a short note: the words arrive, fast."""
    page = composer.current_page()
    styles = "<style>" + "p.MsoNormal{margin:0}" * (MAX_PASTE_HTML // 20) + "</style>"
    note = "Thank you for the tour of the archive."
    took = paste(page, mime(styles + f"<p>{note}</p>", note))
    assert took < QUICK_S
    assert note in page.plain_text()
    assert not composer.problem.isVisibleTo(composer)


def test_a_long_paste_under_the_limit_still_goes_in(composer):
    page = composer.current_page()
    text = ("thank you " * (MAX_PASTE_CHARS // 10))[:MAX_PASTE_CHARS]
    took = paste(page, mime(text=text))
    assert took < 2 * QUICK_S
    assert text in page.plain_text()
    assert not composer.problem.isVisibleTo(composer)
