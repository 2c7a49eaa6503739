"""After an upgrade that rebuilt the search index (run before the terminal was taken over,
its bar drawn by the CLI), the app says so once it is up; after a plain open it says nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from liveread.storage import Store
from liveread.tui.app import LivereadApp
from tests.test_upgrade_progress import older_database
from tests.tui.conftest import Recorder, ready, settle, wait_for

NOTICE = "the search index of 1,200 entries was rebuilt"


async def test_the_app_says_the_index_was_rebuilt(
    db_path: Path, make_app: Callable[..., LivereadApp], recorder: Recorder
) -> None:
    older_database(db_path, entries=1_200)
    with Store.open(db_path) as store:
        assert store.reindexed == 1_200
        app = make_app(store)
        async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
            await ready(pilot)
            await wait_for(
                pilot, lambda: any(NOTICE in m for m in recorder.messages()), "the notice"
            )
    with Store.open(db_path) as store:
        assert store.reindexed is None
        app = make_app(store)
        async with app.run_test(size=(100, 30), message_hook=recorder.hook) as pilot:
            await ready(pilot)
            await settle(pilot)
            assert sum(NOTICE in m for m in recorder.messages()) == 1
