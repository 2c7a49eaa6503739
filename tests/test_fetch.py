"""Fetching URLs against real HTTP servers on 127.0.0.1: statuses, validators, redirects,
deadlines, size caps, compression bombs, and a feed that grows between two polls."""

from __future__ import annotations

import contextlib
import gzip
import socket
import sqlite3
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from liveread import __version__
from liveread.ingest.fetch import MAX_BODY_BYTES, USER_AGENT, BodyCaps, fetch_feed
from liveread.kernel.errors import FetchError, InputError
from liveread.services.sync import poll_url
from liveread.storage import Store
from liveread.storage.rows import to_iso
from tests.conftest import SAMPLES

RSS = (SAMPLES / "glenmoor-wildfire.xml").read_bytes()


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    """A small RSS feed: (guid, title, text) per item, newest first."""
    body = "".join(
        f'<item><guid isPermaLink="false">{g}</guid><title>{t}</title>'
        f"<description>{d}</description></item>"
        for g, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Growing blog</title><link>https://example.org/live</link>{body}"
        "</channel></rss>"
    ).encode()


def test_200_parses_and_returns_validators(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        RSS,
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Sun, 06 Jul 2025 16:50:00 GMT"},
    )
    result = fetch_feed(httpserver.url_for("/feed"))
    assert result.feed is not None and len(result.feed.entries) == 5
    assert result.etag == '"v1"'
    assert result.last_modified == "Sun, 06 Jul 2025 16:50:00 GMT"
    assert not result.not_modified


def test_user_agent_and_compression_are_announced(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(RSS, content_type="application/rss+xml")

    httpserver.expect_request("/feed").respond_with_handler(handler)
    fetch_feed(httpserver.url_for("/feed"))
    assert seen[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"liveread/{__version__} ")
    assert "gzip" in seen[0].headers["Accept-Encoding"]


def _conditional(etag: str | None, last_modified: str | None, body: bytes = RSS):
    """A handler answering 304 when the request carries the matching validator."""
    calls: list[dict[str, str | None]] = []

    def handler(request: Request) -> Response:
        calls.append(
            {
                "if_none_match": request.headers.get("If-None-Match"),
                "if_modified_since": request.headers.get("If-Modified-Since"),
            }
        )
        headers = {}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        if (etag and request.headers.get("If-None-Match") == etag) or (
            last_modified and request.headers.get("If-Modified-Since") == last_modified
        ):
            return Response(status=304, headers=headers)
        return Response(body, content_type="application/rss+xml", headers=headers)

    return handler, calls


@pytest.mark.parametrize(
    ("etag", "last_modified"),
    [('"abc123"', None), (None, "Sun, 06 Jul 2025 16:50:00 GMT")],
    ids=["etag", "last-modified"],
)
def test_304_changes_nothing_but_checked_at(
    httpserver: HTTPServer,
    db_path: Path,
    store: Store,
    etag: str | None,
    last_modified: str | None,
) -> None:
    handler, calls = _conditional(etag, last_modified)
    httpserver.expect_request("/feed").respond_with_handler(handler)
    url = httpserver.url_for("/feed")
    first = poll_url(store, url)
    assert first.result is not None and first.result.new == 5
    source = store.source_by_location(first.location)
    assert source is not None and source.etag == etag and source.last_modified == last_modified
    before_entries = list(store.entries(source.id))
    # checked_at has one-second resolution: rather than wait a second, the first check is
    # put an hour back (by another connection, as another process would).
    assert source.checked_at is not None
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as conn, conn:
        conn.execute(
            "UPDATE sources SET checked_at = ? WHERE id = ?",
            (to_iso(source.checked_at - timedelta(hours=1)), source.id),
        )
    source = store.source(source.id)
    second = poll_url(store, url)
    assert second.result is None and second.summary() == "not modified"
    assert calls[1]["if_none_match"] == etag
    assert calls[1]["if_modified_since"] == last_modified
    after = store.source(source.id)
    assert list(store.entries(source.id)) == before_entries
    assert after.etag == etag and after.last_modified == last_modified
    assert after.checked_at is not None and source.checked_at is not None
    assert after.checked_at > source.checked_at


def test_redirects_are_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/middle"}
    )
    httpserver.expect_request("/middle").respond_with_data(
        "", status=307, headers={"Location": httpserver.url_for("/feed")}
    )
    httpserver.expect_request("/feed").respond_with_data(RSS, content_type="application/xml")
    result = fetch_feed(httpserver.url_for("/old"))
    assert result.url == httpserver.url_for("/feed")
    assert result.feed is not None and result.feed.title.startswith("Glenmoor")


