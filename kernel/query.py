"""The filter language of the entry list, and the words of a search: parsing only, no SQL.

    tag:verify -tag:disputed starred unread since:2h source:harbour author:okafor has:link

Words are combined with AND. `tag:NAME` / `-tag:NAME` want / exclude a tag (quote a name with
spaces: `tag:"follow up"`); `starred`, `pinned`, `annotated`, `unread`, `read`, `edited`,
`changed-since-read` (edited after the user last read or annotated it) and `orphaned` are
flags, each negated by a leading `-` and also written `is:FLAG`; `has:link` keeps entries with
a link in their body. `since:WHEN` keeps entries at or after WHEN and `until:WHEN` those before
it, WHEN being a date (`YYYY-MM-DD`, or an ISO time, UTC unless it says otherwise), `today`,
`yesterday` (from midnight in the clock's zone), or an age: a number and `m`, `h`, `d` or `w`
(`since:2h`, `since:1w`). An entry with no time of its own counts at
its place on the page (storage decides how). `source:NAME` keeps entries of the blogs whose
title or location holds NAME and `author:NAME` those whose author holds it (several of one
kind: any of them; `-` excludes). `category:NAME` keeps entries the feed itself filed under
NAME (its RSS/Atom categories, JSON Feed tags; kept apart from the user's tags). Everything
else is a free word, searched in headlines, bodies and notes; `-word` excludes entries
containing it, `"two words"` is a phrase, `word*` a prefix. A quoted keyword (`"starred"`)
is a plain word.

A mistake is an error, never a silent word search: an unknown `key:` (`tagg:x`), an unknown
`is:`/`has:` value, or a bare word a letter or two away from a flag (`stared`), each named
with the nearest known term. Nothing the user types is ever passed on as search syntax:
storage quotes each word itself. Relative dates are resolved against `now` given to
`parse_filter` (the injectable clock), so the same text is the same Filter at the same now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

from liveread.kernel.errors import InputError
from liveread.kernel.tags import normalise_tag
from liveread.kernel.text import clean_line

FLAGS: tuple[str, ...] = (
    "starred", "pinned", "annotated", "unread", "edited", "orphaned", "changed-since-read",
)  # fmt: skip
"""The flag words of the filter language (plus `read`, which means `-unread`)."""


def _field(flag: str) -> str:
    """The `Filter` field a flag word sets (`changed-since-read` is `changed_since_read`)."""
    return flag.replace("-", "_")

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


KEYS: tuple[str, ...] = ("tag", "since", "until", "source", "author", "category", "is", "has")
"""The `key:` words of the filter language."""

HAS: tuple[str, ...] = ("link",)
"""The values of `has:` (`has:links` is read as `has:link`)."""

UNITS: dict[str, timedelta] = {
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
}
"""The units of a relative date (`since:90m`, `since:2h`, `since:3d`, `since:1w`)."""

MAX_AGE = timedelta(days=36600)
"""The longest age a relative date may say (a century): more overflows a datetime."""

TYPO_SCORE = 90.0
"""How alike (rapidfuzz ratio, 0-100) a bare word must be to a flag to be taken for a typo of
it: `stared` (92) and `pined` (91) are; `ready` (89 to `read`) and `started` (86) stay words."""


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
    changed_since_read: bool | None = None
    """True: only entries the newsroom edited after the user last read or annotated them;
    False: none of those (an entry never read has not changed since)."""
    links: bool | None = None
    """True: only entries with a link in their body (`has:link`); False: none; None: either."""
    since: datetime | None = None
    """Only entries at or after this UTC time (an untimed one by its place on the page)."""
    until: datetime | None = None
    """Only entries before this UTC time (an untimed one by its place on the page)."""
    since_word: str | None = None
    """`since:` as typed when it was relative (`2h`, `today`), for the canonical form."""
    until_word: str | None = None
    """`until:` as typed when it was relative, for the canonical form."""
    sources: tuple[str, ...] = ()
    """Names of blogs (held in a title or location); an entry's blog must match one of them."""
    without_sources: tuple[str, ...] = ()
    """Names of blogs whose entries are left out."""
    authors: tuple[str, ...] = ()
    """Names an entry's author must hold one of."""
    categories: tuple[str, ...] = ()
    """The feed's own categories (RSS/Atom categories, JSON Feed tags) an entry must carry,
    matched whole, in any case; apart from the user's tags."""
    without_categories: tuple[str, ...] = ()
    """Feed categories an entry must not carry."""
    without_authors: tuple[str, ...] = ()
    """Names an entry's author must hold none of."""
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
            value = getattr(self, _field(flag))
            if value is not None:
                parts.append(flag if value else f"-{flag}")
        if self.links is not None:
            parts.append("has:link" if self.links else "-has:link")
        for key, moment, word in (
            ("since", self.since, self.since_word),
            ("until", self.until, self.until_word),
        ):
            if word is not None:
                parts.append(f"{key}:{word}")
            elif moment is not None:
                parts.append(f"{key}:{_moment(moment)}")
        parts += [f"source:{_quote(s)}" for s in self.sources]
        parts += [f"-source:{_quote(s)}" for s in self.without_sources]
        parts += [f"author:{_quote(a)}" for a in self.authors]
        parts += [f"-author:{_quote(a)}" for a in self.without_authors]
        parts += [f"category:{_quote(c)}" for c in self.categories]
        parts += [f"-category:{_quote(c)}" for c in self.without_categories]
        parts += [_quote(w) for w in self.words]
        parts += [f"-{_quote(w)}" for w in self.without_words]
        return " ".join(parts)


