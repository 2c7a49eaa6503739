"""Fixtures for the app tests: a store with the samples or with hostile content, an app made
for tests (UTC times, no automatic read marking unless asked, a read delay on a clock the test
moves, a browser that records), and helpers to wait for the workers and read what is on the
screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui import importing
from liveread.tui.app import LivereadApp
from liveread.tui.display import TimeDisplay
from liveread.tui.screens.main import MainScreen
from tests.conftest import SAMPLES

WAIT = 30.0
"""The longest a test waits for the app to reach a state: far beyond any step on a loaded
machine, so only an app that never gets there reaches it."""

NEVER = 10_000.0
"""A read delay no test waits for: entries stay unread unless a test marks them."""

HOSTILE_TITLE = "[bold]Blog[/] [@click=app.quit]quit[/] \x1b]0;pwned\x07title"
HOSTILE_HEADLINE = "[bold]x[/] and [@click=app.quit]y[/]"
HOSTILE_BODY = (
    "First [red]paragraph[/red] \x1b]52;c;cHduZWQ=\x07 with an OSC 52 clipboard write.\n\n"
    "Second [@click=app.quit]click me[/] paragraph \x1b[2J with a screen clear \x9b31m."
)
HOSTILE_AUTHOR = "[link=https://evil.invalid]Mallory[/link]"


def hostile_feed() -> ParsedFeed:
    """A live blog whose every string tries to be markup, an action link or an escape."""
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    return ParsedFeed(
        format=Format.RSS,
        title=HOSTILE_TITLE,
        entries=(
            ParsedEntry(
                key="hostile-1",
                headline=HOSTILE_HEADLINE,
                body=HOSTILE_BODY,
                published=when,
                author=HOSTILE_AUTHOR,
                url="https://example.invalid/entry/1",
            ),
            ParsedEntry(
                key="hostile-2",
                headline=None,
                body="[b]No headline[/b] here \x1b]0;pwned\x07 at all, just a body of words.",
                published=when,
                url="javascript:alert(1)",
            ),
            ParsedEntry(key="hostile-3", headline="A calm third entry", body="Plain words."),
        ),
    )


def feed_of(title: str, count: int, *, prefix: str = "Entry") -> ParsedFeed:
    """A simple live blog with `count` entries, headlines `<prefix> 1` (top) to `<prefix> N`."""
    entries = tuple(
        ParsedEntry(
            key=f"{prefix}-{i}",
            headline=f"{prefix} {i}",
            body=f"Body of {prefix.lower()} {i}.\n\nA second paragraph for {i}.",
        )
        for i in range(1, count + 1)
    )
    return ParsedFeed(format=Format.TEXT, title=title, entries=entries)


SAMPLE_BLOGS = ("count-night.txt", "harbour-storm.txt", "rail-strike.txt")
"""The bundled blogs most app tests and the snapshots use (fixed, so new samples change
nothing here): 23, 34 and 12 entries."""


@pytest.fixture
def samples(store: Store) -> Store:
    """The store with three of the sample live blogs imported, in a fixed order."""
    for name in SAMPLE_BLOGS:
        importing.import_source(store, str(SAMPLES / name))
    return store


@pytest.fixture
def hostile(store: Store) -> Store:
    """The store with a live blog of hostile content (stored raw, as another route might)."""
    store.import_feed("https://example.invalid/hostile", hostile_feed())
    return store


@dataclass
class Recorder:
    """Collects what the app hands to the outside world: opened links, notifications."""

    opened: list[str] = field(default_factory=list)
    """Links the app asked the browser to open."""
    notes: list[Notify] = field(default_factory=list)
    """Notifications posted."""

    def open(self, url: str) -> None:
        """Stands in for the web browser."""
        self.opened.append(url)

    def hook(self, message: Message) -> None:
        """`run_test(message_hook=...)`: keeps every notification."""
        if isinstance(message, Notify):
            self.notes.append(message)

    def messages(self) -> list[str]:
        """The text of every notification so far."""
        return [n.notification.message for n in self.notes]


@pytest.fixture
def recorder() -> Recorder:
    """A fresh recorder."""
    return Recorder()


@dataclass
class ManualClock:
    """A clock that stands still until the test moves it: the read delay then depends on
    nothing but the test (however slowly a loaded machine runs the keys)."""

    now: float = 0.0
    """The time it says (seconds)."""

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass."""
        self.now += seconds


@pytest.fixture
def make_app(recorder: Recorder) -> Callable[..., LivereadApp]:
    """Build the app for a store: UTC times, entries marked read and URLs polled only when a
    test asks."""

    def build(
        store: Store,
        open_source: str | None = None,
        *,
        config: Path | None = None,
        read_delay: float = NEVER,
        clock: Callable[[], float] | None = None,
        poll_seconds: float | None = None,
    ) -> LivereadApp:
        # Background polling only where a test asks for it (with a short interval): the
        # others must not reach for the network on their own.
        app = LivereadApp(
            store,
            open_source,
            config=config,
            times=TimeDisplay(UTC),
            read_delay=read_delay,
            open_browser=recorder.open,
            poll_seconds=poll_seconds,
            polling=poll_seconds is not None,
        )
        if clock is not None:  # the read delay measured on the test's clock
            app.options = replace(app.options, clock=clock)
        return app

    return build


async def wait_for(
    pilot: Pilot[None], predicate: Callable[[], object], what: str, timeout: float = WAIT
) -> None:
    """Let the app run until `predicate()` holds; fail naming `what` if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)
    await pilot.pause()


def main_screen(pilot: Pilot[None]) -> MainScreen:
    """The app's main screen (under any modal)."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


async def ready(pilot: Pilot[None]) -> MainScreen:
    """Wait until the main screen shows an entry, and every worker is done."""
    await wait_for(
        pilot,
        lambda: (
            any(isinstance(s, MainScreen) for s in pilot.app.screen_stack)
            and main_screen(pilot).entry is not None
        ),
        "the first entry to be shown",
    )
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return main_screen(pilot)


async def settle(pilot: Pilot[None]) -> None:
    """Let queued messages and workers finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal would show right now, as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