def test_redirect_loop_is_named(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    url = httpserver.url_for("/a")
    with pytest.raises(FetchError, match="redirect loop") as info:
        fetch_feed(url)
    assert str(info.value).startswith(url + ": ")


def test_more_than_five_redirects_refused(httpserver: HTTPServer) -> None:
    for n in range(7):
        httpserver.expect_request(f"/r{n}").respond_with_data(
            "", status=302, headers={"Location": f"/r{n + 1}"}
        )
    httpserver.expect_request("/r7").respond_with_data(RSS)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_feed(httpserver.url_for("/r0"))


def test_redirect_to_other_scheme_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(FetchError, match="only http and https"):
        fetch_feed(httpserver.url_for("/a"))


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_error_status_is_one_line_and_db_unchanged(
    httpserver: HTTPServer, store: Store, status: int, words: str
) -> None:
    responses = [Response(RSS, content_type="application/xml"), Response("no", status=status)]
    httpserver.expect_request("/feed").respond_with_handler(lambda _r: responses.pop(0))
    url = httpserver.url_for("/feed")
    poll_url(store, url)
    source = store.sources()[0]
    before = (list(store.entries(source.id)), store.source(source.id))
    with pytest.raises(FetchError) as info:
        poll_url(store, url)
    assert str(info.value) == f"{url}: {words} " + (
        "NOT FOUND" if status == 404 else "INTERNAL SERVER ERROR"
    )
    assert "\n" not in str(info.value)
    assert (list(store.entries(source.id)), store.source(source.id)) == before


def test_connection_refused_names_the_url() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(FetchError, match="cannot connect") as info:
        fetch_feed(url)
    assert str(info.value).startswith(url + ": ")


@pytest.fixture
def trickle_server() -> Iterator[tuple[str, threading.Event]]:
    """A raw socket server that sends its answer one byte every 50 ms (for at most 10 s)."""
    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(10)
    port = listener.getsockname()[1]
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nX-Slow: " + b"x" * 400

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            deadline = time.monotonic() + 10
            for byte in answer:
                if stop.is_set() or time.monotonic() > deadline:
                    break
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    break
                stop.wait(0.05)  # the server's pace (it ends at once when the test does)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/feed", stop
    stop.set()
    listener.close()
    thread.join(timeout=12)


def test_trickling_server_hits_the_total_deadline(
    trickle_server: tuple[str, threading.Event],
) -> None:
    # Each byte arrives well within any per-read timeout; only a total deadline ends this.
    url, _stop = trickle_server
    with pytest.raises(FetchError, match=r"no complete answer within 1 s"):
        fetch_feed(url, deadline=1.0)


def test_body_over_the_cap_with_content_length(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(
        b"<html>" + b" " * (MAX_BODY_BYTES + 10), content_type="text/html"
    )
    with pytest.raises(FetchError, match="larger than the 10 MiB limit .*max_page_mib"):
        fetch_feed(httpserver.url_for("/big"))


def test_body_over_the_cap_streamed_without_length(httpserver: HTTPServer) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(200):  # 200 x 128 KiB = 25 MiB if nobody stopped reading
            sent.append(1)
            yield b" " * (128 * 1024)

    httpserver.expect_request("/stream").respond_with_handler(
        lambda _r: Response(chunks(), content_type="application/xml")
    )
    with pytest.raises(FetchError, match="larger than the 10 MiB limit .*max_feed_mib"):
        fetch_feed(httpserver.url_for("/stream"), caps=BodyCaps(feed_bytes=MAX_BODY_BYTES))


def test_gzip_bomb_stops_at_the_cap_without_filling_memory(httpserver: HTTPServer) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    bomb = b"".join(packer.compress(block) for _ in range(200)) + packer.flush()
    assert len(bomb) < 300_000  # 200 MiB of zeros in a few hundred kilobytes
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/xml"
    )
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="after decompression"):
            fetch_feed(httpserver.url_for("/bomb"), caps=BodyCaps(feed_bytes=MAX_BODY_BYTES))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_BODY_BYTES


