"""PostgreSQL's own statements for storing an article (``writer`` uses them; SQLite keeps its own).

Each takes its rows or windows as one array per field (psycopg's binary arrays) and has a text that does
not depend on how many there are: psycopg prepares it once, PostgreSQL plans it once (``GENERIC_PLANS``),
and it travels in one round trip, where an executemany or an OR of hundreds of terms cost the client,
the server and the wait more than the rows themselves (docs/ledger.md, fifth round).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

# For the rest of the article's transaction: PostgreSQL plans the candidate query once per connection
# instead of at every article (see ``PG_CANDIDATES``; a custom plan, its array lengths known, always looked
# cheaper than the generic one, which is the same nested loop of index probes).
GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan"


# The candidate query: the same terms as ``writer._candidate_statement``'s (SQLite's), for every event at once,
# its windows passed as one array per field (``w``). The OR of hundreds of terms, its text and parameters
# different for each number of events, cost more than it read: psycopg parsed its placeholders again for
# every article (a statement that long is not cached), PostgreSQL planned it again, and without statistics
# (a new ledger, before autovacuum's first pass) scanned every event of the family. Here the text is
# constant (psycopg prepares it, PostgreSQL plans it once) and each window's terms are index ranges by
# construction: one arm per term, each led by the columns of one index (migration 0007; a placeless family
# by (family, start)), in a lateral subquery run once per window. Arms that do not apply to a window (the
# place arms of a placeless family, and the reverse) are switched off by ``anywhere``, never read.
_PG_ARMS = {
    "key": 'NOT w.anywhere AND e.place_key = w.key',
    "admin1": 'NOT w.anywhere AND e.admin1 = w.admin1',
    "box": 'NOT w.anywhere AND e.lat BETWEEN w.min_lat AND w.max_lat AND e.lon BETWEEN w.min_lon AND w.max_lon',
    "anywhere": 'w.anywhere',
}
_PG_DATES = ('e.start <= w.w_end AND e."end" >= w.w_start', 'e."end" IS NULL AND e.start IS NULL')
PG_CANDIDATES = (
    "SELECT f.iid, (SELECT count(*) FROM incident_members t WHERE t.incident_id = f.iid) FROM ("
    " SELECT DISTINCT (SELECT m.incident_id FROM incident_members m WHERE m.event_id = h.id) AS iid FROM ("
    " SELECT DISTINCT hit.id FROM unnest(%(family)b::text[], %(key)b::text[], %(admin1)b::text[], %(w_start)b::date[], %(w_end)b::date[],"
    " %(min_lat)b::float8[], %(max_lat)b::float8[], %(min_lon)b::float8[], %(max_lon)b::float8[],"
    " %(anywhere)b::boolean[]) AS w(family, key, admin1, w_start, w_end, min_lat, max_lat, min_lon, max_lon, anywhere)"
    " CROSS JOIN LATERAL ("
    + " UNION ALL ".join(f"SELECT e.id FROM events e WHERE e.family = w.family AND {arm} AND {dates}"
                         for arm in _PG_ARMS.values() for dates in _PG_DATES)
    + ") hit) h) f")  # (no ``WHERE iid IS NOT NULL``: pushed into every arm, it looked each event's incident up twice)


# An article's incident writes in one statement, one round trip. New incidents take their
# ids from the sequence in the order they opened (as SQLite's INSERT … RETURNING in ``writer._reconcile``
# numbers them), their members name them by that order (``temp``, 1 for the first new incident), and the changed
# summaries of the others are written beside. It replaces an INSERT whose ids had to come back before the
# memberships could be sent, and an UPDATE per incident.
_INCIDENT_ARRAYS = (("family", "text"), ("place", "text"), ("lat", "float8"), ("lon", "float8"), ("start", "date"),
                    ("end", "date"), ("corroboration", "integer"), ("contradicted", "boolean"), ("summary", "json"),
                    ("updated", "timestamptz"))


def _unnest(prefix: str, fields: Sequence[tuple[str, str]]) -> str:
    return "unnest(" + ", ".join(f"%({prefix}{name})b::{kind}[]" for name, kind in fields) + ")"


_COLUMNS = ", ".join(f'"{name}"' for name, _ in _INCIDENT_ARRAYS)
PG_WRITE_INCIDENTS = (
    "WITH new AS MATERIALIZED (SELECT k, nextval('incidents_id_seq')::integer AS id"
    " FROM generate_series(1::bigint, %(n)s::bigint) AS k),"
    f" made AS (INSERT INTO incidents (id, {_COLUMNS}) SELECT new.id, {', '.join(f'u.{c}' for c in _COLUMNS.split(', '))}"
    f" FROM {_unnest('new_', _INCIDENT_ARRAYS)} WITH ORDINALITY AS u({_COLUMNS}, k) JOIN new USING (k) ORDER BY k),"
    f" changed AS (UPDATE incidents SET {', '.join(f'{c} = u.{c}' for c in _COLUMNS.split(', '))}"
    f" FROM {_unnest('old_', (('id', 'integer'), *_INCIDENT_ARRAYS))} AS u(id, {_COLUMNS}) WHERE incidents.id = u.id),"
    " joined AS (INSERT INTO incident_members (event_id, incident_id)"
    " SELECT m.event_id, coalesce(new.id, m.incident_id) FROM unnest(%(event_id)b::text[], %(incident_id)b::integer[],"
    " %(temp)b::bigint[]) WITH ORDINALITY AS m(event_id, incident_id, k, o) LEFT JOIN new USING (k) ORDER BY m.o)"
    " SELECT id FROM new ORDER BY k")


def write_incidents(conn: Connection, made: list[dict[str, Any]], changed: list[dict[str, Any]],
                    assigned: list[tuple[str, int]], temps: list[int]) -> dict[int, int]:
    """New incidents, changed summaries and memberships in one statement (``PG_WRITE_INCIDENTS``);
    returns each new incident's id by its temporary one."""
    order = {temp: k for k, temp in enumerate(temps, 1)}
    params: dict[str, Any] = {"n": len(made), "event_id": [eid for eid, _ in assigned],
                              "incident_id": [None if iid in order else iid for _, iid in assigned],
                              "temp": [order.get(iid) for _, iid in assigned]}
    for prefix, rows, fields in (("new_", made, _INCIDENT_ARRAYS), ("old_", changed, (("id", ""), *_INCIDENT_ARRAYS))):
        for name, kind in fields:
            values = [r[name] for r in rows]
            params[prefix + name] = [json.dumps(v) for v in values] if kind == "json" else values
    ids = [iid for (iid,) in conn.exec_driver_sql(PG_WRITE_INCIDENTS, params)]
    return dict(zip(temps, ids, strict=True))
