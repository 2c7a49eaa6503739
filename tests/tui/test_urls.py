"""A live blog at a URL (a real HTTP server on 127.0.0.1): opened from the command line,
polled again with `r`, and a failing URL reported without losing what was there."""

from __future__ import annotations

from collections.abc import Callable

from pytest_httpserver import HTTPServer

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from tests.conftest import SAMPLES
from tests.tui.conftest import Recorder, ready, screen_text, wait_for

RSS = (SAMPLES / "glenmoor-wildfire.xml").read_bytes()


def grown(feed: bytes) -> bytes:
    """The same feed with one more item on top (a live blog that was updated)."""
    item = (
        b"<item><guid>glenmoor-extra-1</guid><title>Crews hold the northern line overnight"
        b"</title><description>Firefighters kept the blaze behind the ridge road.</description>"
        b"</item>"
    )
    head, sep, tail = feed.partition(b"<item>")
    assert sep, "the sample RSS has items"
    return head + item + sep + tail


async def test_a_url_is_fetched_shown_and_polled_again(
    httpserver: HTTPServer,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    httpserver.expect_request("/live").respond_with_data(RSS, content_type="application/xml")
    url = httpserver.url_for("/live")
    app = make_app(store, url)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.is_url
        before = main.source.entry_count
        assert before > 0
        header = screen_text(pilot).splitlines()[0]
        assert "checked " in header and "r reloads" in header
        httpserver.clear()
        httpserver.expect_request("/live").respond_with_data(
            grown(RSS), content_type="application/xml"
        )
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.entry_count == before + 1,
            "the new entry after polling",
        )
        assert any(m.startswith("Reloaded 1 live blog: 1 new") for m in recorder.messages())
        # The server goes away: the blog stays as it was, one notification names the URL.
        httpserver.clear()
        httpserver.expect_request("/live").respond_with_data("gone", status=500)
        await pilot.press("r")
        await wait_for(
            pilot, lambda: any(url in m and "500" in m for m in recorder.messages()), "the error"
        )
        assert main.source is not None and main.source.entry_count == before + 1