def test_gzip_body_is_decoded(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(RSS), headers={"Content-Encoding": "gzip"}, content_type="application/xml"
    )
    result = fetch_feed(httpserver.url_for("/gz"))
    assert result.feed is not None and len(result.feed.entries) == 5


def test_not_a_feed_is_an_input_error_naming_the_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        "<!DOCTYPE html><html><head><title>Hi</title></head><body>No blog</body></html>",
        content_type="text/html",
    )
    url = httpserver.url_for("/page")
    with pytest.raises(InputError, match="without schema.org LiveBlogPosting") as info:
        fetch_feed(url)
    assert str(info.value).startswith(url + ": ")


def test_feed_that_grows_between_two_polls(httpserver: HTTPServer, store: Store) -> None:
    first = _rss([("g2", "Second", "Two."), ("g1", "First", "One.")])
    grown = _rss(
        [
            ("g4", "Fourth", "Four."),
            ("g3", "Third", "Three."),
            ("g2", "Second", "Two, corrected."),
            ("g1", "First", "One."),
        ]
    )
    bodies = [first, grown]
    httpserver.expect_request("/live").respond_with_handler(
        lambda _r: Response(bodies.pop(0), content_type="application/rss+xml")
    )
    url = httpserver.url_for("/live")
    one = poll_url(store, url)
    assert one.result is not None and one.result.new == 2
    two = poll_url(store, url)
    assert two.result is not None
    assert (two.result.new, two.result.updated, two.result.unchanged) == (2, 1, 1)
    entries = list(store.entries(two.result.source_id))
    assert [e.key for e in entries] == ["g4", "g3", "g2", "g1"]
    assert all(e.present for e in entries)
    edited = next(e for e in entries if e.key == "g2")
    assert edited.body == "Two, corrected." and edited.revisions == 1
    assert store.revisions(edited.id)[0].body == "Two."


def test_location_is_the_normalised_url(httpserver: HTTPServer, store: Store) -> None:
    httpserver.expect_request("/feed").respond_with_data(RSS, content_type="application/xml")
    url = httpserver.url_for("/feed").replace("http://", "HTTP://") + "#top"
    outcome = poll_url(store, url)
    assert outcome.location == httpserver.url_for("/feed")
    assert store.source_by_location(httpserver.url_for("/feed")) is not None


def test_relative_links_resolve_against_the_final_url(httpserver: HTTPServer) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><guid>a</guid><title>A</title><link>/live#a</link>"
        '<description>&lt;a href="/doc"&gt;doc&lt;/a&gt;</description></item>'
        "</channel></rss>"
    )
    httpserver.expect_request("/feeds/x").respond_with_data(feed, content_type="application/xml")
    result = fetch_feed(httpserver.url_for("/feeds/x"))
    assert result.feed is not None
    entry = result.feed.entries[0]
    assert entry.url == httpserver.url_for("/live#a")
    assert tuple(x.url for x in entry.links) == (httpserver.url_for("/doc"),)


def test_fetch_writes_no_file(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(RSS, content_type="application/xml")
    fetch_feed(httpserver.url_for("/feed"))
    assert list(tmp_path.iterdir()) == []
