"""User settings from the TOML config file.

A missing file means defaults. A broken file also means defaults, plus one message naming
the file and line, which the app shows as a notification: a typo in the config must never
keep a user from their notes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from liveread.kernel.autotag import AutotagRule, parse_rules
from liveread.kernel.colors import color_meanings
from liveread.kernel.errors import InputError
from liveread.kernel.reading import read_bounded

MAX_CONFIG_BYTES = 1024 * 1024
"""A config file larger than this is refused (real ones are a few hundred bytes)."""

MAX_KEYMAP_DEPTH = 8
"""How deep `[keymap]` tables may nest (a binding id has two or three parts)."""

DEFAULT_MAX_PAGES = 20
"""How many pages the first import of a URL reads: its first page and older ones it links to."""

MAX_MAX_PAGES = 1_000
"""The most `max_pages` may be set to: more only loads the newsroom's server."""

DEFAULT_MAX_PAGE_MIB = 10
"""The largest web page a fetch accepts by default, in MiB."""

DEFAULT_MAX_FEED_MIB = 50
"""The largest feed a fetch accepts by default, in MiB (a feed of every post can be large)."""

MAX_FETCH_MIB = 1024
"""The most `max_page_mib` and `max_feed_mib` may be set to: the body is held in memory."""

DEFAULT_QUICK_TAGS: tuple[str, ...] = (
    "key",
    "verify",
    "quote",
    "follow-up",
    "disputed",
    "source",
    "timeline",
    "correction",
    "context",
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the config file can set."""

    theme: str = "textual-dark"
    """Textual theme name."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> comma-separated keys, applied with App.set_keymap."""
    quick_tags: tuple[str, ...] = DEFAULT_QUICK_TAGS
    """Tag names bound to keys 1-9, in order."""
    poll_seconds: int = 60
    """How often URL sources are polled while the app is open."""
    export_dir: str | None = None
    """Where exports are written; None means the platform's documents dir."""
    max_pages: int = DEFAULT_MAX_PAGES
    """How many pages the first import of a URL reads (the first page and the older pages it
    links to); a poll reads the first page only."""
    browser: str | None = None
    """The command that opens a link (`firefox --new-tab %u`; `%u` is the link, added at the
    end when the command has none); None means the system's web browser."""
    time_zone: str = "local"
    """The zone times are shown in: `local` (this computer's), `page` (each entry's time in
    the zone its page wrote it in, where the page says), or an IANA name (`Europe/London`)."""
    colors: tuple[tuple[str, str], ...] = ()
    """Meanings of the highlight colours, `[colors] pink = "disputed"`: (colour, meaning)
    pairs in the colours' order; a colour without one is shown by its name alone."""
    views: tuple[tuple[str, str], ...] = ()
    """Saved views, `[views] verify = "tag:verify -tag:done"`: (name, filter) pairs in the
    order the file gives them, listed in the sources pane above the blogs."""
    entry_template: str | None = None
    """`[export] entry = "..."`: the Jinja2 template of each entry in a Markdown export;
    None means the built-in layout (`export.template`)."""
    highlight_template: str | None = None
    """`[export] highlight = "..."`: the Jinja2 template of each highlight; None: built in."""
    autotag: tuple[AutotagRule, ...] = ()
    """`[[autotag]]` rules (`kernel.autotag`), applied to what each import adds or changes."""
    max_page_mib: int = DEFAULT_MAX_PAGE_MIB
    """The largest web page a fetch accepts, in MiB; a larger one is refused by name."""
    max_feed_mib: int = DEFAULT_MAX_FEED_MIB
    """The largest feed (RSS, Atom, JSON Feed, or a body whose type the server did not say)
    a fetch accepts, in MiB."""


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    """Settings plus the problem found while reading them, if any."""

    settings: Settings
    """What to use."""
    problem: str | None = None
    """One line naming the file and what was wrong; None when all was well."""


TIME_ZONE_WORDS = ("local", "page")
"""The `time_zone` values that name no zone of their own."""


def is_time_zone(name: str) -> bool:
    """True for `local`, `page`, or a zone name this computer's zone database knows."""
    if name in TIME_ZONE_WORDS:
        return True
    if not name or len(name) > 100:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _problem(path: Path, what: str) -> str:
    return f"{path}: {what}; using defaults"


def load_settings(path: Path) -> LoadedSettings:
    """Read `path`; never raises for a missing or malformed file."""
    if not path.exists() and not path.is_symlink():
        return LoadedSettings(Settings())
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES, what="a config file")
    except InputError as exc:
        return LoadedSettings(Settings(), _problem(path, exc.problem))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return LoadedSettings(Settings(), _problem(path, "not UTF-8"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already says "(at line N, column M)".
        return LoadedSettings(Settings(), _problem(path, f"invalid TOML: {exc}"))
    except RecursionError:
        # tomllib recurses into nested arrays and inline tables.
        return LoadedSettings(Settings(), _problem(path, "values nested too deeply"))
    except ValueError:
        # tomllib lets int()'s own refusal of a number over 4,300 digits through.
        return LoadedSettings(Settings(), _problem(path, "invalid TOML: a number too long to read"))
    try:
        return LoadedSettings(_from_mapping(data))
    except (TypeError, ValueError) as exc:
        return LoadedSettings(Settings(), _problem(path, str(exc)))


def _flatten(table: dict[str, object], prefix: str = "", depth: int = 1) -> dict[str, object]:
    """`entries.next = "j"` written without quotes is a nested table in TOML: flatten it back
    to the binding id `entries.next`."""
    if depth > MAX_KEYMAP_DEPTH:
        raise ValueError(f"[keymap] nests deeper than {MAX_KEYMAP_DEPTH} levels")
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + ".", depth + 1))
        else:
            flat[name] = value
    return flat


