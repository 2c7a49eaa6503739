"""The poll round: every URL source that is due fetched (first page, conditional GET) and stored.

The app's feed poller runs one round at a time in a background thread and keeps the schedule
between rounds; `liveread follow` polls its one URL with `services.sync.poll_url`. Each source
is fetched with no transaction open, then stored in one short transaction of its own, so the
database is never held while a server is slow. One failing source stops nothing: it is
reported and polled again next time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from time import monotonic
from typing import TYPE_CHECKING

from liveread.kernel.errors import LivereadError
from liveread.kernel.model import ImportResult, Source
from liveread.services.sync import poll_url

if TYPE_CHECKING:
    from liveread.ingest.fetch import BodyCaps
    from liveread.storage import Store


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that could not be polled."""

    source_id: int
    """The source whose poll failed."""
    message: str
    """One line naming the URL and what went wrong."""


@dataclass(frozen=True, slots=True)
class PollRound:
    """What one round of polls did."""

    sources: tuple[Source, ...]
    """Every source after the round, with fresh counts and check times."""
    results: tuple[ImportResult, ...] = ()
    """One result per source that sent something (a 304 has none)."""
    failures: tuple[Failure, ...] = ()
    """Sources that could not be polled (their content is as it was)."""
    polled: frozenset[int] = frozenset()
    """Every source polled in this round, successfully or not."""
    due: Mapping[int, float] = field(default_factory=dict)
    """When each URL source is due next (`time.monotonic()` seconds)."""


def first_due(source: Source, every: float, now: float, wall: datetime) -> float:
    """When a source the poller has not polled yet is due: `every` after it was last checked."""
    if source.checked_at is None:
        return now
    return now + (source.checked_at - wall).total_seconds() + every


def poll_once(
    store: Store, location: str, *, caps: BodyCaps | None = None
) -> ImportResult | None:
    """Fetch `location` conditionally (no transaction open meanwhile), then import it
    (`caps`: the largest bodies the fetch accepts; the defaults when None)."""
    return poll_url(store, location, caps=caps).result


def poll_round(
    store: Store,
    every: float,
    schedule: Mapping[int, float],
    stopped: Callable[[], bool] = lambda: False,
    *,
    clock: Callable[[], float] = monotonic,
    caps: BodyCaps | None = None,
) -> PollRound:
    """(Blocking) poll every URL source that is due; one failing source stops nothing.

    `stopped` is asked before each poll: once it says True, the rest wait for next time.
    `clock` gives the `schedule`'s time (monotonic seconds); `caps` bound each fetch.
    """
    started = clock()
    wall = datetime.now(UTC)
    sources = store.sources()
    due: dict[int, float] = {}
    results: list[ImportResult] = []
    failures: list[Failure] = []
    polled: set[int] = set()
    for source in sources:
        if not source.is_url:
            continue
        at = schedule.get(source.id, first_due(source, every, started, wall))
        if at > started or stopped():
            due[source.id] = at
            continue
        due[source.id] = started + every
        polled.add(source.id)
        try:
            result = poll_once(store, source.location, caps=caps)
        except LivereadError as exc:
            failures.append(Failure(source.id, str(exc)))
        except Exception as exc:  # a bug in one poll must not end the app or stop polling
            failures.append(Failure(source.id, f"{source.location}: {type(exc).__name__}: {exc}"))
        else:
            if result is not None:
                results.append(result)
    after = store.sources() if polled else sources
    return PollRound(tuple(after), tuple(results), tuple(failures), frozenset(polled), due)
