"""`liveread follow URL [--every SECONDS]`: poll a live blog until interrupted."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

from liveread.cli.common import count, open_store
from liveread.cli.output import say, warn
from liveread.kernel.errors import LivereadError

DEFAULT_EVERY = 60
"""Seconds between polls unless --every says otherwise."""

MIN_EVERY = 5
"""The shortest interval allowed: faster polling only loads the newsroom's server."""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= MIN_EVERY:  # also refuses NaN
        raise argparse.ArgumentTypeError(f"at least {MIN_EVERY} seconds, not {text}")
    return value


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add the `follow` verb."""
    p = sub.add_parser(
        "follow",
        parents=[common],
        help="poll a live blog URL and import what is new, until Ctrl-C",
        description=(
            "Fetch URL now and then every SECONDS (conditionally: an unchanged page costs one"
            " small request), importing new and edited entries. Prints one line per poll;"
            " a failed poll is reported and following goes on. Ctrl-C stops it (exit 130);"
            " with --polls N, the exit code is non-zero when every one of the N polls failed."
        ),
    )
    p.add_argument("url", metavar="URL", help="http(s) address of the live blog")
    p.add_argument(
        "--every",
        type=_seconds,
        default=float(DEFAULT_EVERY),
        metavar="SECONDS",
        help=f"seconds between polls (default {DEFAULT_EVERY}, at least {MIN_EVERY})",
    )
    p.add_argument("--polls", type=count, metavar="N", help="stop after N polls (default: never)")
    p.set_defaults(handler=run)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def polls_exit_code(polls: int, failures: list[LivereadError]) -> int:
    """0 when at least one poll worked; when all `polls` failed, the last failure's code (a
    script that follows with `--polls` must see that nothing was ever fetched)."""
    if polls == 0 or len(failures) < polls:
        return 0
    return failures[-1].exit_code or 1


def run(args: argparse.Namespace) -> int:
    """Poll until interrupted (or `--polls` are done)."""
    from liveread.cli.common import settings
    from liveread.ingest.urls import normalise_url
    from liveread.services.autotagging import autotag_summary, use_rules
    from liveread.services.sync import body_caps, poll_url
    from liveread.services.wording import plural

    location = normalise_url(args.url)  # a URL that can never be fetched fails at once
    polls = 0
    failures: list[LivereadError] = []
    try:
        config = settings()
        caps = body_caps(config)
        with use_rules(open_store(args), config) as store:
            warn(f"following {location} every {args.every:g} s (Ctrl-C to stop)")
            while True:
                started = time.monotonic()
                try:
                    outcome = poll_url(store, location, caps=caps)
                except LivereadError as exc:
                    polls += 1
                    failures.append(exc)
                    warn(f"{_stamp()}  error: {exc}")
                else:
                    polls += 1
                    result = outcome.result
                    for warning in result.warnings if result else ():
                        warn(f"{_stamp()}  warning: {warning}")
                    say(f"{_stamp()}  {outcome.summary()}")
                    tagged = autotag_summary([result] if result else [])
                    if tagged:
                        say(f"{_stamp()}  {tagged}")
                if args.polls is not None and polls >= args.polls:
                    return polls_exit_code(polls, failures)
                time.sleep(max(0.0, args.every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        # A poll cut short was one transaction, rolled back; the polls before it are kept.
        warn(f"liveread: interrupted; stopped after {plural(polls, 'poll')}")
        return 130
