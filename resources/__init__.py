"""Assets shipped with the program, found with importlib.resources (installed, editable or frozen).

The sources live in the repository's top-level ``resources/`` folder; pyproject.toml maps that
folder to the ``watchdesk.resources`` package, so a wheel carries them inside the package:

- ``icons/`` the application icon (``watchdesk.svg``);
- ``desktop/`` the freedesktop.org entry (``watchdesk.desktop``);
- ``translations/`` (to come) Qt translation files.

An asset is asked for by its file name (``resource_path("watchdesk.svg")``) or by its path in
this folder (``resource_path("icons/watchdesk.svg")``).
"""

from importlib import resources
from pathlib import Path, PurePosixPath

# The folder each kind of asset lives in, by file name suffix.
_FOLDERS = {".svg": "icons", ".png": "icons", ".desktop": "desktop", ".qm": "translations"}


def resource_path(name: str) -> Path:
    """The file of the asset ``name``: a file name, or a path below this folder."""
    relative = PurePosixPath(name)
    if len(relative.parts) == 1 and relative.suffix in _FOLDERS:
        relative = PurePosixPath(_FOLDERS[relative.suffix], name)
    return Path(str(resources.files(__name__).joinpath(*relative.parts)))
