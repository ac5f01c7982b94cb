"""The map in the app: a hardened QtWebEngine view of a page built by ``maps.build``.

- The page is served from a private file (``setHtml`` fails above 2 MB, docs/pitfalls.md).
- The only network traffic allowed is map tiles from the configured tile host, sent with a
  User-Agent naming WatchDesk and a Referer, as the OpenStreetMap tile policy asks. Every other
  remote request is blocked; the view opens no windows and does not navigate away (a link in
  the attribution opens in the user's browser).
- Local files: the map page itself, and images from the tile folder on this computer (the
  offline fallback); any other local file the page asks for is blocked.
- The page reaches the app only through :class:`MapBridge`: three slots, checking what they
  are given. There is no general JavaScript access to the app.

QtWebEngine is imported here only: the page creates this view when the map is first shown.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from watchdesk import __version__

USER_AGENT = f"WatchDesk/{__version__} (neighbourhood-watch desktop app; QtWebEngine)"
LOCAL_SCHEMES = {"file", "qrc", "data", "blob"}
# Links the map itself shows (the attribution), opened in the user's browser when clicked.
ATTRIBUTION_HOSTS = {"www.openstreetmap.org", "leafletjs.com"}


class MapBridge(QObject):
    """What the map page may tell the app: an observation was clicked, a point was picked."""

    observation_chosen = Signal(int)
    point_picked = Signal(float, float)
    tiles_unavailable = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.known_ids: frozenset[int] = frozenset()

    # camelCase: the names the page's JavaScript calls.
    @Slot(int)
    def openObservation(self, observation_id: int) -> None:
        if isinstance(observation_id, int) and observation_id in self.known_ids:
            self.observation_chosen.emit(observation_id)

    @Slot()
    def tilesUnavailable(self) -> None:
        """The page's tiles failed (offline, or the server refusing): the map now shows its
        fallback and says so; the app says so beside it."""
        self.tiles_unavailable.emit()

    @Slot(float, float)
    def pickPoint(self, latitude: float, longitude: float) -> None:
        if (
            isinstance(latitude, float | int)
            and isinstance(longitude, float | int)
            and math.isfinite(latitude)
            and math.isfinite(longitude)
            and -90 <= latitude <= 90
            and -180 <= longitude <= 180
        ):
            self.point_picked.emit(float(latitude), float(longitude))


class TileOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Lets local content and the tile host through; tags tile requests; blocks the rest."""

    def __init__(self, tile_url: str, referer: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # "{s}.tile.example.org" templates spread requests over subdomains.
        host = urlsplit(tile_url.replace("{s}", "a")).hostname or ""
        self.tile_host = host.split(".", 1)[1] if "{s}" in tile_url else host
        self.referer = referer
        self.blocked: list[str] = []
        self.tiles_requested = 0
        self.tile_folders: set[Path] = set()  # tiles on this computer the page may show

    def allows(self, url: QUrl, main_frame: bool = True) -> bool:
        if url.scheme() == "file" and not main_frame:
            path = Path(url.toLocalFile()).resolve()
            return path.suffix.lower() == ".png" and any(
                path.is_relative_to(folder) for folder in self.tile_folders
            )
        if url.scheme() in LOCAL_SCHEMES:
            return True
        host = url.host()
        return (
            url.scheme() == "https"
            and bool(self.tile_host)
            and (host == self.tile_host or host.endswith("." + self.tile_host))
        )

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        main_frame = (
            info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame
        )
        if not self.allows(url, main_frame):
            self.blocked.append(url.toString())
            info.block(True)
            return
        if url.scheme() == "https":
            self.tiles_requested += 1
            info.setHttpHeader(b"User-Agent", USER_AGENT.encode())
            info.setHttpHeader(b"Referer", self.referer.encode())


class _MapPage(QWebEnginePage):
    """Stays on the map: other navigations are refused (http links go to the browser)."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.map_url = QUrl()

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if not main_frame or url == self.map_url or url.scheme() in ("data", "about"):
            return True
        clicked = kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
        if clicked and url.scheme() == "https" and url.host() in ATTRIBUTION_HOSTS:
            QDesktopServices.openUrl(url)
        return False

    def createWindow(  # type: ignore[override]
        self, _kind: QWebEnginePage.WebWindowType
    ) -> QWebEnginePage | None:
        return None  # no new windows, whatever the page asks


_PROFILES: dict[tuple[str, str], tuple[QWebEngineProfile, TileOnlyInterceptor]] = {}


def map_profile(tile_url: str, referer: str) -> tuple[QWebEngineProfile, TileOnlyInterceptor]:
    """One off-the-record profile (no cookies or cache on disk) per tile server, living as long
    as the application: Qt wants every page gone before its profile is deleted."""
    key = (tile_url, referer)
    if key not in _PROFILES:
        profile = QWebEngineProfile(QCoreApplication.instance())
        profile.setHttpUserAgent(USER_AGENT)
        interceptor = TileOnlyInterceptor(tile_url, referer, profile)
        profile.setUrlRequestInterceptor(interceptor)
        _PROFILES[key] = (profile, interceptor)
    return _PROFILES[key]


def release_web_views() -> None:
    """At shutdown: delete every map view (and so its page), then the profiles. Left to the
    application's own teardown, the profiles can go first and Qt warns of trouble."""
    for window in QApplication.topLevelWidgets():
        for view in window.findChildren(MapView):
            if shiboken6.isValid(view):
                shiboken6.delete(view)
    for profile, _interceptor in _PROFILES.values():
        if shiboken6.isValid(profile):
            shiboken6.delete(profile)
    _PROFILES.clear()


class MapView(QWebEngineView):
    loaded = Signal(bool)

    def __init__(self, tile_url: str, referer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile, self.interceptor = map_profile(tile_url, referer)
        self.map_page = _MapPage(self.profile, self)
        settings = self.map_page.settings()
        attribute = QWebEngineSettings.WebAttribute
        for name, value in (
            (attribute.JavascriptCanOpenWindows, False),
            (attribute.JavascriptCanAccessClipboard, False),
            # The offline fallback's tiles are files; the interceptor lets through only those.
            (attribute.LocalContentCanAccessFileUrls, True),
            # Tiles are remote; the interceptor lets through the tile host and nothing else.
            (attribute.LocalContentCanAccessRemoteUrls, True),
            (attribute.PluginsEnabled, False),
            (attribute.AllowRunningInsecureContent, False),
            (attribute.AllowGeolocationOnInsecureOrigins, False),
            (attribute.FocusOnNavigationEnabled, False),
        ):
            settings.setAttribute(name, value)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("watchdesk", self.bridge)
        self.map_page.setWebChannel(self.channel)
        self.setPage(self.map_page)
        self.map_page.loadFinished.connect(self._load_finished)
        self.last_load: bool | None = None  # None while a map is loading
        self._centre: tuple[float, float, int] | None = None  # asked for while loading

    def _load_finished(self, ok: bool) -> None:
        self.last_load = ok
        self.loaded.emit(ok)
        if ok and self._centre is not None:
            self.centre_on(*self._centre)

    def allow_tile_folder(self, folder: Path) -> None:
        """Let the page show tiles from ``folder`` (the offline fallback)."""
        self.interceptor.tile_folders.add(folder.resolve())

    def centre_on(self, latitude: float, longitude: float, observation_id: int) -> None:
        """Centre the map on an observation (its marker's popup open when it is shown); while
        a map is loading, once it has loaded."""
        if self.last_load is None:
            self._centre = (latitude, longitude, observation_id)
            return
        self._centre = None
        script = (
            "window.watchdeskCentre && "
            f"window.watchdeskCentre({float(latitude)!r}, {float(longitude)!r}, "
            f"{int(observation_id)})"
        )
        self.map_page.runJavaScript(script, 0)

    def show_file(self, path: Path, observation_ids: frozenset[int]) -> None:
        self.last_load = None
        self.bridge.known_ids = observation_ids
        url = QUrl.fromLocalFile(str(path))
        self.map_page.map_url = url
        self.map_page.load(url)
