"""`[[autotag]]` rules in the config file: read and checked; each bad rule is one line naming
the file, the rule's number and what is wrong (and the defaults are used)."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveread.kernel.autotag import MAX_REGEX_CHARS, MAX_RULES
from liveread.kernel.settings import Settings, load_settings


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_are_read_in_order(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        '[[autotag]]\ntag = "Drones"\nwords = ["drone", "UAV"]\n\n'
        '[[autotag]]\ntag = "shahed"\nregex = "\\\\bShahed-\\\\d+\\\\b"\nfield = "body"\n'
        'blog = "Ukraine war live"\nauthor = "Jane Doe"\n',
    )
    loaded = load_settings(path)
    assert loaded.problem is None
    first, second = loaded.settings.autotag
    assert (first.number, first.tag, first.field, first.blog) == (1, "drones", "any", None)
    assert first.pattern is not None and first.pattern.search("a uav overhead")
    assert (second.tag, second.field, second.blog, second.author) == (
        "shahed",
        "body",
        "ukraine war live",
        "jane doe",
    )
    assert second.pattern is not None and second.pattern.pattern == r"\bShahed-\d+\b"


BAD = {
    "no tag": ('[[autotag]]\nwords = ["drone"]\n', "rule 1: needs a 'tag'"),
    "empty tag": ('[[autotag]]\ntag = "\\u200b"\nwords = ["x"]\n', "rule 1: 'tag' is empty"),
    "nothing to match": ('[[autotag]]\ntag = "x"\n', "rule 1: needs 'words', 'regex'"),
    "both": (
        '[[autotag]]\ntag = "x"\nwords = ["a"]\nregex = "a"\n',
        "rule 1: give 'words' or 'regex', not both",
    ),
    "regex compile": (
        '[[autotag]]\ntag = "ok"\nwords = ["a"]\n[[autotag]]\ntag = "x"\nregex = "(unclosed"\n',
        "rule 2: 'regex' does not compile",
    ),
    "regex too long": (
        f'[[autotag]]\ntag = "x"\nregex = "{"a" * (MAX_REGEX_CHARS + 1)}"\n',
        f"rule 1: 'regex' is longer than {MAX_REGEX_CHARS} characters",
    ),
    "words not a list": ('[[autotag]]\ntag = "x"\nwords = "drone"\n', "rule 1: 'words' must"),
    "empty word": ('[[autotag]]\ntag = "x"\nwords = ["  "]\n', "rule 1: each word must"),
    "bad field": (
        '[[autotag]]\ntag = "x"\nwords = ["a"]\nfield = "title"\n',
        "rule 1: 'field' must be",
    ),
    "unknown key": ('[[autotag]]\ntag = "x"\nword = ["a"]\n', "rule 1: has no setting 'word'"),
    "not a table array": ('autotag = "drones"\n', "autotag must be written as [[autotag]]"),
    "too many": (
        "".join(f'[[autotag]]\ntag = "t{i}"\nwords = ["w"]\n' for i in range(MAX_RULES + 1)),
        f"[[autotag]] has more than {MAX_RULES} rules",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_rule_is_one_line_naming_the_file_and_the_rule(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = _config(tmp_path, text)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert loaded.problem.startswith(f"{path}: ")
    assert expected in loaded.problem, loaded.problem
    assert "\n" not in loaded.problem
