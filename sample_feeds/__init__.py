"""The live blogs bundled with liveread, imported on first run so a new user sees something.

The stories are invented by the liveread team.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

FIRST_RUN_EXCLUDE = {"harbour-storm-later.txt"}
"""Files kept for tests and demos that are not imported on first run (a later snapshot)."""


def bundled_files() -> list[Path]:
    """Every sample live blog shipped in the package, sorted by name."""
    root = resources.files(__name__)
    return sorted(
        Path(str(item))
        for item in root.iterdir()
        if item.is_file() and not item.name.startswith(("_", "."))
        and not item.name.endswith(".py")
    )


FIRST_SHOWN = "harbour-storm.txt"
"""The sample a new user sees first: the longest story, with times, edits and quotes."""


def first_run_files() -> list[Path]:
    """The samples imported into an empty database, the one to show first at the front."""
    files = [p for p in bundled_files() if p.name not in FIRST_RUN_EXCLUDE]
    return sorted(files, key=lambda p: p.name != FIRST_SHOWN)


def sample_path(name: str) -> Path | None:
    """The installed file of the bundled sample called `name`, or None if there is none."""
    return next((path for path in bundled_files() if path.name == name), None)
