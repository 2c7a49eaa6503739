"""Managing whole live blogs: finding one by what the user typed, renaming, marking every
entry read, and removing one safely.

The one rule for removing, shared by `liveread remove` and the app: a blog that holds
annotations (tags, highlights, notes, stars, key events) is removed only after the user said
yes (or `--force`), and never before its annotations were written to a JSON export beside the
database; that file is written and closed first, and only then is anything deleted, in one
transaction. `plan_removal` decides (pure reads); `remove` does. Blocking: call it from a
worker thread in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import InputError, NotFoundError
from liveread.kernel.model import Source
from liveread.kernel.text import clean_line
from liveread.services.locations import location_of
from liveread.services.wording import plural

if TYPE_CHECKING:
    from liveread.storage import Store
    from liveread.storage.source_admin import Holdings


def find_source(store: Store, text: str) -> Source:
    """The live blog `text` names: its id, its file, URL or `sample:<file>`, or its title
    (or the user's name for it) when exactly one blog has it.

    `NotFoundError` naming `text` otherwise (two blogs of one title: use the id).
    """
    wanted = text.strip()
    sources = store.sources()
    if wanted.isdigit():
        found = next((s for s in sources if s.id == int(wanted)), None)
        if found is not None:
            return found
    try:
        location = location_of(wanted) if wanted else ""
    except InputError:
        location = wanted
    for source in sources:
        if source.location in (wanted, location):
            return source
    folded = clean_line(wanted).casefold()
    titled = [s for s in sources if clean_line(s.title).casefold() == folded]
    if len(titled) == 1:
        return titled[0]
    if titled:
        ids = ", ".join(str(s.id) for s in titled)
        raise NotFoundError(
            f"{clean_line(wanted)}: {len(titled)} live blogs have that title (ids {ids});"
            " name one by its id"
        )
    raise NotFoundError(f"{clean_line(wanted)}: no such live blog (see 'liveread sources')")


def rename(store: Store, source_id: int, name: str) -> Source:
    """Give a live blog the user's name (cleaned to one line); blank goes back to the page's
    own title. The blog as stored now."""
    store.rename_source(source_id, clean_line(name) or None)
    return store.source(source_id)


def mark_read(store: Store, source_id: int) -> int:
    """Mark every entry of a live blog read; how many were unread."""
    return store.mark_source_read(source_id)


@dataclass(frozen=True, slots=True)
class Removal:
    """What removing one live blog would do, decided before anything is written."""

    source: Source
    """The blog."""
    holdings: Holdings
    """What the user attached to it."""
    export_path: Path | None
    """Where its annotations will be exported first (None when it holds none)."""

    @property
    def must_ask(self) -> bool:
        """True when the user must agree first: the blog holds annotations."""
        return self.holdings.any

    def question(self) -> str:
        """The question asked before removing a blog that holds annotations."""
        h = self.holdings
        parts = [
            plural(n, one, many)
            for n, one, many in (
                (h.highlights, "highlight", "highlights"),
                (h.notes, "note", "notes"),
                (h.tagged, "tagged entry", "tagged entries"),
                (h.marked, "starred or key entry", "starred or key entries"),
            )
            if n
        ]
        return (
            f"Remove this live blog and its {', '.join(parts)}? They are exported to"
            f" {self.export_path} first."
        )


def export_path_for(store: Store, source: Source, now: datetime | None = None) -> Path:
    """A new file beside the database for a removed blog's annotations (never one that is
    there already: the name carries the blog's id and the time, and a count if need be)."""
    from liveread.export.files import safe_stem

    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    stem = f"removed-{source.id}-{safe_stem(source.title)}-{stamp}"
    directory = store.path.parent
    for n in range(1, 1000):
        path = directory / f"{stem}{'' if n == 1 else f'-{n}'}.json"
        if not path.exists():
            return path
    raise InputError(str(directory / f"{stem}.json"), "no free file name left")


def plan_removal(store: Store, source_id: int, now: datetime | None = None) -> Removal:
    """Decide what removing a live blog takes: whether to ask, and where the export goes."""
    source = store.source(source_id)
    holdings = store.holdings(source_id)
    path = export_path_for(store, source, now) if holdings.any else None
    return Removal(source, holdings, path)


@dataclass(frozen=True, slots=True)
class Removed:
    """What removing a live blog did."""

    source: Source
    """The blog removed."""
    entries: int
    """How many entries went with it."""
    exported: Path | None
    """The JSON export of its annotations, written before the delete (None: it held none)."""

    def summary(self) -> str:
        """`Removed "Title" (120 entries); annotations exported to PATH`."""
        text = f"Removed {clean_line(self.source.title)!r} ({self.entries} entries)"
        if self.exported is not None:
            text += f"; its annotations were exported to {self.exported}"
        return text


def remove(store: Store, removal: Removal) -> Removed:
    """Export the blog's annotations (if it holds any) to `removal.export_path`, then delete
    it. The delete never runs if the export could not be written. What it holds is counted
    again here: annotations another liveread added since the plan was made are exported too.
    """
    from liveread.services import exporting

    source = removal.source
    path: Path | None = None
    holdings = store.holdings(source.id)
    if holdings.any:
        path = removal.export_path or export_path_for(store, source)
        (text,) = exporting.render(exporting.select_groups(store, source.id), "json")
        exporting.write(path, text, force=False)
    # Deleted only if the blog still holds what was exported (another process may annotate).
    entries = store.delete_source(source.id, expect=holdings)
    return Removed(source, entries, path)

