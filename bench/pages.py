"""An HTML live page of 500 posts (about 1 MB) read into entries, as a ratio to selectolax's
bare parse of the same bytes in the same run (medians).

The page has the Guardian's block markup (the most common family): each post an `<article
id="block-…">` with a header (permalink, `<time>`, title, byline, icons), a body of
paragraphs, a list, a link, sometimes a quote, an image with caption and credit or an
embedded post, and a footer of share buttons. Reading it is the parse plus everything liveread
adds: the nesting guard, noise removal, per-post fields, bodies, links, keys and cleaning.
The target bounds that added work at twice the parse itself (ratio <= 3).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from bench.core import Figure
from bench.generate import WORDS
from liveread.ingest import parse_bytes

_ICON = (
    '<svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M6 0a6 6 0 1 0'
    ' 0 12A6 6 0 0 0 6 0zm0 11A5 5 0 1 1 6 1a5 5 0 0 1 0 10z"></path></svg>'
)


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _post(rng: random.Random, n: int) -> str:
    block = f"block-{0x69A0000000 + n * 7919:x}"
    minute = 1440 - n * 2
    clock = f"{minute // 60 % 24:02d}.{minute % 60:02d}"
    stamp = f"2026-03-02T{minute // 60 % 24:02d}:{minute % 60:02d}:00.000Z"
    title = f"<h2>{_sentence(rng, 6)}</h2>" if n % 3 == 0 else ""
    extra = ""
    if n % 4 == 0:
        extra = f'<blockquote class="quoted"><p>{_sentence(rng, 18)}</p></blockquote>'
    elif n % 4 == 1:
        extra = (
            '<figure class="element element-image" data-component="image"><img'
            f' src="https://media.example/img/{n}.jpg" alt="{_sentence(rng, 5)}"'
            f' loading="lazy"><figcaption><span class="caption">{_sentence(rng, 9)}</span>'
            ' <span class="credit">Photograph: Invented Agency</span></figcaption></figure>'
        )
    elif n % 4 == 2:
        extra = (
            f'<figure class="element element-tweet" data-canonical-url="https://twitter.com/'
            f'example/status/{n}"><blockquote class="twitter-tweet"><p>{_sentence(rng, 20)}'
            f'</p>&mdash; Example (@example) <a href="https://twitter.com/example/status/{n}">'
            "March 2, 2026</a></blockquote></figure>"
        )
    return (
        f'<article id="{block}" class="block dcr-1x2y3z" data-gu-name="liveblock"'
        f' data-block-contributor="Ada Quill" aria-labelledby="{block}-title">'
        f'<header class="dcr-header"><div class="block-time dcr-time"><a href="?page=with:'
        f'{block}#{block}" data-link-name="permalink" class="dcr-permalink">{_ICON}'
        f'<time datetime="{stamp}" data-relativeformat="med">{clock} GMT</time></a></div>'
        f'{title}<div class="block-contributor dcr-contributor"><img src="https://media.example'
        '/avatar.png" alt="" width="36" height="36"><span>Ada Quill</span></div></header>'
        f'<div class="block-elements dcr-body"><p>{_sentence(rng, 28)}</p>'
        f'<p>{_sentence(rng, 14)} <a href="https://www.example.org/story/{n}"'
        f' data-link-name="in body link">{_sentence(rng, 3)}</a> {_sentence(rng, 10)}</p>'
        f"<ul><li>{_sentence(rng, 6)}</li><li>{_sentence(rng, 7)}</li></ul>{extra}</div>"
        '<footer class="dcr-footer"><div class="share-bar" data-component="share">'
        f'<button aria-label="Share on Facebook" class="dcr-share">{_ICON}</button>'
        f'<button aria-label="Share on X" class="dcr-share">{_ICON}</button>'
        '<button aria-label="Copy link" class="dcr-share">Copy link</button></div>'
        f'<p class="updated-at">Updated at {clock} GMT</p></footer></article>\n'
    )


def live_page(posts: int, seed: int = 7) -> bytes:
    """A Guardian-style live page of `posts` posts, newest first; same seed, same bytes."""
    rng = random.Random(seed)
    body = "".join(_post(rng, n) for n in range(posts))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Invented live blog'
        '</title><link rel="canonical" href="https://www.theguardian.com/world/live/2026/mar/02/'
        'invented"><script>window.guardian={"config":{"isLive":true}};</script></head><body>'
        '<header data-component="nav"><a href="/">Home</a></header><main><h1>Invented live'
        f' blog</h1><div id="liveblog-body" data-gu-name="body">{body}</div>'
        '<div class="liveblog-navigation"><a href="?page=with:block-1#liveblog-navigation"'
        ' data-link-name="older page">Older</a></div></main></body></html>'
    ).encode()


def _interleaved(
    repeats: int, bare: Callable[[], object], full: Callable[[], object]
) -> tuple[float, float]:
    """Medians of `bare` and `full`, run in turns so a busy machine slows both alike."""
    bare_times: list[float] = []
    full_times: list[float] = []
    for _ in range(repeats):
        for fn, times in ((bare, bare_times), (full, full_times)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(bare_times), statistics.median(full_times)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure the bare parse and the read into entries of the same page; one figure."""
    del scratch  # nothing is written
    posts = 100 if quick else 500
    repeats = 5 if quick else 9
    page = live_page(posts)
    feed = parse_bytes(page, "https://www.theguardian.com/world/live/2026/mar/02/invented")
    assert len(feed.entries) == posts and feed.profile == "guardian", feed.warnings
    baseline, value = _interleaved(
        repeats, lambda: LexborHTMLParser(page), lambda: parse_bytes(page, "page.html")
    )
    size = f"{len(page) / 1_000_000:.1f}MB"
    return [
        Figure(
            f"page_{posts}_posts_{size}_to_entries",
            value * 1000,
            "ms",
            baseline * 1000,
            "ratio<=3",
            3.0,
        )
    ]
