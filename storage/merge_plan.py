"""What an import changes, decided before anything is written: `plan_merge(existing, parsed)`.

A pure function of the source's stored entries (`Known`, a few columns each) and the posts a
parser read, newest first. It matches each post to a stored entry, then says what to write:

1. **By key.** The post's own id, or its fingerprint, names a stored entry.
2. **Paragraphs that joined the post above.** In a dump, a post with no headline of its own
   (the top one, headlined by the standfirst) loses its headline once a newer post arrives on
   top, and its paragraphs end that post's body. They are split off again and stay the stored
   entry they were.
3. **Reworded.** A post whose fingerprint key changed (a reworded headline or first paragraph)
   is matched to an unmatched stored entry in the same gap of the page (between the same two
   key-matched neighbours, within `WINDOW` places) whose text is close (`storage.matching`).
   It becomes a revision of that entry, which keeps its key, id and annotations.
4. **Scrolled off is not gone.** A live page (or a feed) shows its newest posts only: a stored
   entry below the lowest one the page still shows (key events and pinned posts aside, which
   a page keeps however old) is older, and stays as it was. Only an entry missing from inside
   the span the page covers is marked not present.

Every stored entry gets a position: the page's order, with missing entries kept just above
the entry that was below them, and older entries below the page.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import NamedTuple

from liveread.kernel.model import Link, ParsedEntry
from liveread.kernel.text import content_hash
from liveread.storage.matching import is_fingerprint, joined_tail, similarity

WINDOW = 25
"""How many places apart, counted from either end of a gap, a reworded post and its stored
entry may be: bounds the text comparisons of an import to a few per unmatched post."""
MAX_COMPARISONS = 5_000
"""Text comparisons one pass of an import may make at most (a few milliseconds each at
worst): a copy that shares nothing with the stored one costs a bounded time, not hours."""


class Known(NamedTuple):
    """One stored entry as the planner sees it."""

    id: int
    """The entry's database id."""
    key: str
    """Its identity inside the source."""
    position: int
    """Where it was on the page after the last import (0 is the top)."""
    present: bool
    """False once an import found it missing from inside the page."""
    content_hash: str
    """Hash of its headline and body (`entry_hash`)."""
    links: tuple[Link, ...] = ()
    """The links stored for its body."""
    headline: str | None = None
    """Its headline; read only for entries that text matching may need."""
    body: str | None = None
    """Its body, or None when not read: such an entry is matched by key only."""
    categories: tuple[str, ...] = ()
    """The feed's categories stored for it."""
    utc_offset: int | None = None
    """The page's UTC offset stored for its time."""


class Insert(NamedTuple):
    """A post no stored entry is: a new entry."""

    entry: ParsedEntry
    """The post, as it will be stored."""
    position: int
    """Its place in the source."""
    content_hash: str
    """Hash of its headline and body."""


class Revise(NamedTuple):
    """A stored entry whose text changed: its old text is kept as a revision."""

    entry_id: int
    """The stored entry."""
    entry: ParsedEntry
    """The new text and metadata (the entry keeps its own key)."""
    position: int
    """Its place in the source."""
    content_hash: str
    """Hash of the new headline and body."""
    text_only: bool = False
    """Only words changed hands (paragraphs split back off the post above): the entry keeps
    its byline, link and times."""


class Place(NamedTuple):
    """A stored entry whose text stays but whose place or presence changes."""

    entry_id: int
    """The stored entry."""
    position: int
    """Its new place in the source."""
    present: bool
    """Whether it is on the page (or scrolled off below it)."""


class Relink(NamedTuple):
    """A stored entry with the same text whose links (or feed categories, or the offset its
    time is written with) changed."""

    entry_id: int
    """The stored entry."""
    links: tuple[Link, ...]
    """The links now in its body."""
    categories: tuple[str, ...] = ()
    """The feed's categories for it now."""
    utc_offset: int | None = None
    """The page's UTC offset for its time now."""


@dataclass(frozen=True, slots=True)
class MergePlan:
    """Everything one import writes, and the counts it reports."""

    inserts: tuple[Insert, ...] = ()
    """New entries, in page order."""
    revisions: tuple[Revise, ...] = ()
    """Entries whose text changed."""
    places: tuple[Place, ...] = ()
    """Entries that moved, came back, went missing, or scrolled further down."""
    relinks: tuple[Relink, ...] = ()
    """Unchanged entries whose links changed."""
    unchanged: int = 0
    """Entries still on the page with the same text."""
    gone: int = 0
    """Entries missing from inside the span the page covers (marked not present)."""
    older: int = 0
    """Entries below the oldest post the page still shows (scrolled off; left as they were)."""
    rekeyed: tuple[tuple[int, str], ...] = ()
    """(entry id, the post's key) for entries matched by their text, not by key: what the
    parser calls them now (for the report; the stored key stays)."""

    @property
    def changed(self) -> bool:
        """True when the plan writes any entry row."""
        return bool(self.inserts or self.revisions or self.places or self.relinks)


_PAGE_ORDER = itemgetter(2, 0)
"""A Known's (position, id): the order of the page after the last import."""


