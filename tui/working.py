"""The one way the app runs blocking work: `await off_loop(call, failure)` from a worker.

Every action of the main screen runs as an async Textual worker (on the event loop) that
awaits its blocking steps (SQLite, files, the network, the browser) in a thread, so the
screen never waits on them and a flow reads top to bottom: ask in a dialog, write, show.

A step that fails with a storage, file or input error raises `Failed`, already worded as a
notification title and one line (`sqlite3.OperationalError: database or disk is full`
becomes "The database could not be written: the disk is full"); the screen's worker runner
turns it into that notification and the flow stops, the database unchanged (every write
is one transaction). Any other exception is a bug and ends the app as Textual does.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Coroutine
from functools import partial, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual import work
from textual.widget import Widget
from textual.worker import Worker

from liveread.kernel.errors import LivereadError
from liveread.tui.display import plain

T = TypeVar("T")
N = TypeVar("N", bound=Widget)
P = ParamSpec("P")


class Failed(Exception):
    """A blocking step could not be done; what to tell the user, already worded."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title = title
        """The notification's heading: what could not be done ("Could not save the note")."""
        self.message = message
        """One line saying why, cleaned for the screen."""


def storage_message(exc: BaseException) -> str:
    """One line for an error of the database, a file or the input (never a traceback)."""
    if isinstance(exc, LivereadError):
        return plain(str(exc))
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        if "full" in text:
            return "the database could not be written: the disk is full (nothing was changed)"
        if "locked" in text or "busy" in text:
            return f"the database is busy or locked ({plain(text)}); try again"
        if "readonly" in text or "read-only" in text:
            return "the database file is read-only (nothing was changed)"
        return f"the database said: {plain(text)}"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return plain(f"{where}{exc.strerror or exc}")
    return plain(str(exc))


EXPECTED = (LivereadError, sqlite3.Error, OSError)
"""What a blocking step may fail with and be reported for (anything else is a bug)."""


async def off_loop(
    call: Callable[[], T],
    failure: str,
    *,
    daemon: bool = False,
    cancel: threading.Event | None = None,
) -> T:
    """Run `call` in a thread and return its result; raise `Failed(failure, ...)` if it fails.

    With `daemon`, the thread is one the interpreter does not wait for at exit: for network
    work (a poll round), so that quitting never waits for a slow server. Writes are never
    run so: a write the user asked for finishes before the app exits.

    With `cancel`, a read that `call` runs with that flag: when the awaiting worker is
    cancelled (the next search, quitting), the flag is set, so the read stops and lets go
    of the database connection instead of holding it to the end.
    """
    try:
        if daemon:
            return await _in_daemon(call)
        return await asyncio.to_thread(call)
    except asyncio.CancelledError:
        if cancel is not None:
            cancel.set()
        raise
    except EXPECTED as exc:
        raise Failed(failure, storage_message(exc)) from exc


async def _in_daemon(call: Callable[[], T]) -> T:
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return  # the worker awaiting it was cancelled
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def body() -> None:
        try:
            result = call()
        except BaseException as exc:  # handed to the awaiting worker, which words or raises it
            outcome: tuple[T | None, BaseException | None] = (None, exc)
        else:
            outcome = (result, None)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:
            return  # the event loop closed meanwhile: nobody is waiting any more

    threading.Thread(target=body, name="liveread-background", daemon=True).start()
    return await future


async def reported(node: Widget, flow: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run `flow`; a step of it that `Failed` becomes one error notification on `node`."""
    try:
        await flow()
    except Failed as failed:
        tell(node, failed)


def tell(node: Widget, failed: Failed) -> None:
    """The notification for a failed step: its title and line, never markup."""
    node.notify(failed.message, title=failed.title, severity="error", markup=False, timeout=10)


def flow(
    *, name: str, group: str, exclusive: bool = False
) -> Callable[
    [Callable[Concatenate[N, P], Coroutine[Any, Any, None]]],
    Callable[Concatenate[N, P], Worker[None]],
]:
    """`@work` for an action's async body on a screen: its `Failed` steps are notified."""

    def decorate(
        method: Callable[Concatenate[N, P], Coroutine[Any, Any, None]],
    ) -> Callable[Concatenate[N, P], Worker[None]]:
        @wraps(method)
        async def body(node: N, *args: P.args, **kwargs: P.kwargs) -> None:
            await reported(node, partial(method, node, *args, **kwargs))

        return work(body, name=name, group=group, exclusive=exclusive)

    return decorate
