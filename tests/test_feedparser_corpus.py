"""An outside check: every file of feedparser 6.0.14's own test corpus through liveread's ingest.

The sdist is fetched with pip into the pytest cache (never committed) the first time and
reused afterwards. If it cannot be fetched the test fails: it must not pass by not running.
Each of the ~2,250 files is either parsed, with every string clean and stored cleanly, or
refused with liveread's own one-line `InputError`; nothing else may escape.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from liveread.ingest import parse_bytes
from liveread.kernel.errors import InputError
from liveread.storage import Store
from tests.feedcheck import assert_clean_feed, assert_clean_stored

VERSION = "6.0.14"
MIN_FILES = 2_200
"""The 6.0.14 sdist carries 2,249 files under tests/; fewer means a broken download."""


@pytest.fixture(scope="module")
def corpus(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """feedparser's tests/ directory, extracted from its sdist in the pytest cache (or, when
    the cache plugin is off, a temporary directory: fetched again every run)."""
    name = f"feedparser-{VERSION}-sdist"
    store = getattr(pytestconfig, "cache", None)
    cache = Path(store.mkdir(name)) if store is not None else tmp_path_factory.mktemp(name)
    root = cache / "extracted" / f"feedparser-{VERSION}" / "tests"
    if root.is_dir() and sum(1 for p in root.rglob("*") if p.is_file()) >= MIN_FILES:
        return root
    sdists = list(cache.glob(f"feedparser-{VERSION}.tar.gz"))
    if not sdists:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"feedparser=={VERSION}",
                "-d",
                str(cache),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"pip download failed:\n{proc.stdout}\n{proc.stderr}"
        sdists = list(cache.glob(f"feedparser-{VERSION}.tar.gz"))
    assert sdists, f"pip saved no feedparser-{VERSION}.tar.gz in the cache"
    with tarfile.open(sdists[0]) as archive:
        members = [m for m in archive.getmembers() if "/tests/" in m.name]
        archive.extractall(cache / "extracted", members=members, filter="data")
    return root


def test_every_corpus_file_is_parsed_or_refused(corpus: Path, tmp_path: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert len(files) >= MIN_FILES
    parsed = refused = 0
    escaped: list[str] = []
    with Store.open(tmp_path / "corpus.db") as store:
        for path in files:
            where = str(path.relative_to(corpus))
            try:
                feed = parse_bytes(path.read_bytes(), where)
            except InputError as exc:
                assert str(exc).startswith(where + ": ") and "\n" not in str(exc)
                refused += 1
                continue
            except Exception as exc:  # noqa: BLE001 - collecting every escape, not just the first
                escaped.append(f"{where}: {type(exc).__name__}: {exc}")
                continue
            assert_clean_feed(feed)
            result = store.import_feed(where, feed)
            assert_clean_stored(
                store.source(result.source_id), list(store.entries(result.source_id))
            )
            parsed += 1
    assert escaped == []
    assert parsed + refused == len(files)
    # The corpus is feeds: nearly all of it must be read, not refused.
    assert parsed > 0.95 * len(files), (parsed, refused)
