"""Several CSS selectors answered with one page-wide query: which nodes each one matches.

A lexbor query costs about as much as a walk of the whole tree, however simple the selector,
while adding alternatives to one selector list costs little. So a profile's field selectors
(time, title, byline, body, permalink, ...) are asked as one list, and each node it returns
is given back to the selectors it matches by a small test written here for the simple
selectors profiles use: type, `.class`, `#id`, `[attr]`, `[attr op value i]`, joined by
descendant or `>` combinators. The test answers yes, no or "not sure" (a value that matches
only when case is ignored, as in a quirks-mode page; an element with an upper-case name; a
long walk up); lexbor itself (`is_match`) settles a "not sure". A selector outside that
subset (pseudo-classes, `+`, `~`) gets its own query, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_ANCESTOR_STEPS = 256
"""Ancestors the test visits for one node before it leaves the answer to lexbor."""

_TOKEN = re.compile(
    r"""
      \s*(?P<comb>[>+~,])\s*
    | (?P<ws>\s+)
    | (?P<tag>\*|[A-Za-z][A-Za-z0-9-]*)
    | \.(?P<cls>-?[A-Za-z_][A-Za-z0-9_-]*)
    | \#(?P<id>-?[A-Za-z_][A-Za-z0-9_-]*)
    | \[\s*(?P<name>[A-Za-z_][A-Za-z0-9_-]*)\s*
        (?:(?P<op>[~^$*|]?=)\s*
           (?:'(?P<sq>[^'\\]*)'|"(?P<dq>[^"\\]*)"|(?P<bare>-?[A-Za-z_][A-Za-z0-9_-]*))
           \s*(?P<flag>[iIsS](?![A-Za-z0-9_-]))?\s*)?\]
    """,
    re.VERBOSE,
)
_ASCII_SPACE = re.compile(r"[ \t\n\f\r]+")


@dataclass(frozen=True, slots=True)
class _Attr:
    """One `[name op value flag]` test."""

    name: str
    """The attribute's name, lower-cased."""
    op: str | None
    """`=`, `~=`, `^=`, `$=`, `*=`, `|=`, or None for a bare `[name]`."""
    value: str
    """The value compared with."""
    flag: str
    """`i` (ignore case), `s` (keep case) or empty (the document language decides)."""


@dataclass(frozen=True, slots=True)
class _Compound:
    """The tests one element must pass: its tag, classes, ids and attributes."""

    tag: str | None
    """The type selector, lower-cased; None for any element."""
    classes: tuple[str, ...]
    """Each `.class`."""
    ids: tuple[str, ...]
    """Each `#id`."""
    attrs: tuple[_Attr, ...]
    """Each `[attribute]` test."""


@dataclass(frozen=True, slots=True)
class _Complex:
    """Compounds from left to right, and the combinator (` ` or `>`) before each but the
    first."""

    compounds: tuple[_Compound, ...]
    """The compounds, the subject last."""
    combinators: tuple[str, ...]
    """`combinators[k]` joins `compounds[k]` and `compounds[k + 1]`."""


def compile_selector(text: str) -> tuple[_Complex, ...] | None:
    """The alternatives of a selector list, or None when it is outside the simple subset."""
    alternatives: list[_Complex] = []
    compounds: list[_Compound] = []
    combinators: list[str] = []
    tag: str | None = None
    classes: list[str] = []
    ids: list[str] = []
    attrs: list[_Attr] = []
    started = False  # the current compound has a part
    pending: str | None = None  # a combinator waiting for its right-hand compound
    text = text.strip()
    pos = 0
    while pos <= len(text):
        match = _TOKEN.match(text, pos) if pos < len(text) else None
        symbol = None
        if match is None:
            if pos < len(text):
                return None
            symbol = "end"
        elif match.group("comb") is not None or match.group("ws") is not None:
            symbol = match.group("comb") or " "
        if symbol is not None:
            if symbol in ("+", "~") or not started:
                return None
            compounds.append(_Compound(tag, tuple(classes), tuple(ids), tuple(attrs)))
            tag, started = None, False
            classes, ids, attrs = [], [], []
            if symbol in (",", "end"):
                alternatives.append(_Complex(tuple(compounds), tuple(combinators)))
                compounds, combinators = [], []
                if symbol == "end":
                    return tuple(alternatives)
            else:
                pending = symbol
            pos = match.end() if match is not None else pos
            continue
        assert match is not None
        pos = match.end()
        if pending is not None:
            combinators.append(pending)
            pending = None
        if match.group("tag") is not None:
            if started:
                return None  # a type selector comes first in its compound
            value = match.group("tag")
            tag = None if value == "*" else value.lower()
        elif match.group("cls") is not None:
            classes.append(match.group("cls"))
        elif match.group("id") is not None:
            ids.append(match.group("id"))
        else:
            quoted = match.group("sq") if match.group("sq") is not None else match.group("dq")
            value = quoted if quoted is not None else match.group("bare") or ""
            flag = (match.group("flag") or "").lower()
            attrs.append(_Attr(match.group("name").lower(), match.group("op"), value, flag))
        started = True
    return None


