"""Markup profiles: how one family of live pages marks up its posts, as data.

A profile is a handful of CSS selectors (selectolax's lexbor dialect), read by `page_posts`;
adding an outlet is adding a `Profile` to `PROFILES` plus a golden page under `tests/pages/`
(see the README). Selectors inside a post are matched among the post's descendants; a
`key_event` selector may also match the post element itself.

Profiles whose `post` selector is distinctive (the Guardian's `article[id^=block-]`, microdata,
AMP) are tried on any page; those whose markup other sites share too (`id="post-…"`) only on
their own outlets' hosts. When a page from a profile's hosts has none of its posts, the
outlet changed its markup: the generic reader takes over and the import says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """The selectors that read one markup family's posts."""

    name: str
    """Short name, stored on the source (`guardian`, `microdata`, ...)."""
    family: str
    """Who uses this markup, for the README and messages."""
    post: str
    """Selects every post container on the page, in page order."""
    hosts: tuple[str, ...] = ()
    """Host names (and their subdomains) of outlets known to use it."""
    hosts_only: bool = False
    """Try it only on pages from `hosts` (its markup is common elsewhere)."""
    id_attr: str = "id"
    """The post element's attribute holding its own id."""
    time: str = "time[datetime]"
    """The element carrying the post's time, in the post."""
    time_attr: str = "datetime"
    """The attribute of `time` (or of the post itself) with the machine-readable time; an
    all-digit value is a Unix time in seconds or milliseconds."""
    updated_attr: str | None = None
    """An attribute of the post with the time it was last changed, if the family has one."""
    title: str | None = "h2"
    """The post's own headline."""
    byline: str | None = None
    """The post's own author(s)."""
    body: str | None = None
    """The post's body container; None reads the post itself, less the parts in `drop`."""
    drop: str | None = None
    """Parts of a post that are not its body (header, footer, "Updated at" lines)."""
    permalink: str | None = None
    """A link in the post that lands on it."""
    permalink_query: str | None = None
    """A query string that, with `#<id>`, makes the outlet's permalink; `{id}` is the post id."""
    key_event: str | None = None
    """Matches a post (or a mark inside it) the page calls a key event, pinned or summary."""
    skip: str | None = None
    """Matches a post that is a placeholder or was deleted (AMP's `data-tombstone`)."""
    older: str | None = None
    """Links to the page of older posts, beside the `rel=next` and "older" links every page
    reader looks for."""


GUARDIAN = Profile(
    name="guardian",
    family="the Guardian",
    hosts=("theguardian.com",),
    post="article[id^='block-']",
    title="header h2",
    byline=".block-contributor, [data-gu-name='contributor'], header address",
    body=".block-elements, [data-gu-name='body']",
    drop="header, footer, .block-time, .updated-at",
    permalink="a[href*='#block-']",
    permalink_query="?page=with:{id}",
    key_event=(
        ".is-key-event, .is-summary, .is-pinned, .block--pinned, .pinned-block,"
        " [data-key-event='true'], [data-pinned='true']"
    ),
    older="a[data-link-name~='older' i], .liveblog-navigation a[href*='page=with:block-'][rel]",
)

REACH = Profile(
    name="reach",
    family="Reach plc titles (the Mirror, the Express, Manchester Evening News, CorkBeo, ...)",
    hosts=(
        "mirror.co.uk",
        "express.co.uk",
        "dailystar.co.uk",
        "dailyrecord.co.uk",
        "manchestereveningnews.co.uk",
        "liverpoolecho.co.uk",
        "birminghammail.co.uk",
        "walesonline.co.uk",
        "chroniclelive.co.uk",
        "bristolpost.co.uk",
        "irishmirror.ie",
        "corkbeo.ie",
        "dublinlive.ie",
        "belfastlive.co.uk",
    ),
    hosts_only=True,
    post=".live-event .live-event-post[id], .live-event-post[id]",
    title=".live-event-post__title",
    byline=".live-event-post__author",
    body=".live-event-post__body",
    drop=".live-event-post__meta, .live-event-post__footer",
    permalink="a.live-event-post__permalink[href*='#']",
    key_event=".live-event-post--key-event, .live-event-post--pinned, .key-event-badge",
    older="a.live-event__older[href], a[data-older-posts][href]",
)

