"""`python -m bench [--quick] [--json] [--only NAME]`: run every benchmark and print the table.

`python -m bench --scale [--million] [--cache DIR]`: the scale figures instead (see
`bench.scale`), on databases kept in DIR between runs."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import (
    annotate,
    cli_start,
    export,
    export_append,
    feeds,
    filtering,
    import_dump,
    notebook,
    pages,
    polling,
    tui,
    upgrade,
    views,
    worddiff,
)
from bench.core import Figure

Suite = Callable[[Path, bool], list[Figure]]

SUITES: dict[str, Suite] = {
    "import": import_dump.run,
    "feeds": feeds.run,
    "pages": pages.run,
    "annotate": annotate.run,
    "export": export.run,
    "export-append": export_append.run,
    "tui": tui.run,
    "filter": filtering.run,
    "views": views.run,
    "notebook": notebook.run,
    "worddiff": worddiff.run,
    "cli_start": cli_start.run,
    "polling": polling.run,
    "upgrade": upgrade.run,
}
"""Every benchmark suite by name; each takes a scratch dir and the quick flag."""

HEADER = f"{'name':<34} {'value':>10} {'unit':<3} {'baseline':>10} {'ratio':>6} {'target':<14} ok"


def main(argv: list[str] | None = None) -> int:
    """Run the suites; exit 1 if any target was missed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs, under a minute")
    parser.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    parser.add_argument("--only", action="append", choices=sorted(SUITES), help="run only these")
    parser.add_argument(
        "--scale", action="store_true", help="10k and 100k entries over 200 blogs (bench.scale)"
    )
    parser.add_argument("--million", action="store_true", help="with --scale: 1M entries too")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "liveread-bench",
        help="with --scale: where the built databases are kept (default: the temp dir's"
        " liveread-bench)",
    )
    args = parser.parse_args(argv)
    names = args.only or list(SUITES)
    if not args.json:
        print(HEADER, flush=True)
    figures: list[Figure] = []

    def show(figure: Figure) -> None:
        figures.append(figure)
        if args.json:
            print(json.dumps(figure.as_json()), flush=True)
        else:
            print(figure.line(), flush=True)

    if args.scale:
        from bench.scale import run_scale

        with tempfile.TemporaryDirectory(prefix="liveread-bench-scale-") as scratch:
            for figure in run_scale(args.cache, Path(scratch), args.million):
                show(figure)
        names = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"liveread-bench-{name}-") as scratch:
            for figure in SUITES[name](Path(scratch), args.quick):
                show(figure)
    missed = [f.name for f in figures if not f.ok]
    if missed and not args.json:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
