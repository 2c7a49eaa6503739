"""The installed app polling a live blog at a URL (a real HTTP server on 127.0.0.1): the
header says when the next poll is due, and quitting while a poll is stuck on a server that
trickles its answer does not wait for the fetch's 30-second deadline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import SAMPLES
from tests.e2e.conftest import Terminal
from tests.e2e.test_two_writers import _cli

pytestmark = pytest.mark.e2e

RSS = (SAMPLES / "glenmoor-wildfire.xml").read_bytes()

QUIT_WITHIN = 20.0
"""Longest quitting may take with the poll stuck: well inside the fetch's 30-second deadline
(and a trickle of one byte each half second would take far longer than that)."""


def test_quitting_does_not_wait_for_a_stuck_poll(
    httpserver: HTTPServer, terminal: Terminal, app_env: dict[str, str]
) -> None:
    Path(app_env["LIVEREAD_CONFIG"]).write_text("poll_seconds = 5\n", encoding="utf-8")
    polled = threading.Event()
    release = threading.Event()
    requests = 0

    def trickle() -> Iterator[bytes]:
        polled.set()
        for byte in RSS:
            if release.wait(0.5):
                return
            yield bytes([byte])

    def handler(request: Request) -> Response:
        nonlocal requests
        requests += 1
        if requests == 1:
            return Response(RSS, content_type="application/rss+xml")
        return Response(trickle(), content_type="application/rss+xml")

    httpserver.expect_request("/fire").respond_with_handler(handler)
    url = httpserver.url_for("/fire")
    try:
        assert _cli(app_env, "import", url).returncode == 0
        terminal.start()
        screen = terminal.wait_for("next poll")
        assert "checked " in screen.splitlines()[0]
        # The server is trickling the answer: the poll is stuck in its fetch now.
        assert polled.wait(60), "the app never polled the URL"
        terminal.send("q")
        assert terminal.wait_exit(timeout=QUIT_WITHIN) == 0
    finally:
        release.set()
