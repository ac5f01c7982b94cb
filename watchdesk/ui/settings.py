"""Every setting declared once, typed, with its default. Window state is kept apart from
user choices (its own QSettings group) so resetting one never loses the other."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "WatchDesk"
APPLICATION = "WatchDesk"


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(ORGANIZATION, APPLICATION)

    # -- window state ------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)

    # -- user choices ------------------------------------------------------------------------
    def last_page(self) -> int:
        value = self._store.value("choices/last_page", 0)
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 0

    def set_last_page(self, index: int) -> None:
        self._store.setValue("choices/last_page", index)

    def backup_minutes(self) -> int:
        """While data changes, a backup at most this often (at least every 2 minutes)."""
        value = self._store.value("choices/backup_minutes", 10)
        try:
            return max(2, int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 10

    def set_backup_minutes(self, minutes: int) -> None:
        self._store.setValue("choices/backup_minutes", max(2, int(minutes)))

    def tile_url(self) -> str:
        """The map tile URL template ({z}/{x}/{y}); the only network address the app uses."""
        from watchdesk.ui.context import DEFAULT_TILE_URL

        value = self._store.value("choices/tile_url", DEFAULT_TILE_URL)
        return (
            value if isinstance(value, str) and value.startswith("https://") else DEFAULT_TILE_URL
        )

    def streets_geojson(self) -> Path | None:
        """A GeoJSON file of street lines (a city's open-data centre lines) the maps draw when
        tiles cannot be loaded, and the printed maps always; None when none was chosen."""
        value = self._store.value("choices/streets_geojson", "")
        return Path(value) if isinstance(value, str) and value else None

    def set_streets_geojson(self, path: Path | None) -> None:
        self._store.setValue("choices/streets_geojson", str(path) if path else "")

    def tile_folder(self) -> Path:
        """Map tiles on this computer ({z}/{x}/{y}.png) for the printed maps and for the map
        when online tiles cannot be loaded; by default the per-user ``tiles`` folder."""
        from watchdesk.paths import tile_folder

        value = self._store.value("choices/tile_folder", "")
        return Path(value) if isinstance(value, str) and value else tile_folder()

    def set_tile_folder(self, path: Path | None) -> None:
        self._store.setValue("choices/tile_folder", str(path) if path else "")

    def set_tile_url(self, url: str) -> None:
        """Keep an https:// template; anything else (blank) goes back to the default."""
        url = url.strip()
        if url.startswith("https://"):
            self._store.setValue("choices/tile_url", url)
        else:
            self._store.remove("choices/tile_url")

    def report_choices(self) -> dict[str, str]:
        """The Reports page's last choices (report, period, options, folder), as text."""
        self._store.beginGroup("choices/reports")
        try:
            return {key: str(self._store.value(key)) for key in self._store.childKeys()}
        finally:
            self._store.endGroup()

    def set_report_choices(self, choices: dict[str, str]) -> None:
        self._store.beginGroup("choices/reports")
        for key, value in choices.items():
            self._store.setValue(key, value)
        self._store.endGroup()

    def last_opened(self, database: Path) -> dt.datetime | None:
        """When this database file was last opened (UTC), or None: never, here."""
        value = self._store.value(_opened_key(database))
        try:
            moment = dt.datetime.fromisoformat(str(value)) if value is not None else None
        except ValueError:
            return None
        return moment if moment is None or moment.tzinfo is not None else None

    def set_last_opened(self, database: Path, moment: dt.datetime) -> None:
        self._store.setValue(_opened_key(database), moment.astimezone(dt.UTC).isoformat())

    def sync(self) -> None:
        self._store.sync()


def _opened_key(database: Path) -> str:
    """One key per file, by its resolved path (hashed: a path is no valid settings key)."""
    digest = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:32]
    return f"files/{digest}/last_opened"
