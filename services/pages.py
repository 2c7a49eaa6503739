"""Following a live blog past its first page: the first import of a URL reads older pages too.

A live page shows its newest posts; the older ones sit behind links the parser lists in
`ParsedFeed.older_pages` (`rel=next`, an outlet's "older posts" links). The first import of a
URL reads them breadth first, each page once, on the first page's host only, up to a bound
(`Settings.max_pages`, counting the first page). Every page is fetched by `ingest.fetch`, with
its deadline and size cap. The pages are then combined into ONE `ParsedFeed` (newest first,
a post found on two pages kept once, as the newer page shows it), which the caller stores in
one transaction. A page that cannot be read costs a warning, not the import. A poll reads the
first page only.

`combine_pages` and `next_pages` decide; `follow_older_pages` fetches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from liveread.ingest.limits import MAX_ENTRIES
from liveread.kernel.errors import InputError
from liveread.kernel.model import ParsedEntry, ParsedFeed

Fetch = Callable[[str], ParsedFeed | None]
"""Fetches one page and parses it (None if the server sent nothing to read)."""

MAX_ENTRIES_ALL_PAGES = MAX_ENTRIES
"""Entries kept across every page of one blog: the bound one page has."""


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _page_key(url: str) -> str:
    """One page, however its link was written (the fragment names a post, not a page)."""
    return url.split("#", 1)[0]


def next_pages(links: Iterable[str], host: str, seen: set[str]) -> list[str]:
    """The links among `links` still to read: on `host`, http(s), not seen yet (adds them)."""
    wanted: list[str] = []
    for link in links:
        key = _page_key(link)
        if not key.startswith(("http://", "https://")) or _host(key) != host or key in seen:
            continue
        seen.add(key)
        wanted.append(key)
    return wanted


def combine_pages(pages: Sequence[ParsedFeed], extra_warnings: Sequence[str] = ()) -> ParsedFeed:
    """One feed from pages newest first: the first page's metadata, every post once.

    A key met again on a later (older) page is dropped: the newer page's text wins.
    """
    first = pages[0]
    if len(pages) == 1 and not extra_warnings:
        return first
    seen: set[str] = set()
    entries: list[ParsedEntry] = []
    warnings = list(first.warnings)
    cut = 0
    for number, page in enumerate(pages):
        if number:
            warnings.extend(f"older page {number + 1}: {w}" for w in page.warnings)
        for entry in page.entries:
            if entry.key in seen:
                continue
            if len(entries) >= MAX_ENTRIES_ALL_PAGES:
                cut += 1
            else:
                seen.add(entry.key)
                entries.append(entry)
    if cut:
        warnings.append(f"kept the first {MAX_ENTRIES_ALL_PAGES:,} entries of all pages")
    warnings.extend(extra_warnings)
    return replace(first, entries=tuple(entries), warnings=tuple(warnings))


def follow_older_pages(
    first: ParsedFeed, first_url: str, max_pages: int, fetch: Fetch
) -> ParsedFeed:
    """`first` combined with the older pages it leads to, at most `max_pages` pages in all."""
    host = _host(first_url)
    seen = {_page_key(first_url)}
    queue = deque(next_pages(first.older_pages, host, seen))
    pages = [first]
    problems: list[str] = []
    while queue and len(pages) < max_pages:
        url = queue.popleft()
        try:
            page = fetch(url)
        except InputError as exc:
            problems.append(f"an older page could not be read: {exc}")
            continue
        if page is None:
            continue
        pages.append(page)
        queue.extend(next_pages(page.older_pages, host, seen))
    if queue:
        problems.append(
            f"read {len(pages)} pages (the max_pages setting); older ones were not followed"
        )
    return combine_pages(pages, problems)
