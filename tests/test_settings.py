"""The config file: missing means defaults; broken means defaults plus one line naming it."""

from __future__ import annotations

from pathlib import Path

from liveread.kernel.settings import DEFAULT_QUICK_TAGS, Settings, load_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "nope.toml")
    assert loaded.settings == Settings() and loaded.problem is None


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        'theme = "nord"\npoll_seconds = 30\nquick_tags = ["a", "b"]\n'
        '[keymap]\nnext_entry = "j,ctrl+n"\n',
        encoding="utf-8",
    )
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings.theme == "nord"
    assert loaded.settings.poll_seconds == 30
    assert loaded.settings.quick_tags == ("a", "b")
    assert loaded.settings.keymap == {"next_entry": "j,ctrl+n"}


def test_broken_toml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('theme = "nord"\npoll_seconds = = 3\n', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert str(path) in loaded.problem and "line 2" in loaded.problem
    assert "\n" not in loaded.problem


def test_wrong_types_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("poll_seconds = 1\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.problem is not None and "poll_seconds" in loaded.problem
    assert loaded.settings.quick_tags == DEFAULT_QUICK_TAGS


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b'theme = "\xff"\n')
    assert "not UTF-8" in (load_settings(path).problem or "")
