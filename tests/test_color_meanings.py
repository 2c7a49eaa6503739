"""Colours with meanings: the config's `[colors]` table read and checked, a colour written
with its meaning, and a colour given by name or by meaning, with an error listing both."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.kernel.colors import color_label, color_meanings, resolve_color
from liveread.kernel.errors import InputError
from liveread.kernel.settings import load_settings

MEANINGS = (("blue", "context"), ("pink", "disputed"))


def test_the_colors_table_is_read_in_the_colours_order(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\nPink = " disputed "\nblue = "context"\n', encoding="utf-8")
    loaded = load_settings(config)
    assert loaded.problem is None
    assert loaded.settings.colors == MEANINGS


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"purple": "x"}, "[colors] 'purple' is not one of yellow, green, blue, pink, orange"),
        ({"pink": 3}, '[colors] pink must be a meaning such as "disputed"'),
        ({"pink": "  "}, '[colors] pink must be a meaning such as "disputed"'),
        ({"pink": "blue"}, "[colors] pink: 'blue' is another colour's name"),
        ({"pink": "Disputed", "blue": "disputed"}, "[colors] two colours mean 'disputed'"),
        ({"pink": "x" * 41}, "[colors] pink: a meaning is printable and at most 40 characters"),
        ({"pink": "a\x1b[2Jb"}, "[colors] pink: a meaning is printable and at most 40 characters"),
    ],
)
def test_a_bad_colors_table_is_one_line_naming_what_is_wrong(
    table: dict[str, object], problem: str
) -> None:
    with pytest.raises((TypeError, ValueError)) as raised:
        color_meanings(table)
    assert str(raised.value) == problem


def test_a_bad_colors_table_in_the_config_means_defaults_and_a_message(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[colors]\npurple = "x"\n', encoding="utf-8")
    loaded = load_settings(config)
    assert loaded.settings.colors == ()
    assert loaded.problem is not None and "[colors] 'purple'" in loaded.problem


def test_a_colour_is_written_with_its_meaning() -> None:
    assert color_label("pink", MEANINGS) == "pink (disputed)"
    assert color_label("yellow", MEANINGS) == "yellow"


@pytest.mark.parametrize(
    ("given", "color"),
    [
        ("pink", "pink"),
        ("Disputed", "pink"),
        (" context ", "blue"),
        ("GREEN", "green"),
        (None, "yellow"),
        ("", "yellow"),
    ],
)
def test_a_colour_is_given_by_name_or_by_meaning(given: str | None, color: str) -> None:
    assert resolve_color(given, MEANINGS) == color


def test_an_unknown_colour_lists_every_colour_and_every_meaning() -> None:
    with pytest.raises(InputError) as raised:
        resolve_color("purple", MEANINGS)
    assert str(raised.value) == (
        "colour 'purple': is not one of yellow, green, blue, pink, orange;"
        " or a meaning: context (blue), disputed (pink)"
    )
    with pytest.raises(InputError) as raised:
        resolve_color("purple", ())
    assert str(raised.value) == "colour 'purple': is not one of yellow, green, blue, pink, orange"
