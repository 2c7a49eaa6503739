"""`liveread entries --filter` with the terms for live work, and a typo refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.cli.main import main
from tests.conftest import SAMPLES


@pytest.fixture
def db(db_path: Path) -> Path:
    """A database with the harbour storm sample imported."""
    assert main(["import", str(SAMPLES / "harbour-storm.txt"), "--db", str(db_path)]) == 0
    return db_path


def _run(capsys: pytest.CaptureFixture[str], db: Path, query: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["entries", f"--filter={query}", "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("query", "offered"),
    [("stared", "'starred'"), ("tagg:verify", "'tag:'"), ("is:pined", "'pinned'")],
)
def test_a_typo_exits_2_with_one_line_naming_the_nearest_term(
    db: Path, capsys: pytest.CaptureFixture[str], query: str, offered: str
) -> None:
    code, out, err = _run(capsys, db, query)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"did you mean {offered}?" in err and query in err


def test_the_new_terms_filter_from_the_command_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, everything, _ = _run(capsys, db, "")
    assert code == 0 and everything.count("\n") > 3
    # The sample's posts are from the past: all of them are older than an hour ago.
    assert _run(capsys, db, "until:1h source:harbour") == (0, everything, "")
    assert _run(capsys, db, "since:1h") == (0, "", "")
    assert _run(capsys, db, "-source:harbour") == (0, "", "")
    code, quoted, _ = _run(capsys, db, '"stared"')
    assert code == 0 and quoted == ""  # quoted, a typo is a plain word: searched, not found
