"""Parse + import of a 10,000-item RSS feed and of a 10,000-update JSON-LD page, each as a
ratio to feedparser's bare parse of the same RSS bytes in the same run.

liveread's RSS path is feedparser plus the work it adds (encoding check, entity guard, HTML to
text, dates, keys) plus the SQLite import, so it can never beat the baseline; the target
keeps all that added work within feedparser's own time (ratio <= 2). The JSON-LD page needs no
feedparser, so its parse and import must together stay under feedparser's bare parse
(ratio <= 1). Refusing an entity bomb has an absolute bound: well under a second.
"""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

import feedparser

from bench.core import Figure, best_of
from bench.generate import jsonld_page, rss_xml
from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.storage import Store


def _bomb() -> bytes:
    levels = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 12))
    return (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{levels}]>'
        '<rss version="2.0"><channel><title>&l11;</title></channel></rss>'
    ).encode()


def _parse_and_import(data: bytes, scratch: Path, name: str, repeats: int) -> float:
    """The median of `repeats` parse + import runs, each into a fresh database opened (created and
    migrated) before the clock starts: the figure is the import, not the database setup."""
    times: list[float] = []
    for n in range(repeats):
        with Store.open(scratch / f"{name}-{n}.db") as store:
            start = time.perf_counter()
            feed = parse_bytes(data, f"https://example.org/{name}")
            result = store.import_feed(f"https://example.org/{name}", feed)
            times.append(time.perf_counter() - start)
        assert result.new == len(feed.entries) > 0, result
    return statistics.median(times)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure the baseline and both imports; return the three figures."""
    count = 1_000 if quick else 10_000
    repeats = 3 if quick else 2
    rss = rss_xml(count)
    page = jsonld_page(count)
    baseline = best_of(repeats, lambda: feedparser.parse(io.BytesIO(rss)))
    assert len(feedparser.parse(io.BytesIO(rss)).entries) == count
    rss_time = _parse_and_import(rss, scratch, "rss", repeats)
    page_time = _parse_and_import(page, scratch, "page", repeats)
    start = time.perf_counter()
    try:
        parse_bytes(_bomb(), "bomb.xml")
        refused = False
    except InputError:
        refused = True
    bomb_time = time.perf_counter() - start
    assert refused, "the entity bomb was parsed"
    label = "1k" if quick else "10k"
    return [
        Figure(f"rss_{label}_parse_import", rss_time, "s", baseline, "ratio<=2", 2.0),
        Figure(f"jsonld_{label}_parse_import", page_time, "s", baseline, "ratio<=1", 1.0),
        Figure("refuse_entity_bomb", bomb_time, "s", None, "value<=1", 1.0, by_ratio=False),
    ]
