"""One post container read with a profile: its own id, time, title, byline, body, permalink
and key-event mark, as an `EntryDraft`.

The metadata is read first, then the nodes it came from (and the profile's `drop` parts) are
removed from the post, so the body never repeats the headline or the time line. The time is
the datetime attribute (a Unix time where the family writes one) and the label is the clock
as the page showed it (`12.34 BST`). A permalink is only kept when its `#anchor` exists on the
page; otherwise one is built from the post's own id when that id is an anchor on the page.
"""

from __future__ import annotations

from datetime import UTC, datetime

from selectolax.lexbor import LexborNode

from liveread.ingest.dates import ParsedDate, parse_date
from liveread.ingest.entries import EntryDraft
from liveread.ingest.html_page import Page
from liveread.ingest.post_body import body_text, scrub
from liveread.ingest.profiles import Profile
from liveread.ingest.selector_sets import select_all, within
from liveread.kernel.text import clean_line

_ID_ATTRS = ("itemid", "data-post-id", "data-entry-id", "data-id")


class _Owners:
    """Which post a node found by a page-wide query belongs to (the nearest one holding it).

    One query over the whole page per selector is much cheaper than one per post: lexbor
    compiles a selector afresh on every call. The profile's field selectors are asked
    together, as one query (`selector_sets`): each query is a walk of the whole tree.
    """

    def __init__(self, page: Page, posts: list[LexborNode], selectors: list[str | None]) -> None:
        self.page = page
        self.index = {post.mem_id: i for i, post in enumerate(posts)}
        self.known: dict[int, int | None] = {}  # ancestors already walked: their post
        self.found = select_all(page.tree, selectors)

    def owner(self, node: LexborNode, *, itself: bool = False) -> int | None:
        """The index of the post holding `node` (or being it, with `itself`), else None."""
        if itself and node.mem_id in self.index:
            return self.index[node.mem_id]
        # Every ancestor passed on the way up is remembered, so the queries after the first
        # (titles, bylines, drops share the time's header) stop after a step or two.
        passed: list[int] = []
        current = node.parent
        found: int | None = None
        while current is not None:
            key = current.mem_id
            if key in self.index:
                found = self.index[key]
                break
            if key in self.known:
                found = self.known[key]
                break
            passed.append(key)
            current = current.parent
        for key in passed:
            self.known[key] = found
        return found

    def nodes(self, selector: str) -> list[LexborNode]:
        """The page's nodes matching `selector`, in page order."""
        found = self.found.get(selector)
        return found if found is not None else self.page.tree.css(selector)

    def first(self, selector: str | None) -> dict[int, LexborNode]:
        """Each post's first descendant matching `selector`."""
        out: dict[int, LexborNode] = {}
        if selector:
            for node in self.nodes(selector):
                i = self.owner(node)
                if i is not None and i not in out:
                    out[i] = node
        return out

    def every(self, selector: str | None, *, itself: bool = False) -> dict[int, list[LexborNode]]:
        """Each post's nodes matching `selector`, in page order."""
        out: dict[int, list[LexborNode]] = {}
        if selector:
            for node in self.nodes(selector):
                i = self.owner(node, itself=itself)
                if i is not None:
                    out.setdefault(i, []).append(node)
        return out


