"""Entry points: recognise a source's format from its content and hand it to its parser."""

from __future__ import annotations

import codecs
from pathlib import Path

from liveread.ingest.decode import MAX_FILE_BYTES, decode_text, utf8_from_bom
from liveread.ingest.detect import Kind, sniff
from liveread.ingest.feeds import parse_feed
from liveread.ingest.jsonfeed import is_json_feed, json_feed_from
from liveread.ingest.jsonld import feed_from_jsonld
from liveread.ingest.jsonsafe import load_json
from liveread.ingest.live_page import parse_live_page
from liveread.ingest.markdown_dump import parse_markdown
from liveread.ingest.plaintext import parse_text_dump
from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, ParsedFeed
from liveread.kernel.progress import Phase, Progress
from liveread.kernel.reading import read_bounded

EXPECTED = (
    "expected RSS, Atom, a JSON Feed, an HTML live page (its posts, or schema.org"
    " LiveBlogPosting data),"
    " a Markdown live blog ('# title', '## [time] headline'), or a live-blog dump whose"
    " first line is ' date YYYY-MM-DD <title>'"
)

_COMPRESSED = (b"\x1f\x8b", b"\x78\x9c", b"\x78\xda", b"\x78\x01")


def parse_bytes(
    data: bytes,
    where: str,
    *,
    content_type: str | None = None,
    base_url: str | None = None,
    progress: Progress | None = None,
) -> ParsedFeed:
    """Detect the format of `data` from its content (never its name) and parse it.

    `content_type` and `base_url` come from an HTTP response, when there was one: the first
    helps pick a character encoding, the second resolves relative links. `progress`, if
    given, hears how many entries were read (the plain-text dump, the one format that
    reaches 100,000 entries, tells it as it goes; the others once, at the end).
    """
    feed = _parse_bytes(data, where, content_type, base_url, progress)
    if progress is not None and feed.format is not Format.TEXT:
        progress(Phase.READING, len(feed.entries), len(feed.entries))
    return feed


def _parse_bytes(
    data: bytes,
    where: str,
    content_type: str | None,
    base_url: str | None,
    progress: Progress | None,
) -> ParsedFeed:
    utf8 = utf8_from_bom(data, where)
    if utf8 is not data and content_type:
        # The bytes are UTF-8 now, whatever charset the server named for them.
        content_type = content_type.split(";", 1)[0].strip() + "; charset=utf-8"
    data = utf8
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise InputError(where, "empty file, nothing to import")
    if data.startswith(_COMPRESSED):
        raise InputError(where, "compressed data (gzip or zlib): decompress it first")
    kind = sniff(data)
    if kind is Kind.XML:
        return parse_feed(data, where, content_type=content_type, base_url=base_url)
    if kind is Kind.HTML:
        return parse_live_page(data, where, content_type=content_type, base_url=base_url)
    if kind is Kind.JSON:
        return _parse_json(data, where)
    if kind is Kind.MARKDOWN:
        return parse_markdown(data, where)
    text = decode_text(data, where)
    if kind is Kind.TEXT_DUMP:
        return parse_text_dump(text, where, progress)
    raise InputError(where, f"not a live blog liveread can read ({EXPECTED})")


def _parse_json(data: bytes, where: str) -> ParsedFeed:
    value = load_json(data, where)
    if is_json_feed(value):
        return json_feed_from(value, where)
    feed = feed_from_jsonld(value, where)
    if feed is None:
        raise InputError(
            where,
            'JSON, but neither a JSON Feed ("version": "https://jsonfeed.org/version/1.1")'
            " nor schema.org LiveBlogPosting JSON-LD",
        )
    return feed


def read_file(path: Path, progress: Progress | None = None) -> ParsedFeed:
    """Read and parse a file; every problem is an `InputError` naming the path. `progress`
    hears how many entries were read, as `parse_bytes` says.

    Only a regular file is read, and the read stops at `MAX_FILE_BYTES` as it goes
    (`kernel.reading`): a device, a FIFO or a growing file is refused, never waited on.
    """
    where = str(path)
    data = read_bounded(path, MAX_FILE_BYTES, what="a live-blog file")
    return parse_bytes(data, where, progress=progress)
