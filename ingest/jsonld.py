"""HTML pages carrying schema.org `LiveBlogPosting` JSON-LD, and bare JSON-LD documents.

Every `<script type="application/ld+json">` on the page is read (each bounded like any JSON).
The LiveBlogPosting may be the document, sit in a list, in an `@graph`, or nest inside
another node (a WebPage's `mainEntity`); several on one page describing the same blog (the
same `@id` or `url`) are merged. Each `liveBlogUpdate` (one object or a list; a node or a
reference to one by `@id`) is an entry. An update's `articleBody` is text, or HTML if it
carries tags. The blog's title, url and `coverageStartTime`/`coverageEndTime` go on the source.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import urljoin

from liveread.ingest.dates import parse_date
from liveread.ingest.entries import EntryDraft, bounded_line, earliest_date, finish_entries
from liveread.ingest.html_text import html_to_line, html_to_text, plain_to_text
from liveread.ingest.jsonsafe import check_shape, load_json
from liveread.ingest.limits import MAX_ENTRIES, MAX_JSON_BYTES
from liveread.ingest.urls import safe_link
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedFeed

MAX_SCRIPTS = 500
"""JSON-LD scripts read from one page; more than this is not a real page."""

_LIVE_BLOG = "liveblogposting"
_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
_TAG_LIKE = re.compile(r"<(?:p|br|div|ul|ol|li|a|strong|em|b|i|span|h[1-6]|blockquote)\b", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_WRAPPERS = re.compile(
    r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|\]\]>)\s*$"
)

Node = dict[str, object]


# -- the page ---------------------------------------------------------------------------


class _PageScanner(HTMLParser):
    """Collects JSON-LD script bodies, the page title, canonical, feed and `rel=next` links."""

    def __init__(self, base_url: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.title = ""
        self.canonical: str | None = None
        self.feeds: list[str] = []
        self.older: list[str] = []
        self._base = base_url
        self._in_jsonld: list[str] | None = None
        self._in_title = False
        self._size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "script":
            kind = values.get("type", "").split(";", 1)[0].strip().lower()
            if kind == "application/ld+json" and len(self.scripts) < MAX_SCRIPTS:
                self._in_jsonld = []
        elif tag == "title" and not self.title:
            self._in_title = True
        elif tag == "link":
            rel = values.get("rel", "").lower().split()
            if "canonical" in rel and self.canonical is None:
                self.canonical = safe_link(values.get("href"))
            if "next" in rel and len(self.older) < MAX_SCRIPTS:
                self._older(values.get("href", ""))
            kind = values.get("type", "").lower()
            if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml"):
                href = safe_link(values.get("href"))
                if href:
                    self.feeds.append(href)

    def _older(self, href: str) -> None:
        # A relative `rel=next` is common; without the page's address it cannot be followed.
        try:
            link = safe_link(urljoin(self._base, href) if self._base else href)
        except ValueError:
            link = None
        if link and link not in self.older:
            self.older.append(link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_jsonld is not None:
            self.scripts.append("".join(self._in_jsonld))
            self._in_jsonld = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld is not None:
            self._size += len(data)
            if self._size <= MAX_JSON_BYTES:
                self._in_jsonld.append(data)
        elif self._in_title:
            self.title += data


def decode_page(data: bytes, content_type: str | None) -> str:
    """An HTML page's text: BOM, then the HTTP charset, then `<meta charset>`, then UTF-8,
    falling back to Windows-1252 as browsers do."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared: list[str] = []
    if content_type and "charset=" in content_type.lower():
        declared.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    meta = _CHARSET.search(data[:4096])
    if meta is not None:
        declared.append(meta.group(1).decode("ascii", errors="ignore"))
    for encoding in [*declared, "utf-8"]:
        try:
            if codecs.lookup(encoding).name in ("utf-7",):
                continue  # never honour UTF-7: it can hide markup from every check
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def parse_jsonld_page(
    data: bytes, where: str, *, content_type: str | None = None, base_url: str | None = None
) -> ParsedFeed:
    """Parse an HTML page's LiveBlogPosting JSON-LD; `InputError` if it has none.

    `base_url` (the address the page came from) resolves a relative `rel=next` link.
    """
    if not data.strip():
        raise InputError(where, "empty file, nothing to import")
    scanner = _PageScanner(base_url)
    try:
        scanner.feed(decode_page(data, content_type))
        scanner.close()
    except (AssertionError, ValueError, IndexError):
        pass  # html.parser gave up late in the page: use the scripts found so far
    documents: list[object] = []
    bad = 0
    for script in scanner.scripts:
        body = _WRAPPERS.sub("", script.strip())
        if not body.strip():
            continue
        try:
            documents.append(load_json(body.encode("utf-8"), where))
        except InputError:
            bad += 1
    warnings = [f"skipped {bad} JSON-LD script(s) that are not valid JSON"] if bad else []
    feed = _from_documents(documents, where, warnings, page_title=scanner.title)
    if feed is None:
        hint = f"; the page names a feed at {scanner.feeds[0]}" if scanner.feeds else ""
        raise InputError(
            where, f"an HTML page without schema.org LiveBlogPosting JSON-LD data{hint}"
        )
    if feed.url is None and scanner.canonical:
        feed = replace(feed, url=scanner.canonical)
    if scanner.older:
        feed = replace(feed, older_pages=tuple(scanner.older))
    return feed


