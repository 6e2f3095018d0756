"""The search terms a benchmark measures, picked from the seeded names."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import dataclass

import psycopg

# Jobs the benchmark creates (POST cases, rare markers), removed at the end.
POST_NAME_PREFIX = "bench-post-"


@dataclass
class SearchTerm:
    """A search term and how many jobs its substring matches."""

    label: str
    term: str
    matches: int


def _match_count(conn: psycopg.Connection, term: str) -> int:
    """Count jobs whose name contains ``term`` (as the API's icontains)."""
    return conn.execute(
        "SELECT count(*) FROM jobs_job WHERE UPPER(name) LIKE UPPER(%s)",
        ("%" + term + "%",),
    ).fetchone()[0]


def _sample_words(conn: psycopg.Connection, total: int) -> tuple[Counter[str], int]:
    """Count the words (3+ characters) of a random sample of names."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM jobs_job TABLESAMPLE SYSTEM (%s) LIMIT 5000",
            (min(100.0, max(0.01, 500000.0 / max(total, 1))),),
        ).fetchall()
    ]
    words: Counter[str] = Counter()
    for name in names:
        for word in set(re.split(r"[^0-9A-Za-z]+", name)):
            if len(word) >= 3:
                words[word.lower()] += 1
    return words, len(names)


def _common(words: Counter[str], sampled: int, total: int, count) -> str:  # noqa: ANN001
    """The least frequent word that still matches >= 5% of jobs."""
    share = {w: c / max(sampled, 1) for w, c in words.items()}
    by_freq = [w for w, _ in words.most_common()]
    candidates = sorted(
        (w for w in by_freq if share[w] >= 0.05), key=lambda w: share[w]
    )
    common = next((w for w in candidates[:8] if count(w) >= 0.05 * total), None)
    return common or (by_freq[0] if by_freq else "job")


def _medium(words: Counter[str], sampled: int, total: int, count) -> str:  # noqa: ANN001
    """A word near 0.1% of jobs (between 0.01% and 1%)."""
    target = 0.001 * sampled
    candidates = sorted(
        (w for w, _ in words.most_common()), key=lambda w: abs(words[w] - target)
    )
    return next(
        (w for w in candidates[:8] if 0.0001 * total <= count(w) <= 0.01 * total),
        candidates[0] if candidates else "med",
    )


def pick_search_terms(conn: psycopg.Connection, total: int) -> list[SearchTerm]:
    """Pick a rare (<10 matches), a medium, a common (>=5%) and an absent term.

    Candidates are the words of a random sample of names; their exact
    match counts are then taken by SQL.  Terms can be forced with
    ``BENCH_SEARCH_RARE``, ``BENCH_SEARCH_MEDIUM``, ``BENCH_SEARCH_COMMON``.
    """
    words, sampled = _sample_words(conn, total)
    checked: dict[str, int] = {}

    def count(term: str) -> int:
        if term not in checked:
            checked[term] = _match_count(conn, term)
        return checked[term]

    by_freq = [w for w, _ in words.most_common()]
    common = os.environ.get("BENCH_SEARCH_COMMON") or _common(
        words, sampled, total, count
    )
    medium = os.environ.get("BENCH_SEARCH_MEDIUM") or _medium(
        words, sampled, total, count
    )
    # Rare: a word seen once in the sample, longest first, with 1..9 matches.
    # Seeded names repeat (e.g. 32 workloads x 1024 numbers), so at 1M rows
    # every real substring may match dozens: then a few marker jobs are
    # inserted (removed again at the end of the run, like POSTed jobs).
    rare = os.environ.get("BENCH_SEARCH_RARE")
    if not rare:
        singles = sorted((w for w in by_freq if words[w] == 1), key=len, reverse=True)
        rare = next((w for w in singles[:20] if 1 <= count(w) < 10), None)
    if not rare:
        rare = _insert_rare_markers(conn)
    terms = [SearchTerm("rare", rare, _match_count(conn, rare))]
    terms += [SearchTerm("medium", medium, count(medium))]
    terms += [SearchTerm("common", common, count(common))]
    # Absent: two common words that never stand next to each other.  Every
    # word's trigrams are frequent but nothing matches.
    if len(by_freq) >= 2 and count(f"{by_freq[1]} {by_freq[0]}") == 0:
        terms.append(SearchTerm("absent", f"{by_freq[1]} {by_freq[0]}", 0))
    return terms


RARE_MARKERS = 3


def _insert_rare_markers(conn: psycopg.Connection) -> str:
    """Insert a few jobs with a unique word; return that word.

    Their names start with :data:`POST_NAME_PREFIX`, so
    :func:`cleanup_posted_jobs` removes them with the POSTed jobs.  Each
    gets a PENDING status through the normal triggers.
    """
    token = "zq" + time.strftime("%H%M%S") + "rare"
    conn.execute(
        "WITH new AS (INSERT INTO jobs_job (name) "
        "SELECT %s || g || ' ' || %s FROM generate_series(1, %s) g RETURNING id) "
        "INSERT INTO jobs_jobstatus (job_id, status_type) SELECT id, 'PENDING' FROM new",
        (POST_NAME_PREFIX + "rare-", token, RARE_MARKERS),
    )
    return token
