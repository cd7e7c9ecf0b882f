"""Writing one analysed article into the ledger: one transaction per article.

Inside the transaction: the article row (verbatim text, content hash, syndicate), its MinHash bands, its
claims (plus the SQLite full-text rows), places, events, and then incremental reconciliation — for each
event, the candidate incidents in the reconciler's window are loaded, :meth:`Reconciler.assign` picks one
(or a new incident opens), and only the incidents touched are summarised again. Either all of it commits
or none of it does, which is what makes ``ingest`` resumable after kill -9.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, nullcontext
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Text,
    and_,
    bindparam,
    cast,
    func,
    insert,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ..reconcile import IncidentTally, LedgerEvent, Reconciler, Window, events_from_report
from ..records import Place, Report, article_id
from .bulk import insert_rows
from .pg_statements import GENERIC_PLANS, PG_CANDIDATES, write_incidents
from .schema import article_bands, articles, claims, event_places, events, incident_members, incidents, places
from .syndication import Signature, band_rows, best_syndicate

DATE_FIELDS = ("start", "end", "stated")


def place_key(name: str | None) -> str | None:
    """How place names are compared (as the reconciler does): lower case, without a leading "the"."""
    if not name:
        return None
    return name.strip().lower().removeprefix("the ") or None


_FIELDS = tuple(f.name for f in dataclasses.fields(LedgerEvent))


def event_from_record(record: Mapping[str, Any]) -> LedgerEvent:
    values = {k: record[k] for k in _FIELDS if k in record}
    for key in DATE_FIELDS:
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return LedgerEvent(**values)


def event_record(le: LedgerEvent) -> dict[str, Any]:
    """``LedgerEvent.to_dict()`` without ``dataclasses.asdict``'s deep copy (this runs for every event)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k in _FIELDS for v in (getattr(le, k),)}


def content_hash(text_: str) -> str:
    return article_id(text_)


def known_hashes(conn: Connection, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = list(hashes[i:i + 500])
        found.update(conn.execute(select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))).scalars())
    return found


def _insert_new(conn: Connection, table: Any, rows: list[dict[str, Any]], fresh: bool = False) -> None:
    """Insert the rows whose key is not stored yet (places are shared by articles; claim and event ids
    can repeat when one external id is given to two different texts); ``fresh``: known to be new.
    A lookup and a plain insert: ``ON CONFLICT`` statements miss SQLAlchemy's compiled cache."""
    if not rows:
        return
    if fresh:
        insert_rows(conn, table, rows)
        return
    key = table.c.id if "id" in table.c else None
    if key is not None:
        stored = set(conn.execute(select(key).where(key.in_([r["id"] for r in rows]))).scalars())
        rows = [r for r in rows if r["id"] not in stored]
    else:  # event_places: keyed by its event, which is new exactly when the event row was
        stored = set(conn.execute(select(table.c.event_id).where(
            table.c.event_id.in_(list({r["event_id"] for r in rows})))).scalars())
        rows = [r for r in rows if r["event_id"] not in stored]
    if rows:
        insert_rows(conn, table, rows)


# INSERT … ON CONFLICT DO NOTHING for places: one statement, and safe beside a concurrent ingest. Spelled
# the same in SQLite and PostgreSQL, and written as text because SQLAlchemy's dialect-specific ON CONFLICT
# constructs miss its compiled cache: built that way, it was compiled again for every article. (SQLite:
# PostgreSQL takes the rows as arrays, ``bulk.insert_rows(keep_stored=True)``.)
UPSERT_PLACES = text(
    "INSERT INTO places (id, name, key, lat, lon, admin1, country, feature) "
    "VALUES (:id, :name, :key, :lat, :lon, :admin1, :country, :feature) ON CONFLICT (id) DO NOTHING")


def _place_id(p: Place) -> str:
    return p.id or f"text:{place_key(p.name or p.text) or ''}"


@contextmanager
def batched(conn: Connection) -> Iterator[None]:
    """On PostgreSQL, send the statements inside as one batch (psycopg's pipeline mode): they go out
    together and the server's answers are read when a result is needed or at the end, so a batch of
    inserts costs one round trip instead of one each. SQLite is in-process: nothing to save."""
    if conn.dialect.name != "postgresql":
        yield
        return
    dbapi = conn.dialect.loaded_dbapi
    try:
        with conn.connection.dbapi_connection.pipeline():  # type: ignore[union-attr]
            yield
    except dbapi.Error as exc:  # an error only met when the batch is read back: give it SQLAlchemy's shape
        raise DBAPIError.instance(None, None, exc, dbapi.Error) from exc


