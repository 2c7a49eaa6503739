"""A post's body as a reader sees it: the shapes the golden pages do not all show."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from liveread.ingest.post_body import body_text
from liveread.ingest.urls import safe_link
from liveread.kernel.model import Link


def _body(html: str) -> tuple[str, tuple[Link, ...]]:
    node = LexborHTMLParser(f"<div id='b'>{html}</div>").css_first("#b")
    assert node is not None
    return body_text(node, safe_link)


def test_line_breaks_nested_lists_and_tables() -> None:
    text, _ = _body(
        "<p>Line one<br>line two<br><br>New paragraph</p>"
        "<ul><li>Outer<ul><li>Inner</li></ul></li><li>Second</li></ul>"
        "<table><tr><th>Ward</th><th>Votes</th></tr><tr><td>North</td><td>1,204</td></tr></table>"
    )
    assert text == (
        "Line one\nline two\n\nNew paragraph\n\n- Outer\n  - Inner\n- Second\n\n"
        "Ward | Votes\nNorth | 1,204"
    )


def test_an_updated_line_goes_but_a_paragraph_about_an_update_stays() -> None:
    text, _ = _body(
        "<p>Updated at 14.05 BST</p>"
        "<p>Updated figures from the council show 3,000 homes are still without power today.</p>"
    )
    assert text == (
        "Updated figures from the council show 3,000 homes are still without power today."
    )


def test_video_audio_and_instagram_embeds_are_one_line_each() -> None:
    text, links = _body(
        '<video src="https://media.example/clip.mp4"></video>'
        '<audio><source src="https://cdn.soundcloud.com/track.mp3"></audio>'
        '<blockquote class="instagram-media" data-instgrm-permalink='
        '"https://www.instagram.com/p/Invented1/"><p>Crowds at the quay (@quaycam)</p>'
        "</blockquote>"
    )
    assert text.split("\n\n") == [
        "[Embed from media.example] https://media.example/clip.mp4",
        "[Audio on SoundCloud] https://cdn.soundcloud.com/track.mp3",
        "[Post on Instagram by @quaycam: Crowds at the quay (@quaycam)]"
        " https://www.instagram.com/p/Invented1/",
    ]
    assert [link.url for link in links] == [
        "https://media.example/clip.mp4",
        "https://cdn.soundcloud.com/track.mp3",
        "https://www.instagram.com/p/Invented1/",
    ]


def test_noise_is_passed_over_and_links_keep_their_words_once() -> None:
    text, links = _body(
        '<p>Read <a href="https://e.org/a">the report</a> and'
        ' <a href="https://e.org/a">the report again</a>.</p>'
        '<div class="ad-slot"><p>Advertisement</p></div>'
        '<div class="share-tools"><a href="https://facebook.com/sharer">Share</a></div>'
        "<script>var x = 1;</script><button>Copy link</button>"
        '<p><a href="javascript:alert(1)">bad</a> \u200bword\u00ad [[ge:cms:123]]</p>'
    )
    assert text == "Read the report and the report again.\n\nbad word"
    assert links == (Link("the report", "https://e.org/a"),)


def test_an_image_without_words_is_left_out_unless_it_is_the_whole_post() -> None:
    assert _body('<p>Text.</p><img src="https://e.org/icon.png" alt="">')[0] == "Text."
    assert _body('<figure><img src="https://e.org/photo.jpg"></figure>')[0] == "[Image]"


def test_text_around_a_block_inside_a_box_keeps_its_order() -> None:
    text, links = _body(
        "<div>Before the count <b>began</b><p>The hall opened.</p>after <a href="
        "'https://example.org/a'>the first box</a> <i>arrived</i>"
        "<blockquote>Quoted <em>words</em><p>Second</p>tail</blockquote>end</div>"
    )
    assert text == (
        "Before the count began\n\nThe hall opened.\n\nafter the first box arrived"
        "\n\n> Quoted words\n\n> Second\n\n> tail\n\nend"
    )
    assert links == (Link("the first box", "https://example.org/a"),)
