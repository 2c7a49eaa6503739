"""The filter prompt (`f`): the list follows a valid filter as it is typed, a mistake keeps
the prompt open with its text and names the nearest term, escape puts back the filter shown
before, tag names and terms complete, and relative dates count from the app's clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Static

from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.screens.filter_prompt import FilterPrompt, FilterSuggester
from liveread.tui.widgets.entry_list import EntryList
from tests.tui.conftest import ready, screen_text, settle, wait_for

NOW = datetime(2025, 10, 14, 18, 0, tzinfo=UTC)
"""The app's clock in these tests."""


@pytest.fixture
def quay(store: Store) -> dict[str, int]:
    """A blog of four posts: 1 and 3 hours before NOW, one with no time of its own, and one
    50 hours before. Entry ids by key; two tagged."""
    posts = (
        ("q0", "The ferry is back on the crossing.", 1),
        ("q1", "Crews cleared the quay of sand.", 3),
        ("q2", "A volunteer asked about bedding.", None),
        ("q3", "The harbour wall was inspected.", 50),
    )
    blog = ParsedFeed(
        format=Format.TEXT,
        title="Quay live",
        entries=tuple(
            ParsedEntry(
                key=key,
                headline=f"Post {key}",
                body=body,
                published=None if hours is None else NOW - timedelta(hours=hours),
            )
            for key, body, hours in posts
        ),
    )
    source_id = store.import_feed("/blogs/quay.txt", blog).source_id
    ids = {e.key: e.id for e in store.entries(source_id)}
    store.add_tags(ids["q1"], ["verify"])
    store.add_tags(ids["q3"], ["verify later"])
    return ids


def shown(entry_list: EntryList) -> list[str]:
    """Headlines of the rows the list shows."""
    rows = [entry_list.entry_at(i) for i in range(entry_list.count)]
    return [r.headline or "" for r in rows if r is not None]


def fixed_clock(app: LivereadApp) -> LivereadApp:
    """The app with its wall clock stopped at NOW."""
    app.options = replace(app.options, now=lambda: NOW)
    return app


async def open_prompt(pilot, app: LivereadApp) -> FilterPrompt:  # type: ignore[no-untyped-def]
    await pilot.press("f")
    await wait_for(pilot, lambda: isinstance(app.screen, FilterPrompt), "the filter prompt")
    prompt = app.screen
    assert isinstance(prompt, FilterPrompt)
    return prompt


async def test_the_list_follows_a_valid_filter_as_it_is_typed(
    store: Store, quay: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = fixed_clock(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        prompt = await open_prompt(pilot, app)
        await pilot.press(*"since:2d")
        # Still typing: the prompt is open and the list already shows what the filter keeps.
        # q2 has no time: it counts at its place on the page (written after q3, 50 hours
        # ago), not at when it was imported (just now).
        await wait_for(pilot, lambda: main.filter_query == "since:2d", "the live filter")
        assert app.screen is prompt
        assert shown(entry_list) == ["Post q0", "Post q1"]
        await pilot.press("backspace", "backspace", *"2h")
        await wait_for(pilot, lambda: main.filter_query == "since:2h", "the narrower filter")
        assert shown(entry_list) == ["Post q0"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not prompt, "the prompt answered")
        await settle(pilot)
        assert main.filter_query == "since:2h" and shown(entry_list) == ["Post q0"]


async def test_a_mistake_keeps_the_prompt_open_with_its_text_and_names_the_nearest_term(
    store: Store, quay: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = fixed_clock(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        prompt = await open_prompt(pilot, app)
        await pilot.press(*"tagg:verify")
        hint = prompt.query_one("#prompt-hint", Static)
        # (No settle while the prompt is open: its flow waits for the answer.)
        await wait_for(pilot, lambda: hint.has_class("-error"), "the mistake shown")
        assert "did you mean 'tag:'?" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt and prompt.input.value == "tagg:verify"
        # The list stays at the last valid text typed (the word `tagg`); the mistake is never
        # applied, nor searched as words.
        assert main.filter_query == "tagg"
        # Mended in place: the g goes, the filter applies.
        prompt.input.cursor_position = 4
        await pilot.press("backspace")
        await wait_for(pilot, lambda: main.filter_query == "tag:verify", "the mended filter")
        assert not hint.has_class("-error")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not prompt, "the prompt answered")
        await settle(pilot)
        assert shown(main.query_one(EntryList)) == ["Post q1"]


async def test_escape_puts_back_the_filter_shown_before(
    store: Store, quay: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = fixed_clock(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        entry_list = main.query_one(EntryList)
        prompt = await open_prompt(pilot, app)
        await pilot.press(*"quay")
        await wait_for(pilot, lambda: main.filter_query == "quay", "the list following")
        await pilot.press("escape")  # no filter before: every entry again
        await wait_for(pilot, lambda: main.filter_query == "", "no filter again")
        await wait_for(pilot, lambda: entry_list.count == 4, "every entry again")
        prompt = await open_prompt(pilot, app)
        await pilot.press(*"ferry")
        await wait_for(pilot, lambda: main.filter_query == "ferry", "the word filter")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not prompt, "answered")
        prompt = await open_prompt(pilot, app)
        assert prompt.input.value == "ferry"
        prompt.input.value = "quay"
        await wait_for(pilot, lambda: main.filter_query == "quay", "the list following")
        assert shown(entry_list) == ["Post q1"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.filter_query == "ferry", "the filter from before")
        await settle(pilot)
        assert shown(entry_list) == ["Post q0"]


async def test_tag_names_and_terms_complete_in_the_filter_prompt(
    store: Store, quay: dict[str, int], make_app: Callable[..., LivereadApp]
) -> None:
    app = fixed_clock(make_app(store))
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        prompt = await open_prompt(pilot, app)
        suggester = prompt.suggester
        assert isinstance(suggester, FilterSuggester)
        await wait_for(pilot, lambda: "verify" in suggester.tags, "the tag names read")
        await pilot.press(*"sta")
        await wait_for(pilot, lambda: prompt.input._suggestion == "starred", "a flag offered")
        await pilot.press("right")
        assert prompt.input.value == "starred"
        prompt.input.value = ""
        await pilot.press(*"-tag:verify l")
        assert prompt.input.value == "-tag:verify l"
        prompt.input.value = ""
        await pilot.press(*"-tag:verify ")
        await pilot.press("backspace")
        await pilot.press(*" tag:ve")
        await wait_for(
            pilot, lambda: prompt.input._suggestion == "-tag:verify tag:verify", "a tag offered"
        )
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: app.screen is not prompt, "answered")
        await settle(pilot)
        assert main.filter_query == "-tag:verify tag:verify"
        assert shown(main.query_one(EntryList)) == []