@lru_cache(maxsize=16)
def _lookup_statement(bands: int, next_id: bool = False) -> Any:
    """One query for what storing an article needs to know first: the stored articles with its text or
    its external id (``lsh`` 0), and those sharing an LSH band with it (``lsh`` 1, syndication candidates).
    Built once per number of bands, with every value bound: built per article, the statement cost more
    CPU than the query. ``next_id`` (PostgreSQL): also the new article's id, drawn from its sequence only
    when the text is not stored (``lsh`` 2), so that the article's row can join the batch of its other rows
    instead of taking a round trip of its own to learn its id."""
    a, b = articles.c, article_bands.c
    cols = (a.id, a.syndicate, a.minhash, a.content_hash)
    same = select(*cols, literal(0, Integer).label("lsh")).where(or_(a.content_hash == bindparam("digest"),
                                                                     a.external_id == bindparam("external_id")))
    arms = [same]
    if bands:
        sharing = select(b.article_id).where(or_(*(and_(b.band == i, b.key == bindparam(f"band{i}"))
                                                   for i in range(bands))))
        arms.append(select(*cols, literal(1, Integer).label("lsh")).where(a.id.in_(sharing)))
    if next_id:
        stored = select(a.id).where(a.content_hash == bindparam("digest")).exists()
        arms.append(select(cast(func.nextval(ARTICLE_IDS), Integer), *(cast(null(), c.type) for c in cols[1:]),
                           literal(2, Integer)).where(~stored))
    return union_all(*arms) if len(arms) > 1 else same


ARTICLE_IDS = literal_column("'articles_id_seq'")  # PostgreSQL's sequence behind articles.id (a SERIAL, 0001)


def _lookup(conn: Connection, digest: str, external_id: str, sig: Signature | None) -> list[Any]:
    bands = sig.bands if sig else ()
    statement = _lookup_statement(len(bands), conn.dialect.name == "postgresql")
    return conn.execute(statement, {"digest": digest, "external_id": external_id,
                                    **{f"band{i}": key for i, key in enumerate(bands)}}).all()


INSERT_ARTICLE = insert(articles)  # one statement object: SQLAlchemy then computes its cache key once
INSERT_ARTICLE_WITH_ID = insert(articles)  # (the same, given the id: SQLAlchemy keys its compiled forms apart)


def store_report(conn: Connection, report: Report, sig: Signature | None, threshold: float,
                 reconciler: Reconciler, origin: str | None = None,
                 known: dict[str, LedgerEvent] | None = None,
                 tallies: dict[int, IncidentTally] | None = None,
                 members: dict[int, list[LedgerEvent]] | None = None) -> int | None:
    """Store one report; returns the new article's row id, or None when its text is already stored.
    ``known``: a cache of stored events already decoded, kept by the caller between articles; ``tallies``:
    the incidents' running summaries, likewise (see :func:`_reconcile`); ``members``: the incidents'
    members as last stored (see :func:`_candidates`). A caller whose transaction rolls back must clear
    all three: they may hold what the database lost.

    Round trips (what PostgreSQL's cost is made of): the lookup, the article row, one batch of bands,
    claims, places and events, the candidate incidents, the new incidents, one batch of memberships and
    summaries, and the commit.
    """
    art = report.article
    digest = content_hash(art.text)
    rows = _lookup(conn, digest, art.id, sig)
    seen = [r for r in rows if r.lsh == 0]
    if any(r.content_hash == digest for r in seen):
        return None
    new_id = next((r.id for r in rows if r.lsh == 2), None)  # PostgreSQL: the id its row will have
    # Claim and event ids hash the article id and a span: they can only collide with stored ones when
    # another text came under the same external id, and only then are they looked up before inserting.
    fresh_ids = not seen
    syndicate = (best_syndicate([(r.id, r.syndicate, r.minhash) for r in rows if r.lsh == 1], sig, threshold)
                 if sig else None) or art.id
    row = dict(content_hash=digest, external_id=art.id, source=art.source, url=art.url, title=art.title,
               published=art.published, fetched=datetime.now(UTC), origin=origin or art.origin, text=art.text,
               syndicate=syndicate, minhash=sig.to_bytes() if sig else None, meta=art.to_dict())
    pk = new_id if new_id is not None else conn.execute(INSERT_ARTICLE, row).inserted_primary_key[0]
    # The reconciler's order (placed events before blanket ones); ``ordinal`` keeps it, so members load
    # in the order they were assigned, as the in-memory reconcile_all holds them.
    ledger_events = reconciler.order(events_from_report(report, syndicate, reconciler.settings))
    # Under a reused external id the inserts first look up the stored ids: a query cannot join the batch
    # (see below), so that rare path goes statement by statement.
    with batched(conn) if fresh_ids else nullcontext():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(GENERIC_PLANS)
        if new_id is not None:
            conn.execute(INSERT_ARTICLE_WITH_ID, {"id": new_id, **row})
        if sig:
            insert_rows(conn, article_bands, band_rows(pk, sig))
        _store_claims(conn, report, pk, fresh_ids, ledger_events)
        _store_events(conn, report, ledger_events, pk, reconciler, fresh_ids)
        # A query cannot join the batch through SQLAlchemy (it reads a result's columns as soon as it is
        # executed), but PostgreSQL's candidate query goes to the driver itself: it joins the batch, and
        # its rows are read once the batch is back, in the same round trip.
        sent = _send_pg_candidates(conn, ledger_events, reconciler) if fresh_ids else None
    members = {} if members is None else members
    ledger_events, cache = _load_candidates(conn, ledger_events, reconciler, fresh_ids, known, members, sent)
    _reconcile(conn, ledger_events, cache, reconciler, tallies, members)
    if known is not None:  # what the database now holds, so that the next article meets the same objects
        known.update((le.id, le) for le in ledger_events)
    return int(pk)


