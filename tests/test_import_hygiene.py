"""The headless layers never load textual: checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

HEADLESS = [
    "liveread.model",
    "liveread.errors",
    "liveread.text",
    "liveread.settings",
    "liveread.paths",
    "liveread.cli",
    "storage",
    "ingest",
    "export",
    "sample_feeds",
]


def test_headless_packages_do_not_import_textual() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {HEADLESS!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_the_check_would_notice_textual() -> None:
    code = "import sys, tui.app; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
