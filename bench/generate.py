"""Deterministic synthetic live blogs for benchmarks: same seed, same bytes."""

from __future__ import annotations

import random

WORDS = [
    "council",
    "harbour",
    "ferry",
    "minister",
    "storm",
    "police",
    "count",
    "ballot",
    "river",
    "bridge",
    "power",
    "outage",
    "shelter",
    "evacuation",
    "rescue",
    "crews",
    "wind",
    "flood",
    "warning",
    "update",
    "vote",
    "turnout",
    "result",
    "mayor",
    "hospital",
    "school",
    "road",
    "closed",
    "reopened",
    "statement",
    "spokesperson",
    "officials",
    "residents",
]
"""The vocabulary of every synthetic text in the benchmarks."""


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    picked[0] = picked[0].capitalize()
    return " ".join(picked)


def dump_text(entries: int, *, seed: int = 7) -> str:
    """A plain-text dump with `entries` entries, newest first, some with time lines."""
    rng = random.Random(seed)
    lines = [
        " date 2025-01-01 Synthetic live blog for benchmarks",
        "A standfirst for the synthetic blog",
    ]
    for i in range(entries, 0, -1):
        if i % 3 == 0:
            lines.append(f"{(i // 60) % 24:02d}:{i % 60:02d}")
        lines.append(f"{_sentence(rng, rng.randint(4, 10))} number {i}")
        for _ in range(rng.randint(1, 3)):
            lines.append(_sentence(rng, rng.randint(12, 40)) + ".")
    return "\n".join(lines) + "\n"


def _html_body(rng: random.Random, i: int) -> str:
    paragraphs = [f"<p>{_sentence(rng, rng.randint(12, 40))} &amp; more.</p>" for _ in range(2)]
    if i % 4 == 0:
        items = "".join(f"<li>{_sentence(rng, 5)}</li>" for _ in range(3))
        paragraphs.append(f"<ul>{items}</ul>")
    if i % 5 == 0:
        paragraphs.append(f'<p>See <a href="https://example.org/doc/{i}">the document</a>.</p>')
    return "".join(paragraphs)


def rss_xml(items: int, *, seed: int = 11) -> bytes:
    """An RSS 2.0 live-blog feed with `items` items, HTML bodies and RFC 822 dates."""
    rng = random.Random(seed)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Synthetic live blog</title><link>https://example.org/live</link>"
        "<description>A synthetic feed for benchmarks.</description>"
    ]
    for i in range(items, 0, -1):
        minute = i % 60
        hour = (i // 60) % 24
        day = 1 + (i // 1440) % 28
        parts.append(
            f"<item><title>{_sentence(rng, rng.randint(4, 10))} number {i}</title>"
            f'<guid isPermaLink="false">post-{i}</guid>'
            f"<pubDate>Sat, {day:02d} Feb 2025 {hour:02d}:{minute:02d}:00 +0000</pubDate>"
            f"<description><![CDATA[{_html_body(rng, i)}]]></description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")


def jsonld_page(updates: int, *, seed: int = 13) -> bytes:
    """An HTML page whose LiveBlogPosting JSON-LD has `updates` liveBlogUpdate items."""
    import json

    rng = random.Random(seed)
    posts = []
    for i in range(updates, 0, -1):
        minute = i % 60
        hour = (i // 60) % 24
        day = 1 + (i // 1440) % 28
        post: dict[str, object] = {
            "@type": "BlogPosting",
            "@id": f"https://example.org/live#post-{i}",
            "articleBody": "\n".join(
                _sentence(rng, rng.randint(12, 40)) + "." for _ in range(rng.randint(1, 3))
            ),
            "datePublished": f"2025-02-{day:02d}T{hour:02d}:{minute:02d}:00Z",
            "author": {"@type": "Person", "name": "Desk"},
        }
        if i % 3:
            post["headline"] = f"{_sentence(rng, rng.randint(4, 10))} number {i}"
        posts.append(post)
    blog = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Synthetic live blog",
        "url": "https://example.org/live",
        "coverageStartTime": "2025-02-01T00:00:00Z",
        "liveBlogUpdate": posts,
    }
    script = json.dumps(blog, ensure_ascii=False)
    return (
        "<!DOCTYPE html><html><head><title>Synthetic</title>"
        f'<script type="application/ld+json">{script}</script></head>'
        "<body><h1>Synthetic live blog</h1></body></html>"
    ).encode()