def _store_claims(conn: Connection, report: Report, pk: int, fresh_ids: bool,
                  ledger_events: list[LedgerEvent]) -> None:
    rows = []
    published = report.article.published
    counts = Counter(le.claim_id for le in ledger_events)
    for c in report.claims:
        stated = c.stated.start if c.stated else None
        rows.append({
            "id": c.id, "article_id": pk, "text": c.text, "span_start": c.span[0], "span_end": c.span[1],
            "claimant": c.claimant.name, "claimant_kind": c.claimant.kind, "claimant_side": c.claimant.side,
            "claimant_role": c.claimant.role, "cue": c.cue, "direct_quote": c.direct_quote,
            "stated": stated, "dated": stated or published, "event_count": counts.get(c.id, 0),
            "record": c.to_dict(),
        })
    _insert_new(conn, claims, rows, fresh_ids)
    if rows and conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO claims_fts (claim_id, text, claimant) VALUES (?, ?, ?)",
                             [(r["id"], r["text"], r["claimant"]) for r in rows])


def _store_events(conn: Connection, report: Report, ledger_events: list[LedgerEvent], pk: int,
                  reconciler: Reconciler, fresh_ids: bool) -> None:
    by_id = {f"{c.id}:{i}": ev for c in report.claims for i, ev in enumerate(c.events)}
    event_rows, place_rows, link_rows = [], {}, []
    for ordinal, le in enumerate(ledger_events):
        event_rows.append({
            "id": le.id, "claim_id": le.claim_id, "article_id": pk, "position": int(le.id.rsplit(":", 1)[1]),
            "ordinal": ordinal, "type": le.type, "family": reconciler.family(le.type), "polarity": le.polarity,
            "actor_side": le.actor_side, "claimant_side": le.claimant_side, "place": le.place,
            "place_key": place_key(le.place), "lat": le.lat, "lon": le.lon, "admin1": le.admin1,
            "precision": le.precision, "start": le.start, "end": le.end, "stated": le.stated,
            "value": le.value, "unit": le.unit, "kind": le.kind, "record": event_record(le),
        })
        for n, p in enumerate(by_id[le.id].places):
            pid = _place_id(p)
            place_rows[pid] = {"id": pid, "name": p.name or p.text, "key": place_key(p.name or p.text) or "",
                               "lat": p.lat, "lon": p.lon, "admin1": p.admin1, "country": p.country,
                               "feature": p.feature}
            link_rows.append({"event_id": le.id, "position": n, "place_id": pid,
                              "key": place_key(p.name or p.text) or "", "text_key": place_key(p.text) or "",
                              "precision": p.precision, "start": le.start, "end": le.end})
    if place_rows:  # places are shared by articles: stored once, whoever names them first
        if conn.dialect.name == "postgresql":
            insert_rows(conn, places, list(place_rows.values()), keep_stored=True)
        else:
            conn.execute(UPSERT_PLACES, list(place_rows.values()))
    _insert_new(conn, events, event_rows, fresh_ids)
    _insert_new(conn, event_places, link_rows, fresh_ids)
    if not fresh_ids and event_rows:  # a stored claim may have gained events from another text under its id
        mine = claims.c.id.in_(list({r["claim_id"] for r in event_rows}))
        conn.execute(update(claims).where(mine).values(event_count=select(func.count()).where(
            events.c.claim_id == claims.c.id).scalar_subquery()))


