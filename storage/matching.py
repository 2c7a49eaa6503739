"""Is this parsed post that stored one, edited? The text tests behind identity that survives edits.

Where a post has its own id the key decides. Where keys are fingerprints of the headline or
the first paragraph (`h:` / `p:`), a reworded headline makes a new key, so the merge plan
asks these tests about the few posts left unmatched in the same gap of the page. Scores are
rapidfuzz's normalised Indel similarity (0-100) of the texts as `normalise_for_key` folds
them; each test has a floor, so two different posts with a few words in common stay apart.
"""

from __future__ import annotations

from liveread.kernel.model import ParsedEntry
from liveread.kernel.text import normalise_for_key

HEADLINE_FLOOR = 75.0
"""A reworded headline ("Kremlin denies future talks" -> "... any future talks") scores ~93."""
TEXT_FLOOR = 60.0
"""With a close headline, the body may have been edited this much and still be the post."""
SAME_TEXT_FLOOR = 90.0
"""A post whose headline changed beyond recognition (or was added or dropped) is the same
post only when its words are nearly all the same."""
NO_HEADLINE_FLOOR = 75.0
"""A post with no headline, its first paragraph reworded: the whole body must stay close."""
SPLIT_FLOOR = 90.0
"""Paragraphs that joined the post above must read almost as the stored post did."""
COMPARED_CHARS = 2_000
"""Only the start of a long body is compared: enough to tell posts apart, and bounded."""

FINGERPRINT_PREFIXES = ("h:", "p:")
"""Keys made from the text (ingest.entries, ingest.plaintext), not given by the source."""


def is_fingerprint(key: str) -> bool:
    """True for a key made from the post's text, which an edit of that text changes."""
    return key.startswith(FINGERPRINT_PREFIXES)


def _ratio(a: str, b: str) -> float:
    # rapidfuzz is loaded on first use: most imports match every post by key.
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def _fold(text: str | None) -> str:
    return normalise_for_key((text or "")[:COMPARED_CHARS])


def _lead(body: str) -> str:
    return body.split("\n\n", 1)[0]


def similarity(entry: ParsedEntry, headline: str | None, body: str) -> float | None:
    """How sure (0-100) that `entry` is an edit of the stored post with this text; None when
    it is not one by the floors above."""
    text = _ratio(_fold(entry.body), _fold(body))
    lead = _ratio(_fold(_lead(entry.body)), _fold(_lead(body)))
    if entry.headline and headline:
        head = _ratio(_fold(entry.headline), _fold(headline))
        if head >= HEADLINE_FLOOR and max(text, lead) >= TEXT_FLOOR:
            return (head + text) / 2
        if min(text, lead) >= SAME_TEXT_FLOOR:
            return text / 2
        return None
    if not entry.headline and not headline:
        if text >= NO_HEADLINE_FLOOR:
            return text
        return None
    # A headline added or dropped: only nearly the same words make it the same post.
    if min(text, lead) >= SAME_TEXT_FLOOR:
        return text / 2
    return None


def joined_tail(body: str, stored_body: str) -> str | None:
    """The paragraphs at the end of `body` that are the stored post's body, or None.

    A dump's post with no headline of its own (the top one, whose headline is the standfirst)
    joins the post above once a newer post arrives on top: its paragraphs end that post's
    body. At least one paragraph must stay with the post above.
    """
    wanted = stored_body.split("\n\n")
    paragraphs = body.split("\n\n")
    if not stored_body or len(paragraphs) <= len(wanted):
        return None
    tail = "\n\n".join(paragraphs[-len(wanted) :])
    if tail == stored_body or _ratio(_fold(tail), _fold(stored_body)) >= SPLIT_FLOOR:
        return tail
    return None
