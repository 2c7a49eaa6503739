"""`plan_merge` with plain lists: what an import would write, decided without a database."""

from __future__ import annotations

import pytest

from liveread.kernel.model import Link, ParsedEntry
from liveread.kernel.text import fingerprint
from liveread.storage import merge_plan
from liveread.storage.matching import joined_tail, similarity
from liveread.storage.merge_plan import (
    WINDOW,
    Insert,
    Known,
    MergePlan,
    Place,
    Relink,
    Revise,
    entry_hash,
    needs_text,
    plan_merge,
)


def post(headline: str | None, body: str, key: str | None = None, **extra: object) -> ParsedEntry:
    """A parsed post keyed the way a source with no ids keys it (unless `key` is given)."""
    if key is None:
        key = (
            "h:" + fingerprint(headline) if headline else "p:" + fingerprint(body.split("\n\n")[0])
        )
    return ParsedEntry(key=key, headline=headline, body=body, **extra)  # type: ignore[arg-type]


def stored(entries: list[ParsedEntry], *, text: bool = True, first_id: int = 1) -> list[Known]:
    """Known entries for posts imported once, in this page order."""
    return [
        Known(
            id=first_id + i,
            key=e.key,
            position=i,
            present=True,
            content_hash=entry_hash(e),
            links=e.links,
            headline=e.headline if text else None,
            body=e.body if text else None,
        )
        for i, e in enumerate(entries)
    ]


A = post("Ferry sailings cancelled until Friday", "The operator has stopped every crossing.")
B = post("Schools closed on Wednesday", "All 23 state schools will stay shut tomorrow.")
C = post("Power restored to 2,000 homes", "Engineers reconnected the Hollin district.")
D = post("Rail line reopens after landslip", "Trains run again between the two towns.")
E = post("Mayor visits the shelters", "The mayor spent the morning at the sports hall.")
NEW = post("Bag wall finished ahead of high tide", "Crews finished the temporary wall at dusk.")


def test_a_first_import_inserts_every_post_in_page_order() -> None:
    plan = plan_merge([], [A, B, C])
    assert plan == MergePlan(
        inserts=(
            Insert(A, 0, entry_hash(A)),
            Insert(B, 1, entry_hash(B)),
            Insert(C, 2, entry_hash(C)),
        )
    )


def test_the_same_copy_again_writes_nothing() -> None:
    plan = plan_merge(stored([A, B, C]), [A, B, C])
    assert plan == MergePlan(unchanged=3)
    assert not plan.changed


def test_a_repeated_key_keeps_the_topmost_post() -> None:
    twin = post(A.headline, "A later copy of the same headline.", key=A.key)
    plan = plan_merge([], [A, twin, B])
    assert [i.entry for i in plan.inserts] == [A, B]


def test_an_edited_body_is_a_revision_in_place() -> None:
    edited = post(B.headline, "All 23 state schools and two colleges will stay shut tomorrow.")
    assert edited.key == B.key
    plan = plan_merge(stored([A, B, C]), [A, edited, C])
    assert plan.revisions == (Revise(2, edited, 1, entry_hash(edited)),)
    assert (plan.inserts, plan.places, plan.unchanged, plan.gone) == ((), (), 2, 0)


def test_a_reworded_headline_is_a_revision_of_the_old_entry() -> None:
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned.")
    new = post("Kremlin denies any future talks", "A spokesman said no meeting was planned.")
    assert old.key != new.key
    plan = plan_merge(stored([A, old, C]), [A, new, C])
    assert plan.revisions == (Revise(2, new, 1, entry_hash(new)),)
    assert plan.rekeyed == ((2, new.key),)
    assert (plan.inserts, plan.gone, plan.unchanged) == ((), 0, 2)


def test_a_reworded_headline_with_an_edited_body_is_still_the_same_post() -> None:
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned.")
    new = post(
        "Kremlin denies any future talks",
        "A spokesman said no meeting was planned for this week.",
    )
    plan = plan_merge(stored([A, old, C]), [A, new, C])
    assert [r.entry_id for r in plan.revisions] == [2]


def test_a_reworded_first_paragraph_of_a_post_with_no_headline() -> None:
    old = post(None, "Police have closed the causeway.\n\nAbout 2,700 people live there.")
    new = post(None, "Police closed the causeway at 13:20.\n\nAbout 2,700 people live there.")
    assert old.key != new.key
    plan = plan_merge(stored([A, old, C]), [A, new, C])
    assert [(r.entry_id, r.entry) for r in plan.revisions] == [(2, new)]
    assert plan.inserts == ()


