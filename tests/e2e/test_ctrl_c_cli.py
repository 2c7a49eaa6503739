"""Ctrl-C in the CLI, with the real binary in a pseudo-terminal: one line, exit 130, no
traceback, and the database as it was.

SIGINT is sent when a condition is seen, never after a pause: for `import` of a large file,
when the import's transaction has started writing (the WAL file grows); for `import` and
`follow` of a URL, when the server has the request (the CLI is waiting on the network); for
`search`, when its process has the database open (held there by the test's lock, which goes
as the Ctrl-C is sent).
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bench.generate import dump_text
from liveread.storage import Store
from tests.conftest import SAMPLES
from tests.e2e.conftest import liveread_binary, screen_lines

pytestmark = pytest.mark.e2e

CONDITION_TIMEOUT = 60.0
"""Longest wait for the condition that triggers the Ctrl-C (only a failure reaches it)."""

EXIT_TIMEOUT = 30.0
"""Longest wait for the program to exit after Ctrl-C."""


class Run:
    """`liveread ARGS` with a pseudo-terminal as stdin, stdout and stderr; SIGINT as default
    (a suite started in the background hands its children SIGINT ignored)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [str(liveread_binary()), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    if self.proc.poll() is not None:
                        return
                    continue
                chunk = os.read(self.master, 65536)
            except (OSError, ValueError):
                return
            if not chunk:
                return
            self.output += chunk

    def interrupt(self) -> None:
        """Ctrl-C: SIGINT to the program."""
        self.proc.send_signal(signal.SIGINT)

    def finish(self) -> tuple[int, str]:
        """Wait for the exit; its code and everything it wrote, as text."""
        try:
            code = self.proc.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"no exit after Ctrl-C: {bytes(self.output)!r}") from None
        self._reader.join(timeout=EXIT_TIMEOUT)
        os.close(self.master)
        return code, bytes(self.output).decode("utf-8", "replace").replace("\r\n", "\n")

    def kill(self) -> None:
        """Stop it if a failed test left it running."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=EXIT_TIMEOUT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private database and config, no colour."""
    return {
        **os.environ,
        "LIVEREAD_DB": str(tmp_path / "a.db"),
        "LIVEREAD_CONFIG": str(tmp_path / "config.toml"),
        "NO_COLOR": "1",
        "TERM": "xterm-256color",
    }


@pytest.fixture
def running() -> Iterator[list[Run]]:
    """Programs started by a test, stopped afterwards whatever happened."""
    started: list[Run] = []
    yield started
    for run in started:
        run.kill()


def _wait(holds: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + CONDITION_TIMEOUT
    event = threading.Event()
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        event.wait(0.01)  # polling a condition, not a pause: the loop ends when it holds


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    """Every source and entry row, for comparing the database before and after."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT id, location, title FROM sources ORDER BY id").fetchall()
        rows += conn.execute("SELECT id, source_id, key, body FROM entries ORDER BY id").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return rows
    finally:
        conn.close()


def _one_line(run: Run) -> str:
    """The one line left on the terminal (an import draws its progress bar there first and
    erases it), and no traceback in anything written."""
    raw = bytes(run.output)
    assert b"Traceback" not in raw, raw
    lines = screen_lines(raw)
    assert len(lines) == 1, raw
    return lines[0]


def _with_a_blog(db: Path) -> list[tuple[object, ...]]:
    from liveread.ingest import read_file

    sample = SAMPLES / "harbour-storm.txt"
    with Store.open(db) as store:
        store.import_feed(str(sample), read_file(sample))
    return _snapshot(db)


def test_ctrl_c_while_an_import_writes_leaves_the_database_as_it_was(
    env: dict[str, str], tmp_path: Path, running: list[Run]
) -> None:
    db = Path(env["LIVEREAD_DB"])
    before = _with_a_blog(db)
    dump = tmp_path / "big.txt"
    dump.write_text(dump_text(15_000), encoding="utf-8")
    wal = Path(f"{db}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    run = Run(["import", str(dump)], env)
    running.append(run)
    # The import's one transaction is writing once the WAL grows by a megabyte.
    _wait(
        lambda: (wal.exists() and wal.stat().st_size > start_size + 1_000_000)
        or run.proc.poll() is not None,
        "the import to start writing",
    )
    assert run.proc.poll() is None, "the import ended before it could be interrupted"
    run.interrupt()
    code, output = run.finish()
    assert code == 130
    assert _one_line(run) == "liveread: interrupted"
    assert _snapshot(db) == before


def _slow_feed(httpserver: HTTPServer, asked: threading.Event, done: threading.Event) -> str:
    """A URL whose server sends headers, then a byte at a time until the test ends."""

    def trickle() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
        while not done.wait(0.05):  # the server's pace; ends at once with the test
            yield b" "

    def handler(_request: Request) -> Response:
        asked.set()
        return Response(trickle(), content_type="application/rss+xml")

    httpserver.expect_request("/slow").respond_with_handler(handler)
    return httpserver.url_for("/slow")


@pytest.mark.parametrize("verb", ["import", "follow"])
def test_ctrl_c_while_a_url_is_fetched(
    verb: str, httpserver: HTTPServer, env: dict[str, str], running: list[Run]
) -> None:
    db = Path(env["LIVEREAD_DB"])
    before = _with_a_blog(db)
    asked, done = threading.Event(), threading.Event()
    try:
        url = _slow_feed(httpserver, asked, done)
        args = [verb, url, *(["--polls", "1"] if verb == "follow" else [])]
        run = Run(args, env)
        running.append(run)
        assert asked.wait(CONDITION_TIMEOUT), "the server was never asked"
        run.interrupt()
        code, output = run.finish()
    finally:
        done.set()
    assert code == 130
    if verb == "follow":
        first, last = output.strip().splitlines()
        assert first.startswith("following ")  # said when it started, before the Ctrl-C
        assert last == "liveread: interrupted; stopped after 0 polls"
        assert "Traceback" not in output
    else:
        assert _one_line(run) == "liveread: interrupted"
    assert _snapshot(db) == before


def test_ctrl_c_in_a_search_is_one_line_and_130(
    env: dict[str, str], tmp_path: Path, running: list[Run]
) -> None:
    db = Path(env["LIVEREAD_DB"])
    before = _with_a_blog(db)
    fd_dir = Path("/proc/self/fd")
    assert fd_dir.exists(), "this test reads /proc to see the search open the database"
    # The search is held at its first read by a lock the test takes, so that the condition
    # (the process has the database open) is seen before it can finish; the lock goes as soon
    # as the Ctrl-C is sent, and the search goes on from where it was, to meet the Ctrl-C.
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        run = Run(["search", "storm"], env)
        running.append(run)

        def has_db_open() -> bool:
            try:
                links = [os.readlink(p) for p in Path(f"/proc/{run.proc.pid}/fd").iterdir()]
            except OSError:
                return False
            return str(db) in links

        _wait(lambda: has_db_open() or run.proc.poll() is not None, "the search to open it")
        assert run.proc.poll() is None, "the search ended before it could be interrupted"
        run.interrupt()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    code, output = run.finish()
    assert code == 130
    assert _one_line(run) == "liveread: interrupted"
    assert _snapshot(db) == before
