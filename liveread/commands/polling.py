"""One poll of a URL source: fetch (no database work while waiting), then import.

Shared by `liveread import URL` and `liveread follow URL`. The network wait happens before
any transaction is opened; the import that follows is one short transaction of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from liveread.model import ImportResult

if TYPE_CHECKING:
    from storage import Store


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


def poll_url(store: Store, url: str, *, deadline: float | None = None) -> PollOutcome:
    """Fetch `url` with the validators stored for it and import what changed.

    Raises `InputError`/`FetchError` naming the URL; the database is then unchanged.
    """
    from ingest.fetch import DEFAULT_DEADLINE, fetch_feed
    from ingest.urls import normalise_url

    location = normalise_url(url)
    source = store.source_by_location(location)
    fetched = fetch_feed(
        location,
        etag=source.etag if source else None,
        last_modified=source.last_modified if source else None,
        deadline=DEFAULT_DEADLINE if deadline is None else deadline,
    )
    if fetched.feed is None:
        if source is not None:
            store.mark_checked(source.id, etag=fetched.etag, last_modified=fetched.last_modified)
        return PollOutcome(location, None)
    result = store.import_feed(
        location,
        fetched.feed,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        polled=True,
    )
    return PollOutcome(location, result)
