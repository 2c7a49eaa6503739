"""The fetch caps are settings (`max_page_mib`, `max_feed_mib`): a web page and a feed are
held to their own caps, a body whose type the server did not say is read to the feed cap and
refused afterwards if it is a page, and every refusal names the setting that raises it.
Against a real HTTP server on 127.0.0.1, and through the real `liveread` binary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from liveread.ingest.fetch import MAX_BODY_BYTES, MAX_FEED_BYTES, BodyCaps, MiB, fetch_feed
from liveread.kernel.errors import FetchError
from liveread.kernel.settings import load_settings
from liveread.services.sync import body_caps
from liveread.storage import Store

LIVEREAD = str(Path(sys.executable).parent / "liveread")
"""The installed `liveread` script of the environment running the tests."""

SMALL = BodyCaps(page_bytes=1 * MiB, feed_bytes=2 * MiB)
"""Caps small enough that the bodies of these tests stay small."""


def _rss(size: int) -> bytes:
    """An RSS feed of one item, padded with an XML comment to about `size` bytes."""
    head = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Canal count</title>'
        b"<link>https://example.org/canal</link><description>Counting boats</description>"
        b'<item><guid isPermaLink="false">c1</guid><title>First boat through</title>'
        b"<description>The lock keeper waved the first boat through.</description></item>"
    )
    tail = b"</channel></rss>"
    return head + b"<!--" + b" " * max(0, size - len(head) - len(tail) - 7) + b"-->" + tail


def _page(size: int) -> bytes:
    return b"<!DOCTYPE html><html><body>" + b" " * size + b"</body></html>"


def test_the_defaults_keep_10_mib_for_pages_and_allow_larger_feeds() -> None:
    assert BodyCaps() == BodyCaps(page_bytes=10 * MiB, feed_bytes=50 * MiB)
    assert (MAX_BODY_BYTES, MAX_FEED_BYTES) == (10 * 1024 * 1024, 50 * 1024 * 1024)


def test_a_feed_over_the_page_cap_is_read_under_the_feed_cap(httpserver: HTTPServer) -> None:
    body = _rss(int(1.5 * MiB))
    httpserver.expect_request("/feed").respond_with_data(body, content_type="application/rss+xml")
    result = fetch_feed(httpserver.url_for("/feed"), caps=SMALL)
    assert result.feed is not None
    assert [e.headline for e in result.feed.entries] == ["First boat through"]


def test_a_feed_over_the_feed_cap_names_max_feed_mib(httpserver: HTTPServer) -> None:
    url = httpserver.url_for("/feed")
    httpserver.expect_request("/feed").respond_with_data(
        _rss(int(2.5 * MiB)), content_type="application/rss+xml"
    )
    with pytest.raises(FetchError) as caught:
        fetch_feed(url, caps=SMALL)
    assert str(caught.value) == (
        f"{url}: the body is larger than the 2 MiB limit"
        f" ({int(2.5 * MiB):,} bytes announced; the max_feed_mib setting raises it)"
    )


def test_a_page_over_the_page_cap_names_max_page_mib(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/live").respond_with_data(
        _page(int(1.5 * MiB)), content_type="text/html; charset=utf-8"
    )
    with pytest.raises(FetchError, match=r"1 MiB limit .*the max_page_mib setting raises it\)$"):
        fetch_feed(httpserver.url_for("/live"), caps=SMALL)


def test_a_page_of_unsaid_type_is_refused_once_read_by_the_page_setting(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/live").respond_with_data(
        _page(int(1.5 * MiB)), content_type="application/octet-stream"
    )
    with pytest.raises(FetchError, match=r"1 MiB limit \(a page of .*max_page_mib setting"):
        fetch_feed(httpserver.url_for("/live"), caps=SMALL)


def test_the_settings_give_the_caps(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_page_mib = 3\nmax_feed_mib = 200\n")
    loaded = load_settings(config)
    assert loaded.problem is None
    assert body_caps(loaded.settings) == BodyCaps(page_bytes=3 * MiB, feed_bytes=200 * MiB)


@pytest.mark.parametrize("line", ["max_feed_mib = 0", "max_page_mib = 2000", 'max_page_mib = "9"'])
def test_a_bad_cap_setting_is_one_line_and_the_defaults(tmp_path: Path, line: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(line + "\n")
    loaded = load_settings(config)
    name = line.split(" ", 1)[0]
    assert loaded.problem == (
        f"{config}: '{name}' must be a whole number of MiB from 1 to 1024; using defaults"
    )
    assert body_caps(loaded.settings) == BodyCaps()


def _import(url: str, db: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEREAD_DB": str(db), "LIVEREAD_CONFIG": str(config)}
    return subprocess.run(
        [LIVEREAD, "import", url], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_the_cli_refuses_by_the_setting_and_the_setting_lets_it_in(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    size = int(1.5 * MiB)
    httpserver.expect_request("/feed").respond_with_data(
        _rss(size), content_type="application/rss+xml"
    )
    url = httpserver.url_for("/feed")
    db, config = tmp_path / "a.db", tmp_path / "config.toml"
    config.write_text("max_feed_mib = 1\n")
    refused = _import(url, db, config)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        f"liveread: {url}: the body is larger than the 1 MiB limit"
        f" ({size:,} bytes announced; the max_feed_mib setting raises it)\n"
    )
    assert not db.exists()  # nothing was written, not even an empty database
    config.write_text("max_feed_mib = 2\n")
    taken = _import(url, db, config)
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout == f"{url}: 1 new, 0 updated, 0 unchanged\n"
    with Store.open(db) as store:
        assert [s.entry_count for s in store.sources()] == [1]
