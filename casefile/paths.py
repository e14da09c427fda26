"""Where the bundled folders live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _bundled(name: str) -> Path:
    # A wheel carries the folders inside the package (see pyproject's force-include);
    # a checkout has them at the top level beside the package.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Casefile's '{name}' folder is missing from this installation; reinstall Casefile.")


def migrations_dir() -> Path:
    return _bundled("migrations")


def resources_dir() -> Path:
    return _bundled("resources")


def reference_file(name: str) -> Path:
    return resources_dir() / "reference" / name


def font_file(name: str) -> Path:
    return resources_dir() / "fonts" / name


def user_guide() -> Path:
    """docs/user-guide.md, which Help › User Guide shows (a wheel carries it under _bundled/docs)."""
    return _bundled("docs") / "user-guide.md"
