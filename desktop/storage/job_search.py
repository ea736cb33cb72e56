# Over 400 lines on purpose: the views' one facade, a short method per verb.
"""The services the window calls: read records, save inputs, act on follow-ups.

Each method is one short unit of work on the store, takes and returns plain data
(desktop.storage.records), and re-applies the follow-up rules to what it changed.
Views hold a JobSearch; they never open a session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from desktop.core.settings import RuleSettings
from desktop.storage.due_query import DuePage, read_due_file, read_due_page_file

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.core.progress import ProgressFigures
    from desktop.storage import actions, drafts
    from desktop.storage.agenda import AgendaEntry, TimelineEntry
    from desktop.storage.board import BoardCard, StatusMove
    from desktop.storage.coming_up import ComingUp
    from desktop.storage.records import (
        ApplicationInput,
        ApplicationRecord,
        CompanyInput,
        CompanyRecord,
        ContactInput,
        ContactRecord,
        DueItem,
        InterviewInput,
        InterviewRecord,
        ReplyRecord,
        ReplyRecorded,
        SearchHit,
        Snapshot,
    )
    from desktop.storage.store import Store

from desktop.storage.records import ReplyInput, ValidationError


class JobSearch:
    """The window's services. The modules behind the verbs need SQLAlchemy, so each verb
    imports its module when first called: building a JobSearch and reading Today (plain
    sqlite3) cost the window's start-up nothing (tests/ui footprint and window_start)."""

    def __init__(self, store: Store, rules: RuleSettings, tz: tzinfo) -> None:
        self.store = store
        self.rules = rules
        self.tz = tz
        # "Now" for what depends on it (suggest_close, upcoming); tests replace it.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def _refresh(self, session: Session, application_ids: Iterable[int]) -> None:
        ids = sorted(set(application_ids))
        if ids:
            from desktop.storage.followups import refresh_followups

            refresh_followups(session, self.rules, self.tz, ids)

    # --- reading (paged: offset/limit, ordered by name or time; `text` filters) ---
    def count_companies(self, text: str = "") -> int:
        from desktop.storage import directory

        with self.store.read() as s:
            return directory.count_companies(s, text)

    def companies(self, offset: int = 0, limit: int = 200, text: str = "") -> list[CompanyRecord]:
        from desktop.storage import directory

        with self.store.read() as s:
            return directory.read_companies(s, offset, limit, text)

    def company(self, company_id: int) -> CompanyRecord | None:
        from desktop.storage import directory

        with self.store.read() as s:
            found = directory.read_companies(s, company_ids=[company_id])
        return found[0] if found else None

    def count_contacts(self, text: str = "", tag: str = "") -> int:
        from desktop.storage import directory

        with self.store.read() as s:
            return directory.count_contacts(s, text, tag)

    def contacts(
        self, offset: int = 0, limit: int = 200, text: str = "", tag: str = ""
    ) -> list[ContactRecord]:
        from desktop.storage import directory

        with self.store.read() as s:
            return directory.read_contacts(s, offset, limit, text, tag=tag)

    def tags(self, kind: str) -> list[str]:
        """The tags in use on applications (`kind` "application") or contacts."""
        from desktop.storage import directory

        with self.store.read() as s:
            return directory.tags_in_use(s, kind)

    def contact(self, contact_id: int) -> ContactRecord | None:
        from desktop.storage import directory

        with self.store.read() as s:
            found = directory.read_contacts(s, contact_id=contact_id)
        return found[0] if found else None

    def count_applications(self, status: str | None = None, tag: str = "") -> int:
        from desktop.storage import pipeline

        with self.store.read() as s:
            return pipeline.count_applications(s, status, tag)

    def applications(
        self, offset: int = 0, limit: int = 200, status: str | None = None, tag: str = ""
    ) -> list[ApplicationRecord]:
        from desktop.storage import pipeline

        with self.store.read() as s:
            return pipeline.read_applications(s, self.clock(), offset, limit, status, tag=tag)

    def application(self, application_id: int) -> ApplicationRecord | None:
        from desktop.storage import pipeline

        with self.store.read() as s:
            found = pipeline.read_applications(s, self.clock(), application_id=application_id)
        return found[0] if found else None

    def count_interviews(self, upcoming: bool | None = None, now: datetime | None = None) -> int:
        from desktop.storage import pipeline

        with self.store.read() as s:
            return pipeline.count_interviews(s, upcoming, now or self.clock())

    def interviews(
        self,
        offset: int = 0,
        limit: int = 200,
        upcoming: bool | None = None,
        now: datetime | None = None,
    ) -> list[InterviewRecord]:
        from desktop.storage import pipeline

        with self.store.read() as s:
            return pipeline.read_interviews(s, now or self.clock(), offset, limit, upcoming)

    def interview(self, interview_id: int) -> InterviewRecord | None:
        from desktop.storage import pipeline

        with self.store.read() as s:
            found = pipeline.read_interviews(s, self.clock(), interview_id=interview_id)
        return found[0] if found else None

    def replies(self, application_id: int) -> list[ReplyRecord]:
        from desktop.storage import pipeline

        with self.store.read() as s:
            return pipeline.read_replies(s, application_id)

    def today(self, now: datetime, limit: int = 500) -> list[DueItem]:
        """Follow-ups whose time has come, soonest deadline first (overdue ones lead)."""
        return read_due_file(self.store.path, now, limit)

    def today_page(self, now: datetime, limit: int) -> DuePage:
        """The `limit` soonest follow-ups due, and how many are due in all: overdue, due by
        the end of today, and later."""
        from desktop.core.calendar import end_of_day, local_date

        day_end = end_of_day(local_date(now, self.tz), self.tz)
        return read_due_page_file(self.store.path, now, limit, day_end)

    def coming_up(self, now: datetime, ahead: timedelta, limit: int = 50) -> ComingUp:
        """Reminders and interviews after `now` within `ahead`, and the next reminder's time."""
        from desktop.storage.coming_up import read_coming_up

        return read_coming_up(self.store.path, now, now + ahead, limit)

    def board(self, application_id: int | None = None) -> list[BoardCard]:
        """Every application as a board card (or the one asked for)."""
        from desktop.storage.board import read_board

        with self.store.read() as s:
            return read_board(s, self.clock(), self.tz, application_id)

    def agenda(self, start: datetime, end: datetime) -> list[AgendaEntry]:
        """Interviews, reminders and deadlines from `start` up to `end`."""
        from desktop.storage.agenda import read_agenda

        with self.store.read() as s:
            return read_agenda(s, start, end, self.clock())

    def timeline(self, contact_id: int) -> list[TimelineEntry]:
        """A contact's interviews, notes and replies, latest first."""
        from desktop.storage.agenda import read_timeline

        with self.store.read() as s:
            return read_timeline(s, contact_id)

    def progress(self, weeks: int = 12) -> ProgressFigures:
        """The funnel, weekly counts, replies by channel and formality, thank-yous."""
        from desktop.storage.progress import read_progress

        with self.store.read() as s:
            return read_progress(s, self.clock(), self.tz, weeks)

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        from desktop.storage import search as full_text

        with self.store.read() as s:
            return full_text.search(s, text, limit, self.tz)

    # --- saving (create when the id is None; returns the id; ValidationError names fields) ---
    def save_company(self, data: CompanyInput, company_id: int | None = None) -> int:
        from desktop.storage import directory

        with self.store.write() as s:
            new_id, _changed = directory.save_company(s, data, company_id)
            if company_id is not None:
                self._refresh(s, directory.applications_of_company(s, new_id))
            return new_id

    def save_contact(self, data: ContactInput, contact_id: int | None = None) -> int:
        from desktop.storage import directory

        with self.store.write() as s:
            new_id = directory.save_contact(s, data, contact_id)
            if contact_id is not None:
                self._refresh(s, directory.applications_of_contact(s, new_id))
            return new_id

    def save_application(self, data: ApplicationInput, application_id: int | None = None) -> int:
        from desktop.storage import pipeline

        with self.store.write() as s:
            new_id = pipeline.save_application(s, data, application_id)
            self._refresh(s, [new_id])
            return new_id

    def save_interview(self, data: InterviewInput, interview_id: int | None = None) -> int:
        from desktop.storage import pipeline

        with self.store.write() as s:
            new_id, touched = pipeline.save_interview(s, data, interview_id, self.tz)
            self._refresh(s, touched)
            return new_id

    # --- acting on follow-ups and applications ---
    def mark_sent(self, followup_id: int, at: datetime) -> None:
        from desktop.storage import actions

        with self.store.write() as s:
            self._refresh(s, [actions.mark_sent(s, followup_id, at)])

    def skip(self, followup_id: int) -> None:
        from desktop.storage import actions

        with self.store.write() as s:
            self._refresh(s, [actions.skip(s, followup_id)])

    def snooze(self, followup_id: int, until: datetime) -> None:
        from desktop.storage import actions

        with self.store.write() as s:
            actions.snooze(s, followup_id, until)

    def followup_state(self, followup_id: int) -> actions.FollowUpState:
        from desktop.storage import actions

        with self.store.read() as s:
            return actions.state_of(s, followup_id)

    def restore_followup(self, state: actions.FollowUpState) -> None:
        """Undo mark sent, skip or snooze: the follow-up and what the rules made of it."""
        from desktop.storage import actions

        with self.store.write() as s:
            self._refresh(s, [actions.restore_state(s, state)])

    def record_reply(
        self, application_id: int, received_at: datetime, note: str = "", outcome: str = "other"
    ) -> ReplyRecorded:
        """Record the employer's reply: it ends the check-ins, and its outcome sets the
        application's status. Pass the result to `undo_reply` to take it back."""
        from desktop.storage import pipeline

        with self.store.write() as s:
            recorded = pipeline.add_reply(s, application_id, ReplyInput(received_at, note, outcome))
            self._refresh(s, [application_id])
            return recorded

    def undo_reply(self, recorded: ReplyRecorded) -> None:
        """The reply was recorded by mistake: remove it, give back the status and check-ins."""
        from desktop.storage import pipeline

        with self.store.write() as s:
            pipeline.remove_reply(s, recorded)
            self._refresh(s, [recorded.application_id])

    def move_application(self, application_id: int, status: str) -> StatusMove:
        """A card dragged to another column: the status changes and the follow-up rules
        run again (closing ends the check-ins). Pass the result to `undo_move`."""
        from desktop.storage.board import set_status

        today = self.clock().astimezone(self.tz).date()
        with self.store.write() as s:
            move = set_status(s, application_id, status, today)
            self._refresh(s, [application_id])
            return move

    def undo_move(self, move: StatusMove) -> None:
        from desktop.storage.board import undo_status

        with self.store.write() as s:
            undo_status(s, move)
            self._refresh(s, [move.application_id])

    def close_application(
        self, application_id: int, status: str = "no_response", on: date | None = None
    ) -> None:
        from desktop.storage import pipeline

        day = on or self.clock().astimezone(self.tz).date()
        with self.store.write() as s:
            pipeline.close_application(s, application_id, status, day)
            self._refresh(s, [application_id])

    # --- drafts (the composer) ---
    def note_targets(self, followup_id: int) -> list[drafts.NoteTarget]:
        """The follow-up and the same note to the interview's other interviewers."""
        from desktop.storage import drafts

        with self.store.read() as s:
            return drafts.note_targets(s, followup_id)

    def save_draft(self, followup_id: int, subject: str, body_html: str) -> datetime:
        from desktop.storage import drafts

        with self.store.write() as s:
            return drafts.save_draft(s, followup_id, subject, body_html)

    def draft(self, followup_id: int) -> drafts.DraftRecord | None:
        from desktop.storage import drafts

        with self.store.read() as s:
            return drafts.read_draft(s, followup_id)

    def user_words(self) -> frozenset[str]:
        from desktop.storage import drafts

        with self.store.read() as s:
            return drafts.user_words(s)

    def add_user_word(self, word: str) -> frozenset[str]:
        from desktop.storage import drafts

        with self.store.write() as s:
            return drafts.add_user_word(s, word)

    # --- deleting, with undo ---
    def delete_company(self, company_id: int) -> Snapshot:
        return self._delete("companies", company_id, "company")

    def delete_contact(self, contact_id: int) -> Snapshot:
        return self._delete("contacts", contact_id, "contact")

    def delete_application(self, application_id: int) -> Snapshot:
        return self._delete("applications", application_id, "application")

    def delete_interview(self, interview_id: int) -> Snapshot:
        return self._delete("interviews", interview_id, "interview")

    def restore(self, snapshot: Snapshot) -> None:
        """Undo a delete: the rows come back with their ids, links and follow-ups."""
        from desktop.storage import deletion

        with self.store.write() as s:
            self._refresh(s, deletion.restore(s, snapshot))

    def _delete(self, table: str, row_id: int, what: str) -> Snapshot:
        from desktop.storage import deletion, directory

        with self.store.write() as s:
            snapshot = deletion.capture(s, table, row_id, what)
            if not snapshot.tables:
                raise ValidationError({"id": f"That {what} no longer exists"})
            gone = {r["id"] for r in snapshot.tables.get("applications", [])}
            # Applications that survive but lose an interview or an interviewer.
            affected: set[int] = set()
            if table == "interviews":
                affected = {r["application_id"] for r in snapshot.tables[table]}
            elif table == "contacts":
                affected = set(directory.applications_of_contact(s, row_id))
            affected -= gone
            if affected:
                snapshot = deletion.keep_before(s, snapshot, affected)
            deletion.delete_row(s, table, row_id)
            self._refresh(s, affected)
            return snapshot
