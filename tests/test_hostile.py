"""The hostile-input suite, through the CLI: every file in tests/hostile/ is imported by the
real `liveread` binary. No traceback; a refused file is one line and leaves the database as it
was; an accepted one stores nothing a terminal would act on. (The app's side of this suite is
in tests/e2e.) Then what is not a file at all (devices, FIFOs), annotation exports from
tests/hostile/annotations/ through `import-annotations`, inputs too large to keep in the
repository (written here), a database from a newer liveread, and a hostile HTTP server."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from liveread.storage.schema import MIGRATIONS
from tests.conftest import SAMPLES
from tests.test_cli_import import LIVEREAD, digest, run

KNOWN = len(MIGRATIONS.names())
"""The schema version this liveread writes."""

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"
HOSTILE = sorted(p for p in HOSTILE_DIR.iterdir() if p.is_file() and p.name != "README.md")
ANNOTATIONS = sorted((HOSTILE_DIR / "annotations").iterdir())
MAX_RSS_MB = 600
"""Peak memory allowed to one `liveread import` of a file refused for its size or count."""
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_suite_is_there() -> None:
    assert len(HOSTILE) >= 25


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_file_through_the_cli(db: Path, path: Path) -> None:
    before = digest(db)
    proc = run("import", str(path), db=db)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 2), proc.stderr
    for line in proc.stderr.splitlines():
        assert line.startswith("liveread: "), line
        assert DANGEROUS.search(line) is None
    if proc.returncode == 2:
        assert len(proc.stderr.splitlines()) == 1
        assert str(path) in proc.stderr
        assert digest(db) == before, "a refused file changed the database"
        return
    listing = run("entries", "--json", db=db)
    assert listing.returncode == 0
    rows = [json.loads(x) for x in listing.stdout.splitlines()]
    assert rows
    for row in rows:
        for text in _strings(row):
            assert DANGEROUS.search(text.replace("\n", " ")) is None, (row["id"], text[:80])
    sources = run("sources", "--json", db=db)
    for text in _strings([json.loads(x) for x in sources.stdout.splitlines()]):
        assert DANGEROUS.search(text) is None
    plain = run("entries", db=db).stdout + run("sources", db=db).stdout
    assert DANGEROUS.search(plain.replace("\n", "")) is None


def test_a_huge_file_is_refused_or_bounded(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    big = tmp_path / "huge-line.txt"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(" date 2025-02-03 Huge line\nHeadline\n")
        handle.write("word " * 3_000_000 + ".\n")
    proc = run("import", str(big), db=db)
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr
    if proc.returncode == 0:
        (row,) = [json.loads(x) for x in run("entries", "--json", db=db).stdout.splitlines()]
        assert row["body"].startswith("word word")


def _refused(proc: subprocess.CompletedProcess[str], where: str, code: int = 2) -> str:
    assert "Traceback" not in proc.stderr
    assert proc.returncode == code, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"liveread: {where}: ") and DANGEROUS.search(line) is None
    return line


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sample blog imported by the real binary once per worker; each test gets a copy
    (importing it anew for each of some fifty tests cost a process start apiece)."""
    path = tmp_path_factory.mktemp("hostile-template") / "h.db"
    proc = run("import", str(SAMPLES / "rail-strike.txt"), db=path)
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture
def db(tmp_path: Path, sample_template: Path) -> Path:
    """A database holding one sample blog, so "unchanged" means something."""
    path = tmp_path / "h.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{sample_template}{suffix}")
        if source.exists():
            shutil.copyfile(source, Path(f"{path}{suffix}"))
    return path


@pytest.mark.parametrize("verb", ["import", "import-annotations"])
def test_what_is_not_a_regular_file_is_refused(tmp_path: Path, db: Path, verb: str) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    before = digest(db)
    for target in ("/dev/zero", "/dev/urandom", str(fifo), str(tmp_path)):
        # A FIFO with no writer would block for ever: `run` has a 60 s timeout.
        line = _refused(run(verb, target, db=db), target)
        assert "(only regular files are read)" in line or "is a directory" in line
    assert digest(db) == before


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.name)
def test_hostile_annotation_file_through_the_cli(db: Path, path: Path) -> None:
    assert run("import", str(HOSTILE_DIR / "rss-non-ascii-etag.xml"), db=db).returncode == 0
    before = digest(db)
    proc = run("import-annotations", str(path), db=db)
    assert "Traceback" not in proc.stderr, proc.stderr
    for line in proc.stderr.splitlines():
        assert line.startswith("liveread: ") and DANGEROUS.search(line) is None, line
    if proc.returncode == 2 and not proc.stdout:
        _refused(proc, str(path))
        assert digest(db) == before, "a refused file changed the database"
        return
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in run("entries", "--json", db=db).stderr


