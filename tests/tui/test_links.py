"""Links in the app: the reader numbers a post's links (`photo[1]`) with a list under the
body, without moving a highlight off its words; `o` offers them by number, shows the one
chosen and opens it only when the user says yes, with the config's `browser` command if set;
a source's notice is in the header and said once after the import or reload that made it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import OptionList

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import Entry, Format, Highlight, Link, ParsedEntry, ParsedFeed
from liveread.kernel.settings import load_settings
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.display import TimeDisplay
from liveread.tui.options import browser_argv, run_browser_command
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.links import LinksScreen
from liveread.tui.widgets.header import SourceHeader
from liveread.tui.widgets.reader_document import build_document
from tests.tui.conftest import WAIT, Recorder, ready, screen_text, settle, wait_for

PAGES = Path(__file__).resolve().parents[1] / "pages"

BODY = "A photo of the flooded quay.\n\nThe harbour master gave a report from the pier at noon."
PHOTO = "https://example.invalid/photos/quay"
REPORT = "https://example.invalid/report"
BARE = "https://example.invalid/bare"
LINKS = (
    Link("photo", PHOTO),
    Link("report from the pier", REPORT),
    Link("", BARE),
    Link("[@click=app.quit]words not in the body[/]", "https://example.invalid/missing"),
)
STYLES = {name: Style() for name in ("headline", "meta", "link", "heading")}


def linked_feed() -> ParsedFeed:
    """A live blog whose top post has a permalink and four links, and a second post with no
    link at all."""
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    return ParsedFeed(
        format=Format.RSS,
        title="Harbour storm",
        entries=(
            ParsedEntry(
                key="linked",
                headline="Quay flooded",
                body=BODY,
                published=when,
                url="https://example.invalid/live#post-1",
                links=LINKS,
            ),
            ParsedEntry(key="bare", headline="No links here", body="Just words.", published=when),
        ),
    )


@pytest.fixture
def linked(store: Store) -> Store:
    """The store with the linked live blog."""
    # A file location: a URL source would put the clock time of the import in the header.
    store.import_feed("/blogs/harbour-storm.rss", linked_feed())
    return store


def top_entry(store: Store) -> Entry:
    source = store.sources()[0]
    found = next(iter(store.entries(source.id)))
    assert found.key == "linked"
    return found


def highlight_on(entry: Entry, exact: str, hid: int = 1) -> Highlight:
    start = entry.body.index(exact)
    return Highlight(
        id=hid, entry_id=entry.id, start=start, end=start + len(exact), exact=exact,
        prefix="", suffix="", color="yellow", note=None, status="anchored",
    )


def test_links_are_numbered_after_their_words_and_listed_under_the_body(linked: Store) -> None:
    entry = top_entry(linked)
    assert entry.links == LINKS
    document = build_document(entry, None, None, TimeDisplay(UTC), STYLES)
    shown = document.text.plain
    body = shown[document.body_start : document.body_end]
    assert body == (
        "A photo[1] of the flooded quay.\n\n"
        "The harbour master gave a report from the pier[2] at noon."
    )
    listed = shown[document.body_end :].split("\n")
    assert listed == [
        "",
        "",
        "Links",
        f"[1] photo  {PHOTO}",
        f"[2] report from the pier  {REPORT}",
        f"[3] {BARE}",
        "[4] [@click=app.quit]words not in the body[/]  https://example.invalid/missing",
    ]
    # Content stays text: no span of the document carries a click action.
    assert all(not getattr(span.style, "meta", None) for span in document.text.spans)


def test_markers_do_not_move_highlights_or_leak_into_selections(linked: Store) -> None:
    entry = top_entry(linked)
    annotated = linked.annotated_entry(entry.id)
    on_link = highlight_on(entry, "report from the pier", 1)
    after_link = highlight_on(entry, " of the flooded", 2)
    document = build_document(
        entry,
        None,
        type(annotated)(**{**_fields(annotated), "highlights": (on_link, after_link)}),
        TimeDisplay(UTC),
        STYLES,
    )
    text = document.text.plain
    spans = {t.id: text[t.start : t.end] for t in document.targets}
    assert spans == {1: "report from the pier", 2: " of the flooded"}
    # A selection across a marker stores only the body's own words.
    start = text.index("photo[1] of")
    stored = document.body_span(start, start + len("photo[1] of"))
    assert stored is not None
    assert entry.body[stored[0] : stored[1]] == "photo of"


def _fields(value: object) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__slots__}  # type: ignore[attr-defined]


async def test_o_offers_the_links_by_number_and_opens_the_chosen_one_after_showing_it(
    linked: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(linked)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert "photo[1] of the flooded quay" in screen_text(pilot)
        assert f"[2] report from the pier  {REPORT}" in screen_text(pilot)
        # A digit picks a link; it is shown before anything opens it.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        text = screen_text(pilot)
        assert "[0] this post  https://example.invalid/live#post-1" in text
        assert f"[1] photo  {PHOTO}" in text
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link shown")
        assert REPORT in screen_text(pilot)
        assert recorder.opened == []
        await pilot.press("y")
        await wait_for(pilot, lambda: recorder.opened, "the browser to be asked")
        assert recorder.opened == [REPORT]
        # Enter picks the highlighted row (the post's own link, first); "n" opens nothing.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link shown")
        assert "https://example.invalid/live#post-1" in screen_text(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is main, "the dialog to close")
        # Escape closes the chooser; a number with no link says so.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        await pilot.press("7")
        await wait_for(pilot, lambda: "No link numbered 7." in recorder.messages(), "the word")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, "the links to close")
        await settle(pilot)
        assert recorder.opened == [REPORT]
        # A post with neither links nor a permalink: a notification, no dialog.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is main
        assert "This entry has no links." in recorder.messages()
        assert all(not n.notification.markup for n in recorder.notes)


async def test_the_chooser_rows_are_plain_text(
    linked: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(linked)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 5
        assert "[4] [@click=app.quit]words not in the body[/]" in screen_text(pilot)
        await pilot.press("escape")


def test_the_browser_setting_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('browser = "firefox --new-tab %u"\n', encoding="utf-8")
    assert load_settings(config).settings.browser == "firefox --new-tab %u"
    config.write_text("browser = 3\n", encoding="utf-8")
    loaded = load_settings(config)
    assert loaded.settings.browser is None
    assert loaded.problem is not None and "'browser'" in loaded.problem


def test_the_browser_command_gets_the_link_as_one_argument() -> None:
    url = "https://example.invalid/a b;rm -rf ~"
    assert browser_argv("open -a 'Web Browser' %u", url) == ["open", "-a", "Web Browser", url]
    assert browser_argv("firefox", url) == ["firefox", url]
    assert browser_argv("x --url=%u", url) == ["x", f"--url={url}"]
    with pytest.raises(LivereadError, match="browser command"):
        browser_argv("firefox 'unclosed", url)
    with pytest.raises(LivereadError, match="could not start"):
        run_browser_command("liveread-no-such-browser-command %u", url)


async def test_the_configured_browser_command_opens_the_link(
    tmp_path: Path, linked: Store
) -> None:
    out = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(
        "import pathlib, sys\npathlib.Path(sys.argv[1]).write_text(sys.argv[2])\n",
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    command = f"{sys.executable} {script} {out} %u"
    config.write_text(f"browser = {command!r}\n".replace("'", '"'), encoding="utf-8")
    app = LivereadApp(linked, config=config, times=TimeDisplay(UTC), polling=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links")
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link shown")
        await pilot.press("y")
        await wait_for(pilot, lambda: out.exists() and out.read_text() == PHOTO, "the command")


async def test_a_source_notice_is_in_the_header_and_said_once_per_import(
    tmp_path: Path, store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    page = tmp_path / "jsonld-only.html"
    shutil.copy(PAGES / "jsonld-only.html", page)
    app = make_app(store, str(page))
    async with app.run_test(size=(160, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.notice
        said = [m for m in recorder.messages() if "shares one headline and one time" in m]
        assert len(said) == 1, recorder.messages()
        assert said[0].startswith(main.source.title)
        header = main.query_one(SourceHeader)
        assert "⚠ every post on the page shares one headline" in str(header.render())
        # A reload reads it again and says it again, once.
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: len([m for m in recorder.messages() if "one headline" in m]) == 2,
            "the reload's warning",
        )
        await settle(pilot)
        assert len([m for m in recorder.messages() if "one headline" in m]) == 2


def test_no_notice_no_warning_in_the_header(linked: Store) -> None:
    source = linked.sources()[0]
    assert source.notice is None
    header = SourceHeader(TimeDisplay(UTC), None)
    header.source = source
    assert "⚠" not in str(header.render())


def test_the_command_is_never_run_through_a_shell() -> None:
    # `run_browser_command` starts the argv itself: a `;` in the link is just a character.
    done = run_browser_command(f"{sys.executable} -c pass %u", "https://example.invalid/;x")
    assert isinstance(done, subprocess.Popen)
    assert done.wait(timeout=WAIT) == 0
    assert done.args[-1] == "https://example.invalid/;x"


def test_reader_with_numbered_links(
    snap_compare: Callable[..., bool], linked: Store, make_app: Callable[..., LivereadApp]
) -> None:
    async def shown(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await settle(pilot)

    assert snap_compare(make_app(linked), terminal_size=(120, 40), run_before=shown)
