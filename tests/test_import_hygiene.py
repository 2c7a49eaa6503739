"""The headless layers never load textual: checked in a fresh interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

HEADLESS = [
    "liveread.kernel.model",
    "liveread.kernel.errors",
    "liveread.kernel.text",
    "liveread.kernel.settings",
    "liveread.kernel.paths",
    "liveread.cli.main",
    "liveread.services.sync",
    "liveread.storage",
    "liveread.ingest",
    "liveread.export",
    "liveread.sample_feeds",
]


def test_headless_packages_do_not_import_textual() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {HEADLESS!r}: importlib.import_module(name)\n"
        "ui = [m for m in sys.modules if m.split('.')[0] == 'textual' or 'liveread.tui' in m]\n"
        "print(json.dumps(sorted(ui)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_the_check_would_notice_textual() -> None:
    code = "import sys, liveread.tui.app; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


LAYERS = ("cli", "tui", "services", "ingest", "storage", "export", "kernel", "sample_feeds")
ROOT = Path(__file__).resolve().parent.parent


def _first_party_sources() -> list[Path]:
    folders = [ROOT / name for name in (*LAYERS, "bench", "tests")]
    return [path for folder in folders for path in folder.rglob("*.py")]


def test_every_import_names_the_liveread_package() -> None:
    """A layer imported by its folder name would load a second copy of its modules."""
    wrong = []
    for path in _first_party_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            wrong += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in LAYERS]
    assert wrong == []


def test_the_package_links_every_layer_folder() -> None:
    for name in LAYERS:
        link = ROOT / "liveread" / name
        assert link.is_symlink(), name
        assert link.resolve() == (ROOT / name).resolve()