class _unindexed(FunctionElement[Any]):
    """A column that SQLite's planner may not use an index for (``+column``); itself elsewhere."""

    inherit_cache = True
    type = Date()


@compiles(_unindexed)
def _unindexed_default(element: _unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_unindexed, "sqlite")
def _unindexed_sqlite(element: _unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


@lru_cache(maxsize=64)
def _candidate_statement(placed: int, anywhere: int) -> Any:
    """Members of every incident with a member that may share an incident with one of the events.

    The reconciler's window gives each event's family, period and, for a point, its box. Places are then
    narrowed by its matching rules instead of taking every member of the family when the box is
    unbounded: across articles a coarser event only joins by name (a region by its admin1, a blanket
    claim by the same wording). Events of the article being stored are not in the memberships yet;
    ``_reconcile`` keeps the incidents they joined as candidates itself. ``test_ledger_corpus`` checks the
    store against the in-memory ``reconcile_all`` so the two cannot drift apart unnoticed.

    One statement for all of an article's events (one round trip), of one shape per number of events
    (``placed`` events, then ``anywhere`` events of a placeless family such as supply, whose members in
    the period are all candidates), so SQLAlchemy compiles few statements: an event without a box or dates
    binds bounds that leave its box empty and its dates open (see :func:`_candidate_params`), and an
    article's events are padded to one of ``CANDIDATE_SIZES``. Built per shape of every event, the
    statements were compiled again for one article in seven, a tenth of the store's CPU.
    """
    e = events.c
    per_event = []
    for i in range(placed + anywhere):
        family = e.family == bindparam(f"family{i}")
        w_start, w_end = bindparam(f"w_start{i}", type_=Date), bindparam(f"w_end{i}", type_=Date)
        # A member's dates overlap the window, or it has none. Split in two terms so that each is an index
        # range: (family, branch column, end >= window start) and (family, branch column, end IS NULL).
        # The start column is kept out of SQLite's index choice in the dated term (``_unindexed``): without
        # statistics SQLite priced (family, column, start <= window end), every dated member that began
        # before the window closed, like the end range, and often took it: a scan that grew with the ledger.
        # News comes in the order things happen, so the members ending after the window opens are few.
        # Undated members have neither start nor end: ``end IS NULL`` is their index probe (migration 0006).
        start = e.start if i >= placed else _unindexed(e.start)  # a placeless family's range: (family, start)
        dates = [and_(start.is_not(None), start <= w_end, e.end >= w_start), and_(e.end.is_(None), e.start.is_(None))]
        box = and_(e.lat.between(bindparam(f"min_lat{i}"), bindparam(f"max_lat{i}")),
                   e.lon.between(bindparam(f"min_lon{i}"), bindparam(f"max_lon{i}")))
        where = [e.place_key == bindparam(f"key{i}"), e.admin1 == bindparam(f"admin{i}"), box]
        terms = [and_(family, d) for d in dates] if i >= placed else [and_(family, w, d) for w in where for d in dates]
        # one flat OR of conjunctions, each led by indexed columns (migration 0007), so that both databases
        # answer it as a union of index ranges instead of scanning every event of the family
        per_event += terms
    # Each matching event's incident, then each candidate with its number of members (the caller holds most
    # candidates' members already, ``members``, and reads only the others', ``MEMBERS``). Both as correlated
    # lookups, one index probe per row: as joins, PostgreSQL's planner (its estimate of the OR's rows tens
    # of times too high) hashed the whole members table twice per article, a cost growing with the ledger.
    mine, theirs = incident_members.alias("mine"), incident_members.alias("theirs")
    member_of = select(mine.c.incident_id).where(mine.c.event_id == e.id).scalar_subquery()
    found = select(member_of.label("iid")).where(or_(*per_event)).distinct().subquery("found")
    size = select(func.count()).where(theirs.c.incident_id == found.c.iid).scalar_subquery()
    return select(found.c.iid, size).where(found.c.iid.is_not(None))


# Members of some incidents, each incident's in ingestion order; the record as text: the caller decodes
# only the members it has not met before.
MEMBERS = (select(incident_members.c.incident_id, events.c.id, cast(events.c.record, Text))
           .join(events, events.c.id == incident_members.c.event_id)
           .where(incident_members.c.incident_id.in_(bindparam("ids", expanding=True)))
           .order_by(incident_members.c.incident_id, events.c.article_id, events.c.ordinal))


CANDIDATE_CHUNK = 50  # events per candidate query: at most 300 OR terms, well inside SQLite's depth limit
CANDIDATE_SIZES = (1, 2, 4, 8, 16, 32, CANDIDATE_CHUNK)  # statement sizes, each kind of event padded up to one
NO_BOX = {"min_lat": 1.0, "max_lat": 0.0, "min_lon": 1.0, "max_lon": 0.0}  # an empty box: BETWEEN 1 AND 0


def _padded(n: int) -> int:
    return next((size for size in CANDIDATE_SIZES if size >= n), n) if n else 0


def _candidate_params(pairs: list[tuple[LedgerEvent, Window]]) -> tuple[tuple[int, int], dict[str, Any]]:
    """The statement's shape (see :func:`_candidate_statement`) and bound parameters for some events.

    Without a box, an event binds an empty one; without dates, the widest (every stored event with a start
    has an end, so this finds every dated member, as no date condition would). Padding repeats the last
    event of each kind: the same terms twice find the same rows.
    """
    placed = [p for p in pairs if not p[1].anywhere]
    anywhere = [p for p in pairs if p[1].anywhere]
    shape = (_padded(len(placed)), _padded(len(anywhere)))
    params: dict[str, Any] = {}
    slots = [*(placed[min(k, len(placed) - 1)] for k in range(shape[0])),
             *(anywhere[min(k, len(anywhere) - 1)] for k in range(shape[1]))]
    for i, (le, w) in enumerate(slots):
        box = None not in (w.min_lat, w.max_lat, w.min_lon, w.max_lon)
        # the window names the event's place and admin1 (and the store compares names as the reconciler does)
        params.update({f"family{i}": w.family, f"key{i}": place_key(w.place or le.place),
                       f"admin{i}": w.admin1 or le.admin1,
                       f"w_start{i}": w.start or date.min, f"w_end{i}": w.end or date.max})
        bounds = {"min_lat": w.min_lat, "max_lat": w.max_lat, "min_lon": w.min_lon, "max_lon": w.max_lon} \
            if box else NO_BOX
        params.update({f"{k}{i}": v for k, v in bounds.items()})
    return shape, params


def _pg_candidate_params(pairs: list[tuple[LedgerEvent, Window]]) -> dict[str, list[Any]]:
    """:func:`_candidate_params`'s values (empty boxes, open dates), one list per field of ``PG_CANDIDATES``."""
    cols: dict[str, list[Any]] = {k: [] for k in ("family", "key", "admin1", "w_start", "w_end", "min_lat", "max_lat",
                                                   "min_lon", "max_lon", "anywhere")}
    for le, w in pairs:
        box = None not in (w.min_lat, w.max_lat, w.min_lon, w.max_lon)
        bounds = (w.min_lat, w.max_lat, w.min_lon, w.max_lon) if box else tuple(NO_BOX.values())
        for k, v in zip(cols, (w.family, place_key(w.place or le.place), w.admin1 or le.admin1, w.start or date.min,
                               w.end or date.max, *bounds, w.anywhere), strict=True):
            cols[k].append(v)
    return cols


def _candidates(conn: Connection, pairs: list[tuple[LedgerEvent, Window]],
                known: dict[str, LedgerEvent] | None = None,
                members: dict[int, list[LedgerEvent]] | None = None, sent: Any = None) -> dict[int, list[LedgerEvent]]:
    """Candidate incidents (with all their members) for all the given events, in one query per 50 events,
    and one more for the members of those not in ``members``.

    ``known``: stored events already decoded (a stored event never changes), filled as members are met.
    ``members``: each incident's stored members as this process last saw them (kept by the caller between
    articles, filled here). A long-running incident (a front fought over for months) is a candidate for
    every article about it: decoding its members from JSON each time was most of the store's cost, and
    reading their rows again, once they were decoded, a fifth of it. Members are only ever added to an
    incident, so an incident whose stored count equals the held list's length holds those members (the
    caller forgets everything after a rollback, when the list may hold members the database lost).
    """
    known = {} if known is None else known
    members = {} if members is None else members
    counts: dict[int, int] = {}
    if conn.dialect.name == "postgresql":
        if sent is None:
            sent = conn.exec_driver_sql(PG_CANDIDATES, _pg_candidate_params(pairs))
        with closing(sent):
            counts.update((iid, n) for iid, n in sent.fetchall() if iid is not None)
    # SQLite refuses an expression tree deeper than 1,000, and a flat OR nests one level per term: a long
    # article (hundreds of events) is asked about in chunks, its answers merged
    for lo in range(0, len(pairs) if conn.dialect.name == "sqlite" else 0, CANDIDATE_CHUNK):
        shape, params = _candidate_params(pairs[lo:lo + CANDIDATE_CHUNK])
        counts.update((iid, n) for iid, n in conn.execute(_candidate_statement(*shape), params))
    out: dict[int, list[LedgerEvent]] = {}
    missing: list[int] = []
    for iid in sorted(counts):
        held = members.get(iid)
        if held is not None and len(held) == counts[iid]:
            out[iid] = held
        else:
            missing.append(iid)
    for lo in range(0, len(missing), 500):
        for iid, eid, record in conn.execute(MEMBERS, {"ids": missing[lo:lo + 500]}):
            le = known.get(eid)
            if le is None:
                le = known[eid] = event_from_record(json.loads(record))
            out.setdefault(iid, []).append(le)
        for iid in missing[lo:lo + 500]:
            members[iid] = out[iid]
    if len(known) > KNOWN_EVENTS_MAX:  # a bound on memory for very long ingests: start again
        known.clear()
    if len(members) > TALLIES_MAX:
        members.clear()
    return out


def load_members(conn: Connection, incident_ids: Sequence[int]) -> dict[int, list[LedgerEvent]]:
    """Members of the given incidents, each in ingestion order."""
    out: dict[int, list[LedgerEvent]] = {i: [] for i in incident_ids}
    if not incident_ids:
        return out
    rows = conn.execute(
        select(incident_members.c.incident_id, events.c.record)
        .join(events, events.c.id == incident_members.c.event_id)
        .where(incident_members.c.incident_id.in_(list(incident_ids)))
        .order_by(events.c.article_id, events.c.ordinal)
    ).all()
    for iid, record in rows:
        out[iid].append(event_from_record(record))
    return out


KNOWN_EVENTS_MAX = 500_000
TALLIES_MAX = 200_000

# Incidents opened while an article is stored get temporary ids above any real one (so the reconciler's
# lowest-id tie-break still prefers existing incidents, and earlier new ones) until one batch insert.
TEMP_ID_BASE = 1 << 60


def _send_pg_candidates(conn: Connection, ledger_events: list[LedgerEvent], reconciler: Reconciler) -> Any:
    """On PostgreSQL, send the candidate query of all the events (``PG_CANDIDATES``) without waiting for
    its rows: the driver's cursor, to pass to :func:`_candidates`. None elsewhere or without events."""
    if conn.dialect.name != "postgresql" or not ledger_events:
        return None
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(PG_CANDIDATES, _pg_candidate_params([(le, reconciler.window(le)) for le in ledger_events]))
    return cursor


def _load_candidates(conn: Connection, ledger_events: list[LedgerEvent], reconciler: Reconciler, fresh_ids: bool,
                     known: dict[str, LedgerEvent] | None = None,
                     members: dict[int, list[LedgerEvent]] | None = None, sent: Any = None,
                     ) -> tuple[list[LedgerEvent], dict[int, list[LedgerEvent]]]:
    """The events still to assign and the candidate incidents of all of them (``sent``: the candidate query
    of these very events, already sent by :func:`_send_pg_candidates`)."""
    if not fresh_ids:  # an event id repeated under one external id is in its incident already
        placed = set(conn.execute(select(incident_members.c.event_id)
                                  .where(incident_members.c.event_id.in_([le.id for le in ledger_events]))).scalars())
        ledger_events = [le for le in ledger_events if le.id not in placed]
    if not ledger_events:
        return [], {}
    return ledger_events, _candidates(conn, [(le, reconciler.window(le)) for le in ledger_events], known, members,
                                      sent)


def _reconcile(conn: Connection, ledger_events: list[LedgerEvent], cache: dict[int, list[LedgerEvent]],
               reconciler: Reconciler, tallies: dict[int, IncidentTally] | None = None,
               members: dict[int, list[LedgerEvent]] | None = None) -> None:
    """Assign the article's events (in the reconciler's order) and update the summaries of the incidents touched.

    ``cache`` holds the candidate incidents of all its events and stays in memory while the events are
    assigned (each sees the incidents the earlier ones joined or opened); new incidents are then inserted
    (their ids come back), and memberships and changed summaries written in one batch.

    ``tallies`` (kept by the caller between articles) holds each incident's running summary: an article
    adds only its own members' contribution to it, instead of comparing every pair of an incident of
    hundreds of members again. A tally is used only when it was built from exactly the stored members the
    query returned (same events, same order); anything else (another process's ingest, a transaction rolled
    back after the tally moved on) rebuilds it from the members, so it can never drift from the database.

    ``members`` (kept by the caller) receives the new incidents' members; the lists of the others are the
    ones in ``cache``, which grow here.
    """
    if not ledger_events:
        return
    tallies = {} if tallies is None else tallies
    stored: dict[int, int] = {}  # touched incident -> how many of its members were stored before this article
    assigned: list[tuple[str, int]] = []
    # An event is offered the candidates of its own family only: every member of an incident shares its
    # family (``matches`` requires it), and an article's candidates are those of all its events.
    by_family: dict[str, dict[int, list[LedgerEvent]]] = {}
    for iid, ms in cache.items():
        by_family.setdefault(reconciler.family(ms[0].type), {})[iid] = ms
    for le in ledger_events:
        pool = by_family.setdefault(reconciler.family(le.type), {})
        iid = reconciler.assign(le, pool)  # over-inclusion is harmless: assign decides
        if iid is None:
            iid = TEMP_ID_BASE + len(cache)
            cache[iid] = pool[iid] = []
        stored.setdefault(iid, len(cache[iid]))
        cache[iid].append(le)
        assigned.append((le.id, iid))

    def summary(iid: int) -> dict[str, Any]:
        members, k = cache[iid], stored[iid]
        tally = tallies.get(iid) if iid < TEMP_ID_BASE else None
        if tally is None or tally.members != members[:k]:  # (identical objects compare at C speed)
            tally = IncidentTally(reconciler).add(members[:k])
        tallies[iid] = tally.add(members[k:])
        return _incident_columns(tally.summary())

    now = datetime.now(UTC)
    new = [iid for iid in stored if iid >= TEMP_ID_BASE]
    old = [iid for iid in stored if iid < TEMP_ID_BASE]
    real: dict[int, int] = {}
    if conn.dialect.name == "postgresql":
        real = write_incidents(conn, [{**summary(iid), "updated": now} for iid in new],
                               [{"id": iid, **summary(iid), "updated": now} for iid in old], assigned, new)
    elif new:
        rows = [{**summary(iid), "updated": now} for iid in new]
        ids = conn.execute(insert(incidents).returning(incidents.c.id, sort_by_parameter_order=True), rows).scalars()
        real = dict(zip(new, ids, strict=True))
    if real:
        for temp, iid in real.items():
            tallies[iid] = tallies.pop(temp)
            if members is not None:
                members[iid] = cache[temp]
    if conn.dialect.name != "postgresql":
        insert_rows(conn, incident_members, [{"event_id": eid, "incident_id": real.get(iid, iid)}
                                             for eid, iid in assigned])
        if old:
            conn.execute(update(incidents).where(incidents.c.id == bindparam("iid")),
                         [{"iid": iid, **summary(iid), "updated": now} for iid in old])
    if len(tallies) > TALLIES_MAX:  # a bound on memory for very long ingests: start again
        tallies.clear()


def _incident_columns(summary: Any) -> dict[str, Any]:
    return {"family": summary.family, "place": summary.place, "lat": summary.lat, "lon": summary.lon,
            "start": summary.start, "end": summary.end, "corroboration": summary.corroboration,
            "contradicted": bool(summary.contradictions), "summary": summary.to_dict()}


def count_rows(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
