"""Position labels (`#n`): a post's place in its blog, counted from the oldest post.

Stored positions count from the top of the page (0 is the newest), so every post that
arrives moves every other one down. A label counted from the bottom does not move: the
oldest post is `#1`, and `#5` stays `#5` however many newer posts arrive, so a note that says
"see #5" keeps pointing at the same post. Positions are dense (each stored entry of a source,
present or gone, holds one), so the label is the source's entry count minus the position.
"""

from __future__ import annotations


def position_number(position: int, total: int) -> int:
    """The post's number counted from the oldest (1) in a blog of `total` stored entries."""
    return max(1, total - position)


def position_label(position: int, total: int) -> str:
    """`#n`, the label the list, the reader, the CLI and the exports show for a post."""
    return f"#{position_number(position, total)}"
