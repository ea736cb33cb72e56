"""The user's own templates travel in the JSON export and come back with its import
(issue 14, item 13): a JSON backup gives back everything the user made, and never
overwrites a template the user already has."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.app import open_workspace
from desktop.interchange.document_import import import_document
from desktop.interchange.export_files import export_file
from desktop.interchange.formats import detect_and_parse
from desktop.interchange.lookup import load_existing
from desktop.platform.paths import resolve_paths

# A user template as TemplateLibrary.copy_to_user leaves one: the built-in thank-you with
# its title line changed (desktop/resources/templates/notes/thank_you_casual.j2 is the model).
SOURCE = (
    Path(__file__).resolve().parents[2] / "desktop/resources/templates/notes/thank_you_casual.j2"
)


def _import(ws, data: bytes, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    with ws.store.read() as session:
        existing = load_existing(session, ws.tz)
    document = detect_and_parse(data, "backup.json", "json", tz=ws.tz, existing=existing)
    return import_document(ws.store, document, ws.rules, ws.tz, dry_run=dry_run)


def test_json_export_carries_the_users_templates_and_import_brings_them_back(workspace, tmp_path):
    mine = SOURCE.read_text(encoding="utf-8").replace("Thank", "Warm thank", 1)
    folder = workspace.paths.user_templates
    folder.mkdir()
    (folder / "warm_thanks.j2").write_text(mine, encoding="utf-8")
    out = tmp_path / "backup.json"

    export_file(workspace, "json", out)

    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["templates"] == [{"name": "warm_thanks", "text": mine}]

    other = open_workspace(resolve_paths(tmp_path / "other"))
    try:
        dry = _import(other, out.read_bytes(), dry_run=True)
        assert dry.counts["templates"]["created"] == 1
        assert not other.paths.user_templates.exists()  # a dry run writes nothing
        done = _import(other, out.read_bytes())
        restored = other.paths.user_templates / "warm_thanks.j2"
        assert restored.read_text(encoding="utf-8") == mine
        assert restored.stat().st_mode & 0o777 == 0o600
        assert "  templates     1 new, 0 updated, 0 unchanged" in done.lines()

        # The user changes theirs; importing the old backup again keeps the user's text.
        restored.write_text("{% block subject %}Mine{% endblock %}", encoding="utf-8")
        again = _import(other, out.read_bytes())
        assert restored.read_text(encoding="utf-8") == "{% block subject %}Mine{% endblock %}"
        assert any("'warm_thanks'" in w and "yours was kept" in w for w in again.warnings)
    finally:
        other.close()


def test_a_bad_template_entry_refuses_the_file_by_its_path(workspace):
    from desktop.interchange.errors import InterchangeError

    data = json.dumps(
        {"format": "afterword", "version": 1, "templates": [{"name": "../evil", "text": "x"}]}
    ).encode()
    try:
        _import(workspace, data)
    except InterchangeError as exc:
        assert exc.problems[0].startswith("templates[0].name:")
    else:
        raise AssertionError("a template named '../evil' was accepted")
    assert not workspace.paths.user_templates.exists()
