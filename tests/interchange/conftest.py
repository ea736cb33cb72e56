"""Helpers for the importer tests: run a file through the one import path, read it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
OWN_EMAILS = ("alex.morgan.jobs@gmail.com", "Alex@AlexMorgan.dev")


def parse(ws: Any, data: bytes, source: str, fmt: str, **options: Any) -> Any:
    from desktop.interchange.formats import detect_and_parse
    from desktop.interchange.lookup import load_existing

    with ws.store.read() as session:
        existing = load_existing(session, ws.tz)
    options.setdefault("own_emails", OWN_EMAILS)
    return detect_and_parse(data, source, fmt, tz=ws.tz, existing=existing, **options)


@pytest.fixture
def load(workspace: Any) -> Callable[..., Any]:
    """Import a fixture file (a name in tests/data) or raw bytes into the workspace."""
    from desktop.interchange.document_import import import_document

    def run(name: str | bytes, fmt: str, *, dry_run: bool = False, **options: Any) -> Any:
        if isinstance(name, bytes):
            data, source = name, "<test data>"
        else:
            data, source = (DATA / name).read_bytes(), name
        document = parse(workspace, data, source, fmt, **options)
        return import_document(
            workspace.store, document, workspace.rules, workspace.tz, dry_run=dry_run
        )

    return run


@pytest.fixture
def snapshot(workspace: Any) -> Callable[[], dict[str, Any]]:
    """The whole database as the exported JSON document."""
    from desktop.interchange.document_export import export_document

    def take() -> dict[str, Any]:
        with workspace.store.read() as session:
            return export_document(session, workspace.tz)

    return take


def by_name(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Contacts by name, each with its company's name."""
    companies = {c["id"]: c["name"] for c in doc["companies"]}
    return {
        p["name"]: {**p, "company_name": companies.get(p.get("company", ""))}
        for p in doc["contacts"]
    }
