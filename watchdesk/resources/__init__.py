"""Assets shipped inside the package, loaded with importlib.resources (works when frozen)."""

from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    return Path(str(resources.files(__name__) / name))