INDEPENDENT = Profile(
    name="independent",
    family="the Independent",
    hosts=("independent.co.uk", "the-independent.com", "independent.ie"),
    hosts_only=True,
    post="[id^='post-']:has(time[datetime])",
    title="h2",
    byline="[class*='author'], [data-testid='author']",
    body="[class*='post-body'], [data-testid='post-body']",
    drop="header, footer",
    permalink="a[href*='#post-']",
    key_event=".key-event, [data-key-event='true'], [class*='pinned']",
)

REPUBBLICA = Profile(
    name="repubblica",
    family="la Repubblica (and GEDI titles)",
    hosts=("repubblica.it", "lastampa.it", "ilsecoloxix.it"),
    post=".liveblog__post",
    id_attr="id",
    title=".liveblog__post__title",
    byline=".liveblog__post__author",
    body=".liveblog__post__content",
    drop=".liveblog__post__time, .liveblog__post__share",
    permalink="a.liveblog__post__link[href*='#']",
    key_event=".liveblog__post--highlight, .liveblog__post--pinned",
    older="a.liveblog__more[href]",
)

WORDPRESS_LIVEBLOG = Profile(
    name="wp-liveblog",
    family="the WordPress Liveblog plugin",
    post=".liveblog-entry[id^='liveblog-entry-']",
    time="time[datetime], [data-timestamp]",
    time_attr="datetime",
    title=".liveblog-entry-header h2, .liveblog-entry-title",
    byline=".liveblog-meta-author-name, .liveblog-author-name",
    body=".liveblog-entry-content, .liveblog-entry-text",
    drop=".liveblog-meta, .liveblog-entry-actions",
    permalink="a.liveblog-time-anchor[href], .liveblog-meta-time a[href]",
    key_event=".type-key-event, .liveblog-entry--key-event, .is-key-event",
    older=".liveblog-pagination a.liveblog-pagination-next[href]",
)

AMP_LIVE_LIST = Profile(
    name="amp-live-list",
    family="AMP pages (`amp-live-list`)",
    post="amp-live-list [items] > [id][data-sort-time]",
    time="time[datetime]",
    time_attr="data-sort-time",
    updated_attr="data-update-time",
    title="h2",
    byline=".author, [rel~='author']",
    drop="header > time, .amp-live-list-meta",
    key_event=".key-event, [data-key-event]",
    skip="[data-tombstone]",
    older="amp-live-list [pagination] a[href]",
)

MICRODATA = Profile(
    name="microdata",
    family="schema.org microdata (`itemprop=liveBlogUpdate`)",
    post="[itemprop~='liveBlogUpdate']",
    id_attr="id",
    time="[itemprop~='datePublished']",
    time_attr="datetime",
    title="[itemprop~='headline']",
    byline="[itemprop~='author'] [itemprop~='name'], [itemprop~='author']",
    body="[itemprop~='articleBody']",
    drop="[itemprop~='dateModified'], [itemprop~='datePublished']",
    permalink="a[itemprop~='url'][href], link[itemprop~='url'][href]",
    key_event=".key-event, .pinned",
)

PROFILES: tuple[Profile, ...] = (
    GUARDIAN,
    REACH,
    INDEPENDENT,
    REPUBBLICA,
    WORDPRESS_LIVEBLOG,
    AMP_LIVE_LIST,
    MICRODATA,
)
"""Every markup profile, in the order they are tried on a page of no known outlet."""


def host_matches(host: str, profile: Profile) -> bool:
    """True when `host` is one of the profile's outlets or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in profile.hosts)
