"""One poll of a URL source: fetch (no database work while waiting), then import.

Shared by `liveread import URL`, `liveread follow URL` and the app's poller and reload. The
network wait happens before any transaction is opened; the import that follows is one short
transaction of its own. `fetch_url` and `store_fetched` are the two halves, for callers that
open the database only once there is something to write. The first import of a URL (none
stored under it yet) also reads the older pages the first one links to (`services.pages`);
a poll reads the first page only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from liveread.kernel.model import ImportResult, ParsedFeed

if TYPE_CHECKING:
    from liveread.ingest.fetch import BodyCaps, FetchResult
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


class FetchLimits(Protocol):
    """What the fetch caps are made from: the settings, or the app's options that copy them."""

    @property
    def max_page_mib(self) -> int:
        """The largest web page a fetch accepts, in MiB."""

    @property
    def max_feed_mib(self) -> int:
        """The largest feed a fetch accepts, in MiB."""


def body_caps(settings: FetchLimits) -> BodyCaps:
    """The fetch caps the settings give (`max_page_mib`, `max_feed_mib`); the fetcher is
    imported here, not before, so a command that fetches nothing never loads the HTTP stack."""
    from liveread.ingest.fetch import BodyCaps, MiB

    return BodyCaps(settings.max_page_mib * MiB, settings.max_feed_mib * MiB)


def fetch_url(
    store: Store | None,
    url: str,
    *,
    deadline: float | None = None,
    max_pages: int = 1,
    caps: BodyCaps | None = None,
) -> Fetched:
    """Fetch `url`, conditionally when `store` holds validators for it (`caps`: the largest
    bodies accepted; the defaults when None).

    When no source is stored under `url` yet, up to `max_pages` pages are read in all: the
    first and the older pages it links to, combined into one feed. Raises
    `InputError`/`FetchError` naming the URL; nothing is written.
    """
    from liveread.ingest.fetch import DEFAULT_DEADLINE, fetch_feed
    from liveread.ingest.urls import normalise_url
    from liveread.services.pages import follow_older_pages

    location = normalise_url(url)
    source = store.source_by_location(location) if store is not None else None
    seconds = DEFAULT_DEADLINE if deadline is None else deadline
    result = fetch_feed(
        location,
        etag=source.etag if source else None,
        last_modified=source.last_modified if source else None,
        deadline=seconds,
        caps=caps,
    )
    if source is None and max_pages > 1 and result.feed is not None and result.feed.older_pages:

        def page(address: str) -> ParsedFeed | None:
            return fetch_feed(address, deadline=seconds, caps=caps).feed

        combined = follow_older_pages(result.feed, result.url, max_pages, page)
        result = replace(result, feed=combined)
    return Fetched(location, source.id if source else None, result)


def store_fetched(store: Store, fetched: Fetched) -> PollOutcome:
    """Import what `fetch_url` brought (one transaction), or record the check of a 304."""
    result = fetched.result
    if fetched.source_id is not None and store.source_by_location(fetched.location) is None:
        # Removed while the fetch was on the network: a poll must not bring it back.
        return PollOutcome(fetched.location, None)
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


def poll_url(
    store: Store,
    url: str,
    *,
    deadline: float | None = None,
    max_pages: int = 1,
    caps: BodyCaps | None = None,
) -> PollOutcome:
    """Fetch `url` with the validators stored for it and import what changed.

    `max_pages` matters for a URL not stored yet (see `fetch_url`).
    """
    fetched = fetch_url(store, url, deadline=deadline, max_pages=max_pages, caps=caps)
    return store_fetched(store, fetched)
