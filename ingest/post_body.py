"""A post's body as a reader sees it, from its parsed HTML: text blocks, embeds, every link.

Paragraphs (and subheads, and `<br><br>`-separated runs) are separated by a blank line; list
items are lines starting `- ` (numbered `1. ` in an ordered list, indented two spaces a level);
a block quote's paragraphs start `> `; an image is one line `[Image: caption (credit)]`; an
embedded post, video or audio is one line naming where it lives and who posted it, then its
address (`[Post on X by @name: first words…] https://…`). Every `<a href>` becomes a `Link`.

What a reader never sees is left out: "Updated at …" lines, CMS placeholders such as
`[[ge:rep-locali:…]]`, zero-width characters (a zero-width joiner stays: emoji need it).
The page's scripts, buttons, ads and share bars were already removed (`html_page.NOISE`).
A post that held anything gets a body: an embed-only post is its embed's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from liveread.kernel.model import Link
from liveread.kernel.text import clean_line

MAX_BODY_DEPTH = 150
"""Below this many levels inside a post, an element's text is read flat (no recursion)."""

EMBED_WORDS = 12
"""How many words of an embedded post its line quotes."""

_INLINE = frozenset(
    (
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
        "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "time", "u", "var", "wbr", "-text", "nobr", "big", "tt",
    )
)  # fmt: skip
_PLATFORMS = (
    ("twitter.com", "Post on X"),
    ("x.com", "Post on X"),
    ("bsky.app", "Post on Bluesky"),
    ("instagram.com", "Post on Instagram"),
    ("facebook.com", "Post on Facebook"),
    ("threads.net", "Post on Threads"),
    ("tiktok.com", "Video on TikTok"),
    ("youtube.com", "Video on YouTube"),
    ("youtube-nocookie.com", "Video on YouTube"),
    ("youtu.be", "Video on YouTube"),
    ("vimeo.com", "Video on Vimeo"),
    ("spotify.com", "Audio on Spotify"),
    ("soundcloud.com", "Audio on SoundCloud"),
    ("t.me", "Post on Telegram"),
)
_EMBED_QUOTES = (
    "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed,"
    " blockquote.bluesky-embed, blockquote.text-post-media, blockquote[data-embed-url],"
    " blockquote.fb-xfbml-parse-ignore"
)
_EMBED_BOXES = "[data-canonical-url], [data-embed-url], iframe[src], video, audio"
_EMBED_CLASSES = frozenset(
    ("twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "text-post-media")
)
_EMBED_ATTRS = ("data-canonical-url", "data-embed-url", "data-instgrm-permalink")


def _is_embed(node: LexborNode) -> bool:
    """True for an element that is itself an embedded post (not merely one holding it)."""
    attrs = node.attributes
    if any(attrs.get(name) for name in _EMBED_ATTRS):
        return True
    return not _EMBED_CLASSES.isdisjoint((attrs.get("class") or "").split())


_HANDLE = re.compile(r"\(@(\w{1,50})\)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"))
_PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]{1,500}\]\]")
_UPDATED = re.compile(
    r"^(?:(?:last\s+)?updated|aggiornato|aktualisiert|zaktualizowano)(?:\s+(?:at|on|alle|um))?"
    r":?\s+\S*\d",
    re.I,
)
_UPDATED_CHARS = 80  # an "Updated at 12.40 BST" line is short; a paragraph is not dropped
_BR = "\x00"  # a <br> in gathered text (an HTML text node never holds NUL)

Resolve = Callable[[str | None], str | None]
"""Turns an `href` into an absolute, safe http(s) address, or None."""


def body_text(node: LexborNode, resolve: Resolve) -> tuple[str, tuple[Link, ...]]:
    """The body text of `node`'s contents and the links in it, in order."""
    converter = _Converter(resolve)
    converter.walk(node, 0)
    return converter.finish()


def bodies_text(nodes: list[LexborNode], resolve: Resolve) -> tuple[str, tuple[Link, ...]]:
    """Like `body_text`, for a run of sibling nodes read as one body (a ticker's post)."""
    converter = _Converter(resolve)
    for node in nodes:
        converter.element(node, 0)
    return converter.finish()


