"""Every setting declared once, typed, with its default. Window state is kept apart from
user choices (its own QSettings group) so resetting one never loses the other."""

from __future__ import annotations

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

    def set_tile_url(self, url: str) -> None:
        """Keep an https:// template; anything else (blank) goes back to the default."""
        url = url.strip()
        if url.startswith("https://"):
            self._store.setValue("choices/tile_url", url)
        else:
            self._store.remove("choices/tile_url")

    def tile_folder(self) -> Path | None:
        """The folder of map tiles printed maps are drawn over (None: the data folder's
        ``tiles``); nothing is downloaded into it."""
        value = self._store.value("choices/tile_folder", "")
        return Path(value) if isinstance(value, str) and value.strip() else None

    def set_tile_folder(self, folder: str) -> None:
        self._store.setValue("choices/tile_folder", folder.strip())

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

    def sync(self) -> None:
        self._store.sync()