def _tokens(value: str) -> list[str]:
    """A class attribute's names, split on ASCII white space only (as CSS does)."""
    if value.isascii() and value.isprintable():
        return value.split()  # only the space can separate: str.split is the same
    return [x for x in _ASCII_SPACE.split(value) if x]


def _compare(op: str, wanted: str, value: str) -> bool:
    if op == "=":
        return value == wanted
    if op == "~=":
        return bool(wanted) and not _ASCII_SPACE.search(wanted) and wanted in _tokens(value)
    if op == "|=":
        return value == wanted or value.startswith(wanted + "-")
    if not wanted:
        return False  # an empty prefix, suffix or part matches nothing
    if op == "^=":
        return value.startswith(wanted)
    if op == "$=":
        return value.endswith(wanted)
    return wanted in value  # *=


def _names(value: str | None, wanted: tuple[str, ...], split: bool) -> bool | None:
    """Do the class (or id) names in `value` include every one `wanted`? None: only when
    case is ignored."""
    if value is None:
        return False
    have = _tokens(value) if split else [value]
    answer: bool | None = True
    for name in wanted:
        if name in have:
            continue
        if name.lower() in value.lower() and name.lower() in (x.lower() for x in have):
            answer = None  # a quirks-mode page ignores case: let lexbor say
        else:
            return False
    return answer


def _attr(attrs: dict[str, str | None], test: _Attr) -> bool | None:
    if test.name not in attrs:
        # An SVG or MathML element keeps the case of its attributes' names: lexbor's rules.
        return None if any(name != name.lower() for name in attrs) else False
    if test.op is None:
        return True
    value = attrs.get(test.name)
    if not isinstance(value, str):
        return None  # a bare attribute compared with a value: let lexbor say
    if test.flag == "i":
        if not (value.isascii() and test.value.isascii()):
            return None
        return _compare(test.op, test.value.lower(), value.lower())
    exact = _compare(test.op, test.value, value)
    if test.flag == "s" or exact == _compare(test.op, test.value.lower(), value.lower()):
        return exact
    return None  # some attributes' values ignore case in HTML: let lexbor say


def _compound(tag: str | None, attrs: dict[str, str | None], compound: _Compound) -> bool | None:
    """Does an element (its tag and attributes) pass `compound`'s tests?"""
    if tag is None or tag[:1] == "-":
        return False
    if compound.tag is not None and tag != compound.tag:
        return None if tag.lower() == compound.tag else False
    if tag != tag.lower():
        return None  # an SVG or MathML name: its case rules are lexbor's
    answer: bool | None = True
    if compound.classes:
        found = _names(attrs.get("class"), compound.classes, True)
        if found is False:
            return False
        answer = answer and found
    if compound.ids:
        found = _names(attrs.get("id"), compound.ids, False)
        if found is False:
            return False
        answer = answer and found
    for test in compound.attrs:
        found = _attr(attrs, test)
        if found is False:
            return False
        answer = answer and found
    return answer


def _above(node: LexborNode, selector: _Complex, k: int, budget: list[int]) -> bool | None:
    """Does `node` (an ancestor of the subject) match compounds `0..k` of `selector`?"""
    here = _compound(node.tag, node.attributes, selector.compounds[k])
    if here is False or k == 0:
        return here
    return _joined(node, selector, k, here is None, budget)


def _joined(
    node: LexborNode, selector: _Complex, k: int, unsure: bool, budget: list[int]
) -> bool | None:
    """Given that `node` matches compound `k`, do its ancestors match compounds `0..k-1`?"""
    if selector.combinators[k - 1] == ">":
        parent = node.parent
        if parent is None:
            return False
        above = _above(parent, selector, k - 1, budget)
        return False if above is False else None if unsure or above is None else True
    answer: bool | None = False
    current = node.parent
    while current is not None:
        budget[0] -= 1
        if budget[0] < 0:
            return None  # a long way up: lexbor answers faster than this walk
        above = _above(current, selector, k - 1, budget)
        if above is True:
            return None if unsure else True
        if above is None:
            answer = None
        current = current.parent
    return answer


def matches(
    node: LexborNode,
    selector: tuple[_Complex, ...],
    tag: str | None = None,
    attrs: dict[str, str | None] | None = None,
) -> bool | None:
    """Does `node` match one of the alternatives? None when only lexbor can say. (`tag` and
    `attrs`: the node's, when the caller has them.)"""
    if attrs is None:
        tag, attrs = node.tag, node.attributes
    answer: bool | None = False
    budget = [MAX_ANCESTOR_STEPS]
    for alternative in selector:
        k = len(alternative.compounds) - 1
        found = _compound(tag, attrs, alternative.compounds[k])
        if found is not False and k > 0:
            found = _joined(node, alternative, k, found is None, budget)
        if found is True:
            return True
        if found is None:
            answer = None
    return answer