def scrub(text: str) -> str:
    """Text with zero-width characters and CMS placeholders removed."""
    if "[[" in text:
        text = _PLACEHOLDER.sub("", text)
    return text.translate(_INVISIBLE)


def _fold(text: str) -> str:
    return " ".join(scrub(text).split())


def _platform(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in _PLATFORMS:
        if host == domain or host.endswith("." + domain):
            return name
    return f"Embed from {host.removeprefix('www.')}" if host else "Embed"


def _first_words(text: str) -> str:
    words = _fold(text).split()
    return " ".join(words[:EMBED_WORDS]) + ("…" if len(words) > EMBED_WORDS else "")


class _Converter:
    """Walks a post's nodes, gathering blocks of text and links."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.blocks: list[tuple[str, str]] = []  # (kind, text); kind "para" or "line"
        self.links: list[Link] = []
        self.seen: set[str] = set()
        self.inline: list[str] = []
        self.prefix: str | None = None  # a list item's `- ` while its text is gathered
        self.quote = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]

    # -- blocks -----------------------------------------------------------------------

    def flush(self) -> None:
        """End the current run of inline text: one paragraph (or line) per `<br><br>` run."""
        if not self.inline:
            return
        raw, self.inline = "".join(self.inline), []
        mark = "> " * self.quote
        if self.prefix is not None:
            text = _fold(raw.replace(_BR, " "))
            if text:
                self.blocks.append(("line", mark + self.prefix + text))
                self.prefix = "  " * max(len(self.lists) - 1, 0) + "  "  # a second paragraph
            return
        paragraph: list[str] = []
        for line in [*(_fold(x) for x in raw.split(_BR)), ""]:
            if line:
                paragraph.append(mark + line)
                continue
            text = "\n".join(paragraph)
            paragraph = []
            if text and not (len(text) < _UPDATED_CHARS and _UPDATED.match(text[len(mark) :])):
                self.blocks.append(("para", text))

    def add_block(self, kind: str, text: str) -> None:
        """Put a finished line (an embed, an image) among the blocks."""
        self.flush()
        self.blocks.append((kind, "> " * self.quote + text))

    def link(self, text: str, href: str | None) -> str | None:
        """Record a link; its absolute address, or None if it has none that is safe."""
        url = self.resolve(href)
        if url is not None and url not in self.seen:
            self.seen.add(url)
            self.links.append(Link(clean_line(_fold(text)), url))
        return url

    # -- walking ----------------------------------------------------------------------

    def walk(self, node: LexborNode, depth: int) -> None:
        """Read the children of `node`."""
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.inline.append(child.text_content or "")
            elif tag is not None and tag[0] != "-":
                self.element(child, depth + 1)

    def element(self, node: LexborNode, depth: int) -> None:
        """Read one element and what it holds."""
        tag = node.tag or ""
        if tag == "-text":
            self.inline.append(node.text_content or "")
            return
        if depth > MAX_BODY_DEPTH:
            self.inline.append(" " + node.text(deep=True) + " ")
            return
        if tag in _INLINE:
            if tag == "a":
                self.link(node.text(deep=True), node.attributes.get("href"))
            self.walk(node, depth)
        elif tag == "br":
            self.inline.append(_BR)
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([int(tag == "ol"), 0])
            self.walk(node, depth)
            self.flush()
            self.lists.pop()
        elif tag == "li":
            self.list_item(node, depth)
        elif tag == "figure":
            self.figure(node, depth)
        elif tag == "blockquote":
            self.blockquote(node, depth)
        elif tag == "img":
            self.image(node, None)
        elif tag in ("iframe", "video", "audio", "amp-iframe", "amp-youtube", "amp-twitter"):
            self.embed(node)
        elif tag == "tr":
            self.flush()
            cells = [_fold(c.text(deep=True)) for c in node.iter() if c.tag in ("td", "th")]
            row = " | ".join(c for c in cells if c)
            if row:
                self.add_block("line", row)
        elif tag in ("hr", "picture", "source", "meta", "link"):
            self.flush()
        else:  # p, div, headings, sections, tables: a block
            self.flush()
            self.walk(node, depth)
            self.flush()

    def list_item(self, node: LexborNode, depth: int) -> None:
        """One `- item` (or `1. item`) line."""
        self.flush()
        indent = "  " * max(len(self.lists) - 1, 0)
        if self.lists and self.lists[-1][0]:
            self.lists[-1][1] += 1
            self.prefix = f"{indent}{self.lists[-1][1]}. "
        else:
            self.prefix = indent + "- "
        self.walk(node, depth)
        self.flush()
        self.prefix = None

    def blockquote(self, node: LexborNode, depth: int) -> None:
        """A quoted passage (`> `), or an embedded social post."""
        if _is_embed(node):
            self.embed(node)
            return
        self.flush()
        self.quote += 1
        self.walk(node, depth)
        self.flush()
        self.quote -= 1

    def figure(self, node: LexborNode, depth: int) -> None:
        """An image with its caption and credit, or an embed in a figure."""
        quote = node.css_first(_EMBED_QUOTES)
        if quote is not None or _is_embed(node):
            self.embed(quote if quote is not None else node)
            return
        box = node.css_first(_EMBED_BOXES)
        if box is not None and node.css_first("img") is None:
            self.embed(box)
            return
        caption = node.css_first("figcaption")
        self.image(node.css_first("img"), caption)

    def image(self, img: LexborNode | None, caption: LexborNode | None) -> None:
        """`[Image: caption (credit)]`; the alt text when there is no caption."""
        credit = ""
        words = ""
        if caption is not None:
            credit_node = caption.css_first("[class*='credit'], small, .photographer")
            if credit_node is not None:
                credit = _fold(credit_node.text(deep=True))
                if credit.startswith("(") and credit.endswith(")"):
                    credit = credit[1:-1].strip()
                credit_node.decompose()
            for anchor in caption.css("a[href]"):
                self.link(anchor.text(deep=True), anchor.attributes.get("href"))
            words = _fold(caption.text(deep=True))
        if not words and img is not None:
            words = _fold(img.attributes.get("alt") or "")
        inner = ": ".join(x for x in ("Image", words) if x)
        if credit:
            inner += f" ({credit})" if words else f": ({credit})"
        self.add_block("para", f"[{inner}]")

    def embed(self, node: LexborNode) -> None:
        """One line for an embedded post, video or audio, with its address."""
        attrs = node.attributes
        anchors = node.css("a[href]")
        href = (
            attrs.get("data-canonical-url")
            or attrs.get("data-embed-url")
            or attrs.get("data-instgrm-permalink")
            or attrs.get("cite")
            or attrs.get("src")
            or attrs.get("data-src")
        )
        if href is None and node.tag in ("video", "audio"):
            source = node.css_first("source[src]")
            href = source.attributes.get("src") if source is not None else None
        if href is None and anchors:
            # A tweet's own address is its last link (the date); earlier ones are in its text.
            href = anchors[-1].attributes.get("href")
        url = self.resolve(href)
        text_node = node.css_first("p")
        said = _first_words(
            text_node.text(deep=True) if text_node is not None else attrs.get("title") or ""
        )
        handle = _HANDLE.search(node.text(deep=True))
        name = _platform(url) if url else "Embed"
        if handle is not None:
            name += f" by @{handle.group(1)}"
        line = f"[{name}: {said}]" if said else f"[{name}]"
        for anchor in anchors:
            if self.resolve(anchor.attributes.get("href")) != url:
                self.link(anchor.text(deep=True), anchor.attributes.get("href"))
        if url is not None:
            self.link(name, url)
            line += f" {url}"
        self.add_block("para", line)

    def finish(self) -> tuple[str, tuple[Link, ...]]:
        """The joined text and the links."""
        self.flush()
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out:
                out.append("\n" if kind == "line" and previous == "line" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out), tuple(self.links)
