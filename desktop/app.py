"""An open Afterword data directory: paths, database, settings and the user's time zone.

The window, the tray and the command line each open one of these at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from desktop.core.settings import RuleSettings, UserProfile
from desktop.platform.paths import AppPaths

if TYPE_CHECKING:
    from desktop.storage.store import Store


@dataclass
class Workspace:
    paths: AppPaths
    store: Store
    rules: RuleSettings
    profile: UserProfile
    tz: tzinfo

    def reload_settings(self) -> None:
        from desktop.platform.timezone import user_timezone
        from desktop.storage.settings_values import read_settings_file

        self.rules, self.profile = read_settings_file(self.paths.database)
        self.tz = user_timezone(self.profile.timezone)

    def save_settings(self, profile: UserProfile, rules: RuleSettings) -> None:
        """Store new settings and re-apply the rules to every application (times move)."""
        from desktop.platform.timezone import user_timezone
        from desktop.storage.followups import refresh_followups
        from desktop.storage.settings_store import save_profile, save_rules

        tz = user_timezone(profile.timezone)  # refuse an unknown zone before writing
        with self.store.write() as session:
            save_profile(session, profile)
            save_rules(session, rules)
            refresh_followups(session, rules, tz)
        self.reload_settings()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(paths: AppPaths, *, quick_check: bool = False) -> Workspace:
    """Create the directories, migrate the database if needed, and read the settings."""
    from desktop.storage.store import open_store

    paths.create()
    store = open_store(paths.database, paths.backups, quick_check=quick_check)
    workspace = Workspace(paths, store, RuleSettings(), UserProfile(), tz=_utc())
    try:
        workspace.reload_settings()
        # Deadlines computed in another zone (the machine moved) keep their day where the
        # user is now: "end of Monday" stays Monday (storage.follow_zone).
        from desktop.storage.follow_zone import follow_zone_change

        follow_zone_change(paths.database, workspace.rules, workspace.tz)
    except Exception:
        store.close()
        raise
    return workspace


def _utc() -> tzinfo:
    from datetime import UTC

    return UTC
