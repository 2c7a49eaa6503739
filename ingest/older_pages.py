"""Links on a live page to the page of its older posts.

A live page renders its newest posts; the older ones sit behind `rel=next` links, an
outlet's own "older" links (the profile's `older` selector, such as the Guardian's
`?page=with:block-…`), or a link whose words say "older posts" in one of a few languages.
Links are made absolute against the page's address, kept once each in page order, and a link
back to this same page (or to an anchor on it) is never one.
"""

from __future__ import annotations

from liveread.ingest.html_page import Page
from liveread.ingest.profiles import Profile

MAX_OLDER_LINKS = 20
"""Links to older pages kept from one page (a real page has one or two)."""

_COMMON = "link[rel~='next' i][href], a[rel~='next' i][href]"
_WORDS = (
    "older posts",
    "older entries",
    "older updates",
    "see older",
    "show older",
    "load older",
    "ältere beiträge",
    "ältere einträge",
    "post precedenti",
    "aggiornamenti precedenti",
    "starsze wpisy",
    "wcześniejsze wpisy",
    "entradas anteriores",
    "articles précédents",
)


def older_pages(page: Page, profile: Profile | None) -> tuple[str, ...]:
    """The absolute addresses of older pages this page links to, in page order."""
    selectors = [_COMMON]
    if profile is not None and profile.older:
        selectors.append(profile.older)
    found = _links(page, ", ".join(selectors))
    if not found:
        # Matching link words reads every link's text: only when nothing else was found.
        found = _links(page, ", ".join(f"a[href]:lexbor-contains('{w}' i)" for w in _WORDS))
    return tuple(found)


def _links(page: Page, selector: str) -> list[str]:
    here = _without_fragment(page.base_url) if page.base_url else None
    found: list[str] = []
    for node in page.tree.css(selector):
        href = node.attributes.get("href")
        if not href or href.startswith("#"):
            continue
        url = page.absolute(href)
        if url is None:
            continue
        url = _without_fragment(url)
        if url == here or url in found:
            continue
        found.append(url)
        if len(found) >= MAX_OLDER_LINKS:
            break
    return found


def _without_fragment(url: str) -> str:
    return url.partition("#")[0]
