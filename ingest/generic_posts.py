"""The generic reader: posts found as repeated sibling blocks that each carry a time.

A time mark is a `<time>` element, or a heading (or bold lead) whose text starts with a clock
time in a common style: `14:05`, `14.05`, `2.05pm`, `12.31 Uhr:`, `9h30`. For every mark the
reader walks up the tree; the element with the most children holding a mark (at least two)
is the list of posts, and each of those children is a post. When the marks are themselves
those children (a ticker of `<h3>12.31 Uhr: …</h3><p>…</p>` runs), each mark starts a post
and the siblings up to the next mark are its body. A clock heading gives the post its time
label and, after the clock, its headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.ingest.dates import ParsedDate
from liveread.ingest.entries import EntryDraft
from liveread.ingest.html_page import Page
from liveread.ingest.limits import MAX_ENTRIES
from liveread.ingest.page_posts import line_of, moment, post_id
from liveread.ingest.post_body import bodies_text, body_text

_CANDIDATES = "time, h2, h3, h4, h5, h6, p > strong:first-child, p > b:first-child, dt"
_HEADINGS = "h2, h3, h4, h5, h6"
_ASIDE = frozenset(("nav", "aside"))
_BYLINES = "[rel~='author'], .byline, [class*='author'], [class*='contributor'], address"
_CLOCK = re.compile(
    r"^\s*(?P<clock>(?:[01]?\d|2[0-3])(?:[:.]|h(?=\d))[0-5]\d"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:Uhr|h|hrs|GMT|BST|UTC|CET|CEST|IST|ET|EST|EDT|PT|AEST|AEDT))?)"
    r"(?![\d:.]\d)\s*(?:[:|\-–—•·]\s*)?",
    re.IGNORECASE,
)
NAME = "generic"
"""The profile name the generic reader stores on a source."""


@dataclass(frozen=True, slots=True)
class _Mark:
    """A time mark found on the page."""

    node: LexborNode
    """The `<time>`, heading or bold lead."""
    label: str | None
    """The time as the page shows it (`12.31 Uhr`)."""
    rest: str | None
    """A clock heading's words after the clock: the post's headline."""


def clock_split(text: str) -> tuple[str, str] | None:
    """`("12.31 Uhr", "Title")` for a text that starts with a clock time, else None."""
    match = _CLOCK.match(text)
    if match is None:
        return None
    return match.group("clock").strip(), text[match.end() :].strip()


def generic_posts(page: Page) -> list[EntryDraft]:
    """Every post the page shows as a repeated time-stamped block; empty if none."""
    marks = _marks(page.tree)
    if len(marks) < 2:
        return []
    # For each element, which of its children hold a mark (by their identity).
    holders: dict[int, set[int]] = {}
    parents: dict[int, LexborNode] = {}
    depth_of: dict[int, int] = {}
    chains: list[list[LexborNode]] = []
    kept: list[_Mark] = []
    for mark in marks:
        chain: list[LexborNode] = []
        node: LexborNode | None = mark.node
        while node is not None and node.tag not in ("body", "html", "-document"):
            chain.append(node)
            node = node.parent
        if any(n.tag in _ASIDE for n in chain):
            continue  # a dated list in a menu or a side box (related stories) holds no posts
        chains.append(chain)
        kept.append(mark)
        for depth, child in enumerate(reversed(chain)):
            parent = child.parent
            if parent is None:
                continue
            holders.setdefault(parent.mem_id, set()).add(child.mem_id)
            parents[parent.mem_id] = parent
            depth_of[parent.mem_id] = depth
    if not holders:
        return []
    best = max(holders, key=lambda k: (len(holders[k]), depth_of[k]))
    if len(holders[best]) < 2:
        return []
    # Each holding child's first mark, and whether the marks start the blocks themselves.
    first_mark: dict[int, _Mark] = {}
    own_ids: dict[int, str | None] = {}
    starts = True
    for mark, chain in zip(kept, chains, strict=True):
        at = next((i for i, c in enumerate(chain) if c.parent and c.parent.mem_id == best), None)
        if at is None or chain[at].mem_id in first_mark:
            continue
        held = chain[at]
        first_mark[held.mem_id] = mark
        # A wrapper without an id of its own (a pinned-post box) takes the id of the post in it.
        own_ids[held.mem_id] = next(
            (i for c in reversed(chain[: at + 1]) if (i := post_id(c, "id"))), None
        )
        starts = starts and (held.mem_id == mark.node.mem_id or _leads(held, mark.node))
    children = [c for c in parents[best].iter() if c.tag and c.tag[0] != "-"]
    if starts:
        return _runs(page, children, first_mark)
    return [
        _block_post(page, child, first_mark[child.mem_id], own_ids[child.mem_id])
        for child in children
        if child.mem_id in first_mark
    ]


def _leads(block: LexborNode, node: LexborNode) -> bool:
    """True when `node` (a bold lead) is the first thing in paragraph `block`."""
    return (
        node.tag in ("strong", "b")
        and block.tag == "p"
        and block.child is not None
        and (block.child.mem_id == node.mem_id)
    )


def _marks(tree: LexborHTMLParser) -> list[_Mark]:
    marks: list[_Mark] = []
    for node in tree.css(_CANDIDATES):
        if len(marks) >= MAX_ENTRIES * 2:
            break
        if node.tag == "time":
            if node.attributes.get("datetime") or clock_split(node.text(deep=True)):
                marks.append(_Mark(node, line_of(node), None))
            continue
        text = line_of(node)
        split = clock_split(text) if text else None
        if split is not None:
            marks.append(_Mark(node, split[0], split[1] or None))
    return marks


def _stamp(node: LexborNode) -> ParsedDate | None:
    return moment(node.attributes.get("datetime")) if node.tag == "time" else None


def _block_post(page: Page, block: LexborNode, mark: _Mark, own_id: str | None) -> EntryDraft:
    """A post that is one element; `mark` is its time."""
    label = mark.label
    published = _stamp(mark.node)
    headline = mark.rest
    mark.node.decompose()
    if headline is None:
        heading = block.css_first(_HEADINGS)
        if heading is not None:
            headline = line_of(heading)
            heading.decompose()
    byline = block.css_first(_BYLINES)
    author = line_of(byline) if byline is not None else None
    # Once the time, title and byline are read, a block's header and footer (and an "updated"
    # time beside the first one) hold nothing of the post's text.
    for node in reversed(block.css("header, footer, time, " + _BYLINES)):
        node.decompose()
    body, links = body_text(block, page.absolute)
    return EntryDraft(
        headline=headline,
        body=body,
        own_id=own_id,
        url=_anchor(page, own_id),
        published=published,
        author=author,
        time_label=label,
        links=links,
    )


def _runs(page: Page, children: list[LexborNode], first_mark: dict[int, _Mark]) -> list[EntryDraft]:
    """A ticker: each mark starts a post, its following siblings are the body."""
    drafts: list[EntryDraft] = []
    start: LexborNode | None = None
    current: _Mark | None = None
    body_nodes: list[LexborNode] = []

    def close() -> None:
        if current is None or start is None:
            return
        nodes = body_nodes
        if start.mem_id != current.node.mem_id:
            current.node.decompose()  # a bold lead: the rest of its paragraph is body
            nodes = [start, *body_nodes]
        body, links = bodies_text(nodes, page.absolute)
        own_id = post_id(start, "id")
        drafts.append(
            EntryDraft(
                headline=None if current.node.tag == "time" else current.rest,
                body=body,
                own_id=own_id,
                url=_anchor(page, own_id),
                published=_stamp(current.node),
                time_label=current.label,
                links=links,
            )
        )

    for child in children:
        mark = first_mark.get(child.mem_id)
        if mark is not None:
            close()
            start, current, body_nodes = child, mark, []
        elif current is not None:
            body_nodes.append(child)
    close()
    return drafts


def _anchor(page: Page, own_id: str | None) -> str | None:
    if own_id is None or own_id not in page.ids or page.base_url is None:
        return None
    return page.absolute(page.base_url.split("#", 1)[0] + "#" + own_id)
