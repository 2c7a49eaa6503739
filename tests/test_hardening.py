"""Issue 12's input side, case by case, below the CLI: bounded file reads, HTTP validators and
redirects, lone surrogates, limits checked while reading, hostile annotation JSON, a database
from a newer liveread, killed backups, deep configs, colliding tags, one encoding rule.

Each case reads its own hostile file from tests/hostile/ (or writes one too large to keep).
"""

from __future__ import annotations

import codecs
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from liveread.export.annotations_json import parse_annotations
from liveread.ingest import parse_bytes, read_file
from liveread.ingest.decode import MAX_FILE_BYTES
from liveread.ingest.fetch import fetch_feed, validator
from liveread.ingest.limits import MAX_BODY_CHARS, MAX_ENTRIES
from liveread.kernel.errors import FetchError, InputError, StorageError
from liveread.kernel.jsonsafe import load_json_text
from liveread.kernel.model import Format, ParsedFeed
from liveread.kernel.reading import read_bounded
from liveread.kernel.settings import Settings, load_settings
from liveread.services.sync import poll_url
from liveread.storage import Store
from liveread.storage.maintenance import backup, check
from liveread.storage.schema import MIGRATIONS
from liveread.storage.store import blog_identity
from tests.conftest import SAMPLES
from tests.feedcheck import assert_clean_feed

HOSTILE = Path(__file__).resolve().parent / "hostile"

KNOWN = len(MIGRATIONS.names())
"""The schema version this liveread writes."""


def _one_line(exc: InputError, where: str) -> None:
    text = str(exc)
    assert text.startswith(f"{where}: ") and "\n" not in text and len(text) < 400, text


def _encodable(feed: ParsedFeed) -> None:
    """Every string the feed carries can be written as UTF-8 (to SQLite, a file, a terminal)."""
    values = [feed.title, feed.standfirst, feed.url, *feed.warnings]
    for entry in feed.entries:
        values += [entry.key, entry.headline, entry.body, entry.author, entry.url]
        values += [entry.time_label, *(link.url for link in entry.links)]
    for value in values:
        if value is not None:
            value.encode("utf-8")


# -- reading files ---------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str) -> None:
    if not Path(device).exists():
        pytest.fail(f"{device} is missing on this machine")
    with pytest.raises(InputError) as caught:
        read_file(Path(device))
    _one_line(caught.value, device)
    assert "character device" in caught.value.problem


def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            read_file(fifo)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        # Unblock the reader so the test run can end, then fail.
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO with no writer blocked")
    (exc,) = outcome
    assert isinstance(exc, InputError) and "named pipe" in exc.problem


def test_a_file_that_grows_past_the_cap_while_read_is_stopped(tmp_path: Path) -> None:
    # /proc files report st_size 0 yet have content: the cap must count what is read.
    path = tmp_path / "grows.txt"
    path.write_bytes(b" date 2025-04-02 x\n" + b"a" * 5000)
    assert read_bounded(path, 6000, what="x") == path.read_bytes()
    with pytest.raises(InputError) as caught:
        read_bounded(path, 1000, what="a live-blog file")
    assert "too large" in caught.value.problem
    status = Path("/proc/self/status")
    if status.exists():
        assert status.stat().st_size == 0
        assert b"Pid:" in read_bounded(status, 1 << 20, what="x")
        with pytest.raises(InputError, match="too large"):
            read_bounded(status, 10, what="x")


def test_a_sparse_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b" date 2025-04-02 One enormous entry\nHeadline\n")
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_file(path)
    _one_line(caught.value, str(path))
    assert f"the limit is {MAX_FILE_BYTES:,} bytes" in caught.value.problem


def test_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt")


# -- HTTP ------------------------------------------------------------------------------

RSS = (HOSTILE / "rss-non-ascii-etag.xml").read_bytes()


