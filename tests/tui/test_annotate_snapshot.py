"""A snapshot of the reader showing highlights in several colours, tags, notes, a star and a
key event (120x40, deterministic: the samples, UTC, no times of annotations on screen)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from tests.tui.conftest import ready, settle, wait_for


def _annotate(store: Store) -> None:
    """Annotate the third entry of the first sample blog."""
    source = store.sources()[0]
    entry = store.entry_page(source.id, 2, 1)[0]
    words = entry.body.split()
    store.add_tags(entry.id, ["verify", "key", "follow-up"])
    store.set_starred(entry.id)
    store.set_pinned(entry.id)
    store.add_highlight_quote(entry.id, " ".join(words[0:3]), "yellow")
    store.add_highlight_quote(entry.id, " ".join(words[5:9]), "green", note="Check the figure")
    store.add_highlight_quote(entry.id, " ".join(words[12:15]), "blue")
    store.add_highlight_quote(entry.id, " ".join(words[-4:]), "pink")
    store.add_note(entry.id, "Ask the returning officer about the recount.\n\nSecond thought.")


async def _reader(pilot: Pilot[None]) -> None:
    main = await ready(pilot)
    await pilot.press("j", "j")
    await settle(pilot)
    await wait_for(
        pilot, lambda: main.annotated is not None and main.annotated.notes, "the annotations"
    )
    await settle(pilot)


def test_reader_with_annotations(
    snap_compare: Callable[..., bool], samples: Store, make_app: Callable[..., LivereadApp]
) -> None:
    _annotate(samples)
    assert snap_compare(make_app(samples), terminal_size=(120, 40), run_before=_reader)
