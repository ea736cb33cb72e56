"""Where Afterword keeps its files: platformdirs, unless --data-dir or AFTERWORD_DATA_DIR say."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Afterword"
DATA_DIR_ENV = "AFTERWORD_DATA_DIR"
DATABASE_NAME = "afterword.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    backups: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / DATABASE_NAME

    @property
    def user_templates(self) -> Path:
        return self.data / "templates"

    def create(self) -> AppPaths:
        """Make the data and log directories, private to the user (0700), and take group
        and other permissions off the database files an older version left readable.

        Only when the app starts, never at import. The folder of backups is made when a
        backup is written (storage.backups), which says clearly when something is in its way.
        """
        from desktop.files import make_private, make_private_dir

        for directory in (self.data, self.logs):
            make_private_dir(directory)
        if self.backups.is_dir():
            make_private(self.backups)
            for backup in self.backups.glob("*.sqlite3*"):
                make_private(backup)
        for suffix in ("", "-wal", "-shm"):
            make_private(self.data / (DATABASE_NAME + suffix))
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The directories to use: an explicit data directory holds everything, backups and
    logs included; otherwise the OS conventions via platformdirs."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or None
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data=root, backups=root / "backups", logs=root / "logs")
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return AppPaths(
        data=data,
        backups=data / "backups",
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def app_icon_file() -> Path:
    """The app's icon as one file a notification can show: the 256 px PNG a bundle carries
    (Windows toasts take no SVG), else the SVG source it is made from."""
    from desktop.resources import resource_path

    icons = resource_path("icons")
    png = icons / "afterword.png"
    return png if png.is_file() else icons / "afterword.svg"
