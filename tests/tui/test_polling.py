"""URL sources polled while the app is open, against a real HTTP server on 127.0.0.1: new
entries arrive with a count and a notification, the selection and the viewport stay on the
same entries, validators are sent, and a failing URL is reported once while polling goes on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from liveread.services.sync import poll_url
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.polling import Poller
from liveread.tui.screens.main import MainScreen
from tests.tui.conftest import Recorder, ready, screen_text, wait_for

POLL = 0.3
"""Seconds between polls in these tests."""


def rss(first: int, last: int) -> bytes:
    """An RSS feed with items `last` (newest, on top) down to `first`."""
    items = "".join(
        f'<item><guid isPermaLink="false">tide-{n}</guid><title>Tide gauge reading {n}</title>'
        f"<description>Reading {n} from the Saltmarsh gauge.</description></item>"
        for n in range(last, first - 1, -1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Saltmarsh tide watch</title><link>https://example.org/tide</link>{items}"
        "</channel></rss>"
    ).encode()


class Feed:
    """What the server sends now: a body with an ETag (304 when the client has it), or an
    error status."""

    def __init__(self, body: bytes, etag: str) -> None:
        self.body = body
        self.etag = etag
        self.status = 200
        self.seen: list[str | None] = []
        """The If-None-Match header of every request."""

    def handle(self, request: Request) -> Response:
        self.seen.append(request.headers.get("If-None-Match"))
        if self.status != 200:
            return Response("broken", status=self.status)
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(self.body, content_type="application/rss+xml", headers={"ETag": self.etag})


def poller(app: LivereadApp) -> Poller:
    """The main screen's poller."""
    screen = next(s for s in app.screen_stack if isinstance(s, MainScreen))
    found = getattr(screen, "poller", None)
    assert isinstance(found, Poller)
    return found


async def test_new_entries_arrive_without_moving_the_selection(
    httpserver: HTTPServer,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    feed = Feed(rss(1, 80), '"v1"')
    httpserver.expect_request("/tide").respond_with_handler(feed.handle)
    url = httpserver.url_for("/tide")
    await asyncio.to_thread(poll_url, store, url)  # fetch_feed runs its own event loop
    app = make_app(store, poll_seconds=POLL)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        entries = main.entry_list
        entries.cursor = 50
        await wait_for(pilot, lambda: main.position == 50, "row 50 to be selected")
        assert main.entry is not None
        selected = main.entry.id
        assert main.entry.title == "Tide gauge reading 30"
        top = round(entries.scroll_y)
        assert top > 0, "the list must be scrolled for this test to mean anything"
        row = 50 - top
        line = next(
            n for n, text in enumerate(screen_text(pilot).splitlines()) if "ing 30 " in text
        )
        # Nothing new: conditional GETs answered 304, nothing moves.
        rounds = poller(app).rounds
        await wait_for(pilot, lambda: poller(app).rounds >= rounds + 2, "two quiet polls")
        assert feed.seen[-1] == '"v1"'
        assert entries.cursor == 50 and "new ·" not in screen_text(pilot).splitlines()[0]

        feed.body, feed.etag = rss(1, 83), '"v2"'
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.entry_count == 83,
            "the three new entries",
        )
        await wait_for(pilot, lambda: entries.cursor == 53, "the cursor to follow its entry")
        await pilot.pause()
        assert main.entry is not None and main.entry.id == selected
        assert round(entries.scroll_y) == top + 3
        assert entries.cursor - round(entries.scroll_y) == row
        lines = screen_text(pilot).splitlines()
        assert "ing 30 " in lines[line], "the selected entry stays on the same screen line"
        assert "+3 new · 83 entries" in lines[0]
        assert "next poll" in lines[0]
        assert any(
            m.startswith("3 new entries in Saltmarsh tide watch") for m in recorder.messages()
        )
        # Going up to the top is seeing what arrived: the count goes.
        await pilot.press("g")
        await wait_for(
            pilot, lambda: "+3 new" not in screen_text(pilot).splitlines()[0], "the count to go"
        )
        assert "Tide gauge reading 83" in screen_text(pilot)


async def test_a_failing_url_is_reported_once_and_polling_goes_on(
    httpserver: HTTPServer,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    feed = Feed(rss(1, 5), '"v1"')
    httpserver.expect_request("/tide").respond_with_handler(feed.handle)
    url = httpserver.url_for("/tide")
    await asyncio.to_thread(poll_url, store, url)  # fetch_feed runs its own event loop
    app = make_app(store, poll_seconds=POLL)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        feed.status = 500
        rounds = poller(app).rounds
        await wait_for(pilot, lambda: poller(app).rounds >= rounds + 3, "three failing polls")
        failures = [n for n in recorder.notes if n.notification.title == "Could not poll"]
        assert len(failures) == 1, [n.notification.message for n in failures]
        message = failures[0].notification.message
        assert message.startswith(url) and "500" in message
        assert "Traceback" not in message and "\n" not in message
        assert app.is_running and main.source is not None and main.source.entry_count == 5
        feed.status = 200
        feed.body, feed.etag = rss(1, 7), '"v2"'
        await wait_for(
            pilot, lambda: main.source is not None and main.source.entry_count == 7, "recovery"
        )
        assert "+2 new" in screen_text(pilot).splitlines()[0]
        # It worked again, so a new failure is worth saying once more.
        feed.status = 404
        await wait_for(
            pilot,
            lambda: sum(n.notification.title == "Could not poll" for n in recorder.notes) == 2,
            "the second failure to be reported",
        )


async def test_a_notice_a_poll_brings_is_said_once(
    httpserver: HTTPServer,
    store: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
) -> None:
    feed = Feed(rss(1, 3), '"v1"')
    httpserver.expect_request("/tide").respond_with_handler(feed.handle)
    url = httpserver.url_for("/tide")
    await asyncio.to_thread(poll_url, store, url)
    app = make_app(store, poll_seconds=POLL)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        # The outlet starts sending a page whose posts all share one headline and one time.
        page = Path(__file__).resolve().parents[1] / "pages" / "jsonld-only.html"
        feed.body, feed.etag = page.read_bytes(), '"v2"'

        def said() -> list[str]:
            return [m for m in recorder.messages() if "one headline and one time" in m]

        await wait_for(pilot, said, "the poll's warning")
        rounds = poller(app).rounds
        # Two more polls bring the same notice: nothing more is said.
        await wait_for(pilot, lambda: poller(app).rounds >= rounds + 2, "two more polls")
        assert len(said()) == 1, recorder.messages()
