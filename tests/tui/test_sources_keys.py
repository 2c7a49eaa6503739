"""Whole live blogs from the keyboard: add (+, and the palette), reload one (r) or all (R),
rename (C), remove (D: asks and exports first), mark a blog read (A), previous unread (N)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from liveread.tui.completion import complete_path
from liveread.tui.screens.confirm import ConfirmScreen
from liveread.tui.screens.prompt import PromptScreen
from liveread.tui.widgets.sources import SourceList
from tests.conftest import SAMPLES
from tests.tui.conftest import Recorder, ready, screen_text, settle, wait_for


def test_complete_path_completes_names_and_leaves_urls(tmp_path: Path) -> None:
    (tmp_path / "storm-blog.txt").write_text("x")
    (tmp_path / "stories").mkdir()
    (tmp_path / ".storm-hidden").write_text("x")
    base = f"{tmp_path}/"
    assert complete_path(base + "stor") == base + "stories/"
    assert complete_path(base + "storm") == base + "storm-blog.txt"
    assert complete_path(base + "storm-blog.txt") is None
    assert complete_path(base + "zzz") is None
    assert complete_path("https://news.example/liv") is None
    assert complete_path("sample:har") is None
    assert complete_path(f"{tmp_path}/no-such-dir/x") is None


async def test_plus_adds_a_file_with_path_completion(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder, tmp_path: Path
) -> None:
    blog = tmp_path / "marathon-live.json"
    shutil.copy(SAMPLES / "tidewater-marathon.json", blog)
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        before = len(main.sources)
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the add prompt")
        await pilot.press(*f"{tmp_path}/mara")
        field = app.screen.query_one(Input)
        await wait_for(
            pilot, lambda: field._suggestion == str(blog), "the completed path"
        )
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: len(main.sources) == before + 1, "the new blog")
        await settle(pilot)
        assert main.source is not None and main.source.location == str(blog)
        assert any(m.startswith("Added ") for m in recorder.messages())


async def test_adding_a_bad_file_is_one_notification(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder, tmp_path: Path
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        before = len(main.sources)
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the add prompt")
        missing = str(tmp_path / "missing.txt")
        await pilot.press(*missing, "enter")
        await wait_for(
            pilot, lambda: any(missing in m for m in recorder.messages()), "the error"
        )
        await settle(pilot)
        assert len(samples.sources()) == before and app.screen is main


async def test_the_palette_offers_add_a_live_blog(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"add a live")
        await wait_for(
            pilot, lambda: "Add a live blog…" in screen_text(pilot), "the Add a live blog hit"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the add prompt")
        assert app.screen.title_text == "Add a live blog"


async def test_r_reloads_the_selected_blog_and_R_every_one(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: any(m.startswith("Reloaded 1 live blog:") for m in recorder.messages()),
            "one blog reloaded",
        )
        await settle(pilot)
        await pilot.press("R")
        await wait_for(
            pilot,
            lambda: any(m.startswith("Reloaded 3 live blogs:") for m in recorder.messages()),
            "every blog reloaded",
        )


async def test_r_in_the_sources_pane_reloads_the_highlighted_blog(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder, tmp_path: Path
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        await pilot.press("b")
        await settle(pilot)
        pane = main.query_one(SourceList)
        await pilot.press("j")
        await wait_for(pilot, lambda: pane.highlighted == 1, "the second blog highlighted")
        second = main.sources[1]
        assert main.chosen_source() == second and main.source != second
        await pilot.press("C")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the rename prompt")
        field = app.screen.query_one(Input)
        assert field.value == second.title
        field.value = ""
        await pilot.press(*"Night desk", "enter")
        await wait_for(
            pilot,
            lambda: any(s.title == "Night desk" for s in main.sources),
            "the new name in the pane",
        )
        await settle(pilot)
        assert "Night desk" in screen_text(pilot)
        assert samples.source(second.id).title == "Night desk"


async def test_A_marks_the_blog_read_and_N_finds_the_previous_unread(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None
        count = main.source.entry_count
        # From the top, N wraps round to the bottom: the oldest unread entry.
        await pilot.press("N")
        await wait_for(pilot, lambda: main.position == count - 1, "the last unread entry")
        await pilot.press("k", "k")
        await settle(pilot)
        assert main.position == count - 3
        samples.set_read(main.entry.id if main.entry else 0, True)
        await pilot.press("N")
        await wait_for(pilot, lambda: main.position == count - 4, "the unread entry above")
        await pilot.press("A")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.unread_count == 0,
            "the blog marked read",
        )
        await settle(pilot)
        assert main.position == count - 4  # the selection stayed
        assert any(m.startswith(f"Marked {count - 1} entries read") for m in recorder.messages())
        await pilot.press("N")
        await wait_for(
            pilot,
            lambda: "No unread entries here." in recorder.messages(),
            "nothing unread",
        )


async def test_D_removes_a_blog_without_annotations_at_once(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        shown = main.source
        assert shown is not None
        await pilot.press("D")
        await wait_for(pilot, lambda: len(main.sources) == 2, "the blog removed")
        await settle(pilot)
        assert main.source is not None and main.source.id != shown.id
        assert all(s.id != shown.id for s in samples.sources())
        assert any(m.startswith("Removed ") for m in recorder.messages())


async def test_D_asks_for_a_blog_with_annotations_and_exports_before_removing(
    samples: Store,
    make_app: Callable[..., LivereadApp],
    recorder: Recorder,
    db_path: Path,
) -> None:
    shown = samples.sources()[0]
    first = next(samples.entries(shown.id))
    samples.add_note(first.id, "Quote checked with the harbour office")
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        assert main.source is not None and main.source.id == shown.id
        # No: nothing is written, nothing is removed.
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "1 note" in screen_text(pilot)
        await pilot.press("n")
        await wait_for(
            pilot, lambda: "Nothing was removed." in recorder.messages(), "the refusal"
        )
        assert len(samples.sources()) == 3
        assert list(db_path.parent.glob("removed-*.json")) == []
        # Yes: the export is written beside the database, then the blog goes.
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(main.sources) == 2, "the blog removed")
        (exported,) = db_path.parent.glob("removed-*.json")
        text = json.dumps(json.loads(exported.read_text(encoding="utf-8")))
        assert "Quote checked with the harbour office" in text
        assert any(str(exported) in m for m in recorder.messages())


async def test_a_name_that_looks_like_markup_is_shown_as_typed(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("C")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the rename prompt")
        app.screen.query_one(Input).value = "[bold]Desk[/] [@click=app.quit]x[/]"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.title.startswith("[bold]"),
            "the new name",
        )
        await settle(pilot)
        assert "[bold]Desk[/] [@click=app.quit]x[/]" in screen_text(pilot).splitlines()[0]
        assert app.is_running


async def test_A_keeps_the_filter_shown(
    samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    shown = samples.sources()[0]
    starred = list(samples.entries(shown.id))[3]
    samples.set_starred(starred.id, True)
    app = make_app(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the filter prompt")
        await pilot.press(*"starred", "enter")
        await wait_for(pilot, lambda: main.filter_query == "starred", "the filter")
        await wait_for(pilot, lambda: main.entry is not None, "the starred entry")
        assert main.entry is not None and main.entry.id == starred.id and not main.entry.read
        await pilot.press("A")
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.unread_count == 0,
            "the blog marked read",
        )
        await settle(pilot)
        assert main.filter_query == "starred"
        assert main.listing is not None and main.listing.count == 1
        assert samples.entry(starred.id).read


async def test_a_blog_removed_by_another_process_gives_way_to_the_first_left(
    samples: Store, make_app: Callable[..., LivereadApp], recorder: Recorder, db_path: Path
) -> None:
    app = make_app(samples)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        main = await ready(pilot)
        shown = main.source
        assert shown is not None
        watch = main.database_watch
        assert watch is not None
        await wait_for(pilot, lambda: watch.version is not None, "the watch's first look")
        with Store.open(db_path) as other:  # `liveread remove` in another terminal
            other.delete_source(shown.id)
        await wait_for(
            pilot,
            lambda: main.source is not None and main.source.id != shown.id,
            "another blog shown",
        )
        await settle(pilot)
        assert len(main.sources) == 2 and main.entry is not None
        assert not [n for n in recorder.notes if n.notification.severity == "error"]


async def test_R_with_many_unreadable_blogs_is_a_few_notifications(
    store: Store, make_app: Callable[..., LivereadApp], recorder: Recorder, tmp_path: Path
) -> None:
    from liveread.tui import importing

    files = []
    names = ("count-night.txt", "harbour-storm.txt", "rail-strike.txt", "carrow-bridge.md",
             "kessock-launch.atom")
    for name in names:
        blog = tmp_path / name
        shutil.copy(SAMPLES / name, blog)
        importing.import_source(store, str(blog))
        files.append(blog)
    for blog in files:
        blog.unlink()
    app = make_app(store)
    async with app.run_test(size=(120, 40), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        await pilot.press("R")
        await wait_for(
            pilot,
            lambda: any(m.startswith("Reloaded 0 live blogs") for m in recorder.messages()),
            "the reload's summary",
        )
        errors = [
            n.notification.message for n in recorder.notes if n.notification.severity == "error"
        ]
        assert len(errors) == 4
        assert errors[-1] == "…and 2 more could not be read"
        assert all(str(tmp_path) in e for e in errors[:3])