def entry_hash(entry: ParsedEntry) -> str:
    """What decides whether a re-imported entry changed: its headline and body."""
    return content_hash(entry.headline, entry.body)


def needs_text(existing_keys: Sequence[str], parsed: Sequence[ParsedEntry]) -> set[str]:
    """The stored keys whose headline and body the planner may compare: fingerprint keys the
    new copy does not name (an edit may have changed them). Everything else matches by key."""
    on_page = {e.key for e in parsed}
    return {k for k in existing_keys if k not in on_page and is_fingerprint(k)}


def plan_merge(existing: Sequence[Known], parsed: Sequence[ParsedEntry]) -> MergePlan:
    """Decide what importing `parsed` (page order, newest first) into a source holding
    `existing` writes. Pure: no I/O, the same inputs give the same plan."""
    page = _unique(parsed)
    by_key = {k.key: k for k in existing}
    matched: list[Known | None] = [by_key.get(e.key) for e in page]
    used = {k.id for k in matched if k is not None}
    pool = [
        k for k in existing if k.id not in used and k.body is not None and is_fingerprint(k.key)
    ]
    rekeyed: list[tuple[int, str]] = []
    split: set[int] = set()
    if pool:
        page, matched, pool, split = _split_joined(page, matched, pool)
        matched, pool, rekeyed = _match_rewordings(page, matched, pool)
    return _decide(existing, page, matched, split, tuple(rekeyed))


def _unique(parsed: Sequence[ParsedEntry]) -> list[ParsedEntry]:
    # A parser must give unique keys; should one not, the topmost post wins.
    page: list[ParsedEntry] = []
    seen: set[str] = set()
    for entry in parsed:
        if entry.key not in seen:
            seen.add(entry.key)
            page.append(entry)
    return page


@dataclass(slots=True)
class _Gap:
    """A run of the page between two matched posts, and the stored entries that were there."""

    above: int | None
    """Page index of the matched post above the gap; None at the top."""
    stop: int
    """Page index of the matched post below it (len(page) at the bottom)."""
    pool: list[Known]
    """Unmatched stored entries whose old position lies between the two, in old order."""


def _gaps(matched: Sequence[Known | None], pool: Sequence[Known]) -> list[_Gap]:
    """The gaps of the page that hold candidates, each with them.

    A gap between matched posts at old positions lo and hi holds the stored entries that were
    between lo and hi; where the page reordered its posts (lo >= hi), no gap is looked in.
    """
    ordered = sorted(pool, key=_PAGE_ORDER)
    positions = [k.position for k in ordered]
    anchors: list[tuple[int | None, int | None]] = [(None, -1)]
    anchors += [(i, k.position) for i, k in enumerate(matched) if k is not None]
    anchors.append((len(matched), None))  # below the lowest matched post: no bound
    gaps: list[_Gap] = []
    for (above, lo), (stop, hi) in zip(anchors, anchors[1:], strict=False):
        assert lo is not None and stop is not None  # only the last bound is open
        if hi is not None and lo >= hi:
            continue
        first = bisect_right(positions, lo)
        last = len(positions) if hi is None else bisect_left(positions, hi)
        if first < last:
            gaps.append(_Gap(above, stop, ordered[first:last]))
    return gaps


def _pairs(n_items: int, n_pool: int) -> Iterator[tuple[int, int]]:
    """(item, candidate) index pairs of a gap within WINDOW places of each other, counted
    from the top of the gap or from its bottom (new posts push a gap's top down)."""
    shift = n_items - n_pool
    for j in range(n_pool):
        spans = sorted(((j - WINDOW, j + WINDOW), (j + shift - WINDOW, j + shift + WINDOW)))
        (a0, a1), (b0, b1) = spans
        ranges = [(a0, max(a1, b1))] if b0 <= a1 + 1 else [(a0, a1), (b0, b1)]
        for lo, hi in ranges:
            for i in range(max(lo, 0), min(hi, n_items - 1) + 1):
                yield i, j


def _split_joined(
    page: list[ParsedEntry], matched: list[Known | None], pool: list[Known]
) -> tuple[list[ParsedEntry], list[Known | None], list[Known], set[int]]:
    """Give back stored entries whose paragraphs now end the body of the post above them."""
    splits: dict[int, tuple[Known, str]] = {}
    budget = MAX_COMPARISONS
    for gap in _gaps(matched, pool):
        start = gap.above if gap.above is not None else 0
        hosts = list(range(start, gap.stop))
        found: set[int] = set()
        for i, j in _pairs(len(hosts), len(gap.pool)):
            host, known = hosts[i], gap.pool[j]
            # A stored entry already marked gone is not split off again: its place was
            # chosen by the import that found it missing, so the post above it there is no
            # post it joined, and splitting it would undo that import's plan on the next one.
            if host in splits or known.id in found or known.body is None or not known.present:
                continue
            budget -= 1
            if budget < 0:
                break
            tail = joined_tail(page[host].body, known.body)
            if tail is not None:
                splits[host] = (known, tail)
                found.add(known.id)
    if not splits:
        return page, matched, pool, set()
    new_page: list[ParsedEntry] = []
    new_matched: list[Known | None] = []
    for index, entry in enumerate(page):
        split = splits.get(index)
        if split is None:
            new_page.append(entry)
            new_matched.append(matched[index])
            continue
        known, tail = split
        kept = entry.body[: len(entry.body) - len(tail)].rstrip("\n")
        new_page.append(replace(entry, body=kept))
        new_matched.append(matched[index])
        # The split-off paragraphs carry nothing of the post above but their words: the
        # stored entry keeps its own headline (in a dump, the standfirst it had).
        new_page.append(ParsedEntry(key=known.key, headline=known.headline, body=tail))
        new_matched.append(known)
    taken = {known.id for known, _ in splits.values()}
    return new_page, new_matched, [k for k in pool if k.id not in taken], taken


