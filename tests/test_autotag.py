"""Auto-tag rules applied on import, on a real database file: what each import adds or
changes is tagged in the import's own transaction, a tag the user removed stays removed, a
re-import adds nothing, undo and `untag_rule` take the rules' tags back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from liveread.kernel.autotag import Candidate, parse_rules, plan_autotags
from liveread.kernel.model import Format, ParsedEntry, ParsedFeed
from liveread.kernel.settings import Settings
from liveread.services import undoing
from liveread.services.autotagging import autotag_summary, use_rules
from liveread.storage import Store

LOCATION = "/blogs/frontline.txt"

RULES = parse_rules(
    [
        {"tag": "Drones", "words": ["drone", "UAV"]},
        {"tag": "shahed", "regex": r"\bShahed-\d+\b", "field": "body"},
        {"tag": "harbour", "blog": "harbour"},
    ]
)


def _feed(*entries: tuple[str, str, str], title: str = "Frontline live") -> ParsedFeed:
    return ParsedFeed(
        format=Format.TEXT,
        title=title,
        entries=tuple(
            ParsedEntry(key=key, headline=headline, body=body) for key, headline, body in entries
        ),
    )


FIRST = (
    ("a", "Drone strike on depot", "Officials said the depot burned for hours."),
    ("b", "Air defence busy overnight", "Crews downed six Shahed-136 craft before dawn."),
    ("c", "Drones in the headline only?", "No: the plural alone, drones, does not count."),
    ("d", "Quiet morning in the capital", "Markets opened as usual."),
)


def _rule_tags(path: Path) -> set[tuple[str, str, str | None]]:
    """(key, tag, rule) of every tag, through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT e.key, t.name, et.rule FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
            " JOIN entries e ON e.id = et.entry_id"
        ).fetchall()
        return {(str(k), str(n), r) for k, n, r in rows}
    finally:
        conn.close()


@pytest.fixture
def armed(store: Store) -> Store:
    """The store with the three rules in force."""
    return use_rules(store, Settings(autotag=RULES))


def test_new_entries_are_tagged_by_the_rules_in_the_import(armed: Store, db_path: Path) -> None:
    result = armed.import_feed(LOCATION, _feed(*FIRST))
    assert _rule_tags(db_path) == {
        ("a", "drones", "drones"),
        ("b", "shahed", "shahed"),
    }
    assert result.autotagged_entries == 2
    assert autotag_summary([result]) == "auto-tagged 2 entries (rule: drones ×1, shahed ×1)"


def test_words_are_whole_and_any_case() -> None:
    (rule,) = parse_rules([{"tag": "d", "words": ["UAV", "drone"]}])
    seen = [
        Candidate(1, "uav seen", "", "", ""),
        Candidate(2, "", "Drone.", "", ""),
        Candidate(3, "drones", "UAVs", "", ""),
        Candidate(4, "", "a UAV-like shape", "", ""),
    ]
    assert [t.entry_id for t in plan_autotags([rule], seen)] == [1, 2, 4]


def test_a_reimport_adds_nothing(armed: Store, db_path: Path) -> None:
    armed.import_feed(LOCATION, _feed(*FIRST))
    before = _rule_tags(db_path)
    again = armed.import_feed(LOCATION, _feed(*FIRST))
    assert again.autotagged == () and autotag_summary([again]) is None
    assert _rule_tags(db_path) == before


def test_a_changed_entry_is_tagged_when_its_new_text_matches(armed: Store, db_path: Path) -> None:
    armed.import_feed(LOCATION, _feed(*FIRST))
    edited = (*FIRST[:3], ("d", "Quiet morning in the capital", "A UAV was heard at noon."))
    result = armed.import_feed(LOCATION, _feed(*edited))
    assert result.updated == 1
    assert ("d", "drones", "drones") in _rule_tags(db_path)
    assert result.autotagged == (("drones", 1),)


def test_a_manual_removal_is_remembered(armed: Store, db_path: Path) -> None:
    source = armed.import_feed(LOCATION, _feed(*FIRST)).source_id
    entry_a = next(e for e in armed.entries(source) if e.title.startswith("Drone strike"))
    assert armed.remove_tags(entry_a.id, ["drones"]) == ("drones",)
    # The entry is edited (so the next import looks at it again), and still says "drone".
    edited = (("a", "Drone strike on depot", "The depot burned for hours, officials said."),)
    result = armed.import_feed(LOCATION, _feed(*edited, *FIRST[1:]))
    assert result.updated == 1
    assert ("a", "drones", "drones") not in _rule_tags(db_path)
    assert {k for k, n, _ in _rule_tags(db_path) if n == "drones"} == set()


def test_a_users_own_tag_is_not_marked_as_a_rules(armed: Store, db_path: Path) -> None:
    source = armed.import_feed(LOCATION, _feed(*FIRST)).source_id
    entry_d = next(e for e in armed.entries(source) if e.title.startswith("Quiet"))
    armed.add_tags(entry_d.id, ["drones"])
    assert ("d", "drones", None) in _rule_tags(db_path)
    assert armed.rule_tags(entry_d.id) == ()
    entry_a = next(e for e in armed.entries(source) if e.title.startswith("Drone strike"))
    assert armed.rule_tags(entry_a.id) == ("drones",)


def test_blog_narrowing_and_one_undo_for_the_import(armed: Store, db_path: Path) -> None:
    harbour = _feed(("h1", "Tide", "High water at six."), ("h2", "Wind", "Gusts."),
                    title="Harbour storm live")
    result = armed.import_feed("/blogs/harbour.txt", harbour)
    assert {(k, n) for k, n, _ in _rule_tags(db_path)} == {("h1", "harbour"), ("h2", "harbour")}
    assert result.autotagged == (("harbour", 2),)
    assert undoing.undo(armed) == "untagged 2 entries 'harbour'"
    assert _rule_tags(db_path) == set()
    # An undone rule tag counts as removed by the user: an edit of the post does not bring
    # it back.
    edited = _feed(("h1", "Tide", "High water at seven."), ("h2", "Wind", "Gusts."),
                   title="Harbour storm live")
    assert armed.import_feed("/blogs/harbour.txt", edited).updated == 1
    assert _rule_tags(db_path) == set()


def test_untag_rule_takes_back_only_what_rules_added(armed: Store, db_path: Path) -> None:
    source = armed.import_feed(LOCATION, _feed(*FIRST)).source_id
    entry_d = next(e for e in armed.entries(source) if e.title.startswith("Quiet"))
    armed.add_tags(entry_d.id, ["drones"])
    assert armed.untag_rule("Drones") == 1
    assert {(k, n) for k, n, _ in _rule_tags(db_path)} == {("b", "shahed"), ("d", "drones")}
    assert undoing.undo(armed) == "tagged 'drones'"
    assert ("a", "drones", "drones") in _rule_tags(db_path)


def test_no_rules_no_tags(store: Store, db_path: Path) -> None:
    result = store.import_feed(LOCATION, _feed(*FIRST))
    assert result.autotagged == () and _rule_tags(db_path) == set()
