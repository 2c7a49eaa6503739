"""Keymap tables in the config file: binding ids contain dots, quoted or not."""

from __future__ import annotations

from pathlib import Path

from liveread.kernel.settings import load_settings


def test_dotted_ids_with_and_without_quotes(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[keymap]\n"entries.next" = "j,ctrl+n"\nentries.previous = "k"\npanes.sources = "ctrl+b"\n',
        encoding="utf-8",
    )
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings.keymap == {
        "entries.next": "j,ctrl+n",
        "entries.previous": "k",
        "panes.sources": "ctrl+b",
    }


def test_a_key_that_is_not_a_string_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[keymap]\nentries.next = 3\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.problem is not None and "[keymap]" in loaded.problem
    assert loaded.settings.keymap == {}
