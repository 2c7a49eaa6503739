"""Every line the CLI prints is cleaned like content, and bad arguments are one line.

Hostile file names, a server's reason phrase, tag names and dates in the database, arguments
that are not UTF-8 and ids beyond what SQLite holds, through the real command.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Response

from liveread.storage import Store
from tests.conftest import SAMPLES

LIVEREAD = [sys.executable, "-m", "liveread.cli.main"]
ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d")


def run(
    *args: str | bytes, db: Path, config: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEREAD_DB": str(db)}
    if config is not None:
        env["LIVEREAD_CONFIG"] = str(config)
    return subprocess.run(
        [*LIVEREAD, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        errors="surrogateescape",
    )


def assert_clean(text: str) -> None:
    assert not any(ch in text for ch in ESCAPES), repr(text)


def test_file_names_with_escape_sequences_are_printed_clean(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    hostile = tmp_path / "storm\x1b]0;owned\x07\x1b[2J.txt"
    hostile.write_bytes((SAMPLES / "harbour-storm.txt").read_bytes())
    proc = run("import", str(hostile), db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{tmp_path}/storm.txt: 34 new, 0 updated, 0 unchanged\n"
    missing = run("import", str(tmp_path / "gone\x1b[31m.txt"), db=db)
    assert missing.returncode == 2
    assert missing.stderr == f"liveread: {tmp_path}/gone.txt: no such file\n"
    listed = run("sources", db=db)
    assert_clean(listed.stdout)
    assert "storm.txt" in listed.stdout


def test_a_reason_phrase_cannot_write_to_the_terminal(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    response = Response("no", status=500)
    response.status = "500 \x1b]52;c;b3duZWQ=\x07Server Error"
    httpserver.expect_request("/live").respond_with_response(response)
    url = httpserver.url_for("/live")
    proc = run("import", url, db=tmp_path / "a.db")
    assert proc.returncode == 2
    assert_clean(proc.stderr)
    assert proc.stderr == f"liveread: {url}: HTTP 500 Server Error\n"
    assert not (tmp_path / "a.db").exists()


def test_arguments_that_are_not_utf8_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    for args, number in (
        ((b"tag", b"1", b"caf\xe9"), 3),
        ((b"import", b"/nowhere/\xff\xfe.txt"), 2),
        ((b"entries", b"--filter", b"tag:\x80"), 3),
        ((b"note", b"1", b"\xc3"), 3),
    ):
        proc = run(*args, db=db)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith(f"liveread: argument {number} is not valid UTF-8: ")
        assert proc.stderr.count("\n") == 1 and "\\x" in proc.stderr
        assert proc.stdout == ""
    assert not db.exists()


def test_ids_beyond_sqlite_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("import", str(SAMPLES / "harbour-storm.txt"), db=db).returncode == 0
    for args in (
        ("tag", str(2**63), "key"),
        ("star", "99999999999999999999999"),
        ("entries", "--source", str(2**64)),
        ("export", "--source", "-1", "-o", "-"),
        ("search", "storm", "--limit", str(2**70)),
        ("note", "0", "text"),
    ):
        proc = run(*args, db=db)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith(f"liveread: {args[0]}: argument "), proc.stderr
        assert proc.stderr.count("\n") == 1, proc.stderr
    unknown = run("frobnicate.txt", "--x", db=db)
    assert unknown.returncode == 2
    assert unknown.stderr == "liveread: unrecognized arguments: --x (see liveread --help)\n"
    verb = run("frobnicate", "--x", db=db)
    assert verb.returncode == 2
    assert verb.stderr == "liveread: frobnicate: no such command (see liveread --help)\n"
    largest = run("tag", str(2**63 - 1), "key", db=db)
    assert largest.returncode == 2
    assert largest.stderr == f"liveread: no entry with id {2**63 - 1}\n"


def test_entries_reads_the_database_defensively(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("import", str(SAMPLES / "harbour-storm.txt"), db=db).returncode == 0
    with Store.open(db) as store:
        first = next(store.entries(1))
    # Another tool (or version) wrote a tag with escape sequences and a date that is not one.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO tags (name, created_at) VALUES (?, '2025-01-01T00:00:00Z')",
            ("red\x1b[31m\x9b2J",),
        )
        conn.execute(
            "INSERT INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, 1, 'x')",
            (first.id,),
        )
        conn.execute(
            "UPDATE entries SET published = 'the 31st of Smarch', updated = '2025-13-45'"
            " WHERE id = ?",
            (first.id,),
        )
    conn.close()
    text = run("entries", db=db)
    assert text.returncode == 0, text.stderr
    assert_clean(text.stdout)
    line = next(x for x in text.stdout.splitlines() if x.split()[0] == str(first.id))
    assert line.endswith("  #red")  # both sequences (7-bit and 8-bit CSI) removed whole
    as_json = run("entries", "--json", db=db)
    assert as_json.returncode == 0, as_json.stderr
    assert_clean(as_json.stdout)
    record = next(r for r in map(json.loads, as_json.stdout.splitlines()) if r["id"] == first.id)
    assert record["published"] is None and record["updated"] is None
    assert record["tags"] == ["red\x1b[31m\x9b2J"]  # the data itself, escaped in the JSON


def test_a_broken_max_pages_setting_is_one_line_and_the_default(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_pages = 0\n")
    proc = run("import", str(SAMPLES / "harbour-storm.txt"), db=tmp_path / "a.db", config=config)
    assert proc.returncode == 0
    assert proc.stderr == (
        f"liveread: {config}: 'max_pages' must be a whole number from 1 to 1000; using defaults\n"
    )


def test_a_mistyped_path_to_open_is_one_clean_line(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "nope\x1b]0;owned\x07.txt"), db=tmp_path / "a.db")
    assert proc.returncode == 2
    assert proc.stderr == f"liveread: {tmp_path}/nope.txt: no such file\n"
    assert not (tmp_path / "a.db").exists()


def test_follow_prints_a_hostile_reason_phrase_clean(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    response = Response("no", status=503)
    response.status = "503 Busy\x1b]0;owned title\x07\x1b[2J now"
    httpserver.expect_request("/live").respond_with_response(response)
    url = httpserver.url_for("/live")
    proc = run("follow", url, "--polls", "1", db=tmp_path / "a.db")
    assert proc.returncode == 2  # its one poll failed
    assert_clean(proc.stderr)
    assert f"error: {url}: HTTP 503 Busy now\n" in proc.stderr


def test_import_follows_older_pages_up_to_the_configured_bound(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from tests.test_services import page

    for number in (1, 2, 3):
        query = "" if number == 1 else f"page={number}"
        httpserver.expect_request("/live", query_string=query).respond_with_data(
            page(number, next_href=f"/live?page={number + 1}" if number < 3 else None),
            content_type="text/html",
        )
    url = httpserver.url_for("/live")
    config = tmp_path / "config.toml"
    config.write_text("max_pages = 2\n")
    proc = run("import", url, db=tmp_path / "a.db", config=config)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{url}: 4 new, 0 updated, 0 unchanged\n"
    assert proc.stderr == (
        f"liveread: {url}: warning: read 2 pages (the max_pages setting);"
        " older ones were not followed\n"
    )
    assert [r.full_path.rstrip("?") for r, _ in httpserver.log] == ["/live", "/live?page=2"]
