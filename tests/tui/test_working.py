"""The one way the app runs blocking work: `off_loop` gives the result, or a `Failed` already
worded for the screen; anything else is a bug and is not swallowed."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from liveread.kernel.errors import InputError
from liveread.tui.working import Failed, off_loop


async def test_the_result_comes_back_from_another_thread() -> None:
    loop_thread = threading.current_thread()

    def work() -> tuple[threading.Thread, int]:
        return threading.current_thread(), 6 * 7

    ran_in, answer = await off_loop(work, "Could not count")
    assert answer == 42 and ran_in is not loop_thread and not ran_in.daemon


async def test_a_network_round_runs_in_a_daemon_thread() -> None:
    ran_in = await off_loop(threading.current_thread, "Could not poll", daemon=True)
    assert ran_in.daemon and ran_in is not threading.current_thread()


@pytest.mark.parametrize("daemon", [False, True])
async def test_a_full_disk_is_worded_not_raised(daemon: bool) -> None:
    def write() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(Failed) as failed:
        await off_loop(write, "Could not save the note", daemon=daemon)
    assert failed.value.title == "Could not save the note"
    assert "the disk is full" in failed.value.message
    assert "\n" not in failed.value.message


async def test_input_and_file_errors_are_one_clean_line(tmp_path: Path) -> None:
    def bad() -> None:
        raise InputError("blog.txt", "line 3: \x1b]0;owned\x07 not a date")

    with pytest.raises(Failed) as failed:
        await off_loop(bad, "Could not read")
    assert failed.value.message.startswith("blog.txt: line 3:")
    assert "\x1b" not in failed.value.message and "\x07" not in failed.value.message

    def missing() -> None:
        (tmp_path / "gone" / "notes.md").read_text(encoding="utf-8")

    with pytest.raises(Failed) as failed:
        await off_loop(missing, "Could not export")
    assert "notes.md" in failed.value.message and "No such file" in failed.value.message


async def test_a_bug_is_not_swallowed() -> None:
    def bug() -> None:
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        await off_loop(bug, "Could not")
    with pytest.raises(ZeroDivisionError):
        await off_loop(bug, "Could not", daemon=True)