def test_a_truly_new_post_in_the_place_of_a_removed_one_is_new() -> None:
    plan = plan_merge(stored([A, B, C]), [A, NEW, C])
    assert [i.entry for i in plan.inserts] == [NEW]
    assert plan.revisions == ()
    assert plan.gone == 1
    # The removed entry keeps its place, just above the entry that was below it.
    assert set(plan.places) == {Place(2, 2, False), Place(3, 3, True)}


def test_a_post_with_its_own_id_is_never_matched_by_its_text() -> None:
    old = post("Kremlin denies future talks", "No meeting planned.", key="post-1")
    new = post("Kremlin denies any future talks", "No meeting planned.", key="post-2")
    plan = plan_merge(stored([A, old, C]), [A, new, C])
    assert [i.entry for i in plan.inserts] == [new]
    assert plan.revisions == () and plan.gone == 1


def test_text_is_compared_only_within_the_same_gap() -> None:
    # The reworded post now sits below C: not the place it had, so it is a new post and
    # the old one (above the lowest post still shown) is gone.
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned.")
    new = post("Kremlin denies any future talks", "A spokesman said no meeting was planned.")
    plan = plan_merge(stored([old, A, C]), [A, C, new])
    assert [i.entry for i in plan.inserts] == [new]
    assert plan.gone == 1


def test_posts_that_scrolled_off_the_page_are_older_not_gone() -> None:
    plan = plan_merge(stored([A, B, C, D, E]), [NEW, A, B, C])
    assert (plan.gone, plan.older, plan.unchanged) == (0, 2, 3)
    assert plan.inserts == (Insert(NEW, 0, entry_hash(NEW)),)
    # Everything moves down by one; the scrolled-off entries stay below, still present.
    assert plan.places == (
        Place(1, 1, True),
        Place(2, 2, True),
        Place(3, 3, True),
        Place(4, 4, True),
        Place(5, 5, True),
    )


def test_a_post_removed_from_inside_the_span_is_gone() -> None:
    plan = plan_merge(stored([A, B, C, D]), [A, C, D])
    assert (plan.gone, plan.older, plan.unchanged) == (1, 0, 3)
    assert plan.places == (Place(2, 1, False),)  # it keeps its place; nothing moves


def test_a_post_missing_above_the_newest_one_shown_is_gone() -> None:
    plan = plan_merge(stored([A, B, C]), [B, C])
    assert (plan.gone, plan.older) == (1, 0)
    assert plan.places == (Place(1, 0, False),)


def test_an_entry_already_gone_is_not_written_again() -> None:
    known = stored([A, B, C])
    known[1] = Known(2, B.key, 1, False, entry_hash(B))
    plan = plan_merge(known, [A, C])
    assert (plan.gone, plan.places, plan.changed) == (1, (), False)


def test_a_page_sharing_no_post_with_the_stored_ones_leaves_them_older() -> None:
    plan = plan_merge(stored([A, B]), [NEW])
    assert (plan.gone, plan.older) == (0, 2)
    assert plan.places == (Place(1, 1, True), Place(2, 2, True))


def test_paragraphs_that_joined_the_post_above_are_split_back_off() -> None:
    standfirst = "Follow the latest as the storm batters the coast"
    summary = post(standfirst, "Here is a summary of where things stand.\n\nPower is back.")
    newer = post(
        "Prime minister to visit on Wednesday",
        "Her office confirmed the visit.\n\n" + summary.body,
    )
    plan = plan_merge(stored([summary, A]), [newer, A])
    kept = ParsedEntry(newer.key, newer.headline, "Her office confirmed the visit.")
    assert plan.inserts == (Insert(kept, 0, entry_hash(kept)),)
    assert plan.revisions == ()
    assert (plan.unchanged, plan.gone) == (2, 0)
    assert plan.places == (Place(1, 1, True), Place(2, 2, True))
    # The next copy, the same again: the stored post above keeps its own paragraph only.
    after = [Known(3, kept.key, 0, True, entry_hash(kept))]
    after += [
        Known(k.id, k.key, k.position + 1, True, k.content_hash, (), k.headline, k.body)
        for k in stored([summary, A])
    ]
    assert plan_merge(after, [newer, A]) == MergePlan(unchanged=3)


