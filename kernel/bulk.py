"""Bulk actions planned before anything is written: given the marked entries as they are and
one action (tag, untag, star, pin, mark read), which rows change.

`plan_bulk` is pure: storage reads the entries' current state inside its write transaction,
asks for the plan, applies it and records it as one undo step. An entry the action would not
change (tagging an entry that has the tag, starring a starred one) is left out of the plan, so
the confirmation counts only the entries that changed and undo restores only those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Flag = Literal["starred", "pinned", "read"]
"""An entry's yes/no columns a bulk action can set."""


@dataclass(frozen=True, slots=True)
class EntryState:
    """What a bulk action looks at of one entry."""

    entry_id: int
    """The entry."""
    starred: bool
    """Whether it is starred."""
    pinned: bool
    """Whether it is a key event."""
    read: bool
    """Whether it has been read."""
    tags: frozenset[str]
    """Its normalised tag names."""

    def flag(self, name: Flag) -> bool:
        """The value of one of its flags."""
        return {"starred": self.starred, "pinned": self.pinned, "read": self.read}[name]


@dataclass(frozen=True, slots=True)
class SetFlag:
    """Star, pin or mark read (`value` True), or the reverse."""

    flag: Flag
    """Which flag."""
    value: bool
    """What it becomes."""


@dataclass(frozen=True, slots=True)
class EditTags:
    """Add some tags and remove others, as a tag prompt asks."""

    add: tuple[str, ...] = ()
    """Normalised names to add."""
    remove: tuple[str, ...] = ()
    """Normalised names to remove."""


BulkAction = SetFlag | EditTags
"""What the user asked to do to every marked entry."""


@dataclass(frozen=True, slots=True)
class FlagPlan:
    """One entry's flag to change."""

    entry_id: int
    """The entry."""
    flag: Flag
    """Which flag."""
    value: bool
    """Its new value (the old one is the opposite)."""


@dataclass(frozen=True, slots=True)
class TagPlan:
    """Tags to add to or remove from one entry."""

    entry_id: int
    """The entry."""
    names: tuple[str, ...]
    """The names that change (the entry lacks them when adding, has them when removing)."""
    added: bool
    """True to add them, False to remove them."""


@dataclass(frozen=True, slots=True)
class BulkPlan:
    """Every row change one bulk action makes, in the order to make them."""

    action: BulkAction
    """What was asked."""
    flags: tuple[FlagPlan, ...] = ()
    """Flag changes (a SetFlag action)."""
    removals: tuple[TagPlan, ...] = ()
    """Tag removals (an EditTags action), made before the additions."""
    additions: tuple[TagPlan, ...] = ()
    """Tag additions (an EditTags action)."""

    @property
    def entry_ids(self) -> tuple[int, ...]:
        """Every entry that changes, each once, in the order first planned."""
        ids = [p.entry_id for p in self.flags]
        ids += [p.entry_id for p in (*self.removals, *self.additions)]
        return tuple(dict.fromkeys(ids))

    def __bool__(self) -> bool:
        return bool(self.flags or self.removals or self.additions)


def toggled(flag: Flag, states: Iterable[EntryState]) -> SetFlag:
    """The action a toggle key means for several entries: set the flag on all of them when
    any lacks it, else clear it on all (as one entry's key would do to each in turn)."""
    return SetFlag(flag, not all(state.flag(flag) for state in states))


def plan_bulk(states: Sequence[EntryState], action: BulkAction) -> BulkPlan:
    """Which rows `action` changes among `states` (each entry once, in the order given)."""
    if isinstance(action, SetFlag):
        flags = tuple(
            FlagPlan(s.entry_id, action.flag, action.value)
            for s in states
            if s.flag(action.flag) != action.value
        )
        return BulkPlan(action, flags=flags)
    removals: list[TagPlan] = []
    additions: list[TagPlan] = []
    for state in states:
        gone = tuple(name for name in dict.fromkeys(action.remove) if name in state.tags)
        left = state.tags.difference(gone)
        new = tuple(name for name in dict.fromkeys(action.add) if name not in left)
        if gone:
            removals.append(TagPlan(state.entry_id, gone, False))
        if new:
            additions.append(TagPlan(state.entry_id, new, True))
    return BulkPlan(action, removals=tuple(removals), additions=tuple(additions))
