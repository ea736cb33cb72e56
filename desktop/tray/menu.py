"""The tray icon with its due-count badge, and its menu of what is due."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.core.wording import when_phrase
from desktop.platform.notifications import RecentNotice
from desktop.storage.records import DueItem
from desktop.tray.schedule import MENU_ITEMS, reminder_line

log = logging.getLogger(__name__)

_INK = QColor("#2f5d62")
_BADGE = QColor("#c0392b")


def badge_icon(count: int, size: int = 64) -> QIcon:
    """The app's envelope, with the number due in a red badge (none when nothing is due).

    Drawn with QPainter rather than loaded from the SVG: QtSvg would stay resident in a
    process whose memory is a feature.
    """
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setBrush(_INK)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(4 * s, 14 * s, 56 * s, 38 * s), 5 * s, 5 * s)
    flap = QPainterPath()
    flap.moveTo(8 * s, 18 * s)
    flap.lineTo(32 * s, 36 * s)
    flap.lineTo(56 * s, 18 * s)
    pen = p.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(QColor("white"))
    pen.setWidthF(3.5 * s)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(flap)
    if count > 0:
        text = str(count) if count < 100 else "99+"
        badge = QRectF(30 * s, 0, 34 * s, 34 * s)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_BADGE)
        p.drawEllipse(badge)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int((20 if len(text) == 1 else 15 if len(text) == 2 else 11) * s))
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return QIcon(pixmap)


def _literal(text: str) -> str:
    """Menu text shown as written: a lone '&' (Hale & Pierce) would mark a shortcut key."""
    return text.replace("&", "&&")


class TrayMenu(QObject):
    """The icon in the system tray and its menu; rebuilt whenever what is due changes."""

    def __init__(
        self,
        *,
        open_followup: Callable[[int], None],
        open_window: Callable[[], object],
        snooze_all: Callable[[], object],
        pause: Callable[[], object],
        resume: Callable[[], object],
        quit: Callable[[], object],
        send_outbox: Callable[[], object] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._send_outbox = send_outbox
        self._open_followup = open_followup
        self._open_window = open_window
        self._snooze_all = snooze_all
        self._pause = pause
        self._resume = resume
        self._quit = quit
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.icon = QSystemTrayIcon(badge_icon(0), self)
        self.icon.setToolTip("Afterword")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.update([], 0, [], None, UTC)

    def show(self) -> None:
        self.icon.show()

    def update(
        self,
        due: Sequence[DueItem],
        count: int,
        recent: Sequence[RecentNotice],
        paused_until: datetime | None,
        tz: tzinfo,
        outbox: int = 0,
    ) -> None:
        """Show `count` due follow-ups, `due` being the first of them (MENU_ITEMS are listed;
        the rest are in the window), and the `outbox` notes waiting to be sent."""
        now = datetime.now(UTC)
        self.icon.setIcon(badge_icon(count))
        summary = (
            "Nothing is due"
            if not count
            else "1 follow-up is due"
            if count == 1
            else f"{count} follow-ups are due"
        )
        self.icon.setToolTip(self.tr("Afterword — {summary}").format(summary=summary))
        menu = self.menu
        menu.clear()
        header = menu.addAction(summary)
        header.setEnabled(False)
        for item in due[:MENU_ITEMS]:
            action = menu.addAction(_literal(reminder_line(item, now, tz)))
            action.setData(item.id)
            action.triggered.connect(lambda _=False, fid=item.id: self._open_followup(fid))
        if count > MENU_ITEMS:
            more = menu.addAction(
                self.tr("and {more} more in Afterword…").format(more=count - MENU_ITEMS)
            )
            more.triggered.connect(self._open_window)
        if outbox:
            notes = "the note" if outbox == 1 else f"the {outbox} notes"
            send = menu.addAction(self.tr("Send {notes} waiting in the outbox").format(notes=notes))
            send.setToolTip(self.tr("They were written while the mail server could not be reached"))
            send.triggered.connect(self._send_outbox)
        menu.addSeparator()
        menu.addAction(self.tr("Open Afterword")).triggered.connect(self._open_window)
        recent_menu = menu.addMenu(self.tr("Recent reminders"))
        recent_menu.setEnabled(bool(recent))
        for notice in recent:
            when = when_phrase(notice.shown_at, now, tz)
            entry = recent_menu.addAction(_literal(f"{when}  {notice.title}"))
            entry.setToolTip(notice.body)
            # As a click on the notice: the composer on that follow-up, or Today.
            entry.triggered.connect(lambda _=False, n=notice: n.open())
        snooze = menu.addAction(self.tr("Snooze all for 1 hour"))
        snooze.setEnabled(bool(count))
        snooze.triggered.connect(self._snooze_all)
        if paused_until is not None and now < paused_until:
            until = when_phrase(paused_until, now, tz)
            menu.addAction(
                self.tr("Resume notifications (paused until {until})").format(until=until)
            ).triggered.connect(self._resume)
        else:
            menu.addAction(self.tr("Pause notifications until tomorrow")).triggered.connect(
                self._pause
            )
        menu.addSeparator()
        menu.addAction(self.tr("Quit")).triggered.connect(self._quit)

    def due_actions(self) -> list[QAction]:
        """The menu's entries for due follow-ups (each carries its follow-up id)."""
        return [a for a in self.menu.actions() if isinstance(a.data(), int)]

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the window where a platform has no separate menu click.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            self._open_window()

    def close(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()
