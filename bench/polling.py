"""Polling beside newsboat: CPU seconds of whole processes, in turns, medians.

- `poll_304_cpu_s`: `liveread follow URL --polls 1` on a database that holds the feed, its
  server answering 304 to the conditional request, beside `newsboat -x reload` of the same
  unchanged feed with its cache filled (target: at most 2x newsboat's CPU).
- `first_fetch_10k_rss_cpu_s`: `liveread import URL` of a 10,000-item RSS feed into an empty
  database (created and migrated beforehand, copied fresh for each run) beside `newsboat -x
  reload` into an empty cache (target: at most 1.5x).

Both feeds are served by `http.server` on 127.0.0.1 in this process (its CPU is not the
children's). The server counts the 304s it sent, so a run where newsboat (or liveread) made a
plain request instead is caught rather than compared. newsboat is measured when installed
(`apt-get install newsboat` on Debian and Ubuntu); without it these figures are skipped with
one line on stderr.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.child_cpu import bytecode_env, child_cpu
from bench.core import Figure
from bench.generate import rss_xml
from liveread.storage import Store

ETAG = '"bench-feed-1"'
"""The one version of each feed the server ever has."""

LAST_MODIFIED = "Sat, 01 Feb 2025 12:00:00 GMT"
"""Its Last-Modified."""


class _Feeds(ThreadingHTTPServer):
    """A server of fixed feeds by path, answering 304 to a request that names their version."""

    daemon_threads = True

    def __init__(self, feeds: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.feeds = feeds
        self.not_modified = 0
        self.sent = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: _Feeds

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = self.server.feeds.get(self.path)
        if body is None:
            self.send_error(404)
            return
        fresh = self.headers.get("If-None-Match") == ETAG or (
            self.headers.get("If-None-Match") is None
            and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        )
        with self.server.lock:
            if fresh:
                self.server.not_modified += 1
            else:
                self.server.sent += 1
        if fresh:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's
        """Quiet: the bench prints its table only."""


@contextmanager
def _serving(feeds: dict[str, bytes]) -> Iterator[_Feeds]:
    server = _Feeds(feeds)
    thread = threading.Thread(target=server.serve_forever, name="bench-feeds", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _newsboat(home: Path, url: str, cache: Path) -> list[str]:
    """`newsboat -x reload` of `url` with its own config, URL file and `cache`."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "urls").write_text(url + "\n", encoding="utf-8")
    (home / "config").write_text("", encoding="utf-8")
    binary = shutil.which("newsboat")
    assert binary is not None
    return [
        binary, "-u", str(home / "urls"), "-C", str(home / "config"), "-c", str(cache),
        "-x", "reload",
    ]  # fmt: skip


def _liveread() -> str:
    return str(Path(sys.executable).parent / "liveread")


def _turns(repeats: int, a: list[str], b: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Medians of `repeats` runs of commands `a` and `b`, run in turns (so a slow spell of
    the machine weighs on both)."""
    first: list[float] = []
    second: list[float] = []
    for _ in range(repeats):
        first.append(child_cpu(a, env))
        second.append(child_cpu(b, env))
    return statistics.median(first), statistics.median(second)


def run(scratch: Path, quick: bool) -> list[Figure]:
    """Measure both figures beside newsboat (skipped with one line when it is missing)."""
    if shutil.which("newsboat") is None:
        print(
            "polling: newsboat is not installed (apt-get install newsboat); skipped",
            file=sys.stderr,
        )
        return []
    items = 1_000 if quick else 10_000
    repeats = 3 if quick else 5
    env = bytecode_env(scratch, {"NO_COLOR": "1"})
    small = rss_xml(200, seed=5)
    big = rss_xml(items)
    with _serving({"/small.xml": small, "/big.xml": big}) as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        small_url, big_url = f"{base}/small.xml", f"{base}/big.xml"

        # The 304 poll: both have the feed already, with its validators.
        polled_db = scratch / "polled.db"
        nb_home = scratch / "newsboat"
        nb_cache = nb_home / "cache.db"
        live_poll = [_liveread(), "follow", small_url, "--polls", "1", "--db", str(polled_db)]
        nb_poll = _newsboat(nb_home, small_url, nb_cache)
        child_cpu([_liveread(), "import", small_url, "--db", str(polled_db)], env)
        # newsboat's first reload fills its cache; its second is still a plain request (it
        # keeps the validators from then on); from the third on it asks conditionally.
        child_cpu(nb_poll, env)
        child_cpu(nb_poll, env)
        child_cpu(live_poll, env)  # and the bytecode cache
        before = server.not_modified
        poll, nb_poll_cpu = _turns(repeats, live_poll, nb_poll, env)
        assert server.not_modified - before == 2 * repeats, "a poll was not conditional"

        # The first fetch: an empty database (migrated beforehand) and an empty cache.
        empty = scratch / "empty.db"
        Store.open(empty).close()
        fresh_db = scratch / "fresh.db"
        fresh_home = scratch / "newsboat-first"
        live_first = [_liveread(), "import", big_url, "--db", str(fresh_db)]
        nb_first = _newsboat(fresh_home, big_url, fresh_home / "cache.db")

        def reset() -> None:
            for path in (fresh_db, *fresh_home.glob("cache.db*")):
                path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{fresh_db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(empty, fresh_db)

        first_runs: list[float] = []
        nb_first_runs: list[float] = []
        for _ in range(max(3, repeats - 2)):
            reset()
            first_runs.append(child_cpu(live_first, env))
            nb_first_runs.append(child_cpu(nb_first, env))
        with Store.open(fresh_db) as store:
            assert [s.entry_count for s in store.sources()] == [items]
    label = "1k" if quick else "10k"
    return [
        Figure("poll_304_cpu_s", poll, "s", nb_poll_cpu, "ratio<=2", 2.0),
        Figure(
            f"first_fetch_{label}_rss_cpu_s",
            statistics.median(first_runs),
            "s",
            statistics.median(nb_first_runs),
            "ratio<=1.5",
            1.5,
        ),
    ]
