# Over 400 lines on purpose: one class, the tray's Qt shell; its decisions live in schedule.py.
"""The tray's Qt shell: one timer, the database, the notifier and the menu, wired together.

The decisions live in `schedule.py` and the SQL in `storage.notification_log`; this class
only reads the clocks, asks, and does what it is told. Idle means idle: between reminders
the one timer sleeps until the next remind time or the hourly safety check.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer

from desktop.platform.notifications import IN_APP
from desktop.platform.paths import AppPaths
from desktop.storage import notification_log as nlog
from desktop.storage.records import DueItem
from desktop.tray.schedule import (
    MENU_ITEMS,
    NOTICE_ITEMS,
    ClockReading,
    Notice,
    QuietHours,
    clock_jump,
    notice_for,
    pause_until_tomorrow,
    plan,
    timer_delay_ms,
)

log = logging.getLogger(__name__)

SNOOZE = timedelta(hours=1)
# Whoever creates or migrates the file (the window, a command) does not tell the tray, so
# while it is not ready the tray looks again this often (a stat and a read-only look).
NOT_READY_RETRY = timedelta(seconds=5)
# A damaged database is looked at again this often (a restore makes it usable).
DAMAGED_RETRY = timedelta(minutes=1)
# Notes waiting in the outbox (sent while offline) are tried again this often, first this
# long after the tray sees them (the window that queued one may be retrying it itself).
OUTBOX_RETRY = timedelta(minutes=5)
OUTBOX_FIRST_TRY = timedelta(minutes=1)
# Each round that sends nothing doubles the wait, up to this (a day offline, or no
# password in the keyring, is a child process an hour, not one every five minutes).
OUTBOX_LONGEST_WAIT = timedelta(hours=1)
# A reminder no notification service confirmed is said again after this, then after twice
# as long each time it is still not confirmed, up to an hour.
UNCONFIRMED_RETRY = timedelta(minutes=1)
UNCONFIRMED_LONGEST_WAIT = timedelta(hours=1)

# speak(notice, urgent, done): show `notice` (critical when `urgent`); `done` (when given)
# gets the backend that confirmed it, or IN_APP when none did.
Speak = Callable[[Notice, bool, Callable[[str], None] | None], None]


class Reminders(QObject):
    """Knows what is due, announces each reminder once, and sleeps until the next one."""

    def __init__(
        self,
        paths: AppPaths,
        speak: Speak,
        on_change: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
        send_outbox: Callable[[], None] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        # The wall clock (aware, UTC); tests pass their own to pin the hour.
        self._now = now
        self._speak = speak
        self._retry_at: datetime | None = None  # when to say unconfirmed reminders again
        self._retry_wait = UNCONFIRMED_RETRY
        self._released = False  # claims a tray that died before confirming them left
        self._closed = False
        self._on_change = on_change
        # Starts one delivery of the outbox (in another process) that ends in
        # outbox_done(); None: this tray leaves the outbox to the window.
        self._send_outbox = send_outbox
        self.outbox_waiting = 0
        self._outbox_at: datetime | None = None  # when to try the outbox next
        self._outbox_busy = False
        self._outbox_wait = OUTBOX_RETRY  # until the next try after one that sent nothing
        self._conn: sqlite3.Connection | None = None
        self._damage_told = ""  # the damage the user was told of, "" while there is none
        self._version: int | None = None
        self._reading: ClockReading | None = None
        self._wake_at: datetime | None = None
        self.quiet = QuietHours(*_default_quiet(), tz=UTC)
        # What is due, as of the last look: how many, and the first few (for the menu).
        self.due: list[DueItem] = []
        self.due_count = 0
        self._looked_at: datetime | None = None
        self.paused_until: datetime | None = None
        self._pending_pause: tuple[datetime | None] | None = None
        # Counted for the benchmark and the log: how often the process woke on its own.
        self.wakeups = 0
        self.reads = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may fire up to 5% early: an hour's wait would end minutes before
        # the reminder, find nothing, and wake again. Precise timers cost nothing idle.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)

    # --- the checks -------------------------------------------------------------------

    def start(self) -> None:
        self.check(force=True)

    def refresh(self) -> None:
        """Something changed (the window saved, a second tray started): look now.

        The connection is opened afresh, in case the file was replaced (a restore)."""
        self._disconnect()
        self.check(force=True)

    def woke(self) -> None:
        """The computer woke from sleep: look now, as after a clock jump (what came due
        while it slept is caught up in one summary), rather than when the timer fires.
        Notes waiting in the outbox are tried again soon: the network may be back."""
        if self.outbox_waiting and not self._outbox_busy:
            self._outbox_at = self._now() + OUTBOX_FIRST_TRY
            self._outbox_wait = OUTBOX_RETRY
        self.check(force=True)

    def _on_timer(self) -> None:
        self.wakeups += 1
        self.check()

    def check(self, force: bool = False) -> None:
        """Read the clocks; read the database when something may have changed; re-arm."""
        now = self._now()
        reading = ClockReading(now, time.monotonic())
        jump = clock_jump(self._reading, reading) if self._reading else None
        self._reading = reading
        if jump is not None:
            log.info("the clock moved by %s (a sleep or a clock change); looking again", jump)
        try:
            if (conn := self._connect()) is not None:
                version = nlog.data_version(conn)
                retry = self._retry_at is not None and now >= self._retry_at
                if retry:
                    self._retry_at = None
                reached = retry or (self._wake_at is not None and now >= self._wake_at)
                if force or jump is not None or reached or version != self._version:
                    self._version = version
                    self._read(now)
                self._maybe_send_outbox(now)
            elif not self._damage_told:
                self._wake_at = now + NOT_READY_RETRY
        except sqlite3.Error as exc:
            # A locked or replaced file: drop the connection and try again at the next check;
            # a damaged one: say so once, and write nothing into it.
            self._disconnect()
            self._check_damage(exc)
        finally:
            # Whatever went wrong, the tray must wake again.
            self._arm(now)

    def _connect(self) -> sqlite3.Connection | None:
        """The open connection, opened now if need be; None while the file is not usable."""
        from desktop.storage.errors import StorageError

        if self._conn is not None:
            return self._conn
        try:
            ready = nlog.check_database(self.paths.database)
        except StorageError as exc:
            self._damaged(str(exc))
            return None
        if not ready:
            if self._wake_at is None:  # said once, not at every retry
                log.info("tray: %s is not ready yet; waiting for it", self.paths.database)
            return None
        if self._damage_told:
            log.info("tray: %s can be used again", self.paths.database)
            self._damage_told = ""
        self._conn = conn = nlog.connect(self.paths.database)
        if not self._released:
            # Only this tray runs on the data (ipc), so a claim nobody confirmed was left by
            # one that stopped between claiming and showing: say it again.
            self._released = True
            released = nlog.release_unconfirmed(conn)
            if released:
                log.info("tray: %d reminder(s) were never confirmed shown; saying them", released)
        return conn

    def _check_damage(self, exc: sqlite3.Error) -> None:
        from desktop.storage.errors import StorageFault, database_fault

        fault = database_fault(exc, self.paths.database, "reading the reminders")
        if fault is None or isinstance(fault, StorageFault):  # busy, full: not the data
            log.warning("tray: cannot read %s: %s", self.paths.database, exc)
            return
        self._damaged(str(fault))

    def _damaged(self, message: str) -> None:
        """Stop using a file the command line would refuse, and tell the user, once (the
        tray looks again every minute, and goes on once it has been restored)."""
        self._wake_at = self._now() + DAMAGED_RETRY
        if self._damage_told == message:
            return
        self._damage_told = message
        log.error("tray: not reminding: %s", message)
        # Urgent: it stays until dismissed, since no reminder comes until it is fixed.
        title, body = "Afterword cannot use its data", "Reminders are paused until it is fixed. "
        self._speak(Notice(title, body + message, ()), True, None)

    def _disconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._version, self._wake_at = None, None, None

    def _read(self, now: datetime) -> None:
        assert self._conn is not None
        self.reads += 1
        self._read_settings()
        self._look_at_outbox(self._conn, now)
        if self._pending_pause is not None:  # chosen while the database was not ready
            nlog.write_pause(self._conn, self._pending_pause[0])
            self._pending_pause = None
        # Another tray (or this one before a restart) may have paused or resumed.
        self.paused_until = nlog.read_pause(self._conn)
        # Bounded: a count, the menu's first entries and the unannounced ones (the first
        # few in full), never every item of a long backlog.
        looked = nlog.look(self._conn, now, MENU_ITEMS, NOTICE_ITEMS)
        self.due, self.due_count, self._looked_at = looked.first, looked.count, now
        fresh = looked.unannounced
        decided = plan(
            now, fresh.first, nlog.next_remind_at(self._conn, now), self.quiet, self.paused_until
        )
        self._wake_at = decided.wake_at
        if self.reads == 1:  # said once: the tray runs, and knows what is coming
            log.info("tray: first look: %d due; next look at %s", looked.count, decided.wake_at)
        if decided.announce:
            self._announce(now)
        elif decided.held_until is not None:
            log.info("tray: %d reminder(s) wait until %s", fresh.count, decided.held_until)
        self._on_change()

    def _announce(self, now: datetime) -> None:
        assert self._conn is not None
        self._retry_at = None
        # Claimed first: whoever claims a reminder shows it; nobody shows it twice. The
        # claim becomes "shown" only when a backend confirms it (_delivered).
        claimed = nlog.claim_due(self._conn, now, NOTICE_ITEMS)
        if not claimed.count:
            return
        notice = notice_for(claimed.first, now, self.quiet.tz, claimed.count, claimed.kinds)
        # Our own writes do not move data_version; other processes' do.
        self._version = nlog.data_version(self._conn)
        urgent = any(item.overdue for item in claimed.first)
        self._speak(notice, urgent, lambda used: self._delivered(claimed, notice, used))

    def _delivered(self, claimed: nlog.Claim, notice: Notice, used: str) -> None:
        now = self._now()
        try:
            # A closed tray leaves the claim unconfirmed: the next start says it again.
            conn = None if self._closed else self._connect()
        except sqlite3.Error:
            return
        if conn is None:
            return
        more = claimed.count - len(notice.followup_ids)
        which = f"{notice.followup_ids}{f' and {more} more' if more else ''}"
        try:
            if used == IN_APP:
                nlog.release_claim(conn, claimed)
                self._retry_at = now + self._retry_wait
                log.info(
                    "tray: %s not confirmed shown; saying it again at %s", which, self._retry_at
                )
                self._retry_wait = min(self._retry_wait * 2, UNCONFIRMED_LONGEST_WAIT)
            else:
                nlog.record_claim_backend(conn, claimed, used)
                self._retry_wait = UNCONFIRMED_RETRY
                log.info("tray: announced %s via %s", which, used)
            self._version = nlog.data_version(conn)
        except sqlite3.Error as exc:
            log.warning("tray: cannot record how %s was shown: %s", which, exc)
            self._disconnect()
        self._arm(now)

    def _read_settings(self) -> None:
        from desktop.platform.timezone import user_timezone
        from desktop.storage.settings_values import read_settings_file

        try:
            rules, profile = read_settings_file(self.paths.database)
            tz = user_timezone(profile.timezone)
        except Exception as exc:  # bad settings must not silence reminders: keep the last
            log.warning("tray: cannot read the settings, keeping the last ones: %s", exc)
            return
        self.quiet = QuietHours(rules.quiet_start, rules.quiet_end, tz)
        from desktop.storage.follow_zone import follow_zone_change

        follow_zone_change(self.paths.database, rules, tz)  # the machine moved: same days

    # --- the outbox -------------------------------------------------------------------

    def _look_at_outbox(self, conn: sqlite3.Connection, now: datetime) -> None:
        if self._send_outbox is None:
            return
        self.outbox_waiting = nlog.outbox_waiting(conn)
        if not self.outbox_waiting:
            self._outbox_at = None
        elif self._outbox_at is None and not self._outbox_busy:
            self._outbox_at = now + OUTBOX_FIRST_TRY

    def _maybe_send_outbox(self, now: datetime) -> None:
        if self._send_outbox is None or self._outbox_busy or self._outbox_at is None:
            return
        if now < self._outbox_at:
            return
        self._outbox_busy, self._outbox_at = True, None
        log.info("tray: trying the %d note(s) waiting in the outbox", self.outbox_waiting)
        try:
            self._send_outbox()
        except Exception:
            log.exception("tray: could not start sending the outbox")
            self.outbox_done({})

    def send_outbox_now(self) -> None:
        """The menu's "Send the notes waiting in the outbox": try now, not at the next retry."""
        if self.outbox_waiting and not self._outbox_busy:
            self._outbox_at = self._now()
            self.check(force=True)

    def outbox_done(self, result: dict[str, Any]) -> None:
        """One delivery ended (`afterword outbox --send --json`'s answer, {} if it had
        none): say what went and what was refused, and try again later if notes wait."""
        self._outbox_busy = False
        now = self._now()
        sent = [str(note.get("to", "")) for note in result.get("sent", [])]
        failed = [note for note in result.get("failed", []) if isinstance(note, dict)]
        if (sent or failed) and (self.paused or self.quiet.contains(now)):
            # Quiet hours and a pause hold reminders; they hold this news too (the Outbox
            # in the window shows it).
            log.info("tray: outbox sent %s, refused %d; not said (quiet)", sent, len(failed))
            sent, failed = [], []
        if sent:
            title = "Your note went out" if len(sent) == 1 else f"{len(sent)} notes went out"
            self._speak(
                Notice(title, "Sent from the outbox to " + ", ".join(sent), ()), False, None
            )
        for note in failed:
            title = f"Not sent: the note to {note.get('to', '')}"
            body = f"{note.get('reason', '')}. It is kept in File ▸ Outbox."
            self._speak(Notice(title, body, ()), False, None)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):  # the next look counts again
                self.outbox_waiting = nlog.outbox_waiting(self._conn)
        if result.get("sent"):
            self._outbox_wait = OUTBOX_RETRY
        if self.outbox_waiting:
            self._outbox_at = now + self._outbox_wait
            self._outbox_wait = min(self._outbox_wait * 2, OUTBOX_LONGEST_WAIT)
        else:
            self._outbox_wait = OUTBOX_RETRY
        self._arm(now)
        self._on_change()  # the menu's outbox entry

    def _arm(self, now: datetime) -> None:
        # The outbox's next try is never set while a delivery is under way.
        wake_at = min(
            (at for at in (self._wake_at, self._outbox_at, self._retry_at) if at is not None),
            default=None,
        )
        delay = timer_delay_ms(now, wake_at)
        if delay is None:
            self._timer.stop()
        else:
            self._timer.start(delay)

    @property
    def next_wake_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else -1

    # --- what the menu does -----------------------------------------------------------

    def snooze_all(self) -> int:
        """Every due follow-up speaks again in an hour."""
        if self._conn is None or not self.due_count or self._looked_at is None:
            return 0
        until = self._now() + SNOOZE
        # What the menu counted at the last look, not only the entries it lists.
        moved = nlog.snooze_due(self._conn, self._looked_at, until)
        log.info("tray: snoozed %d follow-up(s) until %s", moved, until)
        self.check(force=True)
        return moved

    def pause_until_tomorrow(self) -> datetime:
        until = pause_until_tomorrow(self._now(), self.quiet)
        self.paused_until = until
        self._store_pause(until)
        log.info("tray: notifications paused until %s", until)
        self.check(force=True)
        return until

    def resume(self) -> None:
        self.paused_until = None
        self._store_pause(None)
        self.check(force=True)

    def _store_pause(self, until: datetime | None) -> None:
        """Kept in the database, so a restart or a log-out does not end the pause early."""
        try:
            if (conn := self._connect()) is not None:
                nlog.write_pause(conn, until)
                return
        except sqlite3.Error as exc:
            log.warning("tray: cannot store the pause: %s", exc)
            self._disconnect()
        self._pending_pause = (until,)  # written at the next look that can

    @property
    def paused(self) -> bool:
        return self.paused_until is not None and self._now() < self.paused_until

    def stats(self) -> dict[str, int]:
        return {"wakeups": self.wakeups, "reads": self.reads, "due": self.due_count}

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
        self._disconnect()


def _default_quiet() -> tuple[Any, Any]:
    from desktop.core.settings import RuleSettings

    defaults = RuleSettings()
    return defaults.quiet_start, defaults.quiet_end
