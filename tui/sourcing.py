"""Reading live blogs into the store for the app: the first run, `liveread PATH`, and reload.

Everything here blocks on files, the network or SQLite: call it from a worker thread only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import ingest
from liveread.errors import InputError, LivereadError
from liveread.model import ImportResult, ParsedFeed
from sample_feeds import first_run_files
from storage import Store


def is_url(source: str) -> bool:
    """True for an http(s) address rather than a file path."""
    return source.startswith(("http://", "https://"))


def location_of(source: str) -> str:
    """What a source is stored under: a URL as given, a file as its absolute path."""
    if is_url(source):
        return source
    return str(Path(source).expanduser().resolve())


def read_location(location: str) -> ParsedFeed:
    """Read and parse the live blog at `location` (a file path or a URL)."""
    if is_url(location):
        raise InputError(location, "web addresses cannot be read by this version of liveread")
    return ingest.read_file(Path(location))


def import_source(store: Store, source: str) -> ImportResult:
    """Import (or re-import) one file or URL; raises the project's errors, writes nothing then."""
    location = location_of(source)
    feed = read_location(location)
    return store.import_feed(location, feed)


def import_samples(store: Store) -> list[ImportResult]:
    """Import the bundled sample live blogs (the first run on an empty database)."""
    results = []
    for path in first_run_files():
        location = str(path.resolve())
        results.append(store.import_feed(location, ingest.read_file(path)))
    return results


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What reloading every source did."""

    results: tuple[ImportResult, ...] = ()
    """One result per source read again."""
    problems: tuple[str, ...] = field(default=())
    """One line per source that could not be read (its old content is kept)."""

    def summary(self) -> str:
        """The line the app shows when the reload is done."""
        new = sum(r.new for r in self.results)
        updated = sum(r.updated for r in self.results)
        blogs = len(self.results)
        noun = "live blog" if blogs == 1 else "live blogs"
        text = f"Reloaded {blogs} {noun}: {new} new, {updated} updated"
        if self.problems:
            text += f"; {len(self.problems)} could not be read"
        return text


def reload_all(store: Store) -> ReloadReport:
    """Read every source again from its file or URL; one failing source does not stop the rest."""
    results: list[ImportResult] = []
    problems: list[str] = []
    for source in store.sources():
        try:
            feed = read_location(source.location)
            results.append(store.import_feed(source.location, feed))
        except LivereadError as exc:
            problems.append(str(exc))
    return ReloadReport(tuple(results), tuple(problems))