def _moment(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return f"{moment:%Y-%m-%d}"
    return f"{moment:%Y-%m-%dT%H:%M:%SZ}"


def _quote(word: str) -> str:
    """`word` as the filter language reads it back as the same word: quoted unless plain
    (no space, quote or colon, no leading `-`, neither a flag nor taken for a typo of one)."""
    plain = (
        word
        and not word.startswith("-")
        and not any(c.isspace() or c in ':"' for c in word)
        and word.lower() not in (*FLAGS, "read")
        and nearest(word, (*FLAGS, "read"), TYPO_SCORE) is None
    )
    return word if plain else f'"{word}"'


def _problem(text: str, problem: str) -> InputError:
    return InputError(f"filter {clean_line(text)!r}", problem)


def nearest(word: str, known: tuple[str, ...], floor: float = 0.0) -> str | None:
    """The known term most like `word` (rapidfuzz ratio), if it scores at least `floor`."""
    # Loaded on first use: it costs every app start ~25 ms otherwise.
    from rapidfuzz import fuzz, process

    best = process.extractOne(word.lower(), known, scorer=fuzz.ratio)
    return best[0] if best is not None and best[1] >= floor else None


OFFER_SCORE = 60.0
"""How alike a mistyped key or value must be to a known one for it to be offered."""


def _offer(word: str, known: tuple[str, ...], suffix: str = "") -> str:
    near = nearest(word, known, OFFER_SCORE)
    return f"; did you mean '{near}{suffix}'?" if near is not None else ""


def _when(key: str, value: str, text: str, now: datetime) -> tuple[datetime, str | None]:
    """A `since:`/`until:` value as a UTC time, with the word to show again if relative."""
    word = value.strip().lower()
    if word in ("today", "yesterday"):
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if word == "yesterday":
            # A calendar day back, so a change of summer time keeps it at midnight.
            day = (midnight - timedelta(hours=12)).date()
            midnight = midnight.replace(year=day.year, month=day.month, day=day.day)
        return midnight.astimezone(UTC), word
    count, unit = word[:-1], word[-1:]
    if count.isascii() and count.isdigit() and unit in UNITS:
        age = int(count) * UNITS[unit]
        if age > MAX_AGE:
            raise _problem(text, f"{key}:{value} is further back than a century")
        return (now - age).astimezone(UTC), f"{int(count)}{unit}"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _problem(
            text,
            f"{key}:{clean_line(value)} is not a date"
            " (use YYYY-MM-DD, today, yesterday, or an age such as 2h, 3d, 1w)",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC), None


def _local_now() -> datetime:
    zone: tzinfo | None = datetime.now().astimezone().tzinfo
    return datetime.now(zone)


def parse_filter(text: str, *, now: datetime | None = None) -> Filter:
    """Parse the filter language (see the module docstring).

    `now` (an aware time; default the machine's clock in its local zone) is what relative
    dates count from, and its zone is where `today` starts. Raises InputError, naming the
    filter and the term, for anything that cannot mean what it looks like: a date that is
    not one, an empty tag or name, an unknown `key:`, `is:` or `has:` value, or a bare word
    that is a typo of a flag; the nearest known term is offered.
    """
    clock = now if now is not None and now.tzinfo is not None else _local_now()
    lists: dict[str, list[str]] = {
        name: []
        for name in (
            "tags",
            "without_tags",
            "sources",
            "without_sources",
            "authors",
            "without_authors",
            "categories",
            "without_categories",
            "words",
            "without_words",
        )
    }
    flags: dict[str, bool] = {}
    moments: dict[str, tuple[datetime, str | None]] = {}
    for token in tokenize(text):
        key, value, negated = token.key, token.value, token.negated
        if key is None:
            flag = value.lower()
            if not token.quoted and flag in (*FLAGS, "read"):
                _set_flag(flags, flag, negated)
                continue
            word = value.strip()
            if not token.quoted and word:
                near = nearest(flag, (*FLAGS, "read"), TYPO_SCORE)
                if near is not None:
                    raise _problem(
                        text,
                        f"{clean_line(word)!r} is not a filter term; did you mean {near!r}?"
                        f' (to search for the word, quote it: "{clean_line(word)}")',
                    )
            if word:
                lists["without_words" if negated else "words"].append(word)
        elif key == "tag":
            try:
                name = normalise_tag(value)
            except InputError:
                raise _problem(text, "tag: needs a tag name") from None
            lists["without_tags" if negated else "tags"].append(name)
        elif key in ("since", "until"):
            if negated:
                other = "until" if key == "since" else "since"
                raise _problem(text, f"-{key}: means nothing; use {other}:")
            moments[key] = _when(key, value, text, clock)
        elif key in ("source", "author", "category"):
            name = clean_line(value)
            if not name:
                raise _problem(text, f"{key}: needs a name")
            plural = "categories" if key == "category" else key + "s"
            lists[("without_" if negated else "") + plural].append(name)
        elif key == "is":
            flag = value.strip().lower()
            if flag not in (*FLAGS, "read"):
                raise _problem(
                    text,
                    f"is:{clean_line(value)} is not a flag{_offer(flag, (*FLAGS, 'read'))}"
                    f" (flags: {', '.join((*FLAGS, 'read'))})",
                )
            _set_flag(flags, flag, negated)
        elif key == "has":
            what = value.strip().lower()
            if what not in (*HAS, "links"):
                raise _problem(
                    text, f"has:{clean_line(value)} is not known{_offer(what, HAS)} (has:link)"
                )
            flags["links"] = not negated
        else:
            raise _problem(
                text,
                f"{key}: is not a filter term{_offer(key, KEYS, ':')}"
                f" (terms: {', '.join(k + ':' for k in KEYS)};"
                f' to search for the text, quote it: "{clean_line(key)}:{clean_line(value)}")',
            )
    since, since_word = moments.get("since", (None, None))
    until, until_word = moments.get("until", (None, None))
    unique = {name: tuple(dict.fromkeys(values)) for name, values in lists.items()}
    return Filter(
        tags=unique["tags"],
        without_tags=unique["without_tags"],
        starred=flags.get("starred"),
        pinned=flags.get("pinned"),
        annotated=flags.get("annotated"),
        unread=flags.get("unread"),
        edited=flags.get("edited"),
        orphaned=flags.get("orphaned"),
        changed_since_read=flags.get("changed_since_read"),
        links=flags.get("links"),
        since=since,
        until=until,
        since_word=since_word,
        until_word=until_word,
        sources=unique["sources"],
        without_sources=unique["without_sources"],
        authors=unique["authors"],
        without_authors=unique["without_authors"],
        categories=unique["categories"],
        without_categories=unique["without_categories"],
        words=unique["words"],
        without_words=unique["without_words"],
        text=text,
    )


def _set_flag(flags: dict[str, bool], flag: str, negated: bool) -> None:
    if flag == "read":
        flags["unread"] = negated
    else:
        flags[_field(flag)] = not negated
