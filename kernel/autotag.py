"""Auto-tag rules (elfeed's taggers): read from the config's `[[autotag]]` tables, checked,
and applied to entries as a pure plan.

A rule names one tag and what an entry must match: any of its `words` (case-insensitive,
whole words) or its `regex` (a regular expression over the headline and body TEXT, never
HTML), in the `field` it names (`headline`, `body` or `any`), optionally narrowed to one
blog (`blog`: a part of its name or title, any case) and one author (`author`, likewise). A
rule with neither words nor a regex tags every entry of its blog or author.

Python's `re` has no timeout, so evaluation is bounded by what it is fed and by what a rule
may be: at most MAX_RULES rules, a regex of at most MAX_REGEX_CHARS characters, at most
MAX_TEXT_CHARS characters of each field. Keep rules simple (no nested repeats such as
`(a+)+`).

`plan_autotags` decides which (entry, tag) pairs to add: never a tag the entry has, never
one the user removed after a rule had added it (storage remembers those).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from liveread.kernel.errors import InputError
from liveread.kernel.tags import normalise_tag

MAX_RULES = 50
"""Most `[[autotag]]` rules a config may hold."""

MAX_REGEX_CHARS = 200
"""The longest `regex` a rule may have."""

MAX_WORDS = 100
"""Most `words` one rule may list."""

MAX_WORD_CHARS = 100
"""The longest word (or phrase) in `words`."""

MAX_TEXT_CHARS = 20_000
"""How much of a headline or body a rule reads (the rest is not searched)."""

Field = Literal["headline", "body", "any"]
"""Where a rule looks."""

_FIELDS: tuple[Field, ...] = ("headline", "body", "any")
_KEYS = frozenset({"tag", "words", "regex", "blog", "author", "field"})


@dataclass(frozen=True, slots=True)
class AutotagRule:
    """One `[[autotag]]` table, checked."""

    number: int
    """Its place in the config file, from 1 (for messages)."""
    tag: str
    """The normalised tag it adds."""
    pattern: re.Pattern[str] | None
    """What the text must match (from `words` or `regex`); None: every entry of the blog
    or author."""
    field: Field = "any"
    """Where the pattern looks."""
    blog: str | None = None
    """A part of the blog's name or title, case-folded; None: any blog."""
    author: str | None = None
    """A part of the author's name, case-folded; None: any author."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry an import added or changed, as the rules read it."""

    entry_id: int
    """The entry."""
    headline: str
    """Its headline ("" when it has none)."""
    body: str
    """Its body text."""
    author: str
    """Its author ("" when none is known)."""
    blog: str
    """Its blog's name and title, as one string to search."""
    tags: frozenset[str] = frozenset()
    """The tags it has now."""
    removed: frozenset[str] = frozenset()
    """Tags the user removed from it after a rule had added them."""


@dataclass(frozen=True, slots=True)
class AutoTag:
    """One tag a rule adds to one entry."""

    entry_id: int
    """The entry."""
    tag: str
    """The normalised tag."""


def _bad(number: int, what: str) -> ValueError:
    return ValueError(f"[[autotag]] rule {number}: {what}")


def _text(table: Mapping[str, object], key: str, number: int, limit: int) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(number, f"'{key}' must be a non-empty string")
    if len(value) > limit:
        raise _bad(number, f"'{key}' is longer than {limit:,} characters")
    return value


def _words_pattern(words: object, number: int) -> re.Pattern[str]:
    if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
        raise _bad(number, "'words' must be a list of words such as [\"drone\", \"UAV\"]")
    if len(words) > MAX_WORDS:
        raise _bad(number, f"'words' lists more than {MAX_WORDS} words")
    cleaned = [w.strip() for w in words]
    if any(not w or len(w) > MAX_WORD_CHARS for w in cleaned):
        raise _bad(number, f"each word must be 1 to {MAX_WORD_CHARS} characters")
    # Whole words: no letter or digit right before or after (so "drone" is not "drones").
    alternatives = "|".join(re.escape(w) for w in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def parse_rule(table: object, number: int) -> AutotagRule:
    """One `[[autotag]]` table as a rule; ValueError naming the rule and what is wrong."""
    if not isinstance(table, dict):
        raise _bad(number, "must be a table (write it as [[autotag]])")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _bad(number, f"has no setting {unknown[0]!r} (tag, words, regex, blog, author,"
                   " field)")
    raw_tag = _text(table, "tag", number, MAX_WORD_CHARS)
    if raw_tag is None:
        raise _bad(number, "needs a 'tag'")
    try:
        tag = normalise_tag(raw_tag)
    except InputError:
        raise _bad(number, "'tag' is empty once spaces and invisible characters go") from None
    if "words" in table and "regex" in table:
        raise _bad(number, "give 'words' or 'regex', not both")
    pattern: re.Pattern[str] | None = None
    if "words" in table:
        pattern = _words_pattern(table["words"], number)
    regex = _text(table, "regex", number, MAX_REGEX_CHARS)
    if regex is not None:
        try:
            pattern = re.compile(regex)
        except re.error as exc:
            raise _bad(number, f"'regex' does not compile ({exc})") from None
    field = table.get("field", "any")
    if field not in _FIELDS:
        raise _bad(number, "'field' must be \"headline\", \"body\" or \"any\"")
    blog = _text(table, "blog", number, MAX_WORD_CHARS)
    author = _text(table, "author", number, MAX_WORD_CHARS)
    if pattern is None and blog is None and author is None:
        raise _bad(number, "needs 'words', 'regex', 'blog' or 'author' to match")
    return AutotagRule(
        number=number,
        tag=tag,
        pattern=pattern,
        field=field,
        blog=blog.strip().casefold() if blog else None,
        author=author.strip().casefold() if author else None,
    )


def parse_rules(tables: object) -> tuple[AutotagRule, ...]:
    """The config's `[[autotag]]` array as rules; ValueError naming the first bad one."""
    if not isinstance(tables, list):
        raise TypeError("autotag must be written as [[autotag]] tables")
    if len(tables) > MAX_RULES:
        raise ValueError(f"[[autotag]] has more than {MAX_RULES} rules")
    return tuple(parse_rule(table, number) for number, table in enumerate(tables, 1))


def matches(rule: AutotagRule, entry: Candidate) -> bool:
    """Whether `entry` matches `rule` (each field read up to MAX_TEXT_CHARS)."""
    if rule.blog is not None and rule.blog not in entry.blog.casefold():
        return False
    if rule.author is not None and rule.author not in entry.author.casefold():
        return False
    if rule.pattern is None:
        return True
    texts = {
        "headline": (entry.headline,),
        "body": (entry.body,),
        "any": (entry.headline, entry.body),
    }[rule.field]
    return any(rule.pattern.search(text[:MAX_TEXT_CHARS]) for text in texts)


def plan_autotags(rules: Sequence[AutotagRule], entries: Iterable[Candidate]) -> list[AutoTag]:
    """The tags the rules add: each (entry, tag) once, never one the entry has or one the
    user removed from it after a rule had added it."""
    planned: list[AutoTag] = []
    for entry in entries:
        seen = set(entry.tags) | set(entry.removed)
        for rule in rules:
            if rule.tag not in seen and matches(rule, entry):
                planned.append(AutoTag(entry.entry_id, rule.tag))
                seen.add(rule.tag)
    return planned