MAX_VIEWS = 50
"""Most saved views a config may name (each is counted whenever the sources pane opens)."""


def _views(table: object) -> tuple[tuple[str, str], ...]:
    """The `[views]` table as (name, filter) pairs; each filter must parse."""
    from liveread.kernel.query import parse_filter

    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TypeError("[views] must map view names to filter strings")
    if len(table) > MAX_VIEWS:
        raise ValueError(f"[views] names more than {MAX_VIEWS} views")
    views: list[tuple[str, str]] = []
    for name, query in table.items():
        if not name.strip() or not query.strip():
            raise ValueError("[views] needs a name and a filter for every view")
        try:
            parse_filter(query)
        except InputError as exc:
            raise ValueError(f"[views] {name}: {exc.problem}") from None
        views.append((name.strip(), query.strip()))
    return tuple(views)


MAX_TEMPLATE_CHARS = 20_000
"""The longest export template the config may hold."""


def _templates(table: object) -> tuple[str | None, str | None]:
    """The `[export]` table's `entry` and `highlight` templates (checked when used)."""
    if not isinstance(table, dict):
        raise TypeError("[export] must be a table of templates")
    found: list[str | None] = []
    for name in ("entry", "highlight"):
        value = table.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > MAX_TEMPLATE_CHARS):
            raise TypeError(
                f"[export] {name} must be a template string of at most 20,000 characters"
            )
        found.append(value)
    unknown = sorted(set(table) - {"entry", "highlight"})
    if unknown:
        raise ValueError(f"[export] has no setting {unknown[0]!r} (entry, highlight)")
    return found[0], found[1]


def _from_mapping(data: dict[str, object]) -> Settings:
    defaults = Settings()
    theme = data.get("theme", defaults.theme)
    if not isinstance(theme, str):
        raise TypeError("'theme' must be a string")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise TypeError("[keymap] must map binding ids to key strings")
    flat = _flatten(keymap)
    keys = {k: v for k, v in flat.items() if isinstance(v, str)}
    if len(keys) != len(flat):
        raise TypeError("[keymap] must map binding ids to key strings")
    quick = data.get("quick_tags", list(defaults.quick_tags))
    if not isinstance(quick, list) or not all(isinstance(q, str) for q in quick):
        raise TypeError("'quick_tags' must be a list of strings")
    if len(quick) > 9:
        raise ValueError("'quick_tags' has more than 9 names (keys 1-9)")
    poll = data.get("poll_seconds", defaults.poll_seconds)
    if not isinstance(poll, int) or isinstance(poll, bool) or poll < 5:
        raise ValueError("'poll_seconds' must be a whole number of seconds, at least 5")
    export_dir = data.get("export_dir")
    if export_dir is not None and not isinstance(export_dir, str):
        raise TypeError("'export_dir' must be a path string")
    max_pages = data.get("max_pages", defaults.max_pages)
    if (
        not isinstance(max_pages, int)
        or isinstance(max_pages, bool)
        or not 1 <= max_pages <= MAX_MAX_PAGES
    ):
        raise ValueError(f"'max_pages' must be a whole number from 1 to {MAX_MAX_PAGES}")
    page_mib, feed_mib = (
        _fetch_mib(data, name, default)
        for name, default in (
            ("max_page_mib", defaults.max_page_mib),
            ("max_feed_mib", defaults.max_feed_mib),
        )
    )
    browser = data.get("browser")
    if browser is not None and (not isinstance(browser, str) or not browser.strip()):
        raise TypeError("'browser' must be a command string such as \"firefox %u\"")
    time_zone = data.get("time_zone", defaults.time_zone)
    if not isinstance(time_zone, str) or not is_time_zone(time_zone):
        raise ValueError(
            "'time_zone' must be \"local\", \"page\" or a zone name such as \"Europe/London\""
        )
    views = _views(data.get("views", {}))
    colors = color_meanings(data.get("colors", {}))
    entry_template, highlight_template = _templates(data.get("export", {}))
    autotag = parse_rules(data.get("autotag", []))
    return Settings(
        autotag=autotag,
        colors=colors,
        entry_template=entry_template,
        highlight_template=highlight_template,
        time_zone=time_zone,
        views=views,
        browser=browser,
        theme=theme,
        keymap=keys,
        quick_tags=tuple(quick),
        poll_seconds=poll,
        export_dir=export_dir,
        max_pages=max_pages,
        max_page_mib=page_mib,
        max_feed_mib=feed_mib,
    )


def _fetch_mib(data: dict[str, object], name: str, default: int) -> int:
    value = data.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_FETCH_MIB:
        raise ValueError(f"'{name}' must be a whole number of MiB from 1 to {MAX_FETCH_MIB}")
    return value