def feed_from_scripts(
    scripts: tuple[str, ...], where: str, *, page_title: str = ""
) -> ParsedFeed | None:
    """The live blog described by a page's JSON-LD script texts, or None if none does."""
    documents: list[object] = []
    bad = 0
    for script in scripts:
        body = _WRAPPERS.sub("", script.strip())
        if not body.strip():
            continue
        try:
            documents.append(load_json(body.encode("utf-8"), where))
        except InputError:
            bad += 1
    warnings = [f"skipped {bad} JSON-LD script(s) that are not valid JSON"] if bad else []
    return _from_documents(documents, where, warnings, page_title=page_title)


def feed_from_jsonld(value: object, where: str) -> ParsedFeed | None:
    """The live blog in an already loaded JSON-LD document, or None if it holds none."""
    check_shape(value, where)
    return _from_documents([value], where, [], page_title="")


# -- the graph --------------------------------------------------------------------------


def _types(node: Node) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    out: set[str] = set()
    for name in names:
        if isinstance(name, str):
            for prefix in _SCHEMA_PREFIXES:
                if name.startswith(prefix):
                    name = name[len(prefix) :]
                    break
            out.add(name.strip().lower())
    return out


def _walk(documents: list[object]) -> tuple[list[Node], dict[str, Node]]:
    """Every LiveBlogPosting node (outermost first) and every node with an `@id`."""
    blogs: list[Node] = []
    by_id: dict[str, Node] = {}
    stack: list[object] = list(reversed(documents))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
            continue
        if not isinstance(node, dict):
            continue
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 1:
            by_id.setdefault(node_id, node)
        if _LIVE_BLOG in _types(node):
            blogs.append(node)
        stack.extend(reversed(list(node.values())))
    return blogs, by_id


