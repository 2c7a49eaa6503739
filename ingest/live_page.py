"""An HTML live page to a `ParsedFeed`: the posts the page renders, JSON-LD filling gaps.

Which reader reads the posts, in order:

1. the profile of the page's outlet (by the host of its address or canonical link);
2. any profile whose post selector is distinctive and matches (`PROFILES` order);
3. the generic reader (repeated blocks that each carry a time);
4. the page's `LiveBlogPosting` JSON-LD, when it has no post markup at all (or describes
   more than twice as many updates as the generic reader found).

JSON-LD also fills what the markup lacks: a post's time, author, or (when the JSON-LD's
headlines are the post's own, not the blog's copied into every update) its headline, matched
to a post by its id, its address's `#fragment`, or its time. Nothing is silent: a page from a
profile's outlet that no longer matches it, and a page whose posts all share one headline and
one time, each add a warning; a page with no posts is an `InputError` naming what was looked for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from urllib.parse import urlsplit

from liveread.ingest.dates import ParsedDate
from liveread.ingest.entries import EntryDraft, bounded_line, earliest_date, finish_entries
from liveread.ingest.generic_posts import NAME as GENERIC
from liveread.ingest.generic_posts import generic_posts
from liveread.ingest.html_page import Page, load_page
from liveread.ingest.jsonld import feed_from_scripts
from liveread.ingest.limits import MAX_ENTRIES
from liveread.ingest.older_pages import older_pages
from liveread.ingest.page_posts import read_posts
from liveread.ingest.profiles import PROFILES, Profile, host_matches
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed

JSONLD = "jsonld"
"""The profile name of a page read from its JSON-LD alone."""

LOOKED_FOR = (
    "an HTML page with no live-blog posts in its markup (looked for the posts of "
    + ", ".join(p.family.split(" (")[0] for p in PROFILES)
    + ", and repeated blocks that each carry a <time> or a heading starting with a clock"
    " time) and without schema.org LiveBlogPosting JSON-LD data"
)
"""The one-line problem of a page with no posts (the feed it names, if any, is added)."""


def parse_live_page(
    data: bytes, where: str, *, content_type: str | None = None, base_url: str | None = None
) -> ParsedFeed:
    """Read an HTML live page's posts; `InputError` if it has none."""
    if not data.strip():
        raise InputError(where, "empty file, nothing to import")
    page = load_page(data, where, content_type=content_type, base_url=base_url)
    warnings: list[str] = []
    linked = feed_from_scripts(page.scripts, where, page_title=page.title)
    own = _own_profile(page)
    profile, drafts = _read_posts(page, own)
    if linked is not None and linked.entries and len(drafts) * 2 < len(linked.entries):
        if drafts:
            warnings.append(
                f"the page's markup shows {len(drafts)} posts but its JSON-LD"
                f" {len(linked.entries)}; read the JSON-LD"
            )
        profile, drafts = None, []
    if own is not None and profile is not own and (drafts or linked):
        reader = profile.name if profile else GENERIC if drafts else "JSON-LD"
        warnings.append(
            f"the page no longer matches the {own.name} markup profile ({own.family});"
            f" the {reader} reader took over"
        )
    if not drafts:
        if linked is None or not linked.entries:
            hint = f"; the page names a feed at {page.feeds[0]}" if page.feeds else ""
            raise InputError(where, LOOKED_FOR + hint)
        feed = replace(
            linked,
            entries=tuple(_landing(page, e) for e in linked.entries),
            url=linked.url or page.canonical,
            profile=JSONLD,
            older_pages=older_pages(page, None),
            warnings=(*warnings, *linked.warnings),
        )
        return _checked(feed)
    if linked is not None:
        _fill_from(drafts, linked.entries, linked.title)
        warnings.extend(linked.warnings)
    entries = finish_entries(_unique(drafts), warnings, where)
    title = (
        (linked.title if linked is not None else None)
        or bounded_line(page.title)
        or "Untitled live blog"
    )
    feed = ParsedFeed(
        format=Format.JSONLD,
        title=title,
        entries=entries,
        standfirst=(linked.standfirst if linked else None) or bounded_line(page.description),
        blog_date=(linked.blog_date if linked else None) or earliest_date(entries),
        url=(linked.url if linked else None) or page.canonical,
        coverage_start=linked.coverage_start if linked else None,
        coverage_end=linked.coverage_end if linked else None,
        warnings=tuple(warnings),
        older_pages=older_pages(page, profile),
        profile=profile.name if profile is not None else GENERIC,
    )
    return _checked(feed)


