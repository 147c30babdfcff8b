"""Group near-duplicate documents into stories at publish (a syndicated release counts once).

The enrichment gives each long document a MinHash signature (models/stories.py; the
shape both sides share is in contract/stories.py). Here,
for the documents a publish touches, their band keys go into `story_keys`; candidate
pairs share a key and were published within `WINDOW_DAYS` of each other; a pair is kept
when the signatures agree on at least `THRESHOLD` of their positions (the estimated
Jaccard similarity of their 4-word shingles). Stories are the connected components of
kept pairs; `documents.story_id` is the story's earliest document (then smallest doc_id),
or the document itself. Only the touched documents, their candidates and the members of
their previous stories are regrouped, so a night costs what its new documents cost.
"""

from __future__ import annotations

from datetime import date

import duckdb

from contract.stories import BANDS, PERMUTATIONS, ROWS, THRESHOLD

WINDOW_DAYS = 7


def refresh_stories(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> set[date]:
    """Regroup the stories of `_affected_docs` (a temp table); return the days relabelled."""
    if full:
        con.execute("DELETE FROM story_signatures")
        con.execute("DELETE FROM story_keys")
    con.execute("DELETE FROM story_signatures WHERE doc_id IN (SELECT doc_id FROM _affected_docs)")
    con.execute("DELETE FROM story_keys WHERE doc_id IN (SELECT doc_id FROM _affected_docs)")
    con.execute("""
        INSERT INTO story_signatures
        SELECT d.doc_id, coalesce(d.published_at, d.fetched_at), any_value(a.minhash)
        FROM documents AS d
        SEMI JOIN _affected_docs AS k USING (doc_id)
        JOIN stg_doc_annotations AS a ON a.doc_id = d.doc_id AND a.run_id = d.enrich_run_id
        WHERE a.minhash IS NOT NULL AND len(a.minhash) = ?
        GROUP BY ALL
    """, [PERMUTATIONS])
    con.execute(f"""
        INSERT INTO story_keys
        SELECT s.doc_id, hash(b.band, list_slice(s.minhash, b.band * ? + 1, (b.band + 1) * ?))
        FROM story_signatures AS s SEMI JOIN _affected_docs AS k USING (doc_id)
        CROSS JOIN (SELECT range AS band FROM range({int(BANDS)})) AS b
    """, [ROWS, ROWS])
    # Nodes: touched documents with a signature, their candidates, and every member of a
    # story any of those (or any touched document) belonged to.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _story_nodes AS
        WITH seeds AS (
            SELECT doc_id FROM story_signatures SEMI JOIN _affected_docs USING (doc_id)
        ),
        neighbours AS (
            SELECT DISTINCT b.doc_id
            FROM story_keys AS a JOIN story_keys AS b USING (key)
            WHERE a.doc_id IN (SELECT doc_id FROM seeds)
        ),
        near AS (SELECT doc_id FROM seeds UNION SELECT doc_id FROM neighbours),
        old_stories AS (
            SELECT story_id FROM documents
            WHERE doc_id IN (SELECT doc_id FROM near) AND story_id <> doc_id
            UNION SELECT doc_id FROM _affected_docs
        )
        SELECT doc_id FROM near
        UNION
        SELECT doc_id FROM documents
        WHERE story_id IN (SELECT story_id FROM old_stories) AND story_id <> doc_id
    """)
    nodes = con.execute("""
        SELECT n.doc_id, coalesce(d.published_at, d.fetched_at), d.story_id
        FROM _story_nodes AS n JOIN documents AS d USING (doc_id)
    """).fetchall()
    if not nodes:
        return set()
    pairs = con.execute("""
        WITH candidates AS (
            SELECT DISTINCT a.doc_id AS a, b.doc_id AS b
            FROM story_keys AS a JOIN story_keys AS b USING (key)
            WHERE a.doc_id < b.doc_id
              AND a.doc_id IN (SELECT doc_id FROM _story_nodes)
              AND b.doc_id IN (SELECT doc_id FROM _story_nodes)
        )
        SELECT c.a, c.b
        FROM candidates AS c
        JOIN story_signatures AS sa ON sa.doc_id = c.a
        JOIN story_signatures AS sb ON sb.doc_id = c.b
        WHERE abs(epoch(sa.published_at) - epoch(sb.published_at)) <= ? * 86400
          AND list_sum(list_transform(range(1, ? + 1), i -> (sa.minhash[i] = sb.minhash[i])::INT))
              >= ? * ?
    """, [WINDOW_DAYS, PERMUTATIONS, THRESHOLD, PERMUTATIONS]).fetchall()
    head = _components([n[0] for n in nodes], pairs, {n[0]: n[1] for n in nodes})
    changed = [(doc_id, head[doc_id]) for doc_id, _, story in nodes if head[doc_id] != story]
    if not changed:
        return set()
    con.execute("CREATE OR REPLACE TEMP TABLE _story_map (doc_id VARCHAR, story_id VARCHAR)")
    con.executemany("INSERT INTO _story_map VALUES (?, ?)", changed)
    days = {row[0] for row in con.execute(
        "SELECT DISTINCT published_date FROM documents SEMI JOIN _story_map USING (doc_id)"
    ).fetchall()}
    con.execute("""
        UPDATE documents SET story_id = m.story_id
        FROM _story_map AS m WHERE documents.doc_id = m.doc_id
    """)
    return days


def _components(nodes: list[str], pairs: list[tuple[str, str]], when: dict) -> dict[str, str]:
    """Map each node to its component's earliest member (union-find over the pairs)."""
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for n in nodes:
        members.setdefault(find(n), []).append(n)
    head = {}
    for group in members.values():
        first = min(group, key=lambda d: (when[d] is None, when[d] or 0, d))
        head.update(dict.fromkeys(group, first))
    return head