def read_posts(page: Page, profile: Profile, posts: list[LexborNode]) -> list[EntryDraft]:
    """The drafts of `posts` (the profile's post containers), in page order, less placeholders
    and deleted posts (`profile.skip`)."""
    # A selector list can name one element twice (`.a .post, .post`): keep each once.
    unique: dict[int, LexborNode] = {}
    for post in posts:
        unique.setdefault(post.mem_id, post)
    posts = list(unique.values())
    fields = [profile.skip, profile.time, profile.title, profile.byline, profile.key_event]
    owners = _Owners(page, posts, [*fields, profile.permalink, profile.body])
    skipped = owners.every(profile.skip, itself=True)
    times = owners.first(profile.time)
    titles = owners.first(profile.title)
    bylines = owners.first(profile.byline)
    marked = owners.every(profile.key_event, itself=True)
    links = owners.every(profile.permalink)
    bodies = owners.first(profile.body)
    # Drop parts matter only inside a body: when no post holds another, each body is searched
    # for them (a few nodes) instead of the whole page (most of it outside the bodies).
    scoped = bool(bodies) and all(owners.owner(post) is None for post in posts)
    drops = {} if scoped else owners.every(profile.drop)
    # One page-wide query says whether any body holds a drop part at all (most pages: none),
    # which spares a query per body.
    inside = None
    if scoped and profile.body and profile.drop:
        inside = within(profile.body, profile.drop, list(bodies.values()))
    clean_bodies = inside is not None and page.tree.css_first(inside) is None
    drafts: list[EntryDraft] = []
    memo: dict[int, bool] = {}
    for i, post in enumerate(posts):
        if i in skipped:
            continue
        own_id = post_id(post, profile.id_attr)
        time_node = times.get(i)
        stamp_node = time_node if time_node is not None else post
        attrs = stamp_node.attributes
        published = moment(attrs.get(profile.time_attr) or attrs.get("content"))
        if published is None and time_node is not None:
            published = moment(post.attributes.get(profile.time_attr))
        updated = (
            moment(post.attributes.get(profile.updated_attr)) if profile.updated_attr else None
        )
        title_node, byline_node = titles.get(i), bylines.get(i)
        headline = line_of(title_node) if title_node is not None else None
        author = line_of(byline_node) if byline_node is not None else None
        label = line_of(time_node) if time_node is not None else None
        url = permalink(page, profile, links.get(i, []), own_id)
        body_node = bodies.get(i, post)
        if not scoped:
            parts = drops.get(i, [])
        elif clean_bodies and i in bodies:
            parts = []
        else:
            parts = _drops_in(body_node, profile.drop)
        # Only what lies inside the body container needs taking out of it.
        for node in (time_node, title_node, byline_node, *reversed(parts)):
            if node is not None and _inside(node, body_node, post, memo):
                node.decompose()
        body, body_links = body_text(body_node, page.absolute)
        drafts.append(
            EntryDraft(
                headline=headline,
                body=body,
                own_id=own_id,
                url=url,
                published=published,
                updated=updated,
                author=author,
                time_label=label,
                links=body_links,
                key_event=i in marked,
            )
        )
    return drafts


def post_id(post: LexborNode, attr: str) -> str | None:
    """The post's own id: `attr`, else the usual data attributes, else None."""
    for name in (attr, *_ID_ATTRS):
        value = post.attributes.get(name)
        if value and value.strip():
            return value.strip()
    return None


def moment(value: str | None) -> ParsedDate | None:
    """A datetime attribute: ISO 8601 and the like, or a Unix time in s, ms or µs."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit() and 9 <= len(value) <= 17:
        number = int(value)
        while number > 100_000_000_000:  # later than the year 5138 in seconds: ms or µs
            number //= 1000
        try:
            return ParsedDate(datetime.fromtimestamp(number, UTC), False)
        except (OverflowError, OSError, ValueError):
            return None
    return parse_date(value)


def line_of(node: LexborNode) -> str | None:
    """A node's text as one clean line, or None when it holds none."""
    return clean_line(scrub(node.text(deep=True, separator=" "))) or None


def permalink(
    page: Page, profile: Profile, anchors: list[LexborNode], own_id: str | None
) -> str | None:
    """A link that lands on the post: one of its own `anchors`, if the anchor is on the page,
    else one built from the page's address and the post's id."""
    for anchor in anchors:
        href = anchor.attributes.get("href") or ""
        if href.rpartition("#")[2] in page.ids:
            url = page.absolute(href)
            if url is not None:
                return url
    base = page.base_url
    if own_id is None or base is None or own_id not in page.ids:
        return None
    if profile.permalink_query:
        return page.absolute(profile.permalink_query.format(id=own_id) + "#" + own_id)
    return page.absolute("#" + own_id)


def _drops_in(body: LexborNode, selector: str | None) -> list[LexborNode]:
    """The profile's drop parts inside `body` (not `body` itself), in page order."""
    if not selector:
        return []
    return [node for node in body.css(selector) if node.mem_id != body.mem_id]


def _inside(node: LexborNode, body: LexborNode, post: LexborNode, memo: dict[int, bool]) -> bool:
    """True when `node` lies in `body` (always, when the body is the post itself). `memo`
    remembers the answer for each ancestor walked (the time, title and byline of a post
    share their header), for the posts of one page."""
    post_id, body_id = post.mem_id, body.mem_id
    if body_id == post_id:
        return True
    passed: list[int] = []
    found = False
    current = node.parent
    while current is not None:
        key = current.mem_id
        if key == post_id:
            break
        if key == body_id:
            found = True
            break
        if key in memo:
            found = memo[key]
            break
        passed.append(key)
        current = current.parent
    for key in passed:
        memo[key] = found
    return found