def test_a_non_ascii_validator_is_neither_kept_nor_sent(
    httpserver: HTTPServer, store: Store
) -> None:
    seen: list[tuple[str | None, str | None]] = []

    def handler(request: Request) -> Response:
        seen.append(
            (request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since"))
        )
        response = Response(RSS, content_type="application/rss+xml")
        # Raw bytes on the wire: werkzeug would refuse to encode these itself.
        response.headers["ETag"] = '"caf\u00e9"'.encode().decode("latin-1")
        response.headers["Last-Modified"] = "M\u00f6n, 06 Jul 2025".encode().decode("latin-1")
        return response

    httpserver.expect_request("/feed").respond_with_handler(handler)
    url = httpserver.url_for("/feed")
    result = fetch_feed(url)
    assert result.feed is not None and result.etag is None and result.last_modified is None
    first = poll_url(store, url)
    second = poll_url(store, url)
    assert first.result is not None and second.result is not None
    source = store.source_by_location(first.location)
    assert source is not None and source.etag is None and source.last_modified is None
    assert seen[-1] == (None, None)


def test_a_bad_validator_stored_by_an_older_version_is_ignored(
    httpserver: HTTPServer, store: Store
) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        return Response(RSS, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/feed").respond_with_handler(handler)
    url = httpserver.url_for("/feed")
    first = poll_url(store, url)
    with store.writer.transaction() as conn:
        conn.execute(
            "UPDATE sources SET etag = ?, last_modified = ?", ('"caf\u00e9"', "\u00e9\x1b")
        )
    again = poll_url(store, url)
    assert first.result is not None and again.result is not None
    assert seen == [None, None]
    assert validator('"caf\u00e9"') is None and validator("x" * 5000) is None
    assert validator('W/"abc"') == 'W/"abc"'


@pytest.mark.parametrize(
    "location",
    ["data:text/html,<h1>hi</h1>", "javascript:alert(1)", "JavaScript:void(0)", "data:,"],
)
def test_a_redirect_to_data_or_javascript_is_one_line(
    httpserver: HTTPServer, location: str
) -> None:
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    url = httpserver.url_for("/hop")
    with pytest.raises(FetchError) as caught:
        fetch_feed(url)
    _one_line(caught.value, url)
    scheme = location.split(":", 1)[0].lower()
    assert caught.value.problem == (
        f"redirected to a {scheme}: URL; only http and https are followed"
    )


# -- lone surrogates -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jsonfeed-lone-surrogate.json", "jsonld-lone-surrogate.html"])
def test_lone_surrogates_are_repaired_and_stored(name: str, store: Store) -> None:
    feed = read_file(HOSTILE / name)
    assert_clean_feed(feed)
    _encodable(feed)
    assert "\ufffd" in feed.title and "\ufffd" in feed.entries[0].body
    result = store.import_feed(str(HOSTILE / name), feed)
    assert result.new == len(feed.entries)
    stored = list(store.entries(result.source_id))
    assert [e.body for e in stored] == [e.body for e in feed.entries]


def test_the_json_loader_repairs_keys_and_nested_strings() -> None:
    value = load_json_text(
        '{"\\ud800": ["\\udfff", {"a": "x\\ud83d"}], "pair": "\\ud83d\\ude00"}',
        "j",
        max_depth=8,
        max_values=100,
    )
    assert value == {"\ufffd": ["\ufffd", {"a": "x\ufffd"}], "pair": "\U0001f600"}
    with pytest.raises(InputError, match="nested deeper than 8"):
        load_json_text("[" * 9 + "]" * 9, "j", max_depth=8, max_values=100)
    with pytest.raises(InputError, match="more than 5 values"):
        load_json_text("[1, 2, 3, 4, 5, 6]", "j", max_depth=8, max_values=5)


# -- limits while reading --------------------------------------------------------------


def _write_lines(path: Path, head: str, line: str, count: int, tail: str = "") -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        handle.writelines(line.format(i=i, m=i % 60) for i in range(count))
        handle.write(tail)
    return path


def test_a_dump_over_the_entry_limit_is_refused(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "many.txt",
        " date 2025-04-02 Many\n",
        "10:{m:02d}\nUpdate {i}\nText {i}.\n",
        MAX_ENTRIES + 5,
    )
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.problem == f"too many entries (more than the limit of {MAX_ENTRIES:,})"


def test_a_dump_at_the_entry_limit_is_read(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "full.txt", " date 2025-04-02 Full\n", "Update {i}\nText {i}.\n", 2000
    )
    assert len(read_file(path).entries) == 2000


def test_rss_items_are_counted_before_feedparser_reads_them(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "many.xml",
        "<rss version='2.0'><channel><title>t</title>",
        "<item><title>h{i}</title></item>",
        MAX_ENTRIES + 1,
        "</channel></rss>",
    )
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert "more than the limit of 100,000 <item>/<entry>" in caught.value.problem


def test_markdown_headings_are_counted_before_markdown_it_reads_them(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "many.md", "# Many\n\n", "## [10:{m:02d}] H{i}\nb\n\n", MAX_ENTRIES + 1
    )
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert "more than the limit of 100,000 '## ' headings" in caught.value.problem


def test_one_overlong_dump_entry_is_cut_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(
        " date 2025-04-02 Long\nHeadline\n" + "word " * 500_000 + ".\n" + "more.\n" * 10,
        encoding="utf-8",
    )
    feed = read_file(path)
    (entry,) = feed.entries
    assert len(entry.body) <= MAX_BODY_CHARS + 1 and entry.body.endswith("…")
    assert feed.warnings == (f"cut 1 entry longer than {MAX_BODY_CHARS:,} characters",)


# -- annotation JSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("deep.json", "nested deeper than 32 levels, so not a liveread annotation export"),
        ("format-superscript.json", "unknown annotation format 'liveread-annotations/²'"),
        ("format-5000-digits.json", "unknown annotation format 'liveread-annotations/777"),
        ("format-escape.json", "unknown annotation format 'liveread-annotations/\\x1b]52;"),
        ("number-5000-digits.json", "not valid JSON (Exceeds the limit (4300 digits)"),
    ],
)
def test_hostile_annotation_files_are_one_line_errors(name: str, problem: str) -> None:
    path = HOSTILE / "annotations" / name
    with pytest.raises(InputError) as caught:
        parse_annotations(path.read_bytes(), str(path))
    _one_line(caught.value, str(path))
    assert caught.value.problem.startswith(problem), caught.value.problem
    assert "\x1b" not in str(caught.value)