def _landing(page: Page, entry: ParsedEntry) -> ParsedEntry:
    """`entry` without a link to an anchor the page does not have (JSON-LD updates often
    name `#liveblogPost-…` where the page's posts are `id="post-…"`)."""
    if entry.url and "#" in entry.url and entry.url.partition("#")[2] not in page.ids:
        return replace(entry, url=None)
    return entry


def _host(page: Page) -> str:
    for address in (page.base_url, page.canonical):
        if address:
            try:
                return urlsplit(address).hostname or ""
            except ValueError:  # a malformed address names no host
                return ""
    return ""


def _own_profile(page: Page) -> Profile | None:
    """The profile of the page's own outlet, by its host, if liveread knows the outlet."""
    host = _host(page)
    return next((p for p in PROFILES if host and host_matches(host, p)), None)


def _read_posts(page: Page, own: Profile | None) -> tuple[Profile | None, list[EntryDraft]]:
    """The profile that read the posts (None: the generic reader) and the drafts; the outlet's
    `own` profile is tried first."""
    tried = [own] if own is not None else []
    tried += [p for p in PROFILES if p is not own and not p.hosts_only]
    for profile in tried:
        posts = page.tree.css(profile.post)
        if not posts:
            continue
        if len(posts) > MAX_ENTRIES:
            raise InputError(
                page.where, f"too many posts ({len(posts):,}; the limit is {MAX_ENTRIES:,})"
            )
        drafts = read_posts(page, profile, posts)
        if drafts:
            return profile, drafts
    return None, generic_posts(page)


def _unique(drafts: list[EntryDraft]) -> list[EntryDraft]:
    """Drafts with a repeated own id dropped (a pinned post is shown twice: on top, and in its
    place); the first copy keeps the key-event mark of either."""
    out: list[EntryDraft] = []
    seen: dict[str, EntryDraft] = {}
    for draft in drafts:
        if draft.own_id is not None and draft.own_id in seen:
            first = seen[draft.own_id]
            first.key_event = first.key_event or draft.key_event
            continue
        if draft.own_id is not None:
            seen[draft.own_id] = draft
        out.append(draft)
    return out


def _fill_from(drafts: list[EntryDraft], updates: tuple[ParsedEntry, ...], title: str) -> None:
    """Fill each draft's missing time, author, headline or body from its JSON-LD update; a
    headline only when it is that update's own (not the blog's `title`, not shared)."""
    headline_uses = Counter(u.headline for u in updates if u.headline)
    headline_uses[title] += 2
    by_ref: dict[str, ParsedEntry] = {}
    by_time: dict[object, list[ParsedEntry]] = {}
    for update in updates:
        for ref in (update.key, update.url):
            if ref:
                by_ref.setdefault(ref, update)
                fragment = ref.partition("#")[2]
                if fragment:
                    by_ref.setdefault(fragment, update)
        if update.published is not None:
            by_time.setdefault(update.published, []).append(update)
    for draft in drafts:
        match = None
        for ref in (draft.own_id, draft.url):
            if ref and match is None:
                match = by_ref.get(ref) or by_ref.get(ref.partition("#")[2] or "\0")
        if match is None and draft.published is not None:
            same_time = by_time.get(draft.published.value, [])
            match = same_time[0] if len(same_time) == 1 else None
        if match is None:
            continue
        if draft.published is None and match.published is not None:
            draft.published = ParsedDate(match.published, match.time_assumed_utc)
        if draft.updated is None and match.updated is not None:
            draft.updated = ParsedDate(match.updated, False)
        if not draft.author and match.author:
            draft.author = match.author
        if not draft.headline and match.headline and headline_uses[match.headline] == 1:
            draft.headline = match.headline
        if not draft.body.strip() and match.body:
            draft.body = match.body
            draft.links = (*draft.links, *match.links)


def _checked(feed: ParsedFeed) -> ParsedFeed:
    """`feed` with a warning when every post shares one headline and one time."""
    entries = feed.entries
    if len(entries) < 2:
        return feed
    headlines = {e.headline for e in entries}
    times = {e.published for e in entries}
    if len(headlines) == 1 and len(times) == 1 and None not in headlines | times:
        note = (
            f"every post on the page shares one headline and one time ({len(entries)} posts);"
            " they may be copies of the blog's own, not the posts'"
        )
        return replace(feed, warnings=(*feed.warnings, note))
    return feed
