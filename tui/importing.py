"""Reading live blogs into the store for the app: the first run, `liveread PATH|URL`, reload.

Everything here blocks on files, the network or SQLite: call it from a worker thread only.
The work itself is `liveread.services.sources`, the same as `liveread import`: a URL is
fetched (no transaction open while waiting) and then imported in one short transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from liveread.kernel.model import ImportResult
from liveread.kernel.progress import Phase, Progress
from liveread.kernel.settings import DEFAULT_MAX_PAGES
from liveread.services import sources
from liveread.services.locations import is_url, location_of
from liveread.services.sources import ReloadReport
from liveread.services.sync import FetchLimits, body_caps
from liveread.storage import Store

__all__ = [
    "ReloadReport",
    "import_samples",
    "import_source",
    "is_url",
    "location_of",
    "progress_notice",
    "reload_all",
    "reload_sources",
]


def import_source(
    store: Store,
    source: str,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    limits: FetchLimits | None = None,
    progress: Progress | None = None,
) -> int:
    """Import (or re-import) one file or URL; the id of its source. `progress` hears how
    far it has got (called from this thread).

    Raises the project's errors naming the file or URL; nothing is written then.
    """
    caps = None if limits is None else body_caps(limits)
    outcome = sources.import_source(
        store, source, max_pages=max_pages, caps=caps, progress=progress
    )
    return sources.source_id_of(store, outcome, source)


def progress_notice(name: str, phase: Phase, done: int, total: int | None) -> str:
    """What the reader says while `name` (already cleaned) is imported:
    `Reading harbour.txt… 12,000 entries`, then `Storing 100,000 entries of harbour.txt…`."""
    if phase is Phase.STORING:
        return f"Storing {total if total is not None else done:,} entries of {name}…"
    return f"Reading {name}… {done:,} entries"


def import_samples(store: Store) -> list[ImportResult]:
    """Import the bundled sample live blogs (the first run on an empty database)."""
    return sources.import_samples(store)


def reload_all(store: Store, *, limits: FetchLimits | None = None) -> ReloadReport:
    """Read every source again from its file or URL; one failing source does not stop the rest.
    `limits` give the fetch caps (the app's options; the defaults when None)."""
    return sources.reload_all(store, caps=None if limits is None else body_caps(limits))


def reload_sources(
    store: Store, source_ids: Sequence[int], *, limits: FetchLimits | None = None
) -> ReloadReport:
    """Read the given sources again (`r`: the selected one); one failing does not stop the rest.
    `limits` give the fetch caps (the app's options; the defaults when None)."""
    caps = None if limits is None else body_caps(limits)
    return sources.reload_sources(store, source_ids, caps=caps)
