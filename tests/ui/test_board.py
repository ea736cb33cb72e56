"""The pipeline board, through its real widgets on the demo's database: cards in the
column of their status, moved by dragging or Ctrl+Left/Right, undone with Ctrl+Z, with
the follow-up rules applied again; columns hidden and tags filtered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.main_window import MainWindow
from tests.helpers.board_helpers import drag_card


def open_board(window):
    window.show_view("Board")
    board = window.board
    assert board.isVisible() and board.cards
    return board


def card_row(column, role: str) -> int:
    return next(i for i, c in enumerate(column.model.cards) if c.role == role)


def test_each_application_is_a_card_in_its_status_column(demo_window):
    board = open_board(demo_window)
    statuses = {a.id: a.status for a in demo_window.search.applications()}
    for status, column in board.columns.items():
        assert {c.id for c in column.model.cards} == {i for i, s in statuses.items() if s == status}
        assert column.heading.text().endswith(f"·  {len(column.model.cards)}")
    # A card names the next follow-up and how urgent it is, and the last thing that happened.
    interviewing = board.columns["interviewing"]
    hale = card_row(interviewing, "Litigation Associate")
    words = interviewing.model.words(hale)
    assert words.next_line == "Thank Margaret Hale"
    assert words.due_line.startswith(("due by", "overdue since"))
    assert interviewing.model.cards[hale].tags == ("law", "referral")
    assert "#law" in words.tags
    # The most urgent card leads its column.
    dues = [c.next_due_at for c in interviewing.model.cards if c.next_due_at]
    assert dues == sorted(dues)


def test_dragging_a_card_moves_it_reapplies_the_rules_and_ctrl_z_moves_it_back(demo_window, qtbot):
    board = open_board(demo_window)
    search = demo_window.search
    source, target = board.columns["interviewing"], board.columns["rejected"]
    row = card_row(source, "Credit Analyst")
    card = source.model.cards[row]
    check_ins = [i for i in demo_window.today.items if i.application_id == card.id]
    assert check_ins, "the demo's bank application has a check-in due"

    drag_card(source.list, row, target.list)

    assert search.application(card.id).status == "rejected"
    assert card.id in {c.id for c in target.model.cards}
    assert card.id not in {c.id for c in source.model.cards}
    # Rejected: the rules cancel its check-ins, so Today no longer lists them.
    assert not [i for i in demo_window.today.items if i.application_id == card.id]
    assert "moved to Rejected" in demo_window.statusBar().currentMessage()
    assert target.current_card().id == card.id  # still selected, where it went

    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = search.application(card.id)
    assert restored.status == "interviewing" and restored.closed_on is None
    assert card.id in {c.id for c in source.model.cards}
    assert [i.id for i in demo_window.today.items if i.application_id == card.id] == [
        i.id for i in check_ins
    ]


def test_a_card_dropped_on_its_own_column_changes_nothing(demo_window):
    board = open_board(demo_window)
    column = board.columns["interviewing"]
    before = [(c.id, c.status) for c in column.model.cards]
    drag_card(column.list, 0, column.list)
    assert [(c.id, c.status) for c in column.model.cards] == before
    assert not demo_window.undo_action.isEnabled()


def test_ctrl_arrows_move_the_selected_card_past_hidden_columns(demo_window, qtbot):
    board = open_board(demo_window)
    board.show_column("offer", False)
    applied = board.columns["applied"]
    assert board.select(applied.model.cards[0].id)
    card = applied.current_card()
    qtbot.keyClick(applied.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.search.application(card.id).status == "interviewing"
    interviewing = board.columns["interviewing"]
    assert interviewing.current_card().id == card.id and interviewing.list.hasFocus()
    # Offer is hidden: the next step right is Accepted.
    qtbot.keyClick(interviewing.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.search.application(card.id).status == "accepted"
    qtbot.keyClick(
        board.columns["accepted"].list, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert demo_window.search.application(card.id).status == "interviewing"
    # The first column has nothing to its left.
    wishlist = board.columns["wishlist"]
    assert board.select(wishlist.model.cards[0].id)
    first = wishlist.current_card()
    qtbot.keyClick(wishlist.list, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.search.application(first.id).status == "wishlist"


def test_hidden_columns_stay_hidden_in_the_next_window(demo_window, qtbot, workspace):
    board = open_board(demo_window)
    assert board.columns["withdrawn"].isHidden()  # closed this way: hidden at first
    board.column_actions["rejected"].trigger()
    assert board.columns["rejected"].isHidden()
    assert "rejected" not in board.shown_statuses()
    demo_window.close()
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    again.show()
    again.show_view("Board")
    assert again.board.columns["rejected"].isHidden()
    assert not again.board.column_actions["rejected"].isChecked()
    assert again.board.columns["wishlist"].isVisible()


def test_a_tag_narrows_the_board(demo_window):
    board = open_board(demo_window)
    tags = [board.tag.itemText(i) for i in range(board.tag.count())]
    assert tags[0] == "All tags" and "#remote" in tags
    board.tag.setCurrentIndex(board.tag.findData("remote"))
    shown = [c for column in board.columns.values() for c in column.model.cards]
    assert {c.role for c in shown} == {"Senior Frontend Engineer", "UX Writer"}
    assert board.summary.text() == "2 applications"
    board.tag.setCurrentIndex(0)
    assert sum(len(c.model.cards) for c in board.columns.values()) == len(board.cards)


def test_enter_on_a_card_opens_the_application(demo_window, qtbot):
    board = open_board(demo_window)
    opened = []
    demo_window.editor.exec_dialog = lambda dialog: opened.append(dialog.windowTitle()) or 0
    column = board.columns["interviewing"]
    assert board.select(column.model.cards[card_row(column, "UX Writer")].id)
    qtbot.keyClick(column.list, Qt.Key.Key_Return)
    assert opened == ["Edit UX Writer at Tern & Finch Design"]
    assert demo_window.current_view_name() == "Board"
    # A double-click (press, release, double-click) opens it once, not twice.
    row = card_row(column, "Litigation Associate")
    spot = column.list.visualRect(column.model.index(row, 0)).center()
    qtbot.mouseClick(column.list.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(column.list.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened[1:] == ["Edit Litigation Associate at Hale & Pierce LLP"]
