"""Fixtures shared by the test suite: real database files on disk, the bundled samples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from liveread.storage import Store

# Property tests count examples, they never time them: hypothesis's deadline per example and
# its too-slow health check are rates, which a loaded machine breaks without a bug.
settings.register_profile(
    "liveread", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("liveread")

SAMPLES = Path(__file__).resolve().parent.parent / "sample_feeds"
"""The bundled sample live blogs (also shipped in the wheel)."""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path in a fresh temporary directory."""
    return tmp_path / "liveread.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An open Store on a real file, closed after the test."""
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the user's real database and config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LIVEREAD_DB", str(home / "default.db"))
    monkeypatch.setenv("LIVEREAD_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