def test_split_off_paragraphs_that_were_edited_are_a_revision_keeping_the_headline() -> None:
    summary = post("Follow the latest", "Here is a summary.\n\nPower is back in 2,000 homes.")
    newer = post(
        "Prime minister to visit",
        "Her office said so.\n\nHere is a summary.\n\nPower is back in 2,100 homes.",
    )
    plan = plan_merge(stored([summary, A]), [newer, A])
    (revise,) = plan.revisions
    assert revise.entry_id == 1 and revise.text_only
    assert revise.entry.headline == "Follow the latest"
    assert revise.entry.body == "Here is a summary.\n\nPower is back in 2,100 homes."
    assert [i.entry.body for i in plan.inserts] == ["Her office said so."]


def test_unchanged_text_with_other_links_is_relinked() -> None:
    linked = post(A.headline, A.body, links=(Link("the operator", "https://example.org/f"),))
    plan = plan_merge(stored([A, B]), [linked, B])
    assert plan.relinks == (Relink(1, linked.links),)
    assert plan.revisions == () and plan.unchanged == 2


def test_a_reordered_page_does_not_confuse_the_gaps() -> None:
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned.")
    new = post("Kremlin denies any future talks", "A spokesman said no meeting was planned.")
    plan = plan_merge(stored([A, B, old, C, D]), [D, new, B, A, C])
    assert len(plan.inserts) + len(plan.revisions) == 1
    assert plan.unchanged == 4


def test_only_unnamed_fingerprint_keys_need_their_text() -> None:
    own = post("Own id", "x.", key="post-9")
    assert needs_text([A.key, B.key, own.key], [A]) == {B.key}


def test_text_matching_has_floors() -> None:
    assert similarity(
        post("Kremlin denies any future talks", "A spokesman said no meeting was planned."),
        "Kremlin denies future talks",
        "A spokesman said no meeting was planned.",
    )
    assert (
        similarity(
            post("Schools closed on Wednesday", "All 23 state schools will stay shut tomorrow."),
            "Power restored to 2,000 homes",
            "Engineers reconnected the Hollin district.",
        )
        is None
    )
    # A close headline is not enough when the words below it are another story's.
    assert (
        similarity(
            post("Storm update: the harbour", "The wall held through the night, crews said."),
            "Storm update: the harbours",
            "Schools in the district reopen on Monday after the holiday.",
        )
        is None
    )


def test_a_joined_tail_leaves_the_post_above_a_paragraph() -> None:
    assert joined_tail("Own.\n\nTheirs one.\n\nTheirs two.", "Theirs one.\n\nTheirs two.") == (
        "Theirs one.\n\nTheirs two."
    )
    assert joined_tail("Theirs one.\n\nTheirs two.", "Theirs one.\n\nTheirs two.") is None
    assert joined_tail("Own.\n\nSomething else.", "Theirs one.") is None


def test_a_reworded_post_below_many_new_ones_is_found_from_the_bottom_of_its_gap() -> None:
    old = post("Kremlin denies future talks", "A spokesman said no meeting was planned.")
    new = post("Kremlin denies any future talks", "A spokesman said no meeting was planned.")
    fresh = [post(f"New post {n}", f"Fresh words number {n} of many.") for n in range(60)]
    plan = plan_merge(stored([old, A]), [*fresh, new, A])
    assert [r.entry_id for r in plan.revisions] == [1]
    assert len(plan.inserts) == 60


def test_text_comparisons_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(entry: ParsedEntry, headline: str | None, body: str) -> float | None:
        calls.append(1)
        return None

    monkeypatch.setattr(merge_plan, "similarity", counting)
    old = [post(f"Old post {n}", f"Old words number {n}.") for n in range(3_000)]
    new = [post(f"Other post {n}", f"Other words number {n}.") for n in range(3_000)]
    plan = plan_merge(stored(old), new)
    assert len(plan.inserts) == 3_000 and plan.older == 3_000
    assert 0 < len(calls) <= merge_plan.MAX_COMPARISONS


def test_pairs_stay_within_the_window_from_either_end() -> None:
    pairs = set(merge_plan._pairs(100, 3))
    assert (0, 0) in pairs and (97, 0) in pairs and (99, 2) in pairs
    assert all(abs(i - j) <= WINDOW or abs((100 - i) - (3 - j)) <= WINDOW for i, j in pairs)
    assert len(pairs) == len(list(merge_plan._pairs(100, 3)))  # no pair twice


def test_an_old_key_event_still_shown_does_not_stretch_the_span() -> None:
    # The page keeps its pinned summary however old; the post above it scrolled off.
    summary = post("What we know so far", "Here is where things stand.", key_event=True)
    plan = plan_merge(stored([A, B, C, summary]), [NEW, A, B, summary])
    assert (plan.gone, plan.older) == (0, 1)
    assert Place(3, 3, True) in plan.places
