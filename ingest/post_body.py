"""A post's body as a reader sees it, from its parsed HTML: text blocks, embeds, every link.

Paragraphs (and subheads, and `<br><br>`-separated runs) are separated by a blank line; list
items are lines starting `- ` (numbered `1. ` in an ordered list, indented two spaces a level);
a block quote's paragraphs start `> `; an image is one line `[Image: caption (credit)]`; an
embedded post, video or audio is one line naming where it lives and who posted it, then its
address (`[Post on X by @name: first words…] https://…`). Every `<a href>` becomes a `Link`.

What a reader never sees is left out: "Updated at …" lines, CMS placeholders such as
`[[ge:rep-locali:…]]`, zero-width characters (a zero-width joiner stays: emoji need it).
Scripts, styles, icons, buttons and forms are passed over, and so is any element whose class
names an ad, a share bar or a newsletter box.
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
_NOISE_TAGS = frozenset(
    (
        "script", "style", "noscript", "template", "svg", "button", "form", "input", "select",
        "textarea", "head", "title", "meta", "link", "object", "canvas", "dialog",
    )
)  # fmt: skip
_NOISE_CLASSES = ("advert", "ad-slot", "ad-container", "share", "newsletter", "social-")
_BLOCKISH = frozenset(("div", "aside", "section", "ul", "figure", "footer", "nav"))
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
_EMBED_CLASSES = frozenset(
    (
        "twitter-tweet",
        "instagram-media",
        "tiktok-embed",
        "bluesky-embed",
        "text-post-media",
        "fb-xfbml-parse-ignore",
    )
)
_EMBED_ATTRS = ("data-canonical-url", "data-embed-url", "data-instgrm-permalink")


def _is_noise(node: LexborNode) -> bool:
    """True for a box that is no part of the post: an ad, a share bar, a newsletter sign-up."""
    attrs = node.attributes
    if "hidden" in attrs or "data-ad-slot" in attrs:
        return True
    names = attrs.get("class")
    if not names:
        return False
    names = names.lower()
    return any(word in names for word in _NOISE_CLASSES) or "ad" in names.split()


def _is_embed(node: LexborNode) -> bool:
    """True for an element that is itself an embedded post (not merely one holding it)."""
    attrs = node.attributes
    for name in _EMBED_ATTRS:
        if attrs.get(name):
            return True
    names = attrs.get("class")
    return names is not None and not _EMBED_CLASSES.isdisjoint(names.split())


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
    # Cheap character tests first: `translate` costs microseconds even when it changes nothing.
    if text.isascii() or not (
        "\u200b" in text
        or "\u200c" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\u00ad" in text
    ):
        return text
    return text.translate(_INVISIBLE)


def _fold(text: str) -> str:
    """`text` scrubbed, on one line, runs of white space folded to one space, ends trimmed."""
    text = scrub(text)
    # Printable text holds no white space but the ASCII space: most runs need no split.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _platform(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # a malformed address (`http://[x`) names no host
        host = ""
    for domain, name in _PLATFORMS:
        if host == domain or host.endswith("." + domain):
            return name
    return f"Embed from {host.removeprefix('www.')}" if host else "Embed"


def _first_words(text: str) -> str:
    words = _fold(text).split()
    return " ".join(words[:EMBED_WORDS]) + ("…" if len(words) > EMBED_WORDS else "")


class _Parts:
    """What a figure or an embed holds, found in one walk over it (a selector query per
    part would cost more than the walk)."""

    def __init__(self, root: LexborNode) -> None:
        self.root = root
        self.quote: LexborNode | None = None
        self.box: LexborNode | None = None
        self.img: LexborNode | None = None
        self.caption: LexborNode | None = None
        self.paragraph: LexborNode | None = None
        self.source: str | None = None
        self.anchors: list[LexborNode] = []
        for node in root.traverse():
            tag = node.tag
            if node.mem_id == root.mem_id:
                continue
            if tag == "a":
                if "href" in node.attributes:
                    self.anchors.append(node)
            elif tag == "p":
                self.paragraph = self.paragraph or node
            elif tag in ("img", "amp-img"):
                self.img = self.img or node
            elif tag == "figcaption":
                self.caption = self.caption or node
            elif tag == "blockquote":
                if self.quote is None and _is_embed(node):
                    self.quote = node
            elif tag in ("iframe", "video", "audio"):
                self.box = self.box or node
            elif tag == "source":
                self.source = self.source or node.attributes.get("src")


class _Converter:
    """Walks a post's nodes, gathering blocks of text and links."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.blocks: list[tuple[str, str]] = []  # (kind, text): "para", list "item", table "row"
        self.links: list[Link] = []
        self.seen: set[str] = set()
        self.inline: list[str] = []
        self.prefix: str | None = None  # a list item's `- ` while its text is gathered
        self.quote = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.bare_images = 0

    # -- blocks -----------------------------------------------------------------------

    def flush(self) -> None:
        """End the current run of inline text: one paragraph (or line) per `<br><br>` run."""
        if not self.inline:
            return
        raw = "".join(self.inline)
        self.inline.clear()  # in place: a walk holds on to the list
        if self.prefix is not None:
            self.item(raw)
        else:
            self.paragraph(raw)

    def item(self, raw: str) -> None:
        """A list item's text (`raw`, gathered), one line after its `- ` prefix."""
        text = _fold(raw.replace(_BR, " "))
        if text:
            mark = "> " * self.quote
            self.blocks.append(("item", mark + (self.prefix or "") + text))
            self.prefix = "  " * max(len(self.lists) - 1, 0) + "  "  # a second paragraph

    def paragraph(self, raw: str) -> None:
        """A run of inline text (`raw`, gathered): a paragraph per `<br><br>` run."""
        mark = "> " * self.quote
        if _BR not in raw:  # the common case: one paragraph, one line
            text = _fold(raw)
            if text and not (len(text) < _UPDATED_CHARS and _UPDATED.match(text)):
                self.blocks.append(("para", mark + text if mark else text))
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
        if self.inline:
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
        first = node.first_child
        if first is None:
            return
        if first.next is None:  # most paragraphs and list items hold one run of text
            tag = first.tag
            if tag == "-text":
                self.inline.append(first.text_content or "")
            elif tag is not None and tag[0] != "-":
                self.element(first, depth + 1, tag)
            return
        inline, element = self.inline, self.element
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                inline.append(child.text_content or "")
            elif tag is not None and tag[0] != "-":
                element(child, depth + 1, tag)

    def element(self, node: LexborNode, depth: int, tag: str | None = None) -> None:
        """Read one element and what it holds (`tag`: its tag name, when the caller has it)."""
        tag = tag or node.tag or ""
        if tag == "-text":
            self.inline.append(node.text_content or "")
            return
        if tag in _NOISE_TAGS or (tag in _BLOCKISH and _is_noise(node)):
            return
        if depth > MAX_BODY_DEPTH:
            self.inline.append(" " + node.text(deep=True) + " ")
            return
        # One dictionary look-up instead of a chain of tests: this runs for every element.
        _READERS.get(tag, _Converter.block)(self, node, depth, tag)

    def inline_element(self, node: LexborNode, depth: int, tag: str) -> None:
        """A link, emphasis or other inline element: its text joins the current run."""
        # Most inline elements hold one run of text: read it without walking.
        first = node.first_child
        only = first.text_content if first is not None and first.next is None else None
        if tag == "a":
            words = only if only is not None else node.text(deep=True)
            self.link(words, node.attributes.get("href"))
        if only is not None:
            self.inline.append(only)
        else:
            self.walk(node, depth)

    def line_break(self, node: LexborNode, depth: int, tag: str) -> None:
        """`<br>`: a line break in the current run."""
        self.inline.append(_BR)

    def a_list(self, node: LexborNode, depth: int, tag: str) -> None:
        """`<ul>` or `<ol>`: its items, one level deeper."""
        if self.inline:
            self.flush()
        self.lists.append([int(tag == "ol"), 0])
        self.walk(node, depth)
        if self.inline:
            self.flush()
        self.lists.pop()

    def row(self, node: LexborNode, depth: int, tag: str) -> None:
        """A table row: its cells on one line, `a | b`."""
        if self.inline:
            self.flush()
        cells = [_fold(c.text(deep=True)) for c in node.iter() if c.tag in ("td", "th")]
        row = " | ".join(c for c in cells if c)
        if row:
            self.add_block("row", row)

    def rule(self, node: LexborNode, depth: int, tag: str) -> None:
        """A rule or an element with no text of its own: it ends the current run."""
        if self.inline:
            self.flush()

    def block(self, node: LexborNode, depth: int, tag: str) -> None:
        """`p`, `div`, a heading, a section, a table: a block of its own."""
        if self.inline:
            self.flush()
        first = node.first_child
        if first is not None and first.next is None and first.tag == "-text":
            # A block holding one run of text (most paragraphs): no walk, no join.
            raw = first.text_content or ""
            if self.prefix is None:
                self.paragraph(raw)
            else:
                self.item(raw)
            return
        self.walk(node, depth)
        if self.inline:
            self.flush()

    def list_item(self, node: LexborNode, depth: int, tag: str = "li") -> None:
        """One `- item` (or `1. item`) line."""
        if self.inline:
            self.flush()
        lists = self.lists
        indent = "  " * (len(lists) - 1) if len(lists) > 1 else ""
        if lists and lists[-1][0]:
            lists[-1][1] += 1
            self.prefix = f"{indent}{lists[-1][1]}. "
        else:
            self.prefix = indent + "- "
        first = node.first_child
        if first is not None and first.next is None and first.tag == "-text":
            self.item(first.text_content or "")  # one run of text: no walk, no join
        else:
            self.walk(node, depth)
            if self.inline:
                self.flush()
        self.prefix = None

    def blockquote(self, node: LexborNode, depth: int, tag: str = "blockquote") -> None:
        """A quoted passage (`> `), or an embedded social post."""
        if _is_embed(node):
            self.embed(node)
            return
        self.flush()
        self.quote += 1
        self.walk(node, depth)
        self.flush()
        self.quote -= 1

    def figure(self, node: LexborNode, depth: int, tag: str = "figure") -> None:
        """An image with its caption and credit, or an embed in a figure."""
        parts = _Parts(node)
        if parts.quote is not None or _is_embed(node):
            self.embed(parts.quote if parts.quote is not None else node, parts)
        elif parts.box is not None and parts.img is None:
            self.embed(parts.box, _Parts(parts.box))
        else:
            self.image(parts.img, parts.caption)

    def image(self, img: LexborNode | None, caption: LexborNode | None) -> None:
        """`[Image: caption (credit)]`; the alt text when there is no caption."""
        credit = ""
        words = ""
        if caption is not None:
            credit_node = None
            for part in caption.traverse():
                if part.tag == "a" and "href" in part.attributes:
                    self.link(part.text(deep=True), part.attributes.get("href"))
                elif (
                    credit_node is None
                    and part.mem_id != caption.mem_id
                    and (part.tag == "small" or "credit" in (part.attributes.get("class") or ""))
                ):
                    credit_node = part
            if credit_node is not None:  # taken out after the walk, never during it
                credit = _fold(credit_node.text(deep=True))
                credit_node.decompose()
            if credit.startswith("(") and credit.endswith(")"):
                credit = credit[1:-1].strip()
            words = _fold(caption.text(deep=True))
        if not words and img is not None:
            words = _fold(img.attributes.get("alt") or "")
        if not words and not credit:
            # No caption, credit or alt text: an icon or avatar, unless it is all the post has.
            self.bare_images += 1
            return
        inner = ": ".join(x for x in ("Image", words) if x)
        if credit:
            inner += f" ({credit})" if words else f": ({credit})"
        self.add_block("para", f"[{inner}]")

    def embed(self, node: LexborNode, parts: _Parts | None = None) -> None:
        """One line for an embedded post, video or audio, with its address."""
        if parts is None or parts.root.mem_id != node.mem_id:
            parts = _Parts(node)
        attrs = node.attributes
        anchors = parts.anchors
        href = (
            attrs.get("data-canonical-url")
            or attrs.get("data-embed-url")
            or attrs.get("data-instgrm-permalink")
            or attrs.get("cite")
            or attrs.get("src")
            or attrs.get("data-src")
            or parts.source
        )
        if href is None and anchors:
            # A tweet's own address is its last link (the date); earlier ones are in its text.
            href = anchors[-1].attributes.get("href")
        url = self.resolve(href)
        text_node = parts.paragraph
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
        if not self.blocks and self.bare_images:
            self.blocks.append(("para", "[Image]"))
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out:
                out.append("\n" if kind == previous and kind != "para" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out), tuple(self.links)


Reader = Callable[[_Converter, LexborNode, int, str], None]
"""How the converter reads one kind of element (the converter, the node, its depth, its tag)."""


def _image_element(converter: _Converter, node: LexborNode, depth: int, tag: str) -> None:
    converter.image(node, None)


def _embed_element(converter: _Converter, node: LexborNode, depth: int, tag: str) -> None:
    converter.embed(node)


_READERS: dict[str, Reader] = {
    **dict.fromkeys(_INLINE, _Converter.inline_element),
    "br": _Converter.line_break,
    "ul": _Converter.a_list,
    "ol": _Converter.a_list,
    "li": _Converter.list_item,
    "figure": _Converter.figure,
    "blockquote": _Converter.blockquote,
    "img": _image_element,
    "amp-img": _image_element,
    **dict.fromkeys(
        ("iframe", "video", "audio", "amp-iframe", "amp-youtube", "amp-twitter"), _embed_element
    ),
    "tr": _Converter.row,
    **dict.fromkeys(("hr", "source", "track"), _Converter.rule),
}
"""The reader of each tag that is not a plain block (`_Converter.block` reads the rest)."""