def _peak_import(path: Path, db: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """`liveread import PATH` run by a small parent that reports the child's peak memory."""
    probe = (
        "import resource, subprocess, sys\n"
        "proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)\n"
        "sys.stderr.write(proc.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(proc.returncode)\n"
    )
    env = {**os.environ, "LIVEREAD_DB": str(db)}
    proc = subprocess.run(
        [sys.executable, "-c", probe, LIVEREAD, "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    return proc, int(proc.stdout.strip() or 0) / 1024


def _write(path: Path, head: str, line: str, count: int, tail: str = "") -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        handle.writelines(line.format(i=i, m=i % 60) for i in range(count))
        handle.write(tail)
    return path


BIG = {
    "dump-1m-entries.txt": (" date 2025-04-02 A million\n", "10:{m:02d}\nUpdate {i}\nText.\n"),
    "rss-1m-items.xml": (
        "<rss version='2.0'><channel><title>t</title>",
        "<item><title>h{i}</title></item>",
    ),
    "markdown-200k-headings.md": ("# Many\n\n", "## [10:{m:02d}] H{i}\nb\n\n"),
}


@pytest.mark.parametrize("name", sorted(BIG))
def test_too_many_entries_are_refused_while_reading(tmp_path: Path, db: Path, name: str) -> None:
    head, line = BIG[name]
    count = 200_000 if name.endswith(".md") else 1_000_000
    path = _write(tmp_path / name, head, line, count, "</channel></rss>" if ".xml" in name else "")
    before = digest(db)
    proc, peak_mb = _peak_import(path, db)
    assert "too many entries (more than the limit of 100,000" in _refused(proc, str(path))
    assert digest(db) == before
    assert peak_mb < MAX_RSS_MB, f"{peak_mb:.0f} MB"


def test_a_200_mb_entry_is_refused_by_size(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "one-huge-entry.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(" date 2025-04-02 One huge entry\nHeadline\n")
        chunk = "word " * 200_000
        for _ in range(200):
            handle.write(chunk)
    proc, peak_mb = _peak_import(path, db)
    assert "too large" in _refused(proc, str(path))
    assert peak_mb < 200, f"{peak_mb:.0f} MB"


def test_a_database_from_a_newer_liveread_is_never_written(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('liveread', '0999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = digest(db)
    reason = (
        f"{db}: the database has schema version {KNOWN + 1}, newer than this liveread knows"
        f" (version {KNOWN}); it is only read, never written: use a newer liveread to change it"
    )
    for verb in (("import", str(SAMPLES / "harbour-storm.txt")), ("star", "1"), ("tag", "1", "x")):
        proc = run(*verb, db=db)
        assert _refused(proc, str(db), code=3) == f"liveread: {reason}"
    listing = run("entries", db=db)
    assert listing.returncode == 0 and "Only one in ten trains running" in listing.stdout
    health = run("check", db=db)
    assert health.returncode == 1 and f"newer schema:        {reason}" in health.stdout
    assert digest(db) == before


def test_a_hostile_server_through_the_cli(httpserver: HTTPServer, db: Path) -> None:
    feed = (HOSTILE_DIR / "rss-non-ascii-etag.xml").read_bytes()

    def handler(request: Request) -> Response:
        response = Response(feed, content_type="application/rss+xml")
        response.headers["ETag"] = '"caf\u00e9"'.encode().decode("latin-1")
        return response

    httpserver.expect_request("/feed").respond_with_handler(handler)
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": "javascript:alert(1)"}
    )
    url = httpserver.url_for("/feed")
    for _ in range(2):  # the second fetch would send the ETag back
        proc = run("import", url, db=db)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    hop = httpserver.url_for("/hop")
    line = _refused(run("import", hop, db=db), hop)
    assert line.endswith("redirected to a javascript: URL; only http and https are followed")
