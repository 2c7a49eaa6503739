"""The filter language of the entry list, and the words of a search: parsing only, no SQL.

    tag:verify -tag:disputed starred unread since:2024-11-01 harbour "sea wall"

Words are combined with AND. `tag:NAME` / `-tag:NAME` want / exclude a tag (quote a name with
spaces: `tag:"follow up"`); `starred`, `pinned`, `annotated`, `unread`, `read`, `edited` and
`orphaned` are flags, each negated by a leading `-`; `since:DATE` keeps entries published (or,
without a time, first seen) on or after DATE (`YYYY-MM-DD`, or an ISO time, UTC unless it says
otherwise). Everything else is a free word, searched in headlines, bodies and notes; `-word`
excludes entries containing it, `"two words"` is a phrase, `word*` a prefix. A quoted keyword
(`"starred"`) is a plain word. Nothing the user types is ever passed on as search syntax:
storage quotes each word itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from liveread.kernel.errors import InputError
from liveread.kernel.tags import normalise_tag

FLAGS: tuple[str, ...] = ("starred", "pinned", "annotated", "unread", "edited", "orphaned")
"""The flag words of the filter language (plus `read`, which means `-unread`)."""

_TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:(?P<key>[A-Za-z]+):)?
    (?P<value>"[^"]*(?:"|$) | [^\s"]+(?:"[^"]*(?:"|$))? | "?)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of a query as typed."""

    negated: bool
    """It had a leading `-`."""
    key: str | None
    """The lower-cased `key` of `key:value`, if any."""
    value: str
    """The value, quotes removed."""
    quoted: bool
    """The value was in double quotes (so never a keyword)."""


def tokenize(text: str) -> list[Token]:
    """Split a query into tokens; never raises (an unclosed quote runs to the end)."""
    tokens: list[Token] = []
    at = 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        match = _TOKEN.match(text, at)
        if match is None or match.end() == at:  # pragma: no cover - the pattern always advances
            at += 1
            continue
        at = match.end()
        raw = match.group("value")
        quoted = raw.startswith('"')
        # Quote characters are never part of a word (`word"rest"` is read as `wordrest`).
        value = raw.replace('"', "")
        tokens.append(
            Token(
                negated=match.group("neg") is not None,
                key=match.group("key").lower() if match.group("key") else None,
                value=value,
                quoted=quoted,
            )
        )
    return tokens


@dataclass(frozen=True, slots=True)
class Terms:
    """The words of a plain search: what must occur and what must not."""

    words: tuple[str, ...] = ()
    """Words or phrases that must all occur."""
    without: tuple[str, ...] = ()
    """Words or phrases (typed with a leading `-`) that must not occur."""


def search_terms(text: str) -> Terms:
    """The words and phrases of a plain search, in the order typed; no keywords here, so
    `starred` or `tag:x` are searched as text."""
    words: list[str] = []
    without: list[str] = []
    for token in tokenize(text):
        word = (f"{token.key}:{token.value}" if token.key else token.value).strip()
        if word:
            (without if token.negated else words).append(word)
    return Terms(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(without)))


@dataclass(frozen=True, slots=True)
class Filter:
    """A parsed filter: every condition must hold. The empty Filter keeps every entry."""

    tags: tuple[str, ...] = ()
    """Normalised tag names an entry must carry."""
    without_tags: tuple[str, ...] = ()
    """Normalised tag names an entry must not carry."""
    starred: bool | None = None
    """True: only starred; False: only unstarred; None: either."""
    pinned: bool | None = None
    """True: only key events (pinned); False: none of them; None: either."""
    annotated: bool | None = None
    """True: only entries with a tag, highlight, note, star or pin; False: only bare ones."""
    unread: bool | None = None
    """True: only unread; False: only read; None: either."""
    edited: bool | None = None
    """True: only entries the newsroom edited (with revisions); False: never edited."""
    orphaned: bool | None = None
    """True: only entries with an orphaned highlight; False: none with one."""
    since: datetime | None = None
    """Only entries published (or first seen, without a time) at or after this UTC time."""
    words: tuple[str, ...] = ()
    """Words or phrases that must occur in the headline, body or a note."""
    without_words: tuple[str, ...] = ()
    """Words or phrases that must not occur there."""
    text: str = field(default="", compare=False)
    """The query as the user typed it."""

    @property
    def empty(self) -> bool:
        """True when the filter keeps every entry."""
        return self == Filter()

    def __str__(self) -> str:
        """The filter in canonical form (what the app shows in the filter bar)."""
        parts: list[str] = [f"tag:{_quote(t)}" for t in self.tags]
        parts += [f"-tag:{_quote(t)}" for t in self.without_tags]
        for flag in FLAGS:
            value = getattr(self, flag)
            if value is not None:
                parts.append(flag if value else f"-{flag}")
        if self.since is not None:
            since = self.since.astimezone(UTC)
            parts.append(
                f"since:{since:%Y-%m-%d}"
                if (since.hour, since.minute, since.second) == (0, 0, 0)
                else f"since:{since:%Y-%m-%dT%H:%M:%SZ}"
            )
        parts += [_quote(w) for w in self.words]
        parts += [f"-{_quote(w)}" for w in self.without_words]
        return " ".join(parts)


def _quote(word: str) -> str:
    plain = word and not any(c.isspace() or c in ':"' for c in word)
    return word if plain and word.lower() not in (*FLAGS, "read") else f'"{word}"'


def _since(value: str, text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"filter {text!r}", f"since:{value} is not a date (use YYYY-MM-DD)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_filter(text: str) -> Filter:
    """Parse the filter language (see the module docstring).

    Raises InputError (naming the filter) for a `since:` that is not a date or a tag name
    that is empty; anything else is accepted, unknown `key:value` pairs as free words.
    """
    tags: list[str] = []
    without_tags: list[str] = []
    words: list[str] = []
    without_words: list[str] = []
    flags: dict[str, bool] = {}
    since: datetime | None = None
    for token in tokenize(text):
        if token.key == "tag":
            try:
                name = normalise_tag(token.value)
            except InputError:
                raise InputError(f"filter {text!r}", "tag: needs a tag name") from None
            (without_tags if token.negated else tags).append(name)
        elif token.key == "since" and not token.negated:
            since = _since(token.value, text)
        elif token.key is None and not token.quoted and token.value.lower() in (*FLAGS, "read"):
            flag = token.value.lower()
            if flag == "read":
                flags["unread"] = token.negated
            else:
                flags[flag] = not token.negated
        else:
            word = f"{token.key}:{token.value}" if token.key else token.value
            if word.strip():
                (without_words if token.negated else words).append(word.strip())
    return Filter(
        tags=tuple(dict.fromkeys(tags)),
        without_tags=tuple(dict.fromkeys(without_tags)),
        starred=flags.get("starred"),
        pinned=flags.get("pinned"),
        annotated=flags.get("annotated"),
        unread=flags.get("unread"),
        edited=flags.get("edited"),
        orphaned=flags.get("orphaned"),
        since=since,
        words=tuple(dict.fromkeys(words)),
        without_words=tuple(dict.fromkeys(without_words)),
        text=text,
    )
