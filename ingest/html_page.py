"""An HTML page parsed once, behind the limits, with what every page reader asks of it.

selectolax's lexbor engine builds the tree (a real HTML5 parser with CSS selectors, in C).
Two bounds stand in front of it:

- size: a page larger than `MAX_PAGE_BYTES` is refused before parsing;
- nesting: lexbor's time grows with the square of how deeply elements nest (50,000 nested
  `<div>`s take it twenty seconds, deeper ones crash it), so a guard counts, over the raw
  bytes, how far start tags of elements that really nest run ahead of their end tags. It is
  an overestimate (stray unclosed tags count), never an underestimate, and real pages stay far
  below the bound. It reads no content: like `xmlguard`, it only decides whether to parse.

Entities need no guard: HTML's named entities are a fixed table and no HTML parser expands
declarations. Before any reader looks at the posts, the JSON-LD scripts, title, canonical
link and feed links are read; the nodes no reader wants (scripts, styles, buttons, ads,
share bars) are passed over when a body is read (`post_body`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveread.ingest.jsonld import decode_page
from liveread.ingest.urls import safe_link
from liveread.kernel.errors import InputError

MAX_PAGE_BYTES = 64 * 1024 * 1024
"""HTML pages larger than this are refused before parsing (real live pages are under 5 MB)."""

MAX_NESTING = 2_000
"""Elements nested deeper than this refuse the page (real pages nest fewer than 100)."""

MAX_SCRIPTS = 500
"""JSON-LD scripts read from one page."""

# Start and end tags of the elements that nest without closing each other; the void ones
# (`br`, `img`) and those the parser closes itself (`p`, `li`, `td`) would only inflate it.
_NESTING_NAMES = (
    "div", "span", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol",
    "dl", "table", "blockquote", "figure", "form", "fieldset", "details", "b", "i", "em",
    "strong", "font", "small", "big", "u", "s", "sub", "sup", "center", "object", "q", "cite",
    "mark", "label", "button", "template",
)  # fmt: skip


def _prefix_tree(words: list[str]) -> str:
    """`words` as one regular-expression alternation sharing their prefixes: `re` tries
    alternatives one by one, so `d(?:iv|l)` is tried far faster than `div|dl`."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
    if not by_first:
        return ""
    tree = "(?:" + "|".join(c + _prefix_tree(rest) for c, rest in sorted(by_first.items())) + ")"
    return tree + "?" if "" in words else tree


_NESTING_TAG = re.compile(
    ("<(/?)" + _prefix_tree(list(_NESTING_NAMES)) + r"[\s/>]").encode()
)  # matched against lower-cased bytes: faster than re.IGNORECASE
_STEP = {b"": 1, b"/": -1}


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed page and the page-level facts read before its noise was removed."""

    tree: LexborHTMLParser
    """The parsed document."""
    where: str
    """The file or URL, for messages."""
    base_url: str | None
    """Where relative links are resolved from: the fetched URL, else the canonical link."""
    title: str
    """The blog's title: `og:title`, else the page's one `<h1>`, else its `<title>`."""
    canonical: str | None
    """`<link rel=canonical>`, absolute."""
    site_name: str | None
    """`og:site_name`, if the page names its outlet."""
    description: str | None
    """The page's description meta, if any."""
    scripts: tuple[str, ...]
    """The text of each JSON-LD script, in page order."""
    feeds: tuple[str, ...]
    """RSS/Atom feeds the page links to."""
    ids: frozenset[str]
    """Every element id on the page: a permalink's anchor must be one of them."""

    def absolute(self, href: str | None) -> str | None:
        """`href` resolved against the page's address, if it then is a safe http(s) link."""
        if not href:
            return None
        href = href.strip()
        if href and href[0] in "?#" and self.base_url:
            # The common permalink shapes, joined without urljoin's cost.
            base = self.base_url.split("#", 1)[0]
            return safe_link(base.split("?", 1)[0] + href if href[0] == "?" else base + href)
        if self.base_url and not href.lower().startswith(("http://", "https://")):
            try:
                href = urljoin(self.base_url, href)
            except ValueError:
                return None
        return safe_link(href)


def check_nesting(data: bytes, where: str) -> None:
    """Raise `InputError` if elements in `data` may nest deeper than `MAX_NESTING`."""
    if data.count(b"<") <= MAX_NESTING:
        return  # fewer tags than the bound: nothing can nest that deep
    steps = map(_STEP.__getitem__, _NESTING_TAG.findall(data.lower()))
    deepest = max(accumulate(steps, initial=0))
    if deepest > MAX_NESTING:
        raise InputError(
            where, f"refused: elements nest more than {MAX_NESTING:,} deep; no real page does"
        )


def load_page(
    data: bytes, where: str, *, content_type: str | None = None, base_url: str | None = None
) -> Page:
    """Parse `data` as an HTML page behind the size and nesting bounds."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(
            where,
            f"too large for an HTML page ({len(data):,} bytes; the limit is {MAX_PAGE_BYTES:,})",
        )
    check_nesting(data, where)
    text = decode_page(data, content_type)
    # lexbor reads UTF-8 bytes faster than a str; hand it bytes when they say the same.
    tree = LexborHTMLParser(data if text.encode("utf-8") == data else text)
    head = tree.head or tree.root
    # One query for what is looked for all over the page: each query is a walk of the tree.
    typed: list[LexborNode] = []
    headings: list[LexborNode] = []
    ids: set[str] = set()
    seen: set[int] = set()  # an element matching two of the selectors is listed twice
    for node in tree.css("[id], script[type], h1"):
        if node.id:
            ids.add(node.id)
        tag = node.tag
        if tag not in ("h1", "script") or node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        if tag == "h1":
            headings.append(node)
        elif len(typed) < MAX_SCRIPTS * 4 and "type" in node.attributes:
            typed.append(node)
    scripts = tuple(
        node.text(deep=True)
        for node in typed
        if (node.attributes.get("type") or "").split(";", 1)[0].strip().lower()
        == "application/ld+json"
    )[:MAX_SCRIPTS]
    canonical = _attr(head, "link[rel~='canonical' i]", "href")
    title = _attr(head, "meta[property='og:title']", "content")
    if title is None:
        title = headings[0].text(deep=True).strip() if len(headings) == 1 else None
    title = title or _text(head, "title")
    feeds = tuple(
        link
        for node in (head.css("link[rel~='alternate' i][href]") if head is not None else [])
        if (node.attributes.get("type") or "").lower()
        in ("application/rss+xml", "application/atom+xml")
        and (link := safe_link(node.attributes.get("href"))) is not None
    )
    return Page(
        tree=tree,
        where=where,
        base_url=safe_link(base_url) or safe_link(canonical),
        title=title or "",
        canonical=safe_link(canonical),
        site_name=_attr(head, "meta[property='og:site_name']", "content"),
        description=_attr(
            head, "meta[name='description' i], meta[property='og:description']", "content"
        ),
        scripts=scripts,
        feeds=feeds,
        ids=frozenset(ids),
    )


def _attr(scope: LexborNode | None, selector: str, name: str) -> str | None:
    node = scope.css_first(selector) if scope is not None else None
    if node is None:
        return None
    value = node.attributes.get(name)
    return value.strip() or None if value else None


def _text(scope: LexborNode | None, selector: str) -> str | None:
    node = scope.css_first(selector) if scope is not None else None
    return node.text(deep=True).strip() or None if node is not None else None
