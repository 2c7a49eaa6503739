"""The services layer called directly: real SQLite files and a real HTTP server on 127.0.0.1.

A three-page live blog (each page's JSON-LD holds its posts, `<link rel="next">` points at
the older page) is followed on the first import and only its first page is read by a poll.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from liveread.kernel.errors import ExportConflictError, InputError
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.services import exporting, sources
from liveread.services.locations import is_url, location_of
from liveread.services.pages import combine_pages, next_pages
from liveread.services.polling import poll_round
from liveread.services.sync import poll_url
from liveread.services.transfer import import_annotations, read_bounded
from liveread.services.wording import plural, short_quote
from liveread.storage import Store
from tests.conftest import SAMPLES

# -- a live blog of three pages --------------------------------------------------------------

POSTS = {
    1: [("p9", "Ferry services resume at dawn"), ("p8", "Harbour master lifts the warning")],
    2: [("p7", "Second high tide passes quietly"), ("p6", "Volunteers stack sandbags")],
    3: [("p5", "Evacuation centre opens at the school"), ("p4", "First flood warning issued")],
}


def page(number: int, *, next_href: str | None, extra: tuple[tuple[str, str], ...] = ()) -> str:
    """One page of the invented 'Calder estuary floods' blog; posts newest first."""
    updates = [
        {
            "@type": "BlogPosting",
            "@id": f"https://news.example/live#{key}",
            "headline": headline,
            "articleBody": f"{headline}, the council said on page {number}.",
        }
        for key, headline in [*extra, *POSTS[number]]
    ]
    blog = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": "https://news.example/live",
        "headline": "Calder estuary floods: live",
        "liveBlogUpdate": updates,
    }
    link = f'<link rel="next" href="{next_href}">' if next_href else ""
    return (
        f"<!doctype html><html><head><title>Floods</title>{link}"
        f'<script type="application/ld+json">{json.dumps(blog)}</script></head>'
        "<body><p>Live</p></body></html>"
    )


@pytest.fixture
def three_pages(httpserver: HTTPServer) -> str:
    """The blog served at /live, /live?page=2 (relative link) and /live?page=3 (absolute)."""
    html = {"content_type": "text/html; charset=utf-8"}
    third = httpserver.url_for("/live") + "?page=3"
    httpserver.expect_request("/live", query_string="").respond_with_data(
        page(1, next_href="/live?page=2"), **html
    )
    httpserver.expect_request("/live", query_string="page=2").respond_with_data(
        page(2, next_href=third), **html
    )
    httpserver.expect_request("/live", query_string="page=3").respond_with_data(
        # The oldest page links back to the first: a page is read once, not in a circle.
        page(3, next_href="/live"),
        **html,
    )
    return httpserver.url_for("/live")


def requests_for(httpserver: HTTPServer) -> list[str]:
    return [request.full_path.rstrip("?") for request, _ in httpserver.log]


def test_first_import_follows_every_older_page_once(
    store: Store, httpserver: HTTPServer, three_pages: str
) -> None:
    outcome = sources.import_source(store, three_pages)
    assert outcome.result is not None
    assert outcome.result.new == 6
    assert requests_for(httpserver) == ["/live", "/live?page=2", "/live?page=3"]
    source = store.source(outcome.result.source_id)
    entries = list(store.entries(source.id))
    assert [e.key.rsplit("#", 1)[-1] for e in entries] == ["p9", "p8", "p7", "p6", "p5", "p4"]
    assert [e.position for e in entries] == [0, 1, 2, 3, 4, 5]
    assert entries[2].headline == "Second high tide passes quietly"
    assert entries[2].body == "Second high tide passes quietly, the council said on page 2."


def test_a_poll_reads_the_first_page_only(
    store: Store, httpserver: HTTPServer, three_pages: str
) -> None:
    sources.import_source(store, three_pages)
    httpserver.clear_log()
    outcome = poll_url(store, three_pages)
    assert requests_for(httpserver) == ["/live"]
    assert outcome.result is not None and outcome.result.new == 0


def test_the_page_bound_is_kept_and_said(
    store: Store, httpserver: HTTPServer, three_pages: str
) -> None:
    outcome = sources.import_source(store, three_pages, max_pages=2)
    assert requests_for(httpserver) == ["/live", "/live?page=2"]
    assert outcome.result is not None and outcome.result.new == 4
    assert outcome.result.warnings == (
        "read 2 pages (the max_pages setting); older ones were not followed",
    )
    httpserver.clear_log()
    one = Store.open(store.path.parent / "one.db")
    with one:
        sources.import_source(one, three_pages, max_pages=1)
    assert requests_for(httpserver) == ["/live"]


def test_an_older_page_that_fails_costs_a_warning_not_the_import(
    store: Store, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/live").respond_with_data(
        page(1, next_href="/gone"), content_type="text/html"
    )
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    outcome = sources.import_source(store, httpserver.url_for("/live"))
    assert outcome.result is not None and outcome.result.new == 2
    (warning,) = outcome.result.warnings
    assert warning.startswith("an older page could not be read: ")
    assert warning.endswith("/gone: HTTP 404 NOT FOUND")


def test_a_post_on_two_pages_is_kept_once_as_the_newer_page_shows_it(
    store: Store, httpserver: HTTPServer
) -> None:
    # p7 scrolled down to page 2 while page 1 was being read: both pages carry it.
    httpserver.expect_request("/live", query_string="").respond_with_data(
        page(1, next_href="?page=2", extra=(("p7", "Second high tide passes"),)),
        content_type="text/html",
    )
    httpserver.expect_request("/live", query_string="page=2").respond_with_data(
        page(2, next_href=None), content_type="text/html"
    )
    outcome = sources.import_source(store, httpserver.url_for("/live"))
    assert outcome.result is not None and outcome.result.new == 4
    entries = list(store.entries(outcome.result.source_id))
    assert [e.headline for e in entries] == [
        "Second high tide passes",
        "Ferry services resume at dawn",
        "Harbour master lifts the warning",
        "Volunteers stack sandbags",
    ]


def test_links_to_other_hosts_are_not_followed() -> None:
    seen = {"https://news.example/live"}
    links = [
        "https://news.example/live?page=2#block-7",
        "https://news.example/live?page=2",  # the same page, once
        "https://elsewhere.example/live?page=2",
        "https://news.example/live",
        "ftp://news.example/live?page=3",
    ]
    assert next_pages(links, "news.example", seen) == ["https://news.example/live?page=2"]


def _feed(*keys: str, warnings: tuple[str, ...] = ()) -> ParsedFeed:
    entries = tuple(ParsedEntry(key=k, headline=k.upper(), body=f"{k} body") for k in keys)
    return ParsedFeed(Format.JSONLD, "Blog", entries, warnings=warnings)


def test_combine_pages_keeps_the_first_of_each_key_in_page_order() -> None:
    combined = combine_pages([_feed("c", "b"), _feed("b", "a", warnings=("odd date",))])
    assert [e.key for e in combined.entries] == ["c", "b", "a"]
    assert combined.warnings == ("older page 2: odd date",)
    single = _feed("x")
    assert combine_pages([single]) is single


# -- where a source is stored ----------------------------------------------------------------


def test_one_location_rule_for_files_and_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert location_of("blog.txt") == str(tmp_path / "blog.txt")
    assert location_of("HTTPS://News.Example/live#top") == "https://news.example/live"
    assert is_url("ftp://news.example/blog") and not is_url("notes/ftp.txt")
    with pytest.raises(InputError, match="only http and https"):
        location_of("ftp://news.example/blog")


def test_reload_reads_files_and_urls_again(
    store: Store, httpserver: HTTPServer, three_pages: str, tmp_path: Path
) -> None:
    blog = tmp_path / "storm.txt"
    blog.write_bytes((SAMPLES / "harbour-storm.txt").read_bytes())
    sources.import_source(store, str(blog))
    sources.import_source(store, three_pages)
    blog.write_bytes((SAMPLES / "harbour-storm-later.txt").read_bytes())
    report = sources.reload_all(store)
    assert report.checked == 2 and report.problems == ()
    assert report.summary().startswith("Reloaded 2 live blogs: ")
    blog.unlink()
    broken = sources.reload_all(store)
    assert broken.checked == 1
    assert broken.problems == (f"{blog}: no such file",)


# -- the poll round --------------------------------------------------------------------------


def test_poll_round_polls_what_is_due_by_the_clock_it_is_given(
    store: Store, httpserver: HTTPServer, three_pages: str
) -> None:
    source_id = sources.source_id_of(store, sources.import_source(store, three_pages), "")
    httpserver.clear_log()
    done = poll_round(store, 60.0, {source_id: 100.0}, clock=lambda: 99.0)
    assert done.polled == frozenset() and requests_for(httpserver) == []
    assert done.due == {source_id: 100.0}
    done = poll_round(store, 60.0, {source_id: 100.0}, clock=lambda: 100.0)
    assert done.polled == {source_id} and requests_for(httpserver) == ["/live"]
    assert done.due == {source_id: 160.0}
    assert done.failures == ()


# -- exports ---------------------------------------------------------------------------------


def test_export_to_a_directory_adds_to_an_edited_file(store: Store, tmp_path: Path) -> None:
    outcome = sources.import_source(store, str(SAMPLES / "harbour-storm.txt"))
    assert outcome.result is not None
    entry = next(store.entries(outcome.result.source_id))
    store.add_tags(entry.id, ["verify"])
    out = tmp_path / "out"
    first = exporting.export_every_source(store, out)
    (written,) = first.written
    assert written.entries == 1 and first.conflicts == () and first.problems == ()
    edited = written.path.read_text() + "\nMy own words.\n"
    written.path.write_text(edited)
    groups = exporting.select_groups(store, None)
    again = exporting.export_to_directory(groups, out)
    assert again.written == (exporting.Written(written.path, 0, added=True, unchanged=True),)
    assert written.path.read_text() == edited
    store.add_note(entry.id, "Written after the export.")
    groups = exporting.select_groups(store, None)
    added = exporting.export_to_directory(groups, out, set_aside=True)
    assert added.written == (exporting.Written(written.path, 1, added=True),)
    assert added.conflicts == () and added.problems == ()
    assert written.path.read_text().startswith(edited)
    assert "Written after the export." in written.path.read_text()
    # --force still replaces it whole.
    exporting.export_to_directory(groups, out, force=True)
    assert "My own words." not in written.path.read_text()


def test_export_to_one_file_names_its_limits(store: Store, tmp_path: Path) -> None:
    for name in ("harbour-storm.txt", "count-night.txt"):
        result = sources.import_source(store, str(SAMPLES / name)).result
        assert result is not None
        store.set_starred(next(store.entries(result.source_id)).id)
    groups = exporting.select_groups(store, None)
    target = tmp_path / "all.md"
    with pytest.raises(InputError, match="2 sources to export and Markdown holds one"):
        exporting.export_to_file(groups, target, "markdown", force=False)
    done = exporting.export_to_file(groups, tmp_path / "all.json", "json", force=False)
    assert done.entries == 2
    foreign = tmp_path / "mine.json"
    foreign.write_text("{}")
    with pytest.raises(ExportConflictError):
        exporting.export_to_file(groups, foreign, "json", force=False)


# -- annotation transfer ---------------------------------------------------------------------


def test_annotation_files_are_read_with_a_bound_that_holds_while_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="only regular files are read"):
        read_bounded(fifo)  # returns at once, no writer needed
    with pytest.raises(InputError, match="only regular files are read"):
        read_bounded(Path("/dev/zero"))
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 3000)
    with pytest.raises(InputError, match="too large"):
        read_bounded(big, limit=2000)
    with pytest.raises(InputError, match="is a directory"):
        read_bounded(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_bounded(tmp_path / "nope.json")


def test_import_annotations_applies_an_export(store: Store, tmp_path: Path) -> None:
    result = sources.import_source(store, str(SAMPLES / "harbour-storm.txt")).result
    assert result is not None
    entry = next(store.entries(result.source_id))
    store.add_tags(entry.id, ["key"])
    store.set_pinned(entry.id)
    exported = tmp_path / "notes.json"
    (text,) = exporting.render(exporting.select_groups(store, None), "json")
    exported.write_text(text)
    with Store.open(tmp_path / "other.db") as other:
        sources.import_source(other, str(SAMPLES / "harbour-storm.txt"))
        first = import_annotations(other, exported)
        again = import_annotations(other, exported)
        (copy,) = [e for e in other.entries(1) if e.key == entry.key]
        assert other.entry_tags(copy.id) == ("key",) and copy.pinned
    assert (first.imported, first.already, first.skipped) == (2, 0, ())
    assert (again.imported, again.already) == (0, 2)


# -- wording ---------------------------------------------------------------------------------


def test_wording() -> None:
    assert plural(1, "entry") == "1 entry"
    assert plural(1204, "entry") == "1,204 entries"
    assert plural(0, "live blog") == "0 live blogs"
    assert plural(2, "file") == "2 files"
    assert plural(3, "new entry", "new entries") == "3 new entries"
    assert short_quote("a  \x1b[31mred\x1b[0m\nword") == "“a red word”"
    assert short_quote("x" * 50) == f"“{'x' * 40}…”"
