"""The CLI starts light: `--version`, `--help` and the verb registry load none of the heavy
libraries, a verb loads only what it uses, and the verb table matches what the modules register.

Checked in a fresh interpreter through `sys.modules` (not timed: `python -m bench --only
cli_start` measures the CPU it costs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from liveread import __version__
from liveread.cli.main import build_parser
from liveread.cli.verbs import VERBS
from liveread.storage import Store

HEAVY = (
    "textual",
    "rich",
    "httpx",
    "feedparser",
    "markdown_it",
    "jinja2",
    "dateutil",
    "sqlite_utils",
    "selectolax",
    "rapidfuzz",
    "click",
    "pygments",
)
"""Libraries no command that does not use them may load at start."""

RUN_TIMEOUT = 60
"""Seconds a fresh interpreter may take (only a hang reaches it)."""


def _loaded_after(code: str, *argv: str) -> list[str]:
    """The HEAVY libraries loaded once `code` ran in a fresh interpreter (with `argv`)."""
    script = (
        "import json, sys\n"
        f"sys.argv = ['liveread', *{list(argv)!r}]\n"
        "try:\n"
        f"    {code}\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = {HEAVY!r}\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "sys.stderr.write('\\nLOADED ' + json.dumps(loaded) + '\\n')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    marker = [line for line in proc.stderr.splitlines() if line.startswith("LOADED ")]
    assert marker, proc.stderr
    loaded: list[str] = json.loads(marker[-1].removeprefix("LOADED "))
    return loaded


MAIN = "from liveread.cli.main import main; main()"


def test_version_loads_no_heavy_library() -> None:
    assert _loaded_after(MAIN, "--version") == []


def test_version_does_not_even_load_argparse() -> None:
    script = (
        "import sys; sys.argv = ['liveread', '--version']\n"
        "from liveread.cli.main import main; main()\n"
        "print('argparse' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    assert out.stdout.splitlines() == [f"liveread {__version__}", "False"]


def test_help_and_the_registry_load_no_heavy_library_and_no_verb_module() -> None:
    assert _loaded_after(MAIN, "--help") == []
    code = (
        "import liveread.cli.verbs, liveread.cli.parser; liveread.cli.parser.build_parser([]); "
        "assert not [m for m in sys.modules if m.startswith('liveread.cli.') and "
        "m.rsplit('.', 1)[1] not in ('verbs', 'parser', 'main')], sorted(sys.modules)"
    )
    assert _loaded_after(code) == []


@pytest.mark.parametrize("verb", ["entries", "sources", "search"])
def test_a_reading_verb_loads_no_fetcher_parser_or_app(verb: str, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Store.open(db).close()  # made and migrated here: the verb opens an existing database
    args = [verb, "--db", str(db), *(["council"] if verb == "search" else [])]
    assert _loaded_after(MAIN, *args) == []


def test_the_check_sees_a_library_that_is_loaded() -> None:
    """The probe is not blind: a module that imports httpx shows it."""
    assert "httpx" in _loaded_after("import liveread.ingest.fetch")


def _listed(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [(choice.dest, choice.help) for choice in sub._choices_actions]


def test_the_verb_table_is_what_the_modules_register() -> None:
    full = _listed(build_parser())
    assert full == [(verb, helptext) for verb, _, helptext in VERBS]
    assert _listed(build_parser([])) == full  # `--help` from the table shows the same lines


def test_each_verb_is_registered_by_the_group_the_table_names() -> None:
    for verb, group, _ in VERBS:
        parser = build_parser([verb])
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        own = sub.choices[verb]
        assert own.get_default("handler") is not None, (verb, group)
        own_group = {name for name, g, _ in VERBS if g == group}
        assert set(sub.choices) == own_group  # no other group was imported or listed


def test_a_poll_loads_no_reader_and_not_httpx_cli_extras() -> None:
    """A 304 poll parses nothing: the fetcher and the poll service load httpx but no reader
    (feedparser, selectolax, dateutil) and not httpx's command-line extras (rich, click)."""
    code = "import liveread.services.sync, liveread.ingest.fetch, liveread.ingest.urls"
    assert _loaded_after(code) == ["httpx"]
    probe = "import sys; import liveread.ingest.fetch; print(sorted(m for m in ('httpx', "
    probe += "'click', 'pygments') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    assert out.stdout.strip() == "['httpx']"


def test_the_package_still_hands_out_its_readers() -> None:
    from liveread.ingest import parse_bytes, read_file

    assert callable(parse_bytes) and callable(read_file)
    import liveread.ingest

    with pytest.raises(AttributeError):
        getattr(liveread.ingest, "no_such_name")  # noqa: B009 - the lookup is what is tested
