"""`liveread import URL` and `liveread follow URL`, through the real command and a real server."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from liveread.cli.main import main
from liveread.storage import Store
from tests.conftest import SAMPLES

RSS = (SAMPLES / "glenmoor-wildfire.xml").read_bytes()
JSON_FEED = (SAMPLES / "tidewater-marathon.json").read_bytes()
LIVEREAD = [sys.executable, "-m", "liveread.cli.main"]

STOP_WITHIN = 60.0
"""Longest `follow` may take to stop after Ctrl-C (only a hang reaches it)."""


def test_import_mixes_files_and_urls(httpserver: HTTPServer, db_path: Path, capsys: object) -> None:
    httpserver.expect_request("/feed").respond_with_data(RSS, content_type="application/xml")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    url, gone = httpserver.url_for("/feed"), httpserver.url_for("/gone")
    code = main(["import", "--db", str(db_path), url, str(SAMPLES / "carrow-bridge.md"), gone])
    out, err = capsys.readouterr()  # type: ignore[attr-defined]
    assert code == 2
    assert f"{url}: 5 new, 0 updated, 0 unchanged" in out
    assert "carrow-bridge.md: 4 new" in out
    assert err.strip() == f"liveread: {gone}: HTTP 404 NOT FOUND"
    with Store.open(db_path) as store:
        assert [s.location for s in store.sources()] == [
            url,
            str((SAMPLES / "carrow-bridge.md").resolve()),
        ]


def test_no_database_transaction_is_open_while_fetching(
    httpserver: HTTPServer, db_path: Path
) -> None:
    locked: list[bool] = []

    def handler(_request: Request) -> Response:
        # Another writer must get the write lock at once while liveread waits on the network.
        conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            locked.append(False)
        except sqlite3.OperationalError:
            locked.append(True)
        finally:
            conn.close()
        return Response(RSS, content_type="application/xml")

    httpserver.expect_request("/feed").respond_with_handler(handler)
    url = httpserver.url_for("/feed")
    assert main(["import", "--db", str(db_path), url]) == 0
    assert main(["import", "--db", str(db_path), url]) == 0  # again, with a source stored
    assert locked == [False, False]


def test_follow_reports_a_failed_poll_and_goes_on(httpserver: HTTPServer, db_path: Path) -> None:
    answers = [Response("down", status=500), Response(JSON_FEED, content_type="application/json")]
    httpserver.expect_request("/live").respond_with_handler(lambda _r: answers.pop(0))
    url = httpserver.url_for("/live")
    proc = subprocess.run(
        [*LIVEREAD, "follow", "--db", str(db_path), url, "--every", "5", "--polls", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"error: {url}: HTTP 500 INTERNAL SERVER ERROR" in proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("  4 new, 0 updated, 0 unchanged")
    assert lines[0][:4].isdigit() and lines[0][19] == "Z"


def test_follow_stops_cleanly_on_ctrl_c(httpserver: HTTPServer, db_path: Path) -> None:
    httpserver.expect_request("/live").respond_with_data(RSS, content_type="application/xml")
    url = httpserver.url_for("/live")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*LIVEREAD, "follow", "--db", str(db_path), url, "--every", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # Ctrl-C as in a terminal, even when the suite itself was started in the background
        # (a shell without job control starts those with SIGINT ignored, and children inherit).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first poll is done: now it sleeps
        assert first.endswith("5 new, 0 updated, 0 unchanged\n")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=STOP_WITHIN)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "liveread: interrupted; stopped after 1 poll"
    with Store.open(db_path) as store:
        assert store.sources()[0].entry_count == 5


def test_follow_refuses_a_bad_url_and_interval(db_path: Path, capsys: object) -> None:
    assert main(["follow", "--db", str(db_path), "ftp://example.org/feed"]) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert (
        err.strip()
        == "liveread: ftp://example.org/feed: only http and https URLs can be fetched, not ftp:"
    )
    proc = subprocess.run(
        [*LIVEREAD, "follow", "--db", str(db_path), "https://example.org/", "--every", "1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2 and "at least 5 seconds" in proc.stderr
    assert not db_path.exists()


def test_a_failed_url_alone_creates_no_database(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    db = tmp_path / "new.db"
    assert main(["import", "--db", str(db), httpserver.url_for("/gone")]) == 2
    assert not db.exists()
