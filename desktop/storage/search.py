"""Search as you type over the FTS5 index the triggers of migration 0002 keep in step."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.storage.models import Application, Company, Contact, Interview
from desktop.storage.records import SearchHit

# How a snippet marks the words that matched.
MATCH_START, MATCH_END = "[", "]"
_WORD = re.compile(r"\w+", re.UNICODE)

_SELECT = (
    "SELECT kind, ref, snippet(search_index, -1, :start, :end, '…', 12) AS snippet "
    "FROM search_index WHERE search_index MATCH :query "
)
# bm25 weights: kind, ref (unindexed), title counts ten times the body.
_BEST_FIRST = "ORDER BY bm25(search_index, 0.0, 0.0, 10.0, 1.0), rowid LIMIT :limit"
_QUERY = text(_SELECT + _BEST_FIRST)
# Newest first: ids grow, and the rowid is the row's id * 8 + its kind.
_NEWEST_FIRST = text(_SELECT + "ORDER BY rowid DESC LIMIT :limit")


def match_expression(typed: str) -> str | None:
    """Each word the user typed as a quoted prefix term, all required; None if no words.

    Only word characters reach FTS5, each inside double quotes, so input such as `"`,
    `AND(` or `NEAR` is searched as text and never read as query syntax.
    """
    words = _WORD.findall(typed)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def search(session: Session, typed: str, limit: int = 50, tz: tzinfo = UTC) -> list[SearchHit]:
    """Best matches first: companies, contacts, applications and interviews."""
    query = match_expression(typed)
    if query is None or limit <= 0:
        return []
    marks = {"start": MATCH_START, "end": MATCH_END}
    if len("".join(_WORD.findall(typed))) > 1:
        rows = list(session.execute(_QUERY, {"query": query, "limit": limit, **marks}))
    else:
        # The first letter typed matches most of a large index, and ranking every match
        # costs far more than a keystroke may (bm25 reads each entry's size: 50 ms at
        # 50,000 notes). Names, companies and roles are what one letter is meant to find:
        # the best title matches, then (if too few) the newest entries that mention it.
        titled = f"title : {query}"
        rows = list(session.execute(_QUERY, {"query": titled, "limit": limit, **marks}))
        if len(rows) < limit:
            rest = f"{query} NOT ({titled})"
            rows += session.execute(
                _NEWEST_FIRST, {"query": rest, "limit": limit - len(rows), **marks}
            )
    titles = _titles(session, rows, tz)
    hits = []
    for kind, ref, snippet in rows:
        title = titles.get((kind, int(ref)))
        if title is not None:
            hits.append(SearchHit(kind=kind, id=int(ref), title=title, snippet=snippet or ""))
    return hits


def _titles(session: Session, rows: Sequence[Any], tz: tzinfo) -> dict[tuple[str, int], str]:
    """What to call each hit, read from the live rows in one query per kind."""
    wanted: dict[str, list[int]] = {}
    for kind, ref, _snippet in rows:
        wanted.setdefault(kind, []).append(int(ref))
    out: dict[tuple[str, int], str] = {}
    if ids := wanted.get("company"):
        for row_id, name in session.execute(
            select(Company.id, Company.name).where(Company.id.in_(ids))
        ):
            out["company", row_id] = name
    if ids := wanted.get("contact"):
        for row_id, name, company in session.execute(
            select(Contact.id, Contact.name, Company.name)
            .outerjoin(Company, Company.id == Contact.company_id)
            .where(Contact.id.in_(ids))
        ):
            out["contact", row_id] = f"{name} ({company})" if company else name
    if ids := wanted.get("application"):
        for row_id, role, company in session.execute(
            select(Application.id, Application.role, Company.name)
            .join(Company, Company.id == Application.company_id)
            .where(Application.id.in_(ids))
        ):
            out["application", row_id] = f"{role} at {company}"
    if ids := wanted.get("interview"):
        for row_id, kind, starts_at, role, company in session.execute(
            select(
                Interview.id, Interview.kind, Interview.starts_at, Application.role, Company.name
            )
            .join(Application, Application.id == Interview.application_id)
            .join(Company, Company.id == Application.company_id)
            .where(Interview.id.in_(ids))
        ):
            label = kind.replace("_", " ").capitalize()
            out["interview", row_id] = (
                f"{label} interview, {role} at {company} ({starts_at.astimezone(tz):%Y-%m-%d})"
            )
    return out
