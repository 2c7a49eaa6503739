"""One poll of a URL source: fetch (no database work while waiting), then import.

Shared by `liveread import URL`, `liveread follow URL` and the app's poller, so it sits
between them and the headless layers it wires together (see the import-linter layers).
The network wait happens before any transaction is opened; the import that follows is one
short transaction of its own. `fetch_url` and `store_fetched` are the two halves, for
callers that open the database only once there is something to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from liveread.kernel.model import ImportResult

if TYPE_CHECKING:
    from liveread.ingest.fetch import FetchResult
    from liveread.storage import Store


@dataclass(frozen=True, slots=True)
class Fetched:
    """A URL fetched with the validators stored for it, not yet imported."""

    location: str
    """The URL as stored (normalised)."""
    source_id: int | None
    """The source already stored under that URL, if any."""
    result: FetchResult
    """What the server sent (or that it sent nothing new)."""


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll did."""

    location: str
    """The URL as stored (normalised)."""
    result: ImportResult | None
    """What the import changed; None when the server said nothing changed (HTTP 304)."""

    def summary(self) -> str:
        """The one line the CLI prints for it."""
        return "not modified" if self.result is None else self.result.summary()


def fetch_url(store: Store | None, url: str, *, deadline: float | None = None) -> Fetched:
    """Fetch `url`, conditionally when `store` holds validators for it.

    Raises `InputError`/`FetchError` naming the URL; nothing is written.
    """
    from liveread.ingest.fetch import DEFAULT_DEADLINE, fetch_feed
    from liveread.ingest.urls import normalise_url

    location = normalise_url(url)
    source = store.source_by_location(location) if store is not None else None
    result = fetch_feed(
        location,
        etag=source.etag if source else None,
        last_modified=source.last_modified if source else None,
        deadline=DEFAULT_DEADLINE if deadline is None else deadline,
    )
    return Fetched(location, source.id if source else None, result)


def store_fetched(store: Store, fetched: Fetched) -> PollOutcome:
    """Import what `fetch_url` brought (one transaction), or record the check of a 304."""
    result = fetched.result
    if result.feed is None:
        if fetched.source_id is not None:
            store.mark_checked(
                fetched.source_id, etag=result.etag, last_modified=result.last_modified
            )
        return PollOutcome(fetched.location, None)
    imported = store.import_feed(
        fetched.location,
        result.feed,
        etag=result.etag,
        last_modified=result.last_modified,
        polled=True,
    )
    return PollOutcome(fetched.location, imported)


def poll_url(store: Store, url: str, *, deadline: float | None = None) -> PollOutcome:
    """Fetch `url` with the validators stored for it and import what changed."""
    return store_fetched(store, fetch_url(store, url, deadline=deadline))
