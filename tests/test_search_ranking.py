"""Search ranks the newest RANK_CAP matches by bm25's term-frequency weighing (a headline hit
counts double; `storage.ranking`): which rows come back when more entries match than the
cap, and in which order."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import liveread.storage.search
from liveread.storage import Store
from liveread.storage.ranking import fold, needles
from tests.feedmaker import entry, feed
from tests.test_cli_import import LIVEREAD


def _blogs(store: Store, *texts: tuple[str, str]) -> list[int]:
    """One blog per (headline, body), imported in this order (so the last is the newest
    match); the entries' ids."""
    ids = []
    for i, (headline, body) in enumerate(texts):
        result = store.import_feed(f"/blogs/{i}.txt", feed(entry(f"k{i}", body, headline)))
        ids.append(next(store.entries(result.source_id)).id)
    return ids


def test_only_the_newest_matches_are_ranked_when_more_match_than_the_cap(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(liveread.storage.search, "RANK_CAP", 3)
    ids = _blogs(
        store,
        ("Ferry ferry ferry", "The ferry, the ferry and the ferry."),  # the best, but oldest
        ("Quay", "A ferry at the quay."),
        ("Quay", "Wind at the quay; the ferry waits."),
        ("Ferry delayed", "The ferry is late."),  # newest three from here
        ("Harbour", "Gulls over the harbour, a ferry beyond."),
        ("Ferry ferry", "Two ferries, one ferry."),
    )
    found = [e.id for e in store.search("ferry")]
    # The three most recently added matches only, the best of them first.
    assert found == [ids[5], ids[3], ids[4]]
    assert [e.id for e in store.search("ferry", limit=1)] == [ids[5]]
    # A word the old entry alone holds still finds it: the cap counts matches, not entries.
    assert [e.id for e in store.search("ferry and")] == [ids[0]]


def test_the_order_follows_how_often_and_where_the_words_are(store: Store) -> None:
    ids = _blogs(
        store,
        ("Quay", "The ferry left."),
        ("Ferry", "The quay left."),  # the same length, the word in the headline: double
        ("Quay", "Ferry ferry left."),  # twice in the body
        ("Quay", "The ferry left from the quay by the old harbour wall, late, in the rain."),
    )
    assert [e.id for e in store.search("ferry")] == [ids[1], ids[2], ids[0], ids[3]]
    # Every word's hits add up (each word alike): the headline's quay and two ferries.
    assert [e.id for e in store.search("ferry quay")][0] == ids[2]


def test_a_match_in_a_note_only_is_found_and_ranked_as_one_headline_hit(store: Store) -> None:
    ids = _blogs(store, ("Gale", "Wind all night."), ("Quay", "A ferry at the quay."))
    store.add_note(ids[0], "Ask which ferry this was")
    assert [e.id for e in store.search("ferry")] == [ids[0], ids[1]]


def test_a_prefix_search_lists_in_page_order_and_diacritics_fold(store: Store) -> None:
    ids = _blogs(store, ("Café", "Ferrymen at the café."), ("Cafe", "Ferry."))
    assert [e.id for e in store.search("ferr*")] == sorted(ids, key=lambda i: i)
    assert {e.id for e in store.search("cafe")} == set(ids)
    assert fold("Café ÉTÉ, “Quay”") == "cafe ete quay"
    assert needles(["Café", '"the quay"', "ferr*", "…", "cafe"]) == ["cafe", "the quay", "ferr"]


def test_the_cap_is_said_in_the_readme_and_the_search_help() -> None:
    cap = f"newest {liveread.storage.search.RANK_CAP:,}"
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"among the {cap} matches" in readme
    shown = subprocess.run(
        [LIVEREAD, "search", "--help"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert f"among the {cap}" in " ".join(shown.split())
