"""Times as the page wrote them: `time_zone = "local" | "page" | <IANA name>` in the config;
the list and the reader show each time in that zone with the zone named, and the list's time
column is as wide as its times need (at 80 columns too)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from liveread.kernel.model import Entry, Format, ParsedEntry, ParsedFeed
from liveread.kernel.settings import load_settings
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.display import TimeDisplay, time_display
from liveread.tui.widgets.entry_list import time_column
from tests.tui.conftest import NEVER, ready, screen_text

AT = datetime(2025, 11, 7, 23, 10, tzinfo=UTC)


def entry(label: str | None, published: datetime | None = AT, assumed: bool = False) -> Entry:
    return Entry(
        id=1, source_id=1, key="k", position=4, headline="Bridge shut", body="Words.",
        published=published, updated=None, author=None, url=None, time_label=label,
        time_assumed_utc=assumed, content_hash="h", present=True, read=False,
    )


def test_each_setting_shows_times_in_its_zone_with_the_zone_named() -> None:
    gmt = entry("23:10 GMT")
    bare = entry(None)
    paris = TimeDisplay(ZoneInfo("Europe/Paris"))
    assert paris.entry_clock(gmt) == "00:10 CET"
    assert paris.published(gmt) == "Sat 8 Nov 2025, 00:10 CET"
    assert TimeDisplay(UTC).entry_clock(gmt) == "23:10 UTC"
    # The page's own zone where its label names or shows one; else the fallback zone.
    page = TimeDisplay(UTC, page=True)
    assert page.entry_clock(entry("00:10 CET")) == "00:10 CET"
    assert page.published(entry("00:10 CET")) == "Sat 8 Nov 2025, 00:10 CET"
    assert page.entry_clock(entry("18:10")) == "18:10 -5"
    assert page.published(entry("18:10")) == "Fri 7 Nov 2025, 18:10 UTC-5"
    assert page.entry_clock(bare) == "23:10 UTC"
    # A clock the page gave without a zone is never converted, whatever the setting.
    for display in (paris, page, TimeDisplay(UTC)):
        assert display.entry_clock(entry("18:52", assumed=True)) == "18:52"
        assert display.entry_clock(entry(None, assumed=True)) == "23:10"
        assert display.entry_clock(entry("2h ago", published=None)) == "2h ago"
        assert display.entry_clock(entry(None, published=None)) is None
    assert time_column(entry(None, published=None), paris, total=9) == "#5"


def test_time_display_from_the_setting() -> None:
    assert time_display("local") == TimeDisplay()
    assert time_display("page") == TimeDisplay(page=True)
    assert time_display("Europe/London") == TimeDisplay(ZoneInfo("Europe/London"))


def test_the_setting_is_checked(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    for good in ("local", "page", "Asia/Kolkata"):
        config.write_text(f'time_zone = "{good}"\n', encoding="utf-8")
        loaded = load_settings(config)
        assert loaded.problem is None and loaded.settings.time_zone == good
    for bad in ('"Mars/Olympus"', '"../../etc/passwd"', "3", '""'):
        config.write_text(f"time_zone = {bad}\n", encoding="utf-8")
        loaded = load_settings(config)
        assert loaded.settings.time_zone == "local"
        assert loaded.problem is not None and "'time_zone' must be" in loaded.problem
        assert str(config) in loaded.problem


def bridge_feed() -> ParsedFeed:
    return ParsedFeed(
        format=Format.MARKDOWN,
        title="Carrow bridge",
        entries=(
            ParsedEntry(key="a", headline="Bridge shut to all traffic tonight", body="Words.",
                        published=AT, time_label="23:10 GMT"),
        ),
    )


async def test_the_config_zone_in_the_list_and_the_reader_at_80_columns(
    store: Store, tmp_path: Path
) -> None:
    store.import_feed("/blogs/carrow.md", bridge_feed())
    config = tmp_path / "config.toml"
    config.write_text('time_zone = "America/New_York"\n', encoding="utf-8")
    app = LivereadApp(store, config=config, read_delay=NEVER, polling=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        text = screen_text(pilot)
        row = next(line for line in text.splitlines() if "Bridge shut" in line)
        assert "18:10 EST Bridge shut" in row, "the time column cut the zone off"
        assert "Fri 7 Nov 2025, 18:10 EST" in text
    config.write_text('time_zone = "page"\n', encoding="utf-8")
    app = LivereadApp(store, config=config, read_delay=NEVER, polling=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        text = screen_text(pilot)
        assert "23:10 GMT Bridge shut" in text
        assert "Fri 7 Nov 2025, 23:10 GMT" in text


async def test_chips_and_times_fit_at_80_columns(store: Store, tmp_path: Path) -> None:
    feed = ParsedFeed(
        format=Format.MARKDOWN,
        title="Carrow bridge",
        entries=(
            ParsedEntry(key="a", headline="Engineers say the bridge stays shut", body="W.",
                        published=AT, time_label="23:10 GMT"),
            ParsedEntry(key="b", headline="Divers in the water at first light", body="W.",
                        time_label="22.35 GMT"),
        ),
    )
    store.import_feed("/blogs/carrow.md", feed)
    for stored in store.entries(store.sources()[0].id):
        store.add_tags(stored.id, ["disputed", "follow-up", "verify"])
        store.set_starred(stored.id, True)
    app = LivereadApp(
        store, config=tmp_path / "none.toml", times=TimeDisplay(UTC), read_delay=NEVER,
        polling=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        rows = [line for line in screen_text(pilot).splitlines() if "+2 ★" in line]
        assert len(rows) == 2
        first, second = rows
        # Whole times with their zones, the headline's first words, then the chips.
        assert "23:10 UTC Engineers s" in first
        assert "22.35 GMT Divers in t" in second