def test_annotation_dates_out_of_range_are_dropped_not_fatal() -> None:
    path = HOSTILE / "annotations" / "date-out-of-range.json"
    parsed = parse_annotations(path.read_bytes(), str(path))
    created = [record.created for _, record in parsed.records]  # type: ignore[union-attr]
    assert len(created) == 3 and created[:2] == [None, None] and created[2] is not None


def test_annotation_lone_surrogates_are_repaired() -> None:
    path = HOSTILE / "annotations" / "lone-surrogate.json"
    parsed = parse_annotations(path.read_bytes(), str(path))
    ((_, record),) = parsed.records
    assert record.text == "Cancelled \ufffd at dawn"  # type: ignore[union-attr]


# -- storage ---------------------------------------------------------------------------


def _from_the_future(path: Path) -> None:
    with Store.open(path) as store:
        store.import_feed("rail", read_file(SAMPLES / "rail-strike.txt"))
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('liveread', '0999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def test_a_newer_schema_is_read_never_written(db_path: Path) -> None:
    _from_the_future(db_path)
    before = _files(db_path)
    with Store.open(db_path) as store:
        assert len(list(store.entries())) == 12
        reason = store.writer.refusal
        assert reason == (
            f"{db_path}: the database has schema version {KNOWN + 1}, newer than this liveread"
            f" knows (version {KNOWN}); it is only read, never written: use a newer liveread to"
            " change it"
        )
        with pytest.raises(StorageError) as caught:
            store.import_feed("storm", read_file(SAMPLES / "harbour-storm.txt"))
        assert str(caught.value) == reason and caught.value.exit_code == 3
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM entries")
        report = check(store)
        assert report.newer_schema == reason and not report.ok
        assert report.integrity == "ok" and report.entries == 12
    assert _files(db_path) == before


def test_a_killed_backup_leaves_nothing_the_next_one_keeps(tmp_path: Path, store: Store) -> None:
    target = tmp_path / "out" / "copy.db"
    target.parent.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = target.with_name(f".copy.db.liveread-tmp-{int(dead.stdout)}")
    stale.write_bytes(b"half a database")
    stale.with_name(stale.name + "-journal").write_bytes(b"journal")
    alive = target.with_name(f".copy.db.liveread-tmp-{os.getppid()}")
    alive.write_bytes(b"a backup still running")
    backup(store, target)
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(["copy.db", alive.name])


# -- config ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["deep-arrays.toml", "deep-tables.toml", "deep-keymap.toml", "number-5000-digits.toml"]
)
def test_a_deeply_nested_config_falls_back_to_defaults(name: str) -> None:
    path = HOSTILE / "config" / name
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None and loaded.problem.startswith(f"{path}: ")
    assert loaded.problem.endswith("; using defaults") and "\n" not in loaded.problem