def _key(compound: _Compound) -> str:
    """A feature every element passing `compound` has (lower-cased): a class, an id, an
    attribute's name or the tag; `*` when it tests nothing."""
    if compound.classes:
        return "." + compound.classes[0].lower()
    if compound.ids:
        return "#" + compound.ids[0].lower()
    if compound.attrs:
        return "[" + compound.attrs[0].name
    return compound.tag or "*"


def _candidates(
    index: dict[str, list[tuple[int, _Complex]]], tag: str, attrs: dict[str, str | None]
) -> list[tuple[int, _Complex]]:
    """The alternatives whose subject's key feature the element has (a necessary condition,
    case ignored): most elements a query returns pass one or two."""
    found = [*index.get(tag.lower(), ()), *index.get("*", ())]
    for name, value in attrs.items():
        found += index.get("[" + name.lower(), ())
        if value:
            if name == "class":
                for word in _tokens(value.lower()):
                    found += index.get("." + word, ())
            elif name == "id":
                found += index.get("#" + value.lower(), ())
    return found


def select_all(tree: LexborHTMLParser, selectors: list[str | None]) -> dict[str, list[LexborNode]]:
    """The nodes each selector matches over the whole page, in page order (a node matching
    two alternatives of one selector is listed once)."""
    wanted = list(dict.fromkeys(s for s in selectors if s))
    out: dict[str, list[LexborNode]] = {s: [] for s in wanted}
    simple: list[str] = []
    index: dict[str, list[tuple[int, _Complex]]] = {}
    for text in wanted:
        compiled = compile_selector(text)
        if compiled is None:
            out[text] = _unique(tree.css(text))
            continue
        for alternative in compiled:
            key = _key(alternative.compounds[-1])
            index.setdefault(key, []).append((len(simple), alternative))
        simple.append(text)
    if not simple:
        return out
    last = -1
    for node in tree.css(", ".join(simple)):
        mem = node.mem_id
        if mem == last:
            continue  # listed again for another alternative
        last = mem
        tag, attrs = node.tag or "", node.attributes
        hit: set[int] = set()
        unsure: set[int] = set()
        budget = [MAX_ANCESTOR_STEPS]
        for i, alternative in _candidates(index, tag, attrs):
            if i in hit:
                continue
            k = len(alternative.compounds) - 1
            found = _compound(tag, attrs, alternative.compounds[k])
            if found is not False and k > 0:
                found = _joined(node, alternative, k, found is None, budget)
            if found is True:
                hit.add(i)
            elif found is None:
                unsure.add(i)
        if not hit and not unsure:
            # Lexbor found the node, so it matches something: the cheap test missed it.
            unsure = set(range(len(simple)))
        hit.update(i for i in unsure - hit if is_match(node, simple[i]))
        for i in hit:
            out[simple[i]].append(node)
    return out


def within(outer: str, inner: str, containers: list[LexborNode]) -> str | None:
    """One selector for the elements matching `inner` inside (not being) one of
    `containers`, which match `outer`: only the alternatives of `outer` that one of them
    matches are kept (a page-wide wrapper matching another one is left out). None unless
    both are simple and `inner`'s alternatives are single compounds (so that joining them
    with a descendant combinator means just that)."""
    inners = compile_selector(inner)
    if inners is None or any(len(x.compounds) > 1 for x in inners):
        return None
    kept: list[str] = []
    for text in _alternatives(outer):
        compiled = compile_selector(text)
        if compiled is None:
            return None
        if any(matches(node, compiled) is not False for node in containers):
            kept.append(text)
    if not kept:
        return None
    return ", ".join(f"{o} {i}" for o in kept for i in _alternatives(inner))


def _alternatives(text: str) -> list[str]:
    """A simple selector list's alternatives, as written (a comma inside quotes stays)."""
    out: list[str] = []
    start, quote = 0, ""
    for pos, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ",":
            out.append(text[start:pos].strip())
            start = pos + 1
    out.append(text[start:].strip())
    return out


def is_match(node: LexborNode, selector: str) -> bool:
    """Lexbor's own answer: does `node` itself match `selector`? (`css_matches` also says
    yes for a match among its descendants; a query from a node lists the node first.)"""
    first = node.css_first(selector)
    return first is not None and first.mem_id == node.mem_id


def _unique(nodes: list[LexborNode]) -> list[LexborNode]:
    seen: set[int] = set()
    out: list[LexborNode] = []
    for node in nodes:
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            out.append(node)
    return out
