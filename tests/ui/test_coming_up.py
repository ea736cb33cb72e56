"""Coming up, through its real widgets on the demo's database dated around a fixed "now"
(Saturday 21 November 2026, 09:00 in New York): a week or a month day by day, today
marked, overdue deadlines in red, and an entry opening the interview or the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.views.agenda import AgendaView


def open_agenda(window) -> AgendaView:
    window.show_view("Coming up")
    view = window.lazy_views["Coming up"]
    assert isinstance(view, AgendaView) and view.isVisible()
    return view


def rows(view: AgendaView) -> list[tuple[str, str, str]]:
    tree = view.tree
    return [
        tuple(tree.topLevelItem(i).text(c) for c in range(3))
        for i in range(tree.topLevelItemCount())
    ]


def day_of(view: AgendaView, heading: str) -> list[tuple[str, str, str]]:
    """The lines under one day's heading."""
    listed = rows(view)
    start = next(i for i, r in enumerate(listed) if r[0].startswith(heading))
    out = []
    for line in listed[start + 1 :]:
        if line[0] and not line[1]:  # the next day's heading
            break
        out.append(line)
    return out


def entry(view: AgendaView, words: str, what: str = ""):
    return next(i for i in view.items() if words in i.text(2) and what in i.text(1))


def test_the_week_shows_each_day_with_today_marked_and_overdue_in_red(pinned_demo_window):
    view = open_agenda(pinned_demo_window)
    assert view.period.text() == "Week of Mon, Nov 16, 2026"
    headings = [r[0] for r in rows(view) if r[0] and not r[1]]
    assert headings == [
        "Mon, Nov 16",
        "Tue, Nov 17",
        "Wed, Nov 18",
        "Thu, Nov 19",
        "Fri, Nov 20",
        "Sat, Nov 21  — today",
        "Sun, Nov 22",
    ]
    assert day_of(view, "Thu, Nov 19") == [("", "Nothing planned", "")]
    today = day_of(view, "Sat, Nov 21")
    assert today[0] == (
        "09:00",
        "Video interview",
        "Senior Frontend Engineer at Brightloop — with Sam Lee, Jordan Blake",
    )
    # Yesterday's thank-yous are due at 11:30 today: not overdue yet at 09:00.
    assert (
        "11:30",
        "Thank-you due",
        "Thank Margaret Hale (Litigation Associate at Hale & Pierce LLP)",
    ) in today
    # Today's heading stands out; Tuesday's check-in, past its deadline, is red.
    marked = next(
        view.tree.topLevelItem(i)
        for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).text(0).endswith("today")
    )
    other = view.tree.topLevelItem(0)
    assert marked.background(0).color() != other.background(0).color()
    assert marked.font(0).bold()
    late = entry(view, "Check in with Priya Raman", "overdue")
    on_time = entry(view, "Thank Sam Lee", "due")
    assert late.foreground(1).color() != on_time.foreground(1).color()


def test_month_next_and_today_change_the_period_shown(pinned_demo_window, qtbot):
    view = open_agenda(pinned_demo_window)
    view.span.setCurrentIndex(view.span.findData("month"))
    assert view.period.text() == "November 2026 (this month)"
    # Days with nothing on them are left out of a month, except today.
    headings = [r[0] for r in rows(view) if r[0] and not r[1]]
    assert headings[0] == "Mon, Nov 9" and "Thu, Nov 19" not in headings
    assert day_of(view, "Tue, Nov 24")[0] == (
        "13:00",
        "Panel interview",
        "Data Analyst II at Civic Data Office — with Alan Chu, Rosa Delgado",
    )
    assert day_of(view, "Fri, Nov 27")[0][1] == "On-site interview"
    # Shortcuts reach the active window only.
    pinned_demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pinned_demo_window, timeout=2000)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.period.text() == "December 2026"
    assert not [r for r in rows(view) if r[0].endswith("today")]
    assert any("Check in with Ines Moreau" in r[2] for r in rows(view))
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert view.period.text() == "November 2026 (this month)"


def test_an_entry_opens_its_interview_or_the_composer_once(pinned_demo_window, qtbot):
    window = pinned_demo_window
    view = open_agenda(window)
    opened = []
    window.editor.exec_dialog = lambda dialog: opened.append(dialog.windowTitle()) or 0
    interview = entry(view, "Senior Frontend Engineer at Brightloop — with")
    spot = view.tree.visualItemRect(interview).center()
    # A double-click as the platform sends it: press and release, then the double-click.
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened == ["Edit interview — Senior Frontend Engineer at Brightloop"]

    note = entry(view, "Thank Sam Lee")
    view.tree.setCurrentItem(note)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.composers))
    composer = window.composers[-1]
    assert len(window.composers) == 1
    assert note.data(0, Qt.ItemDataRole.UserRole + 1)[1] in composer.followup_ids()
    composer.close()
    qtbot.waitUntil(lambda: not window.composers)