def test_a_config_that_is_a_fifo_or_device_falls_back(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    loaded = load_settings(fifo)
    assert loaded.settings == Settings() and "named pipe" in (loaded.problem or "")
    assert load_settings(tmp_path / "missing.toml").problem is None


# -- identity and encodings ------------------------------------------------------------


def _feed(title: str) -> ParsedFeed:
    return ParsedFeed(format=Format.TEXT, title=title, entries=(), blog_date="2025-04-02")


def test_titles_differing_in_emoji_or_punctuation_are_two_blogs() -> None:
    assert blog_identity(_feed("Storm")) != blog_identity(_feed("Storm 🌊"))
    assert blog_identity(_feed("Vote: live")) != blog_identity(_feed("Vote — live"))
    assert blog_identity(_feed("Harbour  STORM")) == blog_identity(_feed("harbour storm"))
    # A plain title keeps the identity it always had.
    assert blog_identity(_feed("Harbour storm")) == "text|title|harbour storm|2025-04-02"


TEXT = " date 2025-04-02 Ferry strike\nCrews walk out\nThe first sailing was cancelled.\n"
MARKDOWN = "# Ferry strike\n\n## [09:10] Crews walk out\nThe first sailing was cancelled.\n"
JSONFEED = (
    '{"version": "https://jsonfeed.org/version/1.1", "title": "Ferry strike", "items":'
    ' [{"id": "1", "title": "Crews walk out", "content_text": "The first sailing was cancelled."}]}'
)
RSS_TEXT = (
    "<?xml version='1.0' encoding='{enc}'?><rss version='2.0'><channel><title>Ferry strike"
    "</title><item><guid>1</guid><title>Crews walk out</title></item></channel></rss>"
)
HTML = (
    '<!DOCTYPE html><html><head><meta charset="{enc}"><script type="application/ld+json">'
    '{{"@type": "LiveBlogPosting", "headline": "Ferry strike", "liveBlogUpdate": [{{"@type":'
    ' "BlogPosting", "headline": "Crews walk out", "articleBody": "Cancelled.",'
    ' "datePublished": "2025-04-02T09:10:00Z"}}]}}</script></head><body></body></html>'
)
WIDE = [
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


@pytest.mark.parametrize(("codec", "bom"), WIDE, ids=[c for c, _ in WIDE])
@pytest.mark.parametrize("kind", ["text", "markdown", "jsonfeed", "rss", "html"])
def test_utf16_and_utf32_with_a_bom_are_read_by_every_format(
    codec: str, bom: bytes, kind: str
) -> None:
    family = "utf-16" if "16" in codec else "utf-32"
    text = {
        "text": TEXT,
        "markdown": MARKDOWN,
        "jsonfeed": JSONFEED,
        "rss": RSS_TEXT.format(enc=family),
        "html": HTML.format(enc=family),
    }[kind]
    feed = parse_bytes(bom + text.encode(codec), kind)
    assert feed.title == "Ferry strike"
    assert feed.entries[0].headline == "Crews walk out"


@pytest.mark.parametrize("kind", ["text", "markdown", "jsonfeed"])
def test_wide_text_without_a_bom_is_refused_by_name(kind: str) -> None:
    text = {"text": TEXT, "markdown": MARKDOWN, "jsonfeed": JSONFEED}[kind]
    for codec in ("utf-16-le", "utf-32-be"):
        with pytest.raises(InputError) as caught:
            parse_bytes(text.encode(codec), kind)
        assert caught.value.problem.startswith("UTF-16 or UTF-32 text without a byte order mark")


def test_the_hostile_encoding_files() -> None:
    assert read_file(HOSTILE / "text-utf32.txt").title == "UTF-32 dump of the ferry strike"
    assert read_file(HOSTILE / "markdown-utf16.md").title == "UTF-16 Markdown of the ferry strike"
    with pytest.raises(InputError, match="without a byte order mark"):
        read_file(HOSTILE / "text-utf16-no-bom.txt")
    with pytest.raises(InputError, match="UTF-16 byte order mark but is not valid UTF-16"):
        read_file(HOSTILE / "markdown-bad-utf16.md")


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "utf-32", "iso-8859-1"])
def test_a_bom_wins_over_the_charset_a_server_names(charset: str) -> None:
    xml = RSS_TEXT.format(enc="utf-16").replace("Ferry strike", "Ferry strike \u00e9")
    data = codecs.BOM_UTF16_LE + xml.encode("utf-16-le")
    feed = parse_bytes(data, "u", content_type=f"application/rss+xml; charset={charset}")
    assert feed.title == "Ferry strike \u00e9" and not feed.warnings


