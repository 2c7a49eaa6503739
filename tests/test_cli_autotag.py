"""Auto-tag rules through the real installed binary: `import` says what the rules tagged,
`untag --rule` takes it back for good, a bad rule is one line naming the config file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

LIVEREAD = shutil.which("liveread", path=str(Path(sys.executable).parent)) or "liveread"

DUMP = """ date 2026-03-01 Frontline live: an invented blog for the tests
Drone strike on a fuel depot overnight
Officials said the depot burned for hours after the strike.
Air defence busy before dawn
Crews said they brought down six Shahed-136 craft.
Markets open calmly in the capital
Traders said the morning was quiet.
"""

RULES = """
[[autotag]]
tag = "drones"
words = ["drone", "UAV"]

[[autotag]]
tag = "shahed"
regex = "\\\\bShahed-\\\\d+\\\\b"
field = "body"
"""


def run(*args: str, db: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `liveread` with a private database and config file."""
    env = {**os.environ, "LIVEREAD_DB": str(db), "LIVEREAD_CONFIG": str(config)}
    return subprocess.run(
        [LIVEREAD, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def tags(db: Path) -> set[tuple[str, str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT e.headline, t.name, et.rule FROM entry_tags et"
            " JOIN tags t ON t.id = et.tag_id JOIN entries e ON e.id = et.entry_id"
        ).fetchall()
        return {(str(h), str(n), r) for h, n, r in rows}
    finally:
        conn.close()


def test_import_auto_tags_and_untag_rule_takes_it_back(tmp_path: Path) -> None:
    db, config, dump = tmp_path / "a.db", tmp_path / "config.toml", tmp_path / "front.txt"
    config.write_text(RULES, encoding="utf-8")
    dump.write_text(DUMP, encoding="utf-8")
    proc = run("import", str(dump), db=db, config=config)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{dump}: 3 new, 0 updated, 0 unchanged",
        f"{dump}: auto-tagged 2 entries (rule: drones ×1, shahed ×1)",
    ]
    assert tags(db) == {
        ("Drone strike on a fuel depot overnight", "drones", "drones"),
        ("Air defence busy before dawn", "shahed", "shahed"),
    }
    again = run("import", str(dump), db=db, config=config)
    assert again.stdout.splitlines() == [f"{dump}: 0 new, 0 updated, 3 unchanged"]

    untag = run("untag", "--rule", "Drones", db=db, config=config)
    assert untag.returncode == 0, untag.stderr
    assert untag.stdout.strip() == "untagged 1 entry 'drones' (added by rules)"
    assert {n for _, n, _ in tags(db)} == {"shahed"}
    # The post is edited, still says "drone": the rule does not put the tag back.
    dump.write_text(DUMP.replace("burned for hours", "burned until noon"), encoding="utf-8")
    edited = run("import", str(dump), db=db, config=config)
    assert edited.stdout.splitlines() == [f"{dump}: 0 new, 1 updated, 2 unchanged"]
    assert {n for _, n, _ in tags(db)} == {"shahed"}


def test_untag_rule_takes_no_entry(tmp_path: Path) -> None:
    db, config = tmp_path / "a.db", tmp_path / "config.toml"
    proc = run("untag", "1", "--rule", "drones", db=db, config=config)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith("untag --rule: takes a tag name only, no ENTRY or TAG")
    assert run("untag", "1", db=db, config=config).returncode == 2


def test_a_bad_rule_is_one_line_and_imports_without_rules(tmp_path: Path) -> None:
    db, config, dump = tmp_path / "a.db", tmp_path / "config.toml", tmp_path / "front.txt"
    config.write_text(RULES + '\n[[autotag]]\ntag = "x"\nregex = "(open"\n', encoding="utf-8")
    dump.write_text(DUMP, encoding="utf-8")
    proc = run("import", str(dump), db=db, config=config)
    assert proc.returncode == 0
    (line,) = proc.stderr.splitlines()
    assert str(config) in line and "[[autotag]] rule 3: 'regex' does not compile" in line
    assert proc.stdout.splitlines() == [f"{dump}: 3 new, 0 updated, 0 unchanged"]
    assert tags(db) == set()
