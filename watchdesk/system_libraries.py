"""The system libraries Qt (PySide6) loads, and the Debian package of each: when one is
missing at start-up, WatchDesk says which package to install instead of failing with an
unexpected error. The same packages are listed in packaging/debian-packages.txt, which
``make`` installs (a test keeps the two in step)."""

from __future__ import annotations

import re

# Found with ldd on PySide6's Qt libraries, platform plugins and QtWebEngineProcess in a
# minimal Debian 12.
DEBIAN_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXext.so.6": "libxext6",
    "libXfixes.so.3": "libxfixes3",
    "libXrandr.so.2": "libxrandr2",
    "libXtst.so.6": "libxtst6",
    "libasound.so.2": "libasound2",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgbm.so.1": "libgbm1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libnspr4.so": "libnspr4",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-dri3.so.0": "libxcb-dri3-0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbfile.so.1": "libxkbfile1",
}

# The dynamic loader's words: "libEGL.so.1: cannot open shared object file: No such file…"
_MISSING = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def missing_library(error: BaseException) -> str | None:
    """The shared library whose absence ``error`` (an ImportError or OSError) reports."""
    if not isinstance(error, ImportError | OSError):
        return None
    found = _MISSING.search(str(error))
    return found.group(1) if found else None


def explain_missing_library(error: BaseException) -> str | None:
    """One line naming the library and the Debian package to install; None when ``error``
    is not about a missing shared library."""
    library = missing_library(error)
    if library is None:
        return None
    package = DEBIAN_PACKAGES.get(library)
    if package is None:
        return (
            f"WatchDesk needs the system library {library}, which is not installed: "
            f"find its package with: apt-file search {library}"
        )
    return (
        f"WatchDesk needs the system library {library}: install it with: "
        f"sudo apt-get install {package}"
    )
