"""`liveread import` shows a progress bar on a terminal and nothing more for scripts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.generate import dump_text
from bench.terminal import PtyProcess
from tests.e2e.conftest import EXIT_TIMEOUT, liveread_binary, screen_lines

pytestmark = pytest.mark.e2e

ENTRIES = 3_000
"""Enough entries for the parser to report a count (every 1,000) before it is done."""


def _dump(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    path.write_text(dump_text(ENTRIES), encoding="utf-8")
    return path


def test_a_terminal_sees_the_bar_then_the_usual_line(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    dump = _dump(tmp_path)
    # Wide enough that the bar's words never wrap, whatever the temporary path is.
    with PtyProcess([str(liveread_binary()), "import", str(dump)], app_env, (250, 40)) as proc:
        assert proc.wait(EXIT_TIMEOUT) == 0
        output = bytes(proc.output).decode("utf-8", "replace")
    assert f"Reading {dump}: " in output
    assert f"Storing {dump}: {ENTRIES:,} entries" in output
    # The bar is erased: what the terminal keeps is today's line, word for word.
    assert screen_lines(bytes(proc.output)) == [f"{dump}: {ENTRIES} new, 0 updated, 0 unchanged"]


def test_a_script_gets_only_the_usual_lines(tmp_path: Path, app_env: dict[str, str]) -> None:
    dump = _dump(tmp_path)
    proc = subprocess.run(
        [str(liveread_binary()), "import", str(dump)],
        capture_output=True,
        env=app_env,
        timeout=EXIT_TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{dump}: {ENTRIES} new, 0 updated, 0 unchanged\n".encode()
    assert proc.stderr == b""