def _identity(node: Node) -> str | None:
    for key in ("@id", "url"):
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _from_documents(
    documents: list[object], where: str, warnings: list[str], *, page_title: str
) -> ParsedFeed | None:
    blogs, by_id = _walk(documents)
    if not blogs:
        return None
    main = blogs[0]
    identity = _identity(main)
    same = [b for b in blogs if b is main or (identity and _identity(b) == identity)]
    others = len(blogs) - len(same)
    if others:
        warnings.append(f"the page describes {others} other live blog(s); read only the first")
    updates: list[object] = []
    for blog in same:
        raw = blog.get("liveBlogUpdate")
        updates.extend(raw if isinstance(raw, list) else [raw] if raw is not None else [])
    if len(updates) > MAX_ENTRIES:
        raise InputError(
            where, f"too many updates ({len(updates):,}; the limit is {MAX_ENTRIES:,})"
        )
    # Some pages give every update the blog's own @id or url: that identifies none of them.
    page_ids = {v for b in same for v in (_text(b.get("@id")), _text(b.get("url"))) if v}
    drafts: list[EntryDraft] = []
    unusable = 0
    for update in updates:
        node = _resolve(update, by_id)
        if node is None:
            unusable += 1
            continue
        draft = _draft(node)
        if draft.own_id in page_ids:
            draft.own_id = None
        if draft.url in page_ids:
            draft.url = None
        drafts.append(draft)
    if unusable:
        warnings.append(f"skipped {unusable} liveBlogUpdate item(s) that are not objects")
    entries = finish_entries(drafts, warnings, where)
    coverage_start = parse_date(_text(main.get("coverageStartTime")))
    coverage_end = parse_date(_text(main.get("coverageEndTime")))
    published = parse_date(_text(main.get("datePublished")))
    title = (
        bounded_line(_line(main.get("headline")) or _line(main.get("name")))
        or bounded_line(page_title)
        or "Untitled live blog"
    )
    description = _line(main.get("description")) or _line(main.get("abstract"))
    start = coverage_start or published
    return ParsedFeed(
        format=Format.JSONLD,
        title=title,
        entries=entries,
        standfirst=bounded_line(description),
        blog_date=start.value.date().isoformat() if start else earliest_date(entries),
        url=safe_link(_text(main.get("url")) or _page_of(main)),
        coverage_start=coverage_start.value if coverage_start else None,
        coverage_end=coverage_end.value if coverage_end else None,
        warnings=tuple(warnings),
    )


def _resolve(update: object, by_id: dict[str, Node]) -> Node | None:
    if isinstance(update, str):
        return by_id.get(update)
    if not isinstance(update, dict):
        return None
    ref = update.get("@id")
    if len(update) == 1 and isinstance(ref, str):
        return by_id.get(ref)
    return update


def _page_of(node: Node) -> str | None:
    page = node.get("mainEntityOfPage")
    if isinstance(page, str):
        return page
    if isinstance(page, dict):
        return _text(page.get("@id")) or _text(page.get("url"))
    return None


def _text(value: object) -> str | None:
    """A JSON-LD string value: a string, a `{"@value": ...}`, or the first of a list."""
    if isinstance(value, list):
        value = next((v for v in value if v is not None), None)
    if isinstance(value, dict):
        value = value.get("@value")
    return value if isinstance(value, str) and value.strip() else None


def _line(value: object) -> str | None:
    text = _text(value)
    return html_to_line(text) if text is not None else None


def _author(value: object) -> str | None:
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people:
        name = _text(person) if not isinstance(person, dict) else _text(person.get("name"))
        if name:
            names.append(name)
    return ", ".join(names) or None


def _draft(node: Node) -> EntryDraft:
    raw_body = _text(node.get("articleBody")) or _text(node.get("text")) or ""
    links: tuple[str, ...] = ()
    if _TAG_LIKE.search(raw_body):
        converted = html_to_text(raw_body)
        body, links = converted.text, converted.links
    else:
        # A text articleBody puts each paragraph on its own line.
        body = plain_to_text(raw_body, lines_are_paragraphs=True)
    if not body:
        body = plain_to_text(_text(node.get("description")) or "")
    own_id = _text(node.get("@id"))
    if own_id is not None and own_id.startswith("_:"):
        own_id = None  # a blank node's label changes from one rendering to the next
    return EntryDraft(
        headline=_line(node.get("headline")) or _line(node.get("name")),
        body=body,
        own_id=own_id,
        # An update's @id is usually its address on the page (`...#post-12`).
        url=_text(node.get("url")) or safe_link(own_id),
        published=parse_date(_text(node.get("datePublished"))),
        updated=parse_date(_text(node.get("dateModified"))),
        author=_author(node.get("author")),
        links=links,
    )
