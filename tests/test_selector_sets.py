"""Several selectors answered with one query give exactly what lexbor gives for each alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from bench.pages import live_page
from liveread.ingest.profiles import PROFILES
from liveread.ingest.selector_sets import compile_selector, is_match, matches, select_all, within

PAGES = Path(__file__).parent / "pages"

# A quirks-mode page (no DOCTYPE) with names in mixed case, SVG, valueless attributes and
# values that differ only in case: the places where a hand-written test could go wrong.
ODD_PAGE = (
    b"<html><body><DIV CLASS='Block key-Event' id=Top lang=en-GB hidden data-gu-name=Body>"
    b"<P class='a\tb'>x</P><svg viewBox='0 0 1 1'><foreignObject><p class=x>y</p>"
    b"</foreignObject><path d='M0'></path></svg><a href='HTTP://Example.org/#block-1' rel=Next"
    b" data-link-name='Older page'>older</a><time datetime>t</time><input type=TEXT>"
    b"<span class='dcr-1 block-contributor'><b>Ada</b></span></DIV></body></html>"
)
EXTRA = (
    "[id], script[type], h1",
    "link[rel~='next' i][href], a[rel~='next' i][href]",
    "p",
    "div.block",
    "[class~=block]",
    "[href^='HTTP' i]",
    "[href^='http']",
    "[data-gu-name='body']",
    "[lang|=en]",
    "#top",
    "svg path",
    "html body div",
    "* > p",
    "[class$=x]",
    "[class*='']",
    "[type=text]",
    "[datetime='']",
    "div > span b, header   h2",
    "[viewbox]",
    "foreignobject p",
)


def _selectors() -> list[str]:
    found = {
        value
        for profile in PROFILES
        for value in (
            profile.post,
            profile.time,
            profile.title,
            profile.byline,
            profile.body,
            profile.drop,
            profile.permalink,
            profile.key_event,
            profile.skip,
            profile.older,
        )
        if value
    }
    return sorted(found | set(EXTRA))


def _documents() -> list[tuple[str, bytes]]:
    docs = [(path.name, path.read_bytes()) for path in sorted(PAGES.glob("*.html"))]
    return [*docs, ("bench", live_page(30)), ("odd", ODD_PAGE)]


@pytest.mark.parametrize(("name", "data"), _documents(), ids=[n for n, _ in _documents()])
def test_one_query_for_all_gives_each_selector_what_its_own_query_gives(
    name: str, data: bytes
) -> None:
    tree = LexborHTMLParser(data)
    selectors = _selectors()
    found = select_all(tree, list(selectors))
    for selector in selectors:
        own: list[int] = []
        for node in tree.css(selector):
            if node.mem_id not in own:
                own.append(node.mem_id)
        assert [node.mem_id for node in found[selector]] == own, (name, selector)


@pytest.mark.parametrize(("name", "data"), _documents(), ids=[n for n, _ in _documents()])
def test_the_cheap_test_agrees_with_lexbor_wherever_it_answers(name: str, data: bytes) -> None:
    tree = LexborHTMLParser(data)
    compiled = {s: c for s in _selectors() if (c := compile_selector(s)) is not None}
    answered = 0
    for node in tree.root.traverse():
        for selector, alternatives in compiled.items():
            answer = matches(node, alternatives)
            if answer is not None:
                answered += 1
                assert answer == is_match(node, selector), (name, selector, node.tag)
    assert answered > 0


def test_selectors_outside_the_simple_subset_are_not_compiled() -> None:
    for selector in ("[id^='post-']:has(time[datetime])", "a + b", "a ~ b", "a:not(.b)", "a,"):
        assert compile_selector(selector) is None, selector
    assert compile_selector("header > time, .a[b~='c' i]") is not None


def test_within_finds_only_parts_inside_a_matching_container() -> None:
    tree = LexborHTMLParser(
        "<article><header>h</header><div class='body'><p>x</p></div></article>"
        "<article><div class='body'><footer id='in'>f</footer></div><footer>g</footer></article>"
    )
    bodies = tree.css(".body")
    inside = within(".body, [data-x='a,b'], article", "header, footer", bodies)
    assert inside is not None and "article" not in inside  # no container is an article
    assert [node.id for node in tree.css(inside)] == ["in"]
    assert within(".body", "header > time", bodies) is None  # a combinator in the part
    assert within(".body:not(.x)", "footer", bodies) is None
