"""The notebook: every highlight and note of every live blog as one list, and its filter.

An item is one highlight or one entry note, with what the list shows of it (quote, colour,
note, the entry's tags, its blog, its time). The filter is a line of words, some of them
terms: `color:pink`, `tag:verify`, `blog:quay`, `status:changed`; the other words must all
appear in the quote, the note, the headline or the blog's name. Parsing and filtering are pure
functions, so the screen filters in memory on every key and the benchmark times the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from liveread.kernel.colors import HIGHLIGHT_COLORS
from liveread.kernel.errors import InputError
from liveread.kernel.tags import normalise_tag
from liveread.kernel.text import clean_line


class ItemStatus(StrEnum):
    """Where a notebook item stands against its entry's current text."""

    ANCHORED = "anchored"
    """On its words, unchanged since it was made (every note is anchored)."""
    CHANGED = "changed"
    """Still found, but an edit changed its words since it was made."""
    ORPHANED = "orphaned"
    """An edit removed its words; kept with its quote."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NotebookItem:
    """One highlight or one entry note, as the notebook lists it."""

    kind: str
    """`highlight` or `note`."""
    id: int
    """The highlight's or the note's database id."""
    entry_id: int
    """The entry it is on (where `enter` goes)."""
    source_id: int
    """The entry's live blog."""
    blog: str
    """The live blog's name, as the sources pane shows it."""
    headline: str
    """The entry's headline (or its first words when it has none)."""
    quote: str
    """The highlighted words; empty for a note."""
    color: str | None
    """The highlight's colour name; None for a note."""
    note: str
    """The highlight's note or the note's text; empty when there is none."""
    tags: tuple[str, ...]
    """The entry's tags."""
    status: ItemStatus
    """Anchored, changed or orphaned."""
    created_at: datetime | None
    """When it was made (the list is newest first)."""
    original: str | None = None
    """For a changed highlight: the words as first highlighted."""
    highlight_tags: tuple[str, ...] = ()
    """The highlight's own tags (a note has none)."""
    all_tags: frozenset[str] = field(default=frozenset(), init=False, compare=False, repr=False)
    """The entry's and the highlight's tags together: what `tag:` matches (made once here)."""
    words: str = field(default="", init=False, compare=False, repr=False)
    """Everything the filter's plain words search, folded to lower case (made once here, so
    filtering on every key folds nothing)."""

    def __post_init__(self) -> None:
        words = "\n".join((self.quote, self.note, self.headline, self.blog)).casefold()
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "all_tags", frozenset(self.tags) | frozenset(self.highlight_tags))


@dataclass(frozen=True, slots=True)
class NotebookFilter:
    """What a notebook filter line asks for; every part must hold (empty parts hold always)."""

    colors: frozenset[str] = frozenset()
    """Colour names; an item must have one of them (a note has none)."""
    tags: frozenset[str] = frozenset()
    """Tag names; the item's entry or the highlight itself must carry every one."""
    blogs: tuple[str, ...] = ()
    """Parts of blog names, folded; the item's blog must contain every one."""
    statuses: frozenset[ItemStatus] = frozenset()
    """Statuses; the item must be in one of them."""
    words: tuple[str, ...] = ()
    """Folded words, each to be found in the item's quote, note, headline or blog."""

    @property
    def empty(self) -> bool:
        """True when the filter keeps every item."""
        return not (self.colors or self.tags or self.blogs or self.statuses or self.words)


_TERMS = ("color", "colour", "tag", "blog", "status")
"""The `name:` terms a filter line may use (`colour` is `color`)."""


def parse_notebook_filter(line: str, meanings: tuple[tuple[str, str], ...] = ()) -> NotebookFilter:
    """Read a filter line (`color:pink tag:verify status:changed ferry`); `color:` takes a
    colour or the one-word meaning the config gives it (`color:disputed`).

    Raises InputError naming the term and what it may be, for an unknown colour or status.
    """
    colors: set[str] = set()
    tags: set[str] = set()
    blogs: list[str] = []
    statuses: set[ItemStatus] = set()
    words: list[str] = []
    for word in clean_line(line).split():
        name, sep, value = word.partition(":")
        name = name.casefold()
        if not sep or name not in _TERMS:
            words.append(word.casefold())
            continue
        if not value:  # a term still being typed (`color:`) asks for nothing yet
            continue
        value = value.casefold()
        if name in ("color", "colour"):
            by_meaning = {m.casefold(): c for c, m in meanings}
            if value not in HIGHLIGHT_COLORS and value not in by_meaning:
                named = "".join(f", {m}" for _, m in meanings)
                raise InputError(
                    f"notebook filter {word!r}",
                    f"colour is one of {', '.join(HIGHLIGHT_COLORS)}{named}",
                )
            colors.add(by_meaning.get(value, value))
        elif name == "tag":
            tags.add(normalise_tag(value))
        elif name == "blog":
            blogs.append(value)
        else:
            try:
                statuses.add(ItemStatus(value))
            except ValueError:
                choices = ", ".join(s.value for s in ItemStatus)
                raise InputError(
                    f"notebook filter {word!r}", f"status is one of {choices}"
                ) from None
    return NotebookFilter(
        frozenset(colors), frozenset(tags), tuple(blogs), frozenset(statuses), tuple(words)
    )


def keeps(wanted: NotebookFilter, found: NotebookItem) -> bool:
    """Whether `found` passes `wanted`."""
    if wanted.colors and found.color not in wanted.colors:
        return False
    if wanted.statuses and found.status not in wanted.statuses:
        return False
    if wanted.tags and not wanted.tags.issubset(found.all_tags):
        return False
    if wanted.blogs:
        blog = found.blog.casefold()
        if not all(part in blog for part in wanted.blogs):
            return False
    return all(word in found.words for word in wanted.words)


def filter_items(items: Sequence[NotebookItem], wanted: NotebookFilter) -> list[NotebookItem]:
    """The items `wanted` keeps, in their order."""
    if wanted.empty:
        return list(items)
    return [found for found in items if keeps(wanted, found)]


def newest_first(items: Iterable[NotebookItem]) -> list[NotebookItem]:
    """Items by when they were made, newest first (undated last; ties in the same
    second: notes before highlights, the later id first)."""
    items = list(items)
    dated = sorted(
        (i for i in items if i.created_at is not None),
        key=lambda i: (i.created_at, i.kind, i.id),
        reverse=True,
    )
    return dated + sorted((i for i in items if i.created_at is None), key=lambda i: -i.id)
