"""What the app's screens are given besides the store: time zone, delays, the browser, and
the parts of the user's config the screens act on (quick tags, export directory, keymap).

Tests replace these (a fixed zone, a long read delay or a clock they move by hand, a browser
that records instead of opening), so nothing on screen depends on the clock or the machine.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from time import monotonic
from types import MappingProxyType

from liveread.kernel.errors import LivereadError
from liveread.kernel.settings import (
    DEFAULT_MAX_FEED_MIB,
    DEFAULT_MAX_PAGE_MIB,
    DEFAULT_MAX_PAGES,
    DEFAULT_QUICK_TAGS,
)
from liveread.tui.display import TimeDisplay

READ_DELAY = 0.6
"""Seconds an entry stays selected before it counts as read."""


def open_in_browser(url: str) -> None:
    """Hand `url` to the user's graphical web browser (blocking: call from a worker).

    A text-mode browser (lynx, w3m...) would take over the terminal the reader is drawing
    in, so only browsers that run beside it are used; otherwise a `LivereadError` says so.
    """
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        raise LivereadError(f"{url}: no web browser found") from None
    # Console browsers are registered as plain GenericBrowser; GUI ones run in the background.
    if type(browser) is webbrowser.GenericBrowser:
        raise LivereadError(f"{url}: only a text-mode browser was found; open the link yourself")
    if not browser.open(url, new=2):
        raise LivereadError(f"{url}: the web browser did not open it")


def browser_argv(command: str, url: str) -> list[str]:
    """The argument list that runs the config's `browser` command on `url`: each `%u` is the
    link (in one argument, never through a shell); the link is added last when there is none.

    Raises `LivereadError` for a command that cannot be split (an unclosed quote)."""
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise LivereadError(f"browser command in the config: {exc}") from None
    if not words:
        raise LivereadError("browser command in the config is empty")
    if any("%u" in word for word in words):
        return [word.replace("%u", url) for word in words]
    return [*words, url]


def run_browser_command(command: str, url: str) -> subprocess.Popen[bytes]:
    """Start the config's `browser` command on `url` beside the app (blocking: call from a
    worker) and give its process; its output goes nowhere, so it cannot draw over the reader."""
    argv = browser_argv(command, url)
    try:
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise LivereadError(f"{argv[0]}: could not start the browser ({exc.strerror})") from None


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Settings of the reader: the app's own, and the config's that the screens need."""

    times: TimeDisplay = field(default_factory=TimeDisplay)
    """How times are written."""
    read_delay: float = READ_DELAY
    """Seconds an entry must stay selected to be marked read."""
    clock: Callable[[], float] = monotonic
    """The clock the read delay is measured on (seconds; tests move a clock of their own)."""
    now: Callable[[], datetime] = lambda: datetime.now().astimezone()
    """The wall clock, in the user's zone: what the filter's relative dates (`since:2h`,
    `since:today`) count from (tests give a fixed one)."""
    poll_seconds: float = 60
    """Interval between polls of URL sources (from the config)."""
    polling: bool = True
    """Whether URL sources are polled in the background while the app is open (`tui.polling`);
    without it the header says how to poll by hand (`r`)."""
    open_browser: Callable[[str], object] = open_in_browser
    """Opens a link; called in a worker thread."""
    quick_tags: tuple[str, ...] = DEFAULT_QUICK_TAGS
    """The tags keys 1-9 add or remove (`quick_tags` in the config)."""
    export_dir: str | None = None
    """The config's `export_dir`; None for the platform's documents directory."""
    export_templates: tuple[str | None, str | None] = (None, None)
    """The config's `[export] entry` and `highlight` templates; None for the built-in one."""
    max_pages: int = DEFAULT_MAX_PAGES
    """How many pages the first import of a URL reads (`max_pages` in the config)."""
    max_page_mib: int = DEFAULT_MAX_PAGE_MIB
    """The largest web page a fetch accepts, in MiB (`max_page_mib` in the config)."""
    max_feed_mib: int = DEFAULT_MAX_FEED_MIB
    """The largest feed a fetch accepts, in MiB (`max_feed_mib` in the config)."""
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The user's keymap as given (binding id -> keys): what the screens name a key by."""
    views: tuple[tuple[str, str], ...] = ()
    """Saved views (name, filter) from the config's `[views]`, listed above the blogs."""
    colors: tuple[tuple[str, str], ...] = ()
    """Meanings of the highlight colours (colour, meaning) from the config's `[colors]`."""