def _match_rewordings(
    page: list[ParsedEntry], matched: list[Known | None], pool: list[Known]
) -> tuple[list[Known | None], list[Known], list[tuple[int, str]]]:
    """Match posts whose fingerprint changed to the stored entries they are edits of."""
    matched = list(matched)
    scored: list[tuple[float, int, int, Known]] = []
    budget = MAX_COMPARISONS
    for gap in _gaps(matched, pool):
        start = gap.above + 1 if gap.above is not None else 0
        items = [
            i for i in range(start, gap.stop) if matched[i] is None and is_fingerprint(page[i].key)
        ]
        for i, j in _pairs(len(items), len(gap.pool)):
            index, known = items[i], gap.pool[j]
            if known.body is None:
                continue
            budget -= 1
            if budget < 0:
                break
            score = similarity(page[index], known.headline, known.body)
            if score is not None:
                scored.append((score, -index, -known.position, known))
    # Best pairs first; on a tie, the pair nearer the top.
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    taken: set[int] = set()
    rekeyed: list[tuple[int, str]] = []
    for _, negative_index, _, known in scored:
        index = -negative_index
        if matched[index] is None and known.id not in taken:
            matched[index] = known
            taken.add(known.id)
            rekeyed.append((known.id, page[index].key))
    return matched, [k for k in pool if k.id not in taken], rekeyed


def _order(
    existing: Sequence[Known], matched: Sequence[Known | None]
) -> tuple[list[int], list[tuple[Known, int]]]:
    """Positions for the page's posts, and for every stored entry not on the page.

    A missing entry keeps its place: just above the first entry that was below it and is
    still on the page, so the list reads as the page did; the rest go below the page.
    """
    on_page = {k.id for k in matched if k is not None}
    before: dict[int | None, list[Known]] = {}
    waiting: list[Known] = []
    for known in sorted(existing, key=_PAGE_ORDER):
        if known.id in on_page:
            if waiting:
                before[known.id] = waiting
                waiting = []
        else:
            waiting.append(known)
    if waiting:
        before[None] = waiting
    page_positions: list[int] = []
    missing: list[tuple[Known, int]] = []
    position = 0
    for known_or_none in matched:
        if known_or_none is not None:
            for gone in before.get(known_or_none.id, ()):
                missing.append((gone, position))
                position += 1
        page_positions.append(position)
        position += 1
    for gone in before.get(None, ()):
        missing.append((gone, position))
        position += 1
    return page_positions, missing


def _decide(
    existing: Sequence[Known],
    page: Sequence[ParsedEntry],
    matched: Sequence[Known | None],
    split: set[int],
    rekeyed: tuple[tuple[int, str], ...],
) -> MergePlan:
    page_positions, missing = _order(existing, matched)
    inserts: list[Insert] = []
    revisions: list[Revise] = []
    places: list[Place] = []
    relinks: list[Relink] = []
    unchanged = 0
    for entry, known, position in zip(page, matched, page_positions, strict=True):
        chash = entry_hash(entry)
        if known is None:
            inserts.append(Insert(entry, position, chash))
        elif known.content_hash != chash:
            revisions.append(Revise(known.id, entry, position, chash, known.id in split))
        else:
            unchanged += 1
            if known.position != position or not known.present:
                places.append(Place(known.id, position, True))
            if (known.links, known.categories, known.utc_offset) != (
                entry.links,
                entry.categories,
                entry.utc_offset,
            ):
                relinks.append(
                    Relink(known.id, entry.links, entry.categories, entry.utc_offset)
                )
    # The page covers down to its lowest post that was stored before; below that, posts
    # scrolled off (or a later page of the blog was not read this time). A key event or a
    # pinned post stays on a page however old it is, so it does not stretch the span.
    bottom = max(
        (
            k.position
            for e, k in zip(page, matched, strict=True)
            if k is not None and not e.key_event
        ),
        default=-1,
    )
    gone = older = 0
    for known, position in missing:
        if known.position < bottom:
            gone += 1
            if known.present or known.position != position:
                places.append(Place(known.id, position, False))
        else:
            older += 1
            if known.position != position:
                places.append(Place(known.id, position, known.present))
    return MergePlan(
        inserts=tuple(inserts),
        revisions=tuple(revisions),
        places=tuple(places),
        relinks=tuple(relinks),
        unchanged=unchanged,
        gone=gone,
        older=older,
        rekeyed=rekeyed,
    )