def test_one_huge_rss_entry_is_refused_before_feedparser(tmp_path: Path) -> None:
    path = tmp_path / "one-huge-item.xml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<rss version='2.0'><channel><title>t</title>\n<item><title>h</title>")
        handle.write("<description>" + "word " * 3_300_000 + "</description></item>")
        handle.write("<item><title>small</title></item></channel></rss>")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.problem.startswith("an entry larger than 16,000,000 bytes (line ")


@pytest.mark.parametrize("kind", ["jsonfeed", "rss"])
def test_an_overlong_entry_is_cut_before_it_is_converted(tmp_path: Path, kind: str) -> None:
    words = "word " * 1_000_000  # 5 million characters: over the raw cut, under 16 MB
    if kind == "jsonfeed":
        data = JSONFEED.replace("The first sailing was cancelled.", words).encode()
    else:
        data = (
            "<rss version='2.0'><channel><title>Ferry strike</title><item><title>Crews walk"
            f" out</title><description>{words}</description></item></channel></rss>"
        ).encode()
    feed = parse_bytes(data, kind)
    (entry,) = feed.entries
    assert len(entry.body) <= MAX_BODY_CHARS + 1 and entry.body.endswith("word…")
    assert feed.warnings == (f"cut 1 entry longer than {MAX_BODY_CHARS:,} characters",)


def test_one_huge_markdown_entry_is_refused_before_markdown_it(tmp_path: Path) -> None:
    path = tmp_path / "one-huge-section.md"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# Huge\n\n## [10:05] Small\nShort.\n\n## [10:00] Huge\n")
        handle.write("word " * 3_300_000 + ".\n")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.problem == (
        "an entry larger than 16,000,000 characters (line 6);"
        " no entry keeps more than 1,000,000 characters"
    )
