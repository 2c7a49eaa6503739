"""Ranking the newest matches of a search: bm25's weighing of how often, and how
prominently, the words occur in an entry, computed in SQL over the matches' text.

FTS5's own `bm25()` first counts, for every word searched, the entries of the whole index
that hold it (its inverse document frequency): a scan of the word's whole list, which for a
word on most of a million entries costs hundreds of milliseconds however few matches are
ranked. liveread ranks only the newest `search.RANK_CAP` matches (found cheaply, newest rowid
first, inside the index), so it scores them itself with bm25's term-frequency part
(k1 = 1.2, b = 0.75; a headline hit counts double, as with `bm25(entries_fts, 2.0, 1.0)`)
without the per-word weights: every word counts alike, which for a one-word search gives
the order bm25 gives. Which entries match is FTS5's exact answer; only the score is
approximate: a hit is the folded word (or phrase, its words one space apart) found in the
text, lower-cased by SQLite (ASCII letters only), by its `replace()`: `ferry` also counts
inside `ferryman`, and `cafe` not in `Café` (which it matches, and which ranks lower). An
entry's length is its characters, compared with the average of the ranked matches. An entry
found through one of its notes (not its text) scores as one headline hit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

K1 = 1.2
"""bm25's term-frequency saturation."""

B = 0.75
"""bm25's length normalisation."""

HEADLINE_WEIGHT = 2.0
"""A word in the headline counts this many times one in the body."""


def fold(text: str) -> str:
    """`text` lower-cased with its diacritics removed, its words one space apart."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return " ".join(words)


def needles(terms: Sequence[str]) -> list[str]:
    """What is counted for each searched word or phrase (`pref*`: its start), folded;
    terms that hold no word are left out, each needle once."""
    folded = (fold(t.rstrip("*")) for t in terms)
    return list(dict.fromkeys(n for n in folded if n))


def needles_sql(count: int) -> str:
    """SQL: the common table `needles(n)` of `count` needles, each a parameter."""
    if count == 0:
        return "needles(n) AS (SELECT NULL WHERE 0)"
    return "needles(n) AS (VALUES " + ", ".join(["(?)"] * count) + ")"


def _count(column: str) -> str:
    """SQL: how often the needle `t.n` occurs in `column` of `entries e`, lower-cased."""
    return f"((length({column}) - length(replace(lower({column}), t.n, ''))) / length(t.n))"


def ranked_sql(needle_count: int, matches: str, where: str, columns: str, limit: str) -> str:
    """SQL: `columns` of `entries e` for the best `limit` of the matches `matches` (a query
    of `entry_id, via`) that `where` keeps, best first, ties in page order. Its parameters:
    the `needle_count` needles, then those of `matches` and `where`, then the limit. The
    counts are taken in one pass and kept (materialized) as numbers only: the text is read
    once and never copied."""
    weight = HEADLINE_WEIGHT
    # Found through a note only: as one headline hit.
    hits = f"(CASE WHEN via = 1 AND x = 0 THEN {weight} ELSE x END)"
    norm = f"({K1} * ({1 - B} + {B} * dl / a.average))"
    return f"""
    WITH {needles_sql(needle_count)},
    hc AS MATERIALIZED (
        SELECT e.id, e.source_id, e.position, m.via,
            length(e.headline) + length(e.body) AS dl,
            {weight} * {_count("e.headline")} + {_count("e.body")} AS x
        FROM ({matches}) m JOIN entries e ON e.id = m.entry_id LEFT JOIN needles t {where}
    ),
    a AS (SELECT max(1.0, avg(dl)) AS average FROM hc),
    r AS (
        SELECT id, source_id, position,
            coalesce(sum({hits} * {K1 + 1} / ({hits} + {norm})), 0.0) AS score
        FROM hc, a GROUP BY id ORDER BY score DESC, source_id, position, id LIMIT {limit}
    )
    SELECT {columns} FROM r JOIN entries e ON e.id = r.id
    ORDER BY r.score DESC, r.source_id, r.position, r.id
    """
