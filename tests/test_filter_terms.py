"""The filter terms for live work: relative dates against an injected clock, `until:`,
`source:`, `author:`, `has:link`, `is:FLAG`, and typos refused with the nearest term; run
against a real database file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveread.kernel.errors import InputError
from liveread.kernel.model import Format, Link, ParsedEntry, ParsedFeed
from liveread.kernel.query import parse_filter
from liveread.storage import Store

NOW = datetime(2025, 10, 14, 18, 30, tzinfo=timezone(timedelta(hours=2)))
"""The injected clock: 16:30 UTC, in a zone two hours ahead (so `today` began at 22:00 UTC)."""


def at(hours_ago: float) -> datetime:
    """A UTC time that many hours before NOW."""
    return (NOW - timedelta(hours=hours_ago)).astimezone(UTC)


# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("since:2h", at(2)),
        ("since:90m", at(1.5)),
        ("since:3d", at(72)),
        ("since:1w", at(168)),
        ("since:today", datetime(2025, 10, 13, 22, 0, tzinfo=UTC)),
        ("since:Yesterday", datetime(2025, 10, 12, 22, 0, tzinfo=UTC)),
        ("since:2025-10-01", datetime(2025, 10, 1, tzinfo=UTC)),
    ],
)
def test_relative_dates_count_from_the_injected_clock(text: str, since: datetime) -> None:
    flt = parse_filter(text, now=NOW)
    assert flt.since == since and flt.until is None
    assert parse_filter(str(flt), now=NOW) == flt
    assert str(flt) == text.lower()


def test_until_and_today_across_a_change_of_summer_time() -> None:
    # 27 October 2025 in London: yesterday (the 26th) began at 23:00 UTC on the 25th, in summer
    # time, today at midnight GMT; an age is exact hours whatever the zone.
    now = datetime(2025, 10, 27, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    flt = parse_filter("since:yesterday until:today", now=now)
    assert flt.since == datetime(2025, 10, 25, 23, 0, tzinfo=UTC)
    assert flt.until == datetime(2025, 10, 27, 0, 0, tzinfo=UTC)
    assert parse_filter("until:24h", now=now).until == datetime(2025, 10, 26, 9, 0, tzinfo=UTC)
    assert str(flt) == "since:yesterday until:today"


def test_the_new_keys_parse_and_print_back() -> None:
    flt = parse_filter(
        'source:harbour -source:"Quay Radio" author:Okafor -author:desk has:link is:edited'
        " -is:read",
        now=NOW,
    )
    assert flt.sources == ("harbour",) and flt.without_sources == ("Quay Radio",)
    assert flt.authors == ("Okafor",) and flt.without_authors == ("desk",)
    assert (flt.links, flt.edited, flt.unread) == (True, True, True)
    assert parse_filter(str(flt), now=NOW) == flt
    assert parse_filter("-has:links").links is False
    assert parse_filter("is:starred") == parse_filter("starred")


@pytest.mark.parametrize(
    ("text", "named", "offered"),
    [
        ("stared", "'stared'", "'starred'"),
        ("harbour -pined", "'pined'", "'pinned'"),
        ("unred since:2h", "'unred'", "'unread'"),
        ("tagg:verify", "tagg:", "'tag:'"),
        ("sorce:harbour", "sorce:", "'source:'"),
        ("is:edted", "is:edted", "'edited'"),
        ("has:lnks", "has:lnks", "'link'"),
    ],
)
def test_a_typo_is_an_error_naming_it_and_the_nearest_term(
    text: str, named: str, offered: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_filter(text, now=NOW)
    message = str(caught.value)
    assert message.startswith(f"filter {text!r}: ")
    assert named in message and f"did you mean {offered}?" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "text",
    ["since:soon", "until:2025-13-01", "-since:2h", "source:", 'author:"  "', "since:9999999w"],
)
def test_dates_and_names_that_mean_nothing_are_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"^filter "):
        parse_filter(text, now=NOW)


def test_words_near_no_flag_stay_words_and_quotes_make_anything_a_word() -> None:
    assert parse_filter("ready started bread", now=NOW).words == ("ready", "started", "bread")
    assert parse_filter('"stared" "tagg:x"', now=NOW).words == ("stared", "tagg:x")
    with pytest.raises(InputError, match="nosuch: is not a filter term"):
        parse_filter("nosuch:x", now=NOW)


def test_an_unknown_key_far_from_every_term_lists_them_and_says_how_to_search_it() -> None:
    with pytest.raises(InputError) as caught:
        parse_filter("http://example.org", now=NOW)
    message = str(caught.value)
    assert "did you mean" not in message
    assert "tag:, since:, until:, source:, author:, category:, is:, has:" in message
    assert 'quote it: "http://example.org"' in message


_KEYS = ["tag:", "-tag:", "since:", "until:", "source:", "-source:", "author:", "-author:"]
_KEYS += ["category:", "is:", "-is:", "has:", "-has:", "-", '"', "", ""]
_VALUES = ["x", "2h", "today", "link", "starred", "read", "a b", "-x", "x*", "2024-11-01"]
_VALUES += ['"q', "é", ":", "stared", "Harbour"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_KEYS), st.sampled_from(_VALUES)), max_size=5))
def test_the_canonical_form_reads_back_as_the_same_filter(parts: list[tuple[str, str]]) -> None:
    text = " ".join(key + value for key, value in parts)
    try:
        flt = parse_filter(text, now=NOW)
    except InputError as error:
        assert str(error).startswith("filter ")
        return
    assert parse_filter(str(flt), now=NOW) == flt


# -- in SQLite ---------------------------------------------------------------------------------


def post(
    key: str,
    hours_ago: float | None,
    *,
    author: str | None = None,
    links: tuple[Link, ...] = (),
) -> ParsedEntry:
    """One invented post, `hours_ago` before NOW (None: no time of its own)."""
    return ParsedEntry(
        key=key,
        headline=f"Update {key}",
        body=f"Crews on the quay, update {key}.",
        published=None if hours_ago is None else at(hours_ago),
        author=author,
        links=links,
    )


@pytest.fixture
def blogs(store: Store) -> dict[str, int]:
    """Two blogs; entry ids by key (keys say blog and place: h0 is the harbour's newest)."""
    harbour = ParsedFeed(
        format=Format.TEXT,
        title="Harbour storm live",
        entries=(
            post("h0", None, author="Ada Okafor"),
            post("h1", 1, author="Ada Okafor", links=(Link("the council", "https://c.test/"),)),
            post("h2", None, author="News desk"),
            post("h3", 5),
            post("h4", 30, author="News desk"),
            post("h5", None),
        ),
    )
    radio = ParsedFeed(
        format=Format.TEXT,
        title="Quay Radio updates",
        entries=(post("r0", 0.5, author="Bo Lindqvist"), post("r1", 50)),
    )
    ids: dict[str, int] = {}
    for location, blog in (("/blogs/harbour.txt", harbour), ("/blogs/radio.txt", radio)):
        source_id = store.import_feed(location, blog).source_id
        for entry in store.entries(source_id):
            ids[entry.key] = entry.id
    return ids


def kept(store: Store, text: str) -> list[str]:
    """The keys of the entries `text` keeps across every blog, in page order."""
    flt = parse_filter(text, now=NOW)
    found = store.filter_entries(None, flt, 0, 100)
    assert store.count_filtered(None, flt) == len(found)
    keys = {entry_id: key for key, entry_id in _ids(store).items()}
    return [keys[e.id] for e in found]


def _ids(store: Store) -> dict[str, int]:
    return {e.key: e.id for s in store.sources() for e in store.entries(s.id)}


def test_relative_dates_place_untimed_posts_by_the_page(
    store: Store, blogs: dict[str, int]
) -> None:
    # h0 sits above h1 (1 h ago): placed at 1 h; h2 between h1 and h3: placed at 5 h; h5 at
    # the bottom, under h4: placed at 30 h. None at their import time, which is now-ish.
    assert kept(store, "since:2h") == ["h0", "h1", "r0"]
    assert kept(store, "since:6h") == ["h0", "h1", "h2", "h3", "r0"]
    assert kept(store, "since:today") == ["h0", "h1", "h2", "h3", "r0"]
    assert kept(store, "until:6h") == ["h4", "h5", "r1"]
    assert kept(store, "since:yesterday until:today") == ["h4", "h5"]
    assert kept(store, "since:1w") == ["h0", "h1", "h2", "h3", "h4", "h5", "r0", "r1"]


def test_source_author_link_and_edited_terms(store: Store, blogs: dict[str, int]) -> None:
    assert kept(store, "source:radio") == ["r0", "r1"]
    assert kept(store, "source:HARBOUR since:2h") == ["h0", "h1"]
    assert kept(store, "source:harbour.txt -source:nowhere has:link") == ["h1"]
    assert kept(store, "source:radio source:harbour") == kept(store, "")
    assert kept(store, "-source:storm") == ["r0", "r1"]
    assert kept(store, "source:%") == [] and kept(store, "source:_") == []
    assert kept(store, "author:okafor") == ["h0", "h1"]
    assert kept(store, "author:okafor author:lindqvist") == ["h0", "h1", "r0"]
    # An entry with no author holds no name, so excluding one keeps it.
    assert kept(store, "-author:desk") == ["h0", "h1", "h3", "h5", "r0", "r1"]
    assert kept(store, "-has:link source:radio") == ["r0", "r1"]
    assert kept(store, "is:edited") == [] and kept(store, "-is:edited") == kept(store, "")
    store.set_starred(blogs["r1"])
    assert kept(store, "is:starred") == ["r1"]


def test_a_blog_without_any_times_falls_back_to_when_posts_were_first_seen(
    store: Store,
) -> None:
    untimed = ParsedFeed(
        format=Format.TEXT,
        title="Undated notes",
        entries=tuple(post(f"u{i}", None) for i in range(3)),
    )
    source_id = store.import_feed("/blogs/undated.txt", untimed).source_id
    everything = store.count_filtered(source_id, "")
    assert store.count_filtered(source_id, parse_filter("since:1h")) == everything == 3
    assert store.count_filtered(source_id, parse_filter("until:1h")) == 0


def test_filter_page_gives_the_count_and_the_first_rows_in_one_pass(
    store: Store, blogs: dict[str, int]
) -> None:
    flt = parse_filter("since:6h", now=NOW)
    count, first = store.filter_page(None, flt, 2)
    assert count == store.count_filtered(None, flt) == 5
    assert first == store.filter_entries(None, flt, 0, 2)
    assert store.filter_page(None, parse_filter("since:1h", now=NOW), 10)[0] == 3
    assert store.filter_page(None, "source:nowhere", 10) == (0, [])
    assert store.filter_page(None, flt, 0) == (5, [])


def test_category_matches_the_feeds_own_categories_whole_in_any_case(
    store: Store, blogs: dict[str, int]
) -> None:
    filed = parse_filter('category:Weather -category:"Road news"')
    assert filed.categories == ("Weather",) and filed.without_categories == ("Road news",)
    assert parse_filter(str(filed)) == filed
    conn = store.conn
    with conn:
        conn.execute(
            "UPDATE entries SET categories = ? WHERE id = ?",
            ('["Weather", "Ferries"]', blogs["h1"]),
        )
        conn.execute("UPDATE entries SET categories = ? WHERE id = ?", ('["weather"]', blogs["r0"]))
    assert kept(store, "category:weather") == ["h1", "r0"]
    assert kept(store, "category:WEATHER -category:ferries") == ["r0"]
    assert kept(store, "category:weath") == []  # whole names, not a part of one
    assert len(kept(store, "-category:weather")) == len(kept(store, "")) - 2
