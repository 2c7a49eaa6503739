"""Reading live blogs into the store for the app: the first run, `liveread PATH|URL`, reload.

Everything here blocks on files, the network or SQLite: call it from a worker thread only.
The parsers and the HTTP client are imported on first use, so starting the app does not wait
for them. A URL is fetched (no transaction open while waiting) and then imported in one short
transaction, through `liveread.services.sync` like `liveread import URL`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import ImportResult
from liveread.storage import Store


def is_url(source: str) -> bool:
    """True for anything written as `scheme://...` (a URL, fetchable or not)."""
    from liveread.ingest.urls import looks_like_url

    return looks_like_url(source)


def location_of(source: str) -> str:
    """What a source is stored under: a URL normalised, a file as its absolute path.

    Raises `InputError` for a URL liveread cannot fetch (not http or https).
    """
    if is_url(source):
        from liveread.ingest.urls import normalise_url

        return normalise_url(source)
    return str(Path(source).expanduser().resolve())


def import_source(store: Store, source: str) -> int:
    """Import (or re-import) one file or URL; the id of its source.

    Raises the project's errors naming the file or URL; nothing is written then.
    """
    if is_url(source):
        from liveread.services.sync import poll_url

        outcome = poll_url(store, source)
        found = store.source_by_location(outcome.location)
        if found is None:  # a 304 for a URL never imported cannot happen; be safe anyway
            raise LivereadError(f"{source}: nothing was imported")
        return found.id
    from liveread.ingest import read_file

    location = location_of(source)
    return store.import_feed(location, read_file(Path(location))).source_id


def import_samples(store: Store) -> list[ImportResult]:
    """Import the bundled sample live blogs (the first run on an empty database)."""
    from liveread.ingest import read_file
    from liveread.sample_feeds import first_run_files

    return [store.import_feed(str(path.resolve()), read_file(path)) for path in first_run_files()]


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What reloading every source did."""

    results: tuple[ImportResult, ...] = ()
    """One result per source that changed or was read again (a 304 has none)."""
    checked: int = 0
    """How many sources were read or polled."""
    problems: tuple[str, ...] = field(default=())
    """One line per source that could not be read (its old content is kept)."""

    def summary(self) -> str:
        """The line the app shows when the reload is done."""
        new = sum(r.new for r in self.results)
        updated = sum(r.updated for r in self.results)
        noun = "live blog" if self.checked == 1 else "live blogs"
        text = f"Reloaded {self.checked} {noun}: {new} new, {updated} updated"
        if self.problems:
            text += f"; {len(self.problems)} could not be read"
        return text


def reload_all(store: Store) -> ReloadReport:
    """Read every source again from its file or URL; one failing source does not stop the rest."""
    from liveread.ingest import read_file
    from liveread.ingest.urls import looks_like_url
    from liveread.services.sync import poll_url

    results: list[ImportResult] = []
    problems: list[str] = []
    checked = 0
    for source in store.sources():
        try:
            if looks_like_url(source.location):
                outcome = poll_url(store, source.location)
                if outcome.result is not None:
                    results.append(outcome.result)
            else:
                feed = read_file(Path(source.location))
                results.append(store.import_feed(source.location, feed))
            checked += 1
        except LivereadError as exc:
            problems.append(str(exc))
    return ReloadReport(tuple(results), checked, tuple(problems))
