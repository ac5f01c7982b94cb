"""The package list, which pyproject.toml cannot say alone: the top-level ``resources/``
folder (icons, the desktop entry, later translations) is installed as the package
``watchdesk.resources``, so ``importlib.resources`` finds it in a wheel, an editable install
and a frozen build alike."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["watchdesk", "watchdesk.*"]), "watchdesk.resources"],
    package_dir={"watchdesk.resources": "resources"},
)
