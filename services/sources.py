"""Reading live blogs into the store: a file, a URL, the bundled samples; reloading them all.

The one way `liveread import`, `liveread PATH|URL`, the app's first run and its reload (`r`)
bring a source in. Each source is read first (a file parsed, a URL fetched: no transaction
is open while the disk or the network is waited on) and then stored in one short
transaction; `read_source` and `store_read` are the two halves, for the CLI, which opens the
database only once there is something to write. Blocking: call it from a worker thread in
the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import ImportResult, ParsedFeed
from liveread.kernel.progress import Phase, Progress
from liveread.kernel.settings import DEFAULT_MAX_PAGES
from liveread.services.locations import (
    file_location,
    is_url,
    sample_file,
    sample_location,
    sample_name,
)
from liveread.services.sync import Fetched, PollOutcome, fetch_url, poll_url, store_fetched
from liveread.services.wording import plural

if TYPE_CHECKING:
    from liveread.ingest.fetch import BodyCaps
    from liveread.storage import Store


@dataclass(frozen=True, slots=True)
class Read:
    """A source read from its file or URL, not stored yet."""

    location: str
    """What it is stored under: an absolute path, or the URL normalised."""
    feed: ParsedFeed | None = None
    """A file's parsed content (None for a URL)."""
    fetched: Fetched | None = None
    """A URL's fetch (None for a file)."""


def read_source(
    store: Store | None,
    source: str,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    caps: BodyCaps | None = None,
    progress: Progress | None = None,
) -> Read:
    """Read the file or fetch the URL `source` names (`store`, if given, for a URL's stored
    validators). The first read of a URL follows its older pages, `max_pages` in all; `caps`
    bounds what a fetch accepts (`services.sync.body_caps`; the defaults when None).
    `progress`, if given, hears how many entries a file gave as they are read (a URL's,
    once its pages are fetched).

    Raises the project's errors naming the file or URL; nothing is written.
    """
    if is_url(source):
        fetched = fetch_url(store, source, max_pages=max_pages, caps=caps)
        feed = fetched.result.feed
        if progress is not None and feed is not None:
            progress(Phase.READING, len(feed.entries), len(feed.entries))
        return Read(fetched.location, fetched=fetched)
    from liveread.ingest import read_file

    if sample_name(source) is not None:
        return Read(source, feed=read_file(sample_file(source), progress))
    return Read(file_location(source), feed=read_file(Path(source).expanduser(), progress))


def store_read(store: Store, read: Read, progress: Progress | None = None) -> PollOutcome:
    """Store what `read_source` read, in one transaction (a URL's 304 only records the check).
    `progress`, if given, hears when the entries start and finish being stored."""
    feed = read.feed if read.fetched is None else read.fetched.result.feed
    count = len(feed.entries) if feed is not None else 0
    if progress is not None and feed is not None:
        progress(Phase.STORING, 0, count)
    if read.fetched is not None:
        outcome = store_fetched(store, read.fetched)
    else:
        assert read.feed is not None
        outcome = PollOutcome(read.location, store.import_feed(read.location, read.feed))
    if progress is not None and feed is not None:
        progress(Phase.STORING, count, count)
    return outcome


def import_source(
    store: Store,
    source: str,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    caps: BodyCaps | None = None,
    progress: Progress | None = None,
) -> PollOutcome:
    """Import (or re-import) one file or URL: `read_source`, then `store_read`."""
    read = read_source(store, source, max_pages=max_pages, caps=caps, progress=progress)
    return store_read(store, read, progress)


def source_id_of(store: Store, outcome: PollOutcome, source: str) -> int:
    """The id of the source an import stored into."""
    if outcome.result is not None:
        return outcome.result.source_id
    found = store.source_by_location(outcome.location)
    if found is None:  # a 304 for a URL never imported cannot happen; be safe anyway
        raise LivereadError(f"{source}: nothing was imported")
    return found.id


def import_samples(store: Store) -> list[ImportResult]:
    """Import the bundled sample live blogs (the first run on an empty database), each
    stored by its stable name (`sample:<file>`), never by where the package is installed."""
    from liveread.ingest import read_file
    from liveread.sample_feeds import first_run_files

    return [
        store.import_feed(sample_location(path.name), read_file(path)) for path in first_run_files()
    ]


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
        """`Reloaded 3 live blogs: 2 new, 1 updated`, and how many could not be read."""
        new = sum(r.new for r in self.results)
        updated = sum(r.updated for r in self.results)
        text = f"Reloaded {plural(self.checked, 'live blog')}: {new} new, {updated} updated"
        if self.problems:
            text += f"; {len(self.problems)} could not be read"
        return text


def reload_all(store: Store, *, caps: BodyCaps | None = None) -> ReloadReport:
    """Read every source again from its file or URL (a URL's first page, conditionally);
    one failing source does not stop the rest. `caps` bound each fetch (as `read_source`)."""
    return reload_sources(store, [source.id for source in store.sources()], caps=caps)


def reload_sources(
    store: Store, source_ids: Sequence[int], *, caps: BodyCaps | None = None
) -> ReloadReport:
    """Read the given sources again (`r` reads the selected one, `R` every one); one
    failing source does not stop the rest. A bundled sample is read from the installed
    package, wherever that is now. `caps` bound each fetch (as `read_source`)."""
    from liveread.ingest import read_file

    results: list[ImportResult] = []
    problems: list[str] = []
    checked = 0
    for source_id in source_ids:
        try:
            location = store.source(source_id).location
            if is_url(location):
                outcome = poll_url(store, location, caps=caps)
                if outcome.result is not None:
                    results.append(outcome.result)
            else:
                path = sample_file(location) if sample_name(location) else Path(location)
                results.append(store.import_feed(location, read_file(path)))
            checked += 1
        except LivereadError as exc:
            problems.append(str(exc))
    return ReloadReport(tuple(results), checked, tuple(problems))
