"""The app fetches under the config's caps (`max_page_mib`, `max_feed_mib`) as the CLI does:
a feed over the cap is refused with the line naming the setting and nothing is stored, and the
same feed is read once the setting allows it. Against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer

from liveread.ingest.fetch import MiB
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from tests.tui.conftest import ready, screen_text, wait_for


def _rss(size: int) -> bytes:
    """An RSS feed of one item, padded with an XML comment to about `size` bytes."""
    head = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Weir watch</title>'
        b"<link>https://example.org/weir</link><description>The weir at dawn</description>"
        b'<item><guid isPermaLink="false">w1</guid><title>Weir gates opened</title>'
        b"<description>The keeper opened two gates at six.</description></item>"
    )
    tail = b"</channel></rss>"
    return head + b"<!--" + b" " * (size - len(head) - len(tail) - 7) + b"-->" + tail


def _serve(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/weir").respond_with_data(
        _rss(int(1.5 * MiB)), content_type="application/rss+xml"
    )
    return httpserver.url_for("/weir")


async def test_a_feed_over_the_configured_cap_is_refused_naming_the_setting(
    tmp_path: Path,
    store: Store,
    httpserver: HTTPServer,
    make_app: Callable[..., LivereadApp],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_feed_mib = 1\n")
    app = make_app(store, _serve(httpserver), config=config)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.failure is not None, "the refusal")
    assert app.failure is not None
    assert "max_feed_mib" in str(app.failure)
    assert store.sources() == []


async def test_the_same_feed_is_read_when_the_setting_allows_it(
    tmp_path: Path,
    store: Store,
    httpserver: HTTPServer,
    make_app: Callable[..., LivereadApp],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_feed_mib = 2\nmax_page_mib = 1\n")
    app = make_app(store, _serve(httpserver), config=config)
    async with app.run_test() as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: "Weir gates opened" in screen_text(pilot), "the entry")
    assert app.failure is None
    assert [s.title for s in store.sources()] == ["Weir watch"]
